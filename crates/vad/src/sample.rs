//! The two input sample types, and conversion to the 16-bit PCM webrtc-vad takes.

use remotemedia_audio::{AudioError, Result};

/// Full scale of 16-bit PCM: `i16 / 32768` maps onto [-1, 1).
const SCALE: f32 = 32_768.0;

/// An input sample: `f32` in [-1, 1] (clipped beyond) or `i16` PCM.
pub trait Sample: Copy + Send + Sync + 'static {
    fn to_i16(self) -> i16;
    fn to_f32(self) -> f32;
    /// Errors when a sample cannot be converted (NaN); checked before anything is consumed.
    fn check(input: &[Self]) -> Result<()>;
    /// Calls `f` with `frame` as 16-bit PCM: in place for `i16`, converted into `scratch` for `f32`.
    fn with_pcm<R>(frame: &[Self], scratch: &mut [i16], f: impl FnOnce(&[i16]) -> R) -> R;
}

impl Sample for f32 {
    #[inline]
    fn to_i16(self) -> i16 {
        // Round half away from zero by adding a signed half and truncating: unlike `round()` this
        // needs no libm call, so the loop vectorizes. The cast saturates: out-of-range values clip.
        let y = self * SCALE;
        (y + 0.5f32.copysign(y)) as i16
    }

    #[inline]
    fn to_f32(self) -> f32 {
        self
    }

    #[inline]
    fn with_pcm<R>(frame: &[f32], scratch: &mut [i16], f: impl FnOnce(&[i16]) -> R) -> R {
        let pcm = &mut scratch[..frame.len()];
        for (d, s) in pcm.iter_mut().zip(frame) {
            *d = s.to_i16();
        }
        f(pcm)
    }

    fn check(input: &[f32]) -> Result<()> {
        // Branch-free scan first: the common (clean) case costs one pass with no early exits.
        if !input.iter().fold(false, |bad, v| bad | v.is_nan()) {
            return Ok(());
        }
        let i = input.iter().position(|v| v.is_nan()).unwrap_or_default();
        Err(AudioError::invalid_input(format!(
            "sample {i} is NaN; samples must be numbers (values beyond [-1, 1] are clipped). \
             Nothing was consumed: clean the input and call again"
        )))
    }
}

impl Sample for i16 {
    #[inline]
    fn to_i16(self) -> i16 {
        self
    }

    #[inline]
    fn to_f32(self) -> f32 {
        f32::from(self) / SCALE
    }

    #[inline]
    fn with_pcm<R>(frame: &[i16], _: &mut [i16], f: impl FnOnce(&[i16]) -> R) -> R {
        f(frame)
    }

    fn check(_: &[i16]) -> Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_to_pcm_rounds_and_clips() {
        let out: Vec<i16> = [
            0.0f32,
            0.5,
            -1.0,
            1.0,
            2.0,
            -3.0,
            f32::INFINITY,
            1.0 / 65_536.0,
        ]
        .iter()
        .map(|v| v.to_i16())
        .collect();
        assert_eq!(
            out,
            [0, 16_384, -32_768, 32_767, 32_767, -32_768, 32_767, 1]
        );
    }

    #[test]
    fn nan_is_reported_with_its_index() {
        let err = f32::check(&[0.0, 0.1, f32::NAN]).unwrap_err();
        assert!(err.message.starts_with("sample 2 is NaN"));
        assert!(f32::check(&[0.0, f32::INFINITY]).is_ok());
    }
}
