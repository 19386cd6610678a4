//! Channel layout conversions; each writes into the caller's typed array(s).

use napi_derive::napi;
use remotemedia_format::layout;
use remotemedia_napi_support::{OutF32, Result, guard};

#[napi(catch_unwind)]
pub fn interleave(
    planes: Vec<&[f32]>,
    #[napi(ts_arg_type = "Float32Array")] out: OutF32,
) -> Result<u32> {
    guard(|| layout::interleave(&planes, out).map(|n| n as u32))
}

#[napi(catch_unwind)]
pub fn deinterleave(
    input: &[f32],
    #[napi(ts_arg_type = "Float32Array[]")] mut planes: Vec<OutF32>,
) -> Result<u32> {
    guard(|| layout::deinterleave(input, &mut planes).map(|n| n as u32))
}

#[napi(catch_unwind)]
pub fn downmix(
    input: &[f32],
    channels: u32,
    #[napi(ts_arg_type = "Float32Array")] out: OutF32,
) -> Result<u32> {
    guard(|| layout::downmix(input, channels, out).map(|n| n as u32))
}

#[napi(catch_unwind)]
pub fn upmix(
    input: &[f32],
    channels: u32,
    #[napi(ts_arg_type = "Float32Array")] out: OutF32,
) -> Result<u32> {
    guard(|| layout::upmix(input, channels, out).map(|n| n as u32))
}

#[napi(catch_unwind)]
pub fn remap(
    input: &[f32],
    in_channels: u32,
    out_channels: u32,
    matrix: &[f32],
    #[napi(ts_arg_type = "Float32Array")] out: OutF32,
) -> Result<u32> {
    guard(|| layout::remap(input, in_channels, out_channels, matrix, out).map(|n| n as u32))
}
