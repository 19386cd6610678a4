//! Which detector decides the frames: webrtc-vad (libfvad, a GMM on band energies) or Silero VAD
//! v6 (a small neural network, more accurate in noise, about 20x the cost).

use remotemedia_audio::{AudioError, Result};

/// The detector behind a [`crate::Vad`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Engine {
    #[default]
    Webrtc,
    Silero,
}

/// Silero's only frame length: 512 samples at 16 kHz, 256 at 8 kHz.
pub const SILERO_FRAME_MS: u32 = 32;
/// Speech starts at this probability (Silero's own default).
pub const DEFAULT_THRESHOLD: f32 = 0.5;
/// Silero's iterator ends speech this far below the threshold.
pub const NEG_THRESHOLD_GAP: f32 = 0.15;

impl Engine {
    pub const ALL: [Engine; 2] = [Engine::Webrtc, Engine::Silero];

    pub const fn as_str(self) -> &'static str {
        match self {
            Engine::Webrtc => "webrtc",
            Engine::Silero => "silero",
        }
    }

    pub fn parse(name: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|e| e.as_str() == name)
            .ok_or_else(|| {
                AudioError::invalid_param(format!(
                    "engine must be 'webrtc' or 'silero', got '{name}'"
                ))
            })
    }
}

/// Silero's default end-of-speech threshold for a start threshold.
pub fn default_neg_threshold(threshold: f32) -> f32 {
    (threshold - NEG_THRESHOLD_GAP).max(0.01)
}
