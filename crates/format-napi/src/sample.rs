//! Sample-format conversions. Every function writes into the caller's typed array and returns how
//! many values it wrote: per-frame calls allocate nothing.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use remotemedia_format::{Dither, SampleFormat, sample};
use remotemedia_napi_support::{OutF32, OutI16, OutI32, OutU8, guard};

fn dither(enabled: bool, seed: Option<i64>) -> Option<Dither> {
    enabled.then(|| Dither::new(seed.map(|s| s as u64)))
}

#[napi(catch_unwind)]
pub fn s16_to_f32(input: &[i16], #[napi(ts_arg_type = "Float32Array")] out: OutF32) -> Result<u32> {
    guard(|| sample::s16_to_f32(input, out).map(|n| n as u32))
}

#[napi(catch_unwind)]
pub fn s32_to_f32(input: &[i32], #[napi(ts_arg_type = "Float32Array")] out: OutF32) -> Result<u32> {
    guard(|| sample::s32_to_f32(input, out).map(|n| n as u32))
}

/// Little-endian bytes (`u8`, `s16`, `s24` packed, `s32`) or G.711 codes (`mulaw`, `alaw`) to f32.
#[napi(catch_unwind)]
pub fn bytes_to_f32(
    input: &[u8],
    format: String,
    #[napi(ts_arg_type = "Float32Array")] out: OutF32,
) -> Result<u32> {
    guard(|| sample::bytes_to_f32(input, SampleFormat::parse(&format)?, out).map(|n| n as u32))
}

#[napi(catch_unwind)]
pub fn f32_to_s16(
    input: &[f32],
    #[napi(ts_arg_type = "Int16Array")] out: OutI16,
    dither_on: bool,
    seed: Option<i64>,
) -> Result<u32> {
    let mut d = dither(dither_on, seed);
    guard(|| sample::f32_to_s16(input, out, d.as_mut()).map(|n| n as u32))
}

#[napi(catch_unwind)]
pub fn f32_to_s32(
    input: &[f32],
    #[napi(ts_arg_type = "Int32Array")] out: OutI32,
    dither_on: bool,
    seed: Option<i64>,
) -> Result<u32> {
    let mut d = dither(dither_on, seed);
    guard(|| sample::f32_to_s32(input, out, d.as_mut()).map(|n| n as u32))
}

/// f32 to little-endian bytes or G.711 codes; returns the number of bytes written.
#[napi(catch_unwind)]
pub fn f32_to_bytes(
    input: &[f32],
    format: String,
    #[napi(ts_arg_type = "Uint8Array")] out: OutU8,
    dither_on: bool,
    seed: Option<i64>,
) -> Result<u32> {
    let mut d = dither(dither_on, seed);
    guard(|| {
        sample::f32_to_bytes(input, SampleFormat::parse(&format)?, out, d.as_mut())
            .map(|n| n as u32)
    })
}
