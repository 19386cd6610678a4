//! Node binding of `remotemedia-denoise`: the kit's generic binding (`kitMetadata`, `KitChain`)
//! for the crate's node set. No per-node code lives here.

// napi-derive registers exports only outside `cfg(test)`, so `clippy --all-targets` would call every
// export dead in the (never run) test build of this cdylib.
#![cfg_attr(test, allow(dead_code))]

remotemedia_node_kit_napi::export_node_set!(remotemedia_denoise::node_set());

/// Built only with the `test-panic` feature: proves a panic reaches JS as ERR_NATIVE_PANIC.
#[cfg(feature = "test-panic")]
#[napi_derive::napi(catch_unwind)]
pub fn test_panic(message: String) -> remotemedia_napi_support::Result<()> {
    remotemedia_napi_support::guard(|| panic!("{message}"))
}
