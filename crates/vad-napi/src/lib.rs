//! Node binding of `remotemedia-vad`: converts JS values to Rust slices and maps errors.
//! No logic lives here; see `crates/vad`.

// napi-derive registers exports only outside `cfg(test)`, so `clippy --all-targets` would call every
// export dead in the (never run) test build of this cdylib.
#![cfg_attr(test, allow(dead_code))]

mod oneshot;
mod options;
mod stream;
#[cfg(feature = "test-panic")]
mod test_panic;
