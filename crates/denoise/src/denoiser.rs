//! The streaming denoiser: any rate and channel count, any chunk length. Audio is resampled to
//! 48 kHz for RNNoise and back (both delay-compensated), so output sample `i` is input sample `i`
//! denoised, and after `flush` the stream has produced exactly as many samples as it took.

use std::collections::VecDeque;

use remotemedia_audio::{AudioError, Result, validate_interleaved};
use remotemedia_resample::{Quality, Resampler};

use crate::suppressor::{FRAME, RATE, Suppressor};

/// Resampling around RNNoise: f32 arithmetic like the network, the filter length of `High`.
const QUALITY: Quality = Quality::Balanced;

/// Streaming RNNoise noise suppression for interleaved f32 audio.
#[derive(Debug)]
pub struct Denoiser {
    sample_rate: u32,
    channels: usize,
    mix: f32,
    /// Input rate -> 48 kHz and back; none at 48 kHz.
    resamplers: Option<(Resampler, Resampler)>,
    suppressor: Suppressor,
    at_48k: Vec<f32>,
    wet_48k: Vec<f32>,
    wet: Vec<f32>,
    /// Input samples not yet matched with their denoised sample (for the dry part of `mix`).
    dry: VecDeque<f32>,
    frames_in: u64,
    frames_out: u64,
}

impl Denoiser {
    /// A denoiser for `channels` interleaved channels at `sample_rate` Hz (8,000..=384,000).
    /// `mix` is the share of denoised signal in the output (1 = denoised only, 0 = the input).
    pub fn new(sample_rate: u32, channels: u32, mix: f32) -> Result<Self> {
        let resamplers = if sample_rate == RATE {
            // Still checks the channel count.
            validate_interleaved(0, channels)?;
            None
        } else {
            Some((
                Resampler::new(sample_rate, RATE, channels, QUALITY)?,
                Resampler::new(RATE, sample_rate, channels, QUALITY)?,
            ))
        };
        if !(0.0..=1.0).contains(&mix) {
            return Err(AudioError::invalid_param(format!(
                "mix must be between 0 and 1, got {mix}"
            )));
        }
        let channels = channels as usize;
        Ok(Self {
            sample_rate,
            channels,
            mix,
            resamplers,
            suppressor: Suppressor::new(channels),
            at_48k: Vec::new(),
            wet_48k: Vec::new(),
            wet: Vec::new(),
            dry: VecDeque::new(),
            frames_in: 0,
            frames_out: 0,
        })
    }

    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    pub fn channels(&self) -> usize {
        self.channels
    }

    /// Input sample frames held back at most: resampling blocks, one RNNoise frame being filled
    /// and its 10 ms analysis delay. Output is aligned regardless; this is how late it arrives.
    pub fn latency(&self) -> usize {
        let rnnoise = (2 * FRAME) as u64 * u64::from(self.sample_rate) / u64::from(RATE);
        let resampling = self.resamplers.as_ref().map_or(0, |(up, down)| {
            (up.latency() as u64 * u64::from(self.sample_rate)).div_ceil(u64::from(RATE))
                + down.latency() as u64
        });
        (rnnoise + resampling) as usize
    }

    /// Denoises `input` (interleaved, whole frames, finite values). Appends the output samples
    /// that are ready to `out` and each completed 10 ms RNNoise frame's voice probability (0-1,
    /// the highest over channels) to `voice`. Returns the number of samples appended.
    pub fn process(
        &mut self,
        input: &[f32],
        out: &mut Vec<f32>,
        voice: &mut Vec<f32>,
    ) -> Result<usize> {
        let frames = validate_interleaved(input.len(), self.channels as u32)?;
        if let Some(i) = input.iter().position(|v| !v.is_finite()) {
            return Err(AudioError::invalid_input(format!(
                "sample {i} is {}; input must be finite. Nothing was consumed: clean the input and \
                 call again",
                input[i]
            )));
        }
        self.frames_in += frames as u64;
        self.dry.extend(input);
        self.wet_48k.clear();
        match &mut self.resamplers {
            None => self.suppressor.process(input, &mut self.wet_48k, voice),
            Some((up, _)) => {
                self.at_48k.clear();
                up.process(input, &mut self.at_48k)?;
                self.suppressor
                    .process(&self.at_48k, &mut self.wet_48k, voice);
            }
        }
        self.wet.clear();
        if let Some((_, down)) = &mut self.resamplers {
            down.process(&self.wet_48k, &mut self.wet)?;
        }
        Ok(self.emit(out))
    }

