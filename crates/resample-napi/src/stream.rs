//! The streaming resampler as a JS class. Every method writes into the caller's typed array and
//! returns how many samples it wrote, so per-frame calls allocate nothing.

use napi_derive::napi;
use remotemedia_audio::AudioError;
use remotemedia_napi_support::{OutF32, OutI16, Result, guard};
use remotemedia_resample::{Quality, Resampler};

#[derive(Debug)]
#[napi(js_name = "NativeResampler")]
pub struct NativeResampler {
    /// `None` once closed: the native buffers are freed at `close()`, not at garbage collection.
    inner: Option<Resampler>,
}

impl NativeResampler {
    fn open(&mut self) -> remotemedia_audio::Result<&mut Resampler> {
        self.inner
            .as_mut()
            .ok_or_else(|| AudioError::closed("Resampler"))
    }
}

#[napi]
impl NativeResampler {
    /// `quality`: `'fast' | 'balanced' | 'high' | 'max'`.
    #[napi(constructor, catch_unwind)]
    pub fn new(from: u32, to: u32, channels: u32, quality: String) -> Result<Self> {
        guard(|| {
            let quality: Quality = quality.parse()?;
            Ok(Self {
                inner: Some(Resampler::new(from, to, channels, quality)?),
            })
        })
    }

    /// Samples (not frames) written; `out` must hold `outputLength(input.length)`.
    #[napi(catch_unwind)]
    pub fn process(
        &mut self,
        input: &[f32],
        #[napi(ts_arg_type = "Float32Array")] out: OutF32,
    ) -> Result<u32> {
        guard(|| self.open()?.process_into(input, out).map(|n| n as u32))
    }

    #[napi(catch_unwind)]
    pub fn process_int16(
        &mut self,
        input: &[i16],
        #[napi(ts_arg_type = "Int16Array")] out: OutI16,
    ) -> Result<u32> {
        guard(|| self.open()?.process_i16_into(input, out).map(|n| n as u32))
    }

    #[napi(catch_unwind)]
    pub fn flush(&mut self, #[napi(ts_arg_type = "Float32Array")] out: OutF32) -> Result<u32> {
        guard(|| self.open()?.flush_into(out).map(|n| n as u32))
    }

    #[napi(catch_unwind)]
    pub fn flush_int16(&mut self, #[napi(ts_arg_type = "Int16Array")] out: OutI16) -> Result<u32> {
        guard(|| self.open()?.flush_i16_into(out).map(|n| n as u32))
    }

    /// Exactly how many samples the next `process` of `inputLength` samples writes.
    #[napi(catch_unwind)]
    pub fn output_length(&mut self, input_length: u32) -> Result<u32> {
        guard(|| Ok(self.open()?.output_len(input_length as usize) as u32))
    }

    /// Exactly how many samples `flush` writes.
    #[napi(catch_unwind)]
    pub fn flush_length(&mut self) -> Result<u32> {
        guard(|| Ok(self.open()?.flush_len() as u32))
    }

    /// Most output frames held back at any time (block being filled + filter half length).
    #[napi(getter, catch_unwind)]
    pub fn latency(&mut self) -> Result<u32> {
        guard(|| Ok(self.open()?.latency() as u32))
    }

    /// `[blockIn, blockOut]`: FFT block sizes in frames, to bound output sizes without a call.
    #[napi(getter, catch_unwind)]
    pub fn block_sizes(&mut self) -> Result<Vec<u32>> {
        guard(|| {
            let (i, o) = self.open()?.block_sizes();
            Ok(vec![i as u32, o as u32])
        })
    }
}

remotemedia_napi_support::reset_and_close!(NativeResampler);
