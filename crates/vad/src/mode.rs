//! The four webrtc-vad aggressiveness modes, by number or by name.

use remotemedia_audio::{AudioError, Result};
use webrtc_vad::VadMode;

/// How readily a frame is called speech: higher modes report speech less often (fewer false
/// alarms, more missed speech).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    #[default]
    Quality,
    LowBitrate,
    Aggressive,
    VeryAggressive,
}

impl Mode {
    pub const ALL: [Mode; 4] = [
        Mode::Quality,
        Mode::LowBitrate,
        Mode::Aggressive,
        Mode::VeryAggressive,
    ];

    /// Mode `0..=3`; anything else is `ERR_INVALID_PARAM`.
    pub fn from_index(index: u32) -> Result<Self> {
        Self::ALL.get(index as usize).copied().ok_or_else(|| {
            AudioError::invalid_param(format!(
                "mode must be 0-3 or one of 'quality', 'low-bitrate', 'aggressive', \
                 'very-aggressive', got {index}"
            ))
        })
    }

    pub const fn index(self) -> u32 {
        self as u32
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Mode::Quality => "quality",
            Mode::LowBitrate => "low-bitrate",
            Mode::Aggressive => "aggressive",
            Mode::VeryAggressive => "very-aggressive",
        }
    }

    /// Parses a name (`"aggressive"`) or a digit (`"2"`).
    pub fn parse(name: &str) -> Result<Self> {
        if let Ok(index) = name.parse::<u32>() {
            return Self::from_index(index);
        }
        Self::ALL
            .into_iter()
            .find(|m| m.as_str() == name)
            .ok_or_else(|| {
                AudioError::invalid_param(format!(
                    "mode must be 0-3 or one of 'quality', 'low-bitrate', 'aggressive', \
                     'very-aggressive', got '{name}'"
                ))
            })
    }

    pub(crate) fn to_webrtc(self) -> VadMode {
        match self {
            Mode::Quality => VadMode::Quality,
            Mode::LowBitrate => VadMode::LowBitrate,
            Mode::Aggressive => VadMode::Aggressive,
            Mode::VeryAggressive => VadMode::VeryAggressive,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use remotemedia_audio::ErrorCode;

    #[test]
    fn names_and_numbers_round_trip() {
        for m in Mode::ALL {
            assert_eq!(Mode::parse(m.as_str()).unwrap(), m);
            assert_eq!(Mode::from_index(m.index()).unwrap(), m);
            assert_eq!(Mode::parse(&m.index().to_string()).unwrap(), m);
        }
    }

    #[test]
    fn rejects_unknown_modes() {
        let err = Mode::from_index(4).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidParam);
        assert!(err.message.contains("got 4"));
        assert!(Mode::parse("loud").unwrap_err().message.contains("'loud'"));
    }
}
