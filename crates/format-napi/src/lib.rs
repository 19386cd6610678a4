//! Node binding of `remotemedia-format`: converts JS values to Rust slices and maps errors.
//! No logic lives here; see `crates/format`.

// napi-derive registers exports only outside `cfg(test)`, so `clippy --all-targets` would call every
// export dead in the (never run) test build of this cdylib.
#![cfg_attr(test, allow(dead_code))]

mod layout;
mod sample;
#[cfg(feature = "test-panic")]
mod test_panic;
mod wav;

// The generic node binding (kitMetadata, KitChain): the FormatConverter node needs no code here.
remotemedia_node_kit_napi::export_node_set!(remotemedia_format::node_set());
