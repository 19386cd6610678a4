//! One frame's verdict, and the detector behind it (either engine) seen through one interface.

use remotemedia_audio::Result;

use crate::detector::Detector;
use crate::silero_detector::SileroDetector;
use crate::{Engine, VadConfig};

/// A frame's decision and the engine's speech probability (webrtc-vad: 1 or 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    pub speech: bool,
    pub probability: f32,
}

#[derive(Debug)]
pub enum FrameDetector {
    Webrtc(Detector),
    Silero(Box<SileroDetector>),
}

impl FrameDetector {
    /// `config` must be valid. Silero fails when its model cannot be read.
    pub fn new(config: &VadConfig) -> Result<Self> {
        let rate = config.work_rate();
        Ok(match config.engine {
            Engine::Webrtc => Self::Webrtc(Detector::new(rate, config.mode, config.frame_ms)),
            Engine::Silero => Self::Silero(Box::new(SileroDetector::new(
                rate,
                config.threshold,
                config.neg_threshold,
            )?)),
        })
    }

    pub fn frame_len(&self) -> usize {
        match self {
            Self::Webrtc(d) => d.frame_len(),
            Self::Silero(d) => d.frame_len(),
        }
    }

    #[inline]
    pub fn decide(&mut self, frame: &[i16]) -> Decision {
        match self {
            Self::Webrtc(d) => {
                let speech = d.is_speech(frame);
                Decision {
                    speech,
                    probability: if speech { 1.0 } else { 0.0 },
                }
            }
            Self::Silero(d) => d.decide(frame),
        }
    }

    pub fn reset(&mut self) {
        match self {
            Self::Webrtc(d) => d.reset(),
            Self::Silero(d) => d.reset(),
        }
    }
}
