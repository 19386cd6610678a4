//! Shared by every `-napi` crate so each binding stays a thin layer of type conversion: one mapping
//! from [`AudioError`] to a JS error, and panic containment around every call into a pure crate.
//!
//! Errors cross as data: the JS error napi-rs throws carries the stable code in its `code`
//! property (napi-rs passes an error's status string to `napi_create_error` as the code), and the
//! message is the pure crate's message unchanged. `AsyncTask`s settle through [`settle`], which
//! builds the same coded error on the JS thread. The logic (panic capture, the code strings)
//! lives and is tested in `remotemedia-audio`; this crate links Node's symbols, so it has no test
//! binary of its own.

use napi::bindgen_prelude::JsObjectValue;
use napi::{Env, Error, JsValue, Status};
use remotemedia_audio::{AudioError, catch_panic};

/// The `code` of a JS error thrown from Rust: an [`remotemedia_audio::ErrorCode`] string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code(pub &'static str);

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.0
    }
}

/// What every export returns: an error thrown as a JS `Error` whose `code` is set.
pub type Result<T> = napi::Result<T, Code>;

/// Converts a pure-crate error into the coded JS error.
pub fn to_napi_error(err: AudioError) -> Error<Code> {
    Error::new(Code(err.code.as_str()), err.message)
}

/// Maps a pure-crate result into a napi result.
pub fn map<T>(result: remotemedia_audio::Result<T>) -> Result<T> {
    result.map_err(to_napi_error)
}

/// Runs `f` with panics contained and errors mapped. Use around every call into a pure crate;
/// `#[napi(catch_unwind)]` on the export stays as a second net for the conversion code.
pub fn guard<T>(f: impl FnOnce() -> remotemedia_audio::Result<T>) -> Result<T> {
    map(catch_panic(f))
}

/// For `Task::compute`: the pure call with panics contained. The error stays data until
/// [`settle`] turns it into a JS error on the JS thread (a task's own error type has no code).
pub fn compute<T>(
    f: impl FnOnce() -> remotemedia_audio::Result<T>,
) -> napi::Result<remotemedia_audio::Result<T>> {
    Ok(catch_panic(f))
}

/// For `Task::resolve`: the value, or the promise rejected with a JS error whose `code` is set.
pub fn settle<T>(env: &Env, result: remotemedia_audio::Result<T>) -> napi::Result<T> {
    result.map_err(|err| {
        let coded = env
            .create_error(Error::new(Status::GenericFailure, err.message))
            .and_then(|mut error| {
                error.set_named_property("code", err.code.as_str())?;
                Ok(Error::from(error.to_unknown()))
            });
        coded.unwrap_or_else(|failed| failed)
    })
}

/// Output typed arrays the caller owns, filled in place. These aliases make `#[napi]` convert the
/// argument as a plain mutable slice over the JS memory (no reference is created, nothing copied).
pub type OutF32<'a> = &'a mut [f32];
pub type OutI16<'a> = &'a mut [i16];
pub type OutI32<'a> = &'a mut [i32];
pub type OutU8<'a> = &'a mut [u8];
pub type OutF64<'a> = &'a mut [f64];

/// Declares `reset()` and `close()` on a `#[napi]` stream class, the same for every stream: its
/// native state is a field `inner: Option<T>` (`None` once closed, so `close()` frees it rather
/// than garbage collection) reached through `fn open(&mut self)`, and `T` has `fn reset(&mut self)`.
/// The calling crate depends on `napi-derive`.
#[macro_export]
macro_rules! reset_and_close {
    ($class:ident) => {
        #[::napi_derive::napi]
        impl $class {
            #[napi(catch_unwind)]
            pub fn reset(&mut self) -> $crate::Result<()> {
                $crate::guard(|| {
                    self.open()?.reset();
                    Ok(())
                })
            }

            /// Frees the native state; idempotent. Later calls fail with `ERR_CLOSED`.
            #[napi]
            pub fn close(&mut self) {
                self.inner = None;
            }
        }
    };
}
