//! Whole-buffer resampling, sync and as an `AsyncTask` on the libuv pool.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use remotemedia_napi_support::{compute, guard, settle};
use remotemedia_resample::{Quality, resample as resample_all};

fn run(
    input: &[f32],
    from: u32,
    to: u32,
    channels: u32,
    quality: &str,
) -> remotemedia_audio::Result<Vec<f32>> {
    remotemedia_audio::catch_panic(|| {
        resample_all(input, from, to, channels, quality.parse::<Quality>()?)
    })
}

/// Resamples a whole interleaved buffer; blocks the event loop, so keep it for short buffers.
#[napi(catch_unwind)]
pub fn resample(
    input: &[f32],
    from: u32,
    to: u32,
    channels: u32,
    quality: String,
) -> remotemedia_napi_support::Result<Float32Array> {
    guard(|| run(input, from, to, channels, &quality)).map(Float32Array::new)
}

#[derive(Debug)]
pub struct ResampleTask {
    input: Vec<f32>,
    from: u32,
    to: u32,
    channels: u32,
    quality: String,
}

impl Task for ResampleTask {
    type Output = remotemedia_audio::Result<Vec<f32>>;
    type JsValue = Float32Array;

    fn compute(&mut self) -> Result<Self::Output> {
        compute(|| {
            run(
                &self.input,
                self.from,
                self.to,
                self.channels,
                &self.quality,
            )
        })
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Self::JsValue> {
        settle(&env, output).map(Float32Array::new)
    }
}

/// Like `resample` but runs on a worker thread; the input is copied first.
#[napi(catch_unwind, ts_return_type = "Promise<Float32Array>")]
pub fn resample_async(
    input: &[f32],
    from: u32,
    to: u32,
    channels: u32,
    quality: String,
) -> AsyncTask<ResampleTask> {
    AsyncTask::new(ResampleTask {
        input: input.to_vec(),
        from,
        to,
        channels,
        quality,
    })
}
