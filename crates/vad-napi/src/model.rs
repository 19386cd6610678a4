//! Where the Silero engine's weights are: the Node package ships them once, beside its JS, and
//! names the file here; the first Silero detector reads it.

use napi_derive::napi;

/// Names the Silero model file; nothing is read until a Silero engine is first created.
#[napi]
pub fn set_silero_model_file(path: String) {
    remotemedia_silero::set_model_file(path);
}
