//! Node binding of `remotemedia-vad`: converts JS values to Rust slices and maps errors.
//! No logic lives here; see `crates/vad`.

// napi-derive registers exports only outside `cfg(test)`, so `clippy --all-targets` would call every
// export dead in the (never run) test build of this cdylib.
#![cfg_attr(test, allow(dead_code))]

mod model;
mod oneshot;
mod options;
mod stream;
#[cfg(feature = "test-panic")]
mod test_panic;

// The generic node binding (kitMetadata, KitChain): the VAD node needs no code here.
remotemedia_node_kit_napi::export_node_set!(remotemedia_vad::node_set());
