//! One webrtc-vad (libfvad) instance at a native rate and a fixed frame length.

use std::fmt;

use webrtc_vad::{SampleRate, Vad as Fvad};

use crate::Mode;

/// webrtc-vad at one of its native rates. Not `Send` (it owns a C pointer): create it on the
/// thread that uses it.
pub struct Detector {
    fvad: Fvad,
    rate: u32,
    mode: Mode,
    frame_len: usize,
}

impl fmt::Debug for Detector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Detector")
            .field("rate", &self.rate)
            .field("mode", &self.mode)
            .field("frame_len", &self.frame_len)
            .finish()
    }
}

fn native_rate(rate: u32) -> SampleRate {
    match rate {
        8_000 => SampleRate::Rate8kHz,
        16_000 => SampleRate::Rate16kHz,
        32_000 => SampleRate::Rate32kHz,
        48_000 => SampleRate::Rate48kHz,
        other => unreachable!("{other} Hz is not a webrtc-vad rate; VadConfig picks one"),
    }
}

impl Detector {
    /// `rate` must be one of [`crate::NATIVE_RATES`] and `frame_ms` one of [`crate::FRAME_MS`]
    /// (checked by [`crate::VadConfig::validate`]).
    pub fn new(rate: u32, mode: Mode, frame_ms: u32) -> Self {
        let fvad = Fvad::new_with_rate_and_mode(native_rate(rate), mode.to_webrtc());
        Self {
            fvad,
            rate,
            mode,
            frame_len: (rate / 1000 * frame_ms) as usize,
        }
    }

    pub fn frame_len(&self) -> usize {
        self.frame_len
    }

    /// The decision for one frame of exactly `frame_len` samples.
    #[inline]
    pub fn is_speech(&mut self, frame: &[i16]) -> bool {
        debug_assert_eq!(frame.len(), self.frame_len);
        // The length is one webrtc-vad accepts by construction, so the error case cannot occur.
        // The frame always goes through webrtc-vad so its noise model keeps adapting.
        let speech = self.fvad.is_voice_segment(frame).unwrap_or(false);
        speech && !is_near_silent(frame)
    }

    /// Forgets the adaptive noise model, as a new stream needs.
    pub fn reset(&mut self) {
        // fvad_reset also restores the default rate and mode, so set ours again.
        self.fvad.reset();
        self.fvad.set_sample_rate(native_rate(self.rate));
        self.fvad.set_mode(self.mode.to_webrtc());
    }
}

/// Peak at or below which a frame is never speech: -66 dBFS, the level of dither and digital
/// silence. webrtc-vad calls the first ~200 ms of such near-silence speech while its noise model
/// adapts, which would open a false segment at the start of most recordings.
pub(crate) const SILENCE_PEAK: i16 = 16;

fn is_near_silent(frame: &[i16]) -> bool {
    frame
        .iter()
        .all(|&s| s.unsigned_abs() <= SILENCE_PEAK as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dither-level noise (+/-8 LSB): webrtc-vad alone calls the first frames of it speech.
    fn faint_noise(len: usize) -> Vec<i16> {
        let mut rng = fastrand::Rng::with_seed(3);
        (0..len).map(|_| rng.i16(-8..=8)).collect()
    }

    #[test]
    fn near_silence_is_never_speech() {
        let mut detector = Detector::new(16_000, Mode::Quality, 30);
        let noise = faint_noise(16_000);
        let speech_frames = noise
            .chunks_exact(detector.frame_len())
            .filter(|frame| detector.is_speech(frame))
            .count();
        assert_eq!(speech_frames, 0);
    }

    #[test]
    fn raw_webrtc_vad_does_call_faint_noise_speech_at_first() {
        // The reason for the gate: without it the first frames of faint noise are speech.
        let mut fvad = Fvad::new_with_rate_and_mode(native_rate(16_000), Mode::Quality.to_webrtc());
        let noise = faint_noise(16_000);
        let raw = noise
            .chunks_exact(480)
            .filter(|frame| fvad.is_voice_segment(frame).unwrap_or(false))
            .count();
        assert!(
            raw > 0,
            "webrtc-vad no longer flags faint noise; the gate may be unnecessary"
        );
    }

    #[test]
    fn a_frame_above_the_floor_is_not_gated() {
        let mut frame = vec![0i16; 480];
        frame[10] = SILENCE_PEAK + 1;
        assert!(!is_near_silent(&frame));
        frame[10] = SILENCE_PEAK;
        assert!(is_near_silent(&frame));
    }
}
