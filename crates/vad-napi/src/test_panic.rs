//! Built only with the `test-panic` feature: proves a Rust panic reaches JS as ERR_NATIVE_PANIC.

use napi_derive::napi;
use remotemedia_napi_support::{Result, guard};

#[napi(catch_unwind)]
pub fn test_panic(message: String) -> Result<()> {
    guard(|| panic!("{message}"))
}

/// Runs the Silero network (weights from `model_file`) on a window of the wrong length, which
/// panics inside inference.
#[napi(catch_unwind)]
pub fn test_panic_in_silero(model_file: String) -> Result<f64> {
    use remotemedia_silero::{Model, ModelRate, Silero};
    let model = Model::load(model_file.as_ref()).expect("the package's model file");
    guard(|| {
        Ok(f64::from(
            Silero::new(model.into(), ModelRate::Hz16000).predict(&[0.0; 3]),
        ))
    })
}
