//! Whole-buffer speech segments, sync and as an `AsyncTask` on the libuv pool.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use remotemedia_napi_support::{compute, map, settle};
use remotemedia_vad::{Sample, detect_segments};

use crate::options::{NativeSegment, NativeVadOptions};

fn run<T: Sample>(
    samples: &[T],
    options: &NativeVadOptions,
) -> remotemedia_audio::Result<Vec<NativeSegment>> {
    remotemedia_audio::catch_panic(|| {
        let segments = detect_segments(samples, options.config()?, options.segmenter())?;
        Ok(segments
            .into_iter()
            .map(|s| NativeSegment {
                start_ms: s.start_ms as f64,
                end_ms: s.end_ms as f64,
            })
            .collect())
    })
}

#[derive(Debug)]
pub enum OwnedSamples {
    F32(Vec<f32>),
    I16(Vec<i16>),
}

/// Owns a copy of the input; the detector (not `Send`) is created inside `compute`, on the
/// worker thread that uses it.
#[derive(Debug)]
pub struct DetectTask {
    samples: OwnedSamples,
    options: NativeVadOptions,
}

impl Task for DetectTask {
    type Output = remotemedia_audio::Result<Vec<NativeSegment>>;
    type JsValue = Vec<NativeSegment>;

    fn compute(&mut self) -> Result<Self::Output> {
        compute(|| match &self.samples {
            OwnedSamples::F32(s) => run(s, &self.options),
            OwnedSamples::I16(s) => run(s, &self.options),
        })
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Self::JsValue> {
        settle(&env, output)
    }
}

/// `detectSegmentsF32`/`detectSegmentsI16` and their `...Async` twins: one body per sample type
/// (a `#[napi]` function cannot be generic, so each type gets its own exports).
macro_rules! detect_exports {
    ($($name:ident, $async_name:ident: $sample:ident => $owned:ident);+) => {$(
        /// Speech segments of a whole typed array; blocks the event loop (about 0.1 ms per second
        /// of 16 kHz audio).
        #[napi(catch_unwind)]
        pub fn $name(
            samples: &[$sample],
            options: NativeVadOptions,
        ) -> remotemedia_napi_support::Result<Vec<NativeSegment>> {
            map(run(samples, &options))
        }

        /// Like the synchronous export on a worker thread; the input is copied first.
        #[napi(catch_unwind, ts_return_type = "Promise<Array<NativeSegment>>")]
        pub fn $async_name(samples: &[$sample], options: NativeVadOptions) -> AsyncTask<DetectTask> {
            AsyncTask::new(DetectTask {
                samples: OwnedSamples::$owned(samples.to_vec()),
                options,
            })
        }
    )+};
}

detect_exports! {
    detect_segments_f32, detect_segments_f32_async: f32 => F32;
    detect_segments_i16, detect_segments_i16_async: i16 => I16
}
