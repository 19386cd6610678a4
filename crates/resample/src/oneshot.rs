//! Whole-buffer resampling: one stream, started and flushed in one call.

use remotemedia_audio::Result;

use crate::{Quality, Resampler};

/// Resamples a whole interleaved buffer. The result has `round(frames * to / from)` frames and
/// equals what a [`Resampler`] fed the same audio in any chunks produces.
pub fn resample(
    input: &[f32],
    from: u32,
    to: u32,
    channels: u32,
    quality: Quality,
) -> Result<Vec<f32>> {
    let mut resampler = Resampler::new(from, to, channels, quality)?;
    // One frame over the exact `round(frames * to / from)`, so neither call below reallocates.
    let frames = (input.len() / resampler.channels()) as u64;
    let capacity = (frames * u64::from(to) / u64::from(from) + 1) as usize * resampler.channels();
    let mut out = Vec::with_capacity(capacity);
    resampler.process(input, &mut out)?;
    resampler.flush(&mut out);
    Ok(out)
}