    /// Ends the stream: appends the rest of the output (exactly as many samples in total as were
    /// put in) and the last probabilities, then starts a new stream. Returns samples appended.
    pub fn flush(&mut self, out: &mut Vec<f32>, voice: &mut Vec<f32>) -> Result<usize> {
        self.wet_48k.clear();
        match &mut self.resamplers {
            None => self.suppressor.flush(&mut self.wet_48k, voice),
            Some((up, _)) => {
                self.at_48k.clear();
                up.flush(&mut self.at_48k);
                self.suppressor
                    .process(&self.at_48k, &mut self.wet_48k, voice);
                self.suppressor.flush(&mut self.wet_48k, voice);
            }
        }
        self.wet.clear();
        if let Some((_, down)) = &mut self.resamplers {
            down.process(&self.wet_48k, &mut self.wet)?;
            down.flush(&mut self.wet);
        }
        let mut written = self.emit(out);
        // Rounding at two rate changes can leave the last frame short: it is silence, denoised.
        let missing = (self.frames_in - self.frames_out) as usize * self.channels;
        let pad = if self.resamplers.is_some() {
            &mut self.wet
        } else {
            &mut self.wet_48k
        };
        pad.clear();
        pad.resize(missing, 0.0);
        written += self.emit(out);
        self.reset();
        Ok(written)
    }

    /// Drops all queued audio and network state; the next `process` starts a new stream.
    pub fn reset(&mut self) {
        if let Some((up, down)) = &mut self.resamplers {
            up.reset();
            down.reset();
        }
        self.suppressor.reset();
        self.dry.clear();
        self.frames_in = 0;
        self.frames_out = 0;
    }

    /// Mixes the new denoised samples (at most as many frames as came in) with their input
    /// samples into `out`.
    fn emit(&mut self, out: &mut Vec<f32>) -> usize {
        let wet = if self.resamplers.is_some() {
            &self.wet
        } else {
            &self.wet_48k
        };
        let room = (self.frames_in - self.frames_out) as usize * self.channels;
        let n = wet.len().min(room);
        let (mix, start) = (self.mix, out.len());
        out.extend(
            wet[..n]
                .iter()
                .zip(self.dry.drain(..n))
                .map(|(&w, d)| mix * w + (1.0 - mix) * d),
        );
        self.frames_out += (n / self.channels) as u64;
        out.len() - start
    }
}

#[cfg(test)]
mod tests {
    use remotemedia_audio::ErrorCode;

    use super::*;

    /// Speech-like bursts (a 300 Hz tone switched on and off) in noise, interleaved.
    fn noisy(rate: u32, frames: usize, channels: usize) -> Vec<f32> {
        let mut seed = 9u32;
        let mut out = Vec::with_capacity(frames * channels);
        for i in 0..frames {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let noise = (seed >> 8) as f32 / (1 << 24) as f32 - 0.5;
            let t = i as f32 / rate as f32;
            let on = if ((t * 4.0) as u32).is_multiple_of(2) {
                0.3
            } else {
                0.0
            };
            let v = on * (t * 300.0 * std::f32::consts::TAU).sin() + 0.05 * noise;
            out.extend(std::iter::repeat_n(v, channels));
        }
        out
    }

    fn run(d: &mut Denoiser, input: &[f32], chunk: usize) -> (Vec<f32>, Vec<f32>) {
        let (mut out, mut voice) = (Vec::new(), Vec::new());
        for part in input.chunks(chunk * d.channels()) {
            d.process(part, &mut out, &mut voice).unwrap();
        }
        d.flush(&mut out, &mut voice).unwrap();
        (out, voice)
    }

