//! The streaming detector as a JS class. Decisions are written into the caller's Uint8Array and
//! the count returned, so per-frame calls allocate nothing.

use napi_derive::napi;
use remotemedia_audio::AudioError;
use remotemedia_napi_support::{OutF32, OutU8, Result, guard};
use remotemedia_vad::VadSession;

use crate::options::{NativeSegmentEvent, NativeVadOptions};

#[derive(Debug)]
#[napi(js_name = "NativeVad")]
pub struct NativeVad {
    /// `None` once closed: the detector is freed at `close()`, not at garbage collection.
    inner: Option<VadSession>,
}

impl NativeVad {
    fn open(&mut self) -> remotemedia_audio::Result<&mut VadSession> {
        self.inner.as_mut().ok_or_else(|| AudioError::closed("Vad"))
    }
}

#[napi]
impl NativeVad {
    #[napi(constructor, catch_unwind)]
    pub fn new(options: NativeVadOptions) -> Result<Self> {
        guard(|| {
            let segments = options.segments.then(|| options.segmenter());
            Ok(Self {
                inner: Some(VadSession::new(options.config()?, segments)?),
            })
        })
    }
}

/// `processF32` and `processI16`: one body for both sample types (a `#[napi]` method cannot be
/// generic, so each type gets its own export).
macro_rules! process_methods {
    ($($name:ident: $sample:ident),+) => {
        #[napi]
        impl NativeVad {
            $(
                /// Decisions written (1 = speech) with each frame's speech probability; both arrays
                /// must hold `framesReady(samples.length)`.
                #[napi(catch_unwind)]
                pub fn $name(
                    &mut self,
                    samples: &[$sample],
                    #[napi(ts_arg_type = "Uint8Array")] decisions: OutU8,
                    #[napi(ts_arg_type = "Float32Array")] probabilities: OutF32,
                ) -> Result<u32> {
                    guard(|| {
                        self.open()?
                            .process_scored_into(samples, decisions, Some(probabilities))
                            .map(|n| n as u32)
                    })
                }
            )+
        }
    };
}

process_methods!(process_f32: f32, process_i16: i16);

#[napi]
impl NativeVad {
    /// Exactly how many decisions the next process call of `inputLength` samples writes.
    #[napi(catch_unwind)]
    pub fn frames_ready(&mut self, input_length: u32) -> Result<u32> {
        guard(|| Ok(self.open()?.vad().frames_ready(input_length as usize) as u32))
    }

    /// Ends the stream; both arrays must hold `flushLength()`.
    #[napi(catch_unwind)]
    pub fn flush(
        &mut self,
        #[napi(ts_arg_type = "Uint8Array")] decisions: OutU8,
        #[napi(ts_arg_type = "Float32Array")] probabilities: OutF32,
    ) -> Result<u32> {
        guard(|| {
            self.open()?
                .flush_scored_into(decisions, Some(probabilities))
                .map(|n| n as u32)
        })
    }

    #[napi(catch_unwind)]
    pub fn flush_length(&mut self) -> Result<u32> {
        guard(|| Ok(self.open()?.vad().flush_len() as u32))
    }

    /// Segment events waiting to be taken.
    #[napi(getter, catch_unwind)]
    pub fn pending_events(&mut self) -> Result<u32> {
        guard(|| Ok(self.open()?.pending_events() as u32))
    }

    #[napi(catch_unwind)]
    pub fn take_events(&mut self) -> Result<Vec<NativeSegmentEvent>> {
        guard(|| {
            Ok(self
                .open()?
                .take_events()
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Most input time (ms) held back by internal resampling (0 at native rates).
    #[napi(getter, catch_unwind)]
    pub fn resampler_latency_ms(&mut self) -> Result<f64> {
        guard(|| Ok(self.open()?.vad().resampler_latency_ms()))
    }
}

remotemedia_napi_support::reset_and_close!(NativeVad);
