//! 16-bit PCM in and out, converted inside the resampler so callers holding Int16 data need no
//! float copy of their own. Scratch buffers are kept between calls: no allocation in steady state.

use remotemedia_audio::{Result, check_out_len};

use crate::Resampler;

/// Full scale of 16-bit PCM: `i16 / 32768` maps onto [-1, 1).
const SCALE: f32 = 32_768.0;

fn to_i16(v: f32) -> i16 {
    // Rounds to nearest; the cast saturates, so overshoot from the filter clips instead of wrapping.
    (v * SCALE).round() as i16
}

/// Converts 16-bit input into the scratch, resamples, converts back (round to nearest, clipped,
/// no dither).
#[derive(Debug, Default)]
pub(crate) struct Int16Scratch {
    input: Vec<f32>,
    output: Vec<f32>,
}

impl Resampler {
    /// Like [`Resampler::process_into`] for 16-bit PCM. Returns the number of samples written.
    pub fn process_i16_into(&mut self, input: &[i16], out: &mut [i16]) -> Result<usize> {
        remotemedia_audio::validate_interleaved(input.len(), self.channels() as u32)?;
        check_out_len("out", out.len(), self.output_len(input.len()))?;
        let mut scratch = std::mem::take(&mut self.int16);
        scratch.input.clear();
        scratch
            .input
            .extend(input.iter().map(|v| f32::from(*v) / SCALE));
        scratch.output.clear();
        let result = self.process(&scratch.input, &mut scratch.output);
        for (d, s) in out.iter_mut().zip(&scratch.output) {
            *d = to_i16(*s);
        }
        self.int16 = scratch;
        result
    }

    /// Like [`Resampler::flush_into`] for 16-bit PCM.
    pub fn flush_i16_into(&mut self, out: &mut [i16]) -> Result<usize> {
        check_out_len("out", out.len(), self.flush_len())?;
        let mut scratch = std::mem::take(&mut self.int16);
        scratch.output.clear();
        let written = self.flush(&mut scratch.output);
        for (d, s) in out.iter_mut().zip(&scratch.output) {
            *d = to_i16(*s);
        }
        self.int16 = scratch;
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Quality, Resampler, resample};

    #[test]
    fn int16_matches_the_float_path_rounded_and_clips() {
        let input: Vec<i16> = (0..4_800)
            .map(|n| ((n as f32 * 0.05).sin() * 30_000.0) as i16)
            .collect();
        let floats: Vec<f32> = input.iter().map(|v| f32::from(*v) / 32_768.0).collect();
        let expected = resample(&floats, 48_000, 16_000, 1, Quality::High).unwrap();
        let mut r = Resampler::new(48_000, 16_000, 1, Quality::High).unwrap();
        let mut out = vec![0i16; 2_000];
        let mut got = Vec::new();
        for chunk in input.chunks(480) {
            let n = r.process_i16_into(chunk, &mut out).unwrap();
            got.extend_from_slice(&out[..n]);
        }
        let n = r.flush_i16_into(&mut out).unwrap();
        got.extend_from_slice(&out[..n]);
        assert_eq!(got.len(), expected.len());
        for (g, e) in got.iter().zip(&expected) {
            assert_eq!(*g, (e * 32_768.0).round().clamp(-32_768.0, 32_767.0) as i16);
        }
        assert_eq!(super::to_i16(1.5), i16::MAX);
        assert_eq!(super::to_i16(-1.5), i16::MIN);
    }
}
