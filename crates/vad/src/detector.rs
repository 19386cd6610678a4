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
        self.fvad.is_voice_segment(frame).unwrap_or(false)
    }

    /// Forgets the adaptive noise model, as a new stream needs.
    pub fn reset(&mut self) {
        // fvad_reset also restores the default rate and mode, so set ours again.
        self.fvad.reset();
        self.fvad.set_sample_rate(native_rate(self.rate));
        self.fvad.set_mode(self.mode.to_webrtc());
    }
}
