//! Built only with the `test-panic` feature: proves a Rust panic reaches JS as ERR_NATIVE_PANIC.

use napi_derive::napi;
use remotemedia_napi_support::{Result, guard};

#[napi(catch_unwind)]
pub fn test_panic(message: String) -> Result<()> {
    guard(|| panic!("{message}"))
}
