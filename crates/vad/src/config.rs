//! Detector settings, their validation, and the rate the detector works at.

use remotemedia_audio::{AudioError, Result, validate_channels};

use crate::engine::{DEFAULT_THRESHOLD, SILERO_FRAME_MS, default_neg_threshold};
use crate::{Engine, Mode};

/// Rates webrtc-vad takes directly; any other input rate is resampled to one of them.
pub const NATIVE_RATES: [u32; 4] = [8_000, 16_000, 32_000, 48_000];
/// Frame lengths webrtc-vad accepts, in milliseconds.
pub const FRAME_MS: [u32; 3] = [10, 20, 30];
/// Input rates outside this range are refused (the resampler's limits).
const MIN_RATE: u32 = remotemedia_resample::MIN_RATE;
const MAX_RATE: u32 = remotemedia_resample::MAX_RATE;

/// What the detector is fed and how it decides.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VadConfig {
    /// Input sample rate in Hz (any rate from 8,000 to 384,000).
    pub sample_rate: u32,
    /// Interleaved input channels; more than one are averaged to mono.
    pub channels: u32,
    pub engine: Engine,
    /// webrtc-vad's aggressiveness (ignored by Silero).
    pub mode: Mode,
    /// Decision frame length: 10, 20 or 30 ms for webrtc-vad, 32 for Silero.
    pub frame_ms: u32,
    /// Silero: a frame at or above this speech probability starts speech.
    pub threshold: f32,
    /// Silero: once in speech, frames stay speech until the probability drops below this.
    pub neg_threshold: f32,
}

impl VadConfig {
    pub fn new(sample_rate: u32) -> Self {
        Self {
            sample_rate,
            channels: 1,
            engine: Engine::Webrtc,
            mode: Mode::default(),
            frame_ms: 30,
            threshold: DEFAULT_THRESHOLD,
            neg_threshold: default_neg_threshold(DEFAULT_THRESHOLD),
        }
    }

    /// Silero at `sample_rate` with its default thresholds and 32 ms frames.
    pub fn silero(sample_rate: u32) -> Self {
        Self {
            engine: Engine::Silero,
            frame_ms: SILERO_FRAME_MS,
            ..Self::new(sample_rate)
        }
    }

    pub fn validate(&self) -> Result<()> {
        if !(MIN_RATE..=MAX_RATE).contains(&self.sample_rate) {
            return Err(AudioError::invalid_param(format!(
                "sampleRate must be an integer from {MIN_RATE} to {MAX_RATE} Hz, got {}",
                self.sample_rate
            )));
        }
        match self.engine {
            Engine::Webrtc if !FRAME_MS.contains(&self.frame_ms) => {
                return Err(AudioError::invalid_param(format!(
                    "frameMs must be 10, 20 or 30 with engine 'webrtc' (the frame lengths webrtc-vad supports), got {}",
                    self.frame_ms
                )));
            }
            Engine::Silero if self.frame_ms != SILERO_FRAME_MS => {
                return Err(AudioError::invalid_param(format!(
                    "frameMs must be {SILERO_FRAME_MS} with engine 'silero' (the model's window), got {}",
                    self.frame_ms
                )));
            }
            _ => {}
        }
        if !(self.threshold > 0.0 && self.threshold < 1.0) {
            return Err(AudioError::invalid_param(format!(
                "threshold must be a probability between 0 and 1 (exclusive), got {}",
                self.threshold
            )));
        }
        if !(self.neg_threshold >= 0.0 && self.neg_threshold <= self.threshold) {
            return Err(AudioError::invalid_param(format!(
                "negThreshold must be from 0 to threshold ({}), got {}",
                self.threshold, self.neg_threshold
            )));
        }
        validate_channels(self.channels)?;
        Ok(())
    }

    /// The rate the detector runs at. Native rates go straight in. Others are resampled to
    /// 16 kHz (8 kHz below 16 kHz): webrtc-vad analyses the band below 4 kHz whatever its input
    /// rate, so a higher working rate would only cost time.
    /// Silero has an 8 kHz and a 16 kHz network; every other rate is resampled to 16 kHz.
    pub fn work_rate(&self) -> u32 {
        if self.engine == Engine::Silero {
            return if self.sample_rate == 8_000 {
                8_000
            } else {
                16_000
            };
        }
        if NATIVE_RATES.contains(&self.sample_rate) {
            self.sample_rate
        } else if self.sample_rate < 16_000 {
            8_000
        } else {
            16_000
        }
    }

    pub fn needs_resampling(&self) -> bool {
        self.work_rate() != self.sample_rate
    }

    /// Samples in one decision frame at the working rate.
    pub fn frame_len(&self) -> usize {
        (self.work_rate() / 1000 * self.frame_ms) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use remotemedia_audio::ErrorCode;

    #[test]
    fn picks_the_working_rate() {
        for rate in NATIVE_RATES {
            assert_eq!(VadConfig::new(rate).work_rate(), rate);
        }
        assert_eq!(VadConfig::new(44_100).work_rate(), 16_000);
        assert_eq!(VadConfig::new(96_000).work_rate(), 16_000);
        assert_eq!(VadConfig::new(11_025).work_rate(), 8_000);
        assert_eq!(VadConfig::new(44_100).frame_len(), 480);
        assert_eq!(VadConfig::silero(8_000).frame_len(), 256);
        assert_eq!(VadConfig::silero(48_000).work_rate(), 16_000);
        assert_eq!(VadConfig::silero(11_025).frame_len(), 512);
    }

    #[test]
    fn rejects_bad_settings_naming_the_field() {
        let cases = [
            (
                VadConfig {
                    sample_rate: 0,
                    ..VadConfig::new(0)
                },
                "sampleRate",
            ),
            (
                VadConfig {
                    frame_ms: 25,
                    ..VadConfig::new(16_000)
                },
                "frameMs",
            ),
            (
                VadConfig {
                    channels: 0,
                    ..VadConfig::new(16_000)
                },
                "channels",
            ),
            (
                VadConfig {
                    frame_ms: 30,
                    ..VadConfig::silero(16_000)
                },
                "frameMs",
            ),
            (
                VadConfig {
                    threshold: 1.0,
                    ..VadConfig::silero(16_000)
                },
                "threshold",
            ),
            (
                VadConfig {
                    neg_threshold: 0.6,
                    ..VadConfig::silero(16_000)
                },
                "negThreshold",
            ),
        ];
        for (config, field) in cases {
            let err = config.validate().unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidParam);
            assert!(err.message.contains(field), "{}", err.message);
        }
    }
}