    #[test]
    fn any_rate_gives_the_input_length_whatever_the_chunking() {
        for (rate, channels) in [
            (16_000, 1),
            (44_100, 2),
            (8_000, 1),
            (96_000, 2),
            (48_000, 2),
        ] {
            let input = noisy(rate, rate as usize * 3 / 10 + 3, channels);
            let mut d = Denoiser::new(rate, channels as u32, 1.0).unwrap();
            let whole = run(&mut d, &input, input.len());
            assert_eq!(whole.0.len(), input.len(), "{rate} Hz");
            // One probability per started 10 ms of input.
            assert_eq!(whole.1.len(), 31, "{rate} Hz");
            for chunk in [1, 7, 480] {
                assert_eq!(
                    run(&mut d, &input, chunk),
                    whole,
                    "{rate} Hz, {chunk}-frame chunks"
                );
            }
        }
    }

    #[test]
    fn mix_zero_gives_the_input_back_and_mix_blends_linearly() {
        let input = noisy(16_000, 4_000, 1);
        let (dry, _) = run(&mut Denoiser::new(16_000, 1, 0.0).unwrap(), &input, 160);
        assert_eq!(dry, input);
        let (wet, _) = run(&mut Denoiser::new(16_000, 1, 1.0).unwrap(), &input, 160);
        let (half, _) = run(&mut Denoiser::new(16_000, 1, 0.5).unwrap(), &input, 160);
        for ((h, w), x) in half.iter().zip(&wet).zip(&input) {
            assert!((h - (0.5 * w + 0.5 * x)).abs() < 1e-6);
        }
    }

    #[test]
    fn removes_steady_noise() {
        // White noise alone: after RNNoise has settled (0.5 s), little of it is left.
        let mut seed = 3u32;
        let input: Vec<f32> = (0..16_000)
            .map(|_| {
                seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                0.05 * ((seed >> 8) as f32 / (1 << 24) as f32 - 0.5)
            })
            .collect();
        let (out, _) = run(&mut Denoiser::new(16_000, 1, 1.0).unwrap(), &input, 320);
        let energy = |x: &[f32]| x.iter().map(|v| v * v).sum::<f32>();
        let (noise, left) = (energy(&input[8_000..]), energy(&out[8_000..]));
        assert!(left < 0.01 * noise, "{left} of {noise} left");
    }

    #[test]
    fn output_lines_up_with_the_input_through_resampling() {
        for rate in [16_000, 44_100] {
            let mut input = vec![0.0; rate as usize / 2];
            let at = rate as usize / 5;
            for (i, x) in input[at..at + 32].iter_mut().enumerate() {
                *x = 0.5 * (i as f32 * 0.7).sin();
            }
            let (out, _) = run(&mut Denoiser::new(rate, 1, 1.0).unwrap(), &input, 160);
            let energy = |from: usize| out[from..from + 32].iter().map(|x| x * x).sum::<f32>();
            let peak = (0..out.len() - 32).max_by(|&a, &b| energy(a).total_cmp(&energy(b)));
            assert!(
                peak.unwrap().abs_diff(at) <= 4,
                "{rate} Hz: peak at {peak:?}, click at {at}"
            );
        }
    }

    #[test]
    fn bad_input_is_refused_and_leaves_the_stream_usable() {
        let mut d = Denoiser::new(16_000, 2, 1.0).unwrap();
        let (mut out, mut voice) = (Vec::new(), Vec::new());
        let err = d.process(&[0.0; 3], &mut out, &mut voice).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        let err = d
            .process(&[0.0, f32::INFINITY], &mut out, &mut voice)
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        d.process(&[0.1; 4], &mut out, &mut voice).unwrap();
        d.flush(&mut out, &mut voice).unwrap();
        assert_eq!(out.len(), 4);
        for (rate, channels, mix) in [(7_999, 1, 1.0), (16_000, 0, 1.0), (16_000, 1, -0.1)] {
            let err = Denoiser::new(rate, channels, mix).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidParam);
        }
    }
}
