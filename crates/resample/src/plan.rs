//! Works out the FFT block sizes for a rate pair and a preset.

use remotemedia_audio::{AudioError, Result};

use crate::quality::{Precision, Preset};

/// Lowest and highest sample rate accepted, in Hz.
pub const MIN_RATE: u32 = 8_000;
pub const MAX_RATE: u32 = 384_000;

/// Most memory one resampler may hold, in bytes. Rates with a small common factor need long FFT
/// blocks (383,999 to 384,000 Hz: 768,000 frames), and everything the engine holds grows with the
/// block and the channel count: 64 such channels would take 2.7 GiB for a few bytes of params.
pub const MAX_RESAMPLER_BYTES: usize = 256 << 20;

/// Samples the engine holds per frame of `block_in + block_out`: the filter, FFT plans and
/// scratch (shared by the channels), then each channel's queues, spectra and overlap. Measured
/// with a counting allocator, rounded up (`tests/memory.rs` keeps the estimate an upper bound).
const SHARED_SAMPLES_PER_FRAME: usize = 12;
const CHANNEL_SAMPLES_PER_FRAME: usize = 4;

/// FFT block lengths (input and output side) used by one resampler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockPlan {
    pub block_in: usize,
    pub block_out: usize,
}

impl BlockPlan {
    /// Block sizes are whole multiples of the smallest block the ratio allows. The multiple is
    /// even so both halves are whole frames: the filter is centred on `block_in / 2` input frames,
    /// which is then exactly `block_out / 2` output frames, the delay we cut off.
    pub fn new(from: u32, to: u32, preset: &Preset) -> Self {
        let g = gcd(from, to);
        let (min_in, min_out) = ((from / g) as usize, (to / g) as usize);
        // `min_in` and `min_out` are coprime, so one is odd: only an even multiple makes both even.
        let mut multiple = preset.block.div_ceil(min_in.min(min_out)).max(1);
        multiple += multiple % 2;
        Self {
            block_in: multiple * min_in,
            block_out: multiple * min_out,
        }
    }
}

impl BlockPlan {
    /// An upper bound on the bytes a resampler with this plan holds for `channels` channels.
    pub fn bytes(&self, channels: usize, precision: Precision) -> usize {
        let sample = match precision {
            Precision::F32 => size_of::<f32>(),
            Precision::F64 => size_of::<f64>(),
        };
        let per_frame = SHARED_SAMPLES_PER_FRAME + CHANNEL_SAMPLES_PER_FRAME * channels;
        (self.block_in + self.block_out) * per_frame * sample
    }

    /// Refuses a plan whose resampler would hold more than [`MAX_RESAMPLER_BYTES`], before any of
    /// it is allocated.
    pub fn check_memory(
        &self,
        from: u32,
        to: u32,
        channels: usize,
        precision: Precision,
    ) -> Result<()> {
        let bytes = self.bytes(channels, precision);
        if bytes > MAX_RESAMPLER_BYTES {
            return Err(AudioError::invalid_param(format!(
                "resampling {from} Hz to {to} Hz needs FFT blocks of {} and {} frames, which for \
                 {channels} channel(s) would hold about {} MiB, over the {} MiB limit; use rates \
                 with a larger common factor, fewer channels or a lower quality",
                self.block_in,
                self.block_out,
                bytes >> 20,
                MAX_RESAMPLER_BYTES >> 20
            )));
        }
        Ok(())
    }
}

/// Checks one rate: an integer number of Hz within [`MIN_RATE`, `MAX_RATE`].
pub fn validate_rate(name: &str, rate: u32) -> Result<u32> {
    if !(MIN_RATE..=MAX_RATE).contains(&rate) {
        return Err(AudioError::invalid_param(format!(
            "{name} must be an integer sample rate between {MIN_RATE} and {MAX_RATE} Hz, got {rate}"
        )));
    }
    Ok(rate)
}

fn gcd(mut a: u32, mut b: u32) -> u32 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Quality;

    #[test]
    fn blocks_follow_the_rate_ratio_and_are_even() {
        let p = BlockPlan::new(48_000, 16_000, &Quality::High.preset());
        assert_eq!(p.block_in, 3 * p.block_out);
        let p = BlockPlan::new(44_100, 48_000, &Quality::High.preset());
        assert_eq!((p.block_in % 2, p.block_out % 2), (0, 0));
        assert_eq!(p.block_in * 48_000, p.block_out * 44_100);
        let p = BlockPlan::new(44_101, 16_000, &Quality::Fast.preset());
        assert_eq!((p.block_in, p.block_out), (2 * 44_101, 2 * 16_000));
        let up = BlockPlan::new(16_000, 48_000, &Quality::High.preset());
        let down = BlockPlan::new(48_000, 16_000, &Quality::High.preset());
        assert_eq!((up.block_in, up.block_out), (down.block_out, down.block_in));
    }

    #[test]
    fn rates_outside_the_range_are_rejected() {
        assert!(validate_rate("from", 7_999).is_err());
        assert!(validate_rate("from", 384_001).is_err());
        assert_eq!(validate_rate("to", 8_000).unwrap(), 8_000);
    }
}
