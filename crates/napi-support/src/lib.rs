//! Shared by every `-napi` crate so each binding stays a thin layer of type conversion: one mapping
//! from [`AudioError`] to a JS error, and panic containment around every call into a pure crate.
//!
//! Errors travel as `"ERR_CODE: message"` in the JS error message; the hand-written TS surface
//! (`fromNativeError` in `@remotemedia/errors`) turns that into `RemoteMediaError { code }`. One
//! encoding works the same for sync calls and for `AsyncTask`s. The logic (panic capture, the
//! code strings) lives and is tested in `remotemedia-audio`; this crate links Node's symbols, so it
//! has no test binary of its own.

use napi::{Error, Status};
use remotemedia_audio::{AudioError, catch_panic};

/// Converts a pure-crate error into the JS error our TS layer understands.
pub fn to_napi_error(err: AudioError) -> Error {
    Error::new(
        Status::GenericFailure,
        format!("{}: {}", err.code.as_str(), err.message),
    )
}

/// Maps a pure-crate result into a napi result.
pub fn map<T>(result: remotemedia_audio::Result<T>) -> napi::Result<T> {
    result.map_err(to_napi_error)
}

/// Runs `f` with panics contained and errors mapped. Use around every call into a pure crate;
/// `#[napi(catch_unwind)]` on the export stays as a second net for the conversion code.
pub fn guard<T>(f: impl FnOnce() -> remotemedia_audio::Result<T>) -> napi::Result<T> {
    map(catch_panic(f))
}

/// Output typed arrays the caller owns, filled in place. These aliases make `#[napi]` convert the
/// argument as a plain mutable slice over the JS memory (no reference is created, nothing copied).
pub type OutF32<'a> = &'a mut [f32];
pub type OutI16<'a> = &'a mut [i16];
pub type OutI32<'a> = &'a mut [i32];
pub type OutU8<'a> = &'a mut [u8];
pub type OutF64<'a> = &'a mut [f64];
