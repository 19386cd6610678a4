//! An owned block of interleaved f32 audio, and the checks every node applies to its input.

use crate::{AudioError, Result};

/// Upper bound on channels; more is treated as a caller bug rather than audio.
pub const MAX_CHANNELS: u32 = 64;

/// Interleaved 32-bit float samples with their rate and channel count.
#[derive(Debug, Clone, PartialEq)]
pub struct AudioBuffer {
    pub samples: Vec<f32>,
    pub sample_rate: u32,
    pub channels: u16,
}

impl AudioBuffer {
    /// Number of frames (samples per channel).
    pub fn frames(&self) -> usize {
        self.samples.len() / usize::from(self.channels.max(1))
    }
}

/// Checks a channel count: 1..=64.
pub fn validate_channels(channels: u32) -> Result<u16> {
    if channels == 0 || channels > MAX_CHANNELS {
        return Err(AudioError::invalid_param(format!(
            "channels must be between 1 and {MAX_CHANNELS}, got {channels}"
        )));
    }
    Ok(channels as u16)
}

/// Checks that an interleaved buffer of `len` samples holds whole frames of `channels`.
pub fn validate_interleaved(len: usize, channels: u32) -> Result<usize> {
    let ch = usize::from(validate_channels(channels)?);
    if !len.is_multiple_of(ch) {
        return Err(AudioError::invalid_input(format!(
            "interleaved buffer length {len} is not a multiple of {ch} channels"
        )));
    }
    Ok(len / ch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn channel_bounds() {
        assert_eq!(
            validate_channels(0).unwrap_err().code,
            ErrorCode::InvalidParam
        );
        assert_eq!(
            validate_channels(65).unwrap_err().code,
            ErrorCode::InvalidParam
        );
        assert_eq!(validate_channels(64).unwrap(), 64);
    }

    #[test]
    fn interleaved_must_hold_whole_frames() {
        assert_eq!(validate_interleaved(6, 2).unwrap(), 3);
        let err = validate_interleaved(7, 2).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(err.message.contains("not a multiple of 2"));
    }

    #[test]
    fn frames_counts_per_channel() {
        let b = AudioBuffer {
            samples: vec![0.0; 8],
            sample_rate: 16_000,
            channels: 2,
        };
        assert_eq!(b.frames(), 4);
    }
}

/// Checks that a caller-provided output buffer can hold `needed` values.
pub fn check_out_len(what: &str, have: usize, needed: usize) -> Result<()> {
    if have < needed {
        return Err(AudioError::invalid_input(format!(
            "{what} has room for {have} values but {needed} are needed; pass a larger buffer or none"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod out_len_tests {
    use super::*;

    #[test]
    fn out_len_check_says_what_to_do() {
        assert!(check_out_len("out", 10, 10).is_ok());
        let err = check_out_len("out", 5, 10).unwrap_err();
        assert!(err.message.contains("pass a larger buffer"));
    }
}
