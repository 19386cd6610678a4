//! Signal measurements shared by the quality tests, the tuning example and the benchmarks:
//! test tones and how close a resampled tone is to the ideal one.

use std::f64::consts::TAU;

/// `frames` frames of a sine of `freq` Hz at `rate` Hz with peak `amplitude`.
pub fn sine(freq: f64, rate: u32, frames: usize, amplitude: f64) -> Vec<f32> {
    (0..frames)
        .map(|n| (amplitude * (TAU * freq * n as f64 / f64::from(rate)).sin()) as f32)
        .collect()
}

/// Amplitude and the residual power of the best-fitting sine of `freq` Hz over `signal[range]`
/// (least squares on sine and cosine), so gain can be measured without knowing the phase.
pub fn fit_sine(signal: &[f32], rate: u32, freq: f64, range: std::ops::Range<usize>) -> (f64, f64) {
    let w = TAU * freq / f64::from(rate);
    let (mut ss, mut cc, mut sc, mut ys, mut yc) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for k in range.clone() {
        let (s, c, y) = (
            (w * k as f64).sin(),
            (w * k as f64).cos(),
            f64::from(signal[k]),
        );
        (ss, cc, sc, ys, yc) = (ss + s * s, cc + c * c, sc + s * c, ys + y * s, yc + y * c);
    }
    let det = ss * cc - sc * sc;
    let (a, b) = ((ys * cc - yc * sc) / det, (yc * ss - ys * sc) / det);
    let residual: f64 = range
        .clone()
        .map(|k| {
            let fit = a * (w * k as f64).sin() + b * (w * k as f64).cos();
            (f64::from(signal[k]) - fit).powi(2)
        })
        .sum::<f64>()
        / range.len() as f64;
    (a.hypot(b), residual)
}

/// Signal-to-noise ratio in dB of `signal[range]` against the ideal sine it should be, sampled
/// at `rate`: the phase is part of the ideal, so a misaligned output scores badly.
pub fn snr_db(
    signal: &[f32],
    rate: u32,
    freq: f64,
    amplitude: f64,
    range: std::ops::Range<usize>,
) -> f64 {
    let w = TAU * freq / f64::from(rate);
    let (mut power, mut noise) = (0.0, 0.0);
    for k in range {
        let ideal = amplitude * (w * k as f64).sin();
        power += ideal * ideal;
        noise += (f64::from(signal[k]) - ideal).powi(2);
    }
    10.0 * (power / noise.max(f64::MIN_POSITIVE)).log10()
}

/// Level of `signal[range]` in dB relative to a sine of peak `amplitude`.
pub fn level_db(signal: &[f32], amplitude: f64, range: std::ops::Range<usize>) -> f64 {
    let len = range.len() as f64;
    let power: f64 = signal[range]
        .iter()
        .map(|v| f64::from(*v).powi(2))
        .sum::<f64>()
        / len;
    10.0 * (power.max(f64::MIN_POSITIVE) / (amplitude * amplitude / 2.0)).log10()
}

/// Takes channel `channel` out of an interleaved buffer.
pub fn channel(interleaved: &[f32], channels: usize, channel: usize) -> Vec<f32> {
    interleaved
        .iter()
        .skip(channel)
        .step_by(channels)
        .copied()
        .collect()
}
