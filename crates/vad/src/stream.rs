//! The streaming detector: any chunk length, any rate, mono or interleaved input in; one decision
//! per complete frame out, on the input's timeline.

use remotemedia_audio::{AudioError, Result, check_out_len, validate_interleaved};
use remotemedia_resample::{Quality, Resampler};

use crate::decision::FrameDetector;
use crate::{Decision, Sample, VadConfig};

/// Longest frame at any working rate: 30 ms at 48 kHz (Silero's is 512).
const MAX_FRAME: usize = 1_440;

/// Streaming voice activity detection.
///
/// Frame `k` covers input time `[k * frame_ms, (k + 1) * frame_ms)` ms from the start of the
/// stream, whatever the input rate: resampled input is delay-compensated, so decisions stay on
/// the input's timeline. Input is buffered until a frame is complete, so the decisions do not
/// depend on how the input was chunked.
#[derive(Debug)]
pub struct Vad {
    config: VadConfig,
    detector: FrameDetector,
    resampler: Option<Resampler>,
    /// Start of an incomplete frame (fewer than `frame_len` samples at the working rate).
    pending: Vec<i16>,
    mono: Vec<f32>,
    resampled: Vec<f32>,
    /// Frames decided since the stream started: the index of the next frame.
    frames: u64,
}

impl Vad {
    pub fn new(config: VadConfig) -> Result<Self> {
        config.validate()?;
        let work_rate = config.work_rate();
        let resampler = if config.needs_resampling() {
            Some(Resampler::new(
                config.sample_rate,
                work_rate,
                1,
                Quality::Fast,
            )?)
        } else {
            None
        };
        Ok(Self {
            detector: FrameDetector::new(&config)?,
            pending: Vec::with_capacity(config.frame_len()),
            config,
            resampler,
            mono: Vec::new(),
            resampled: Vec::new(),
            frames: 0,
        })
    }

    pub fn config(&self) -> &VadConfig {
        &self.config
    }

    /// Index of the next frame to be decided; its start is `next_frame() * frame_ms` ms.
    pub fn next_frame(&self) -> u64 {
        self.frames
    }

    /// Most input time (ms) held back by internal resampling beyond the incomplete frame.
    pub fn resampler_latency_ms(&self) -> f64 {
        self.resampler.as_ref().map_or(0.0, |r| {
            r.latency() as f64 * 1000.0 / f64::from(self.config.work_rate())
        })
    }

    /// Exactly how many decisions `process` returns for `input_len` samples (interleaved).
    pub fn frames_ready(&self, input_len: usize) -> usize {
        let frames_in = input_len / self.config.channels as usize;
        let work = match &self.resampler {
            Some(r) => r.output_len(frames_in),
            None => frames_in,
        };
        (self.pending.len() + work) / self.config.frame_len()
    }

    /// Exactly how many decisions `flush` returns.
    pub fn flush_len(&self) -> usize {
        let tail = self.resampler.as_ref().map_or(0, Resampler::flush_len);
        (self.pending.len() + tail) / self.config.frame_len()
    }

    /// Feeds a chunk and writes one byte per completed frame (1 = speech) into `out`, which must
    /// hold [`Vad::frames_ready`] bytes. Returns the number of decisions. On error nothing is
    /// consumed.
    pub fn process_into<T: Sample>(&mut self, input: &[T], out: &mut [u8]) -> Result<usize> {
        self.process_scored_into(input, out, None)
    }

    /// Like [`Vad::process_into`], also writing each frame's speech probability into
    /// `probabilities` (as long as `out`) when given.
    pub fn process_scored_into<T: Sample>(
        &mut self,
        input: &[T],
        out: &mut [u8],
        mut probabilities: Option<&mut [f32]>,
    ) -> Result<usize> {
        self.validate(input)?;
        let ready = self.frames_ready(input.len());
        check_out_len("decisions", out.len(), ready)?;
        if let Some(p) = &probabilities {
            check_out_len("probabilities", p.len(), ready)?;
        }
        let mut n = 0;
        self.run(input, &mut |d| {
            write(d, n, out, probabilities.as_deref_mut());
            n += 1;
        });
        Ok(n)
    }

    /// Feeds a chunk and calls `on_frame` with each completed frame's decision, in order.
    /// Returns the number of decisions. On error nothing is consumed.
    pub fn process_with<T: Sample>(
        &mut self,
        input: &[T],
        on_frame: &mut impl FnMut(bool),
    ) -> Result<usize> {
        self.process_decisions_with(input, &mut |d| on_frame(d.speech))
    }

    /// Like [`Vad::process_with`] with each frame's [`Decision`] (probability included).
    pub fn process_decisions_with<T: Sample>(
        &mut self,
        input: &[T],
        on_frame: &mut impl FnMut(Decision),
    ) -> Result<usize> {
        self.validate(input)?;
        Ok(self.run(input, on_frame))
    }

    /// Ends the stream: decides the frames still buffered (the resampler's tail included; a last
    /// incomplete frame is dropped), then resets so the next chunk starts a new stream at 0 ms.
    pub fn flush_with(&mut self, on_frame: &mut impl FnMut(bool)) -> usize {
        self.flush_decisions_with(&mut |d| on_frame(d.speech))
    }

    /// Like [`Vad::flush_with`] with each frame's [`Decision`].
    pub fn flush_decisions_with(&mut self, on_frame: &mut impl FnMut(Decision)) -> usize {
        let mut n = 0;
        if let Some(resampler) = &mut self.resampler {
            let mut tail = std::mem::take(&mut self.resampled);
            tail.clear();
            resampler.flush(&mut tail);
            n = self.feed(&tail, on_frame);
            self.resampled = tail;
        }
        self.reset();
        n
    }

    /// Like [`Vad::flush_with`], writing into `out` (at least [`Vad::flush_len`] bytes).
    pub fn flush_into(&mut self, out: &mut [u8]) -> Result<usize> {
        self.flush_scored_into(out, None)
    }

    /// Like [`Vad::flush_into`], with probabilities as in [`Vad::process_scored_into`].
    pub fn flush_scored_into(
        &mut self,
        out: &mut [u8],
        mut probabilities: Option<&mut [f32]>,
    ) -> Result<usize> {
        let len = self.flush_len();
        check_out_len("decisions", out.len(), len)?;
        if let Some(p) = &probabilities {
            check_out_len("probabilities", p.len(), len)?;
        }
        let mut n = 0;
        self.flush_decisions_with(&mut |d| {
            write(d, n, out, probabilities.as_deref_mut());
            n += 1;
        });
        Ok(n)
    }

    /// Drops buffered input and the detector's noise model; the next chunk starts at 0 ms.
    pub fn reset(&mut self) {
        self.detector.reset();
        if let Some(r) = &mut self.resampler {
            r.reset();
        }
        self.pending.clear();
        self.frames = 0;
    }

    fn validate<T: Sample>(&self, input: &[T]) -> Result<()> {
        if input.is_empty() {
            return Err(AudioError::invalid_input(
                "samples is empty; pass at least one sample (any length works, even 1)",
            ));
        }
        validate_interleaved(input.len(), self.config.channels)?;
        T::check(input)
    }

    fn run<T: Sample>(&mut self, input: &[T], on_frame: &mut impl FnMut(Decision)) -> usize {
        let channels = self.config.channels as usize;
        if channels == 1 && self.resampler.is_none() {
            return self.feed(input, on_frame);
        }
        let mut mono = std::mem::take(&mut self.mono);
        downmix(input, channels, &mut mono);
        let n = match &mut self.resampler {
            Some(resampler) => {
                let mut resampled = std::mem::take(&mut self.resampled);
                resampled.clear();
                resampler
                    .process(&mono, &mut resampled)
                    .expect("downmixed input is finite and mono");
                let n = self.feed(&resampled, on_frame);
                self.resampled = resampled;
                n
            }
            None => self.feed(&mono, on_frame),
        };
        self.mono = mono;
        n
    }

    /// Completes the pending frame, decides every whole frame of `input` in place, and keeps the
    /// remainder for the next call.
    fn feed<T: Sample>(&mut self, input: &[T], on_frame: &mut impl FnMut(Decision)) -> usize {
        let frame_len = self.detector.frame_len();
        let mut rest = input;
        let mut n = 0;
        if !self.pending.is_empty() {
            let take = (frame_len - self.pending.len()).min(rest.len());
            self.pending.extend(rest[..take].iter().map(|v| v.to_i16()));
            rest = &rest[take..];
            if self.pending.len() < frame_len {
                return 0;
            }
            on_frame(self.detector.decide(&self.pending));
            self.pending.clear();
            n += 1;
        }
        let mut scratch = [0i16; MAX_FRAME];
        let mut frames = rest.chunks_exact(frame_len);
        for frame in &mut frames {
            let decision = T::with_pcm(frame, &mut scratch, |pcm| self.detector.decide(pcm));
            on_frame(decision);
            n += 1;
        }
        self.pending
            .extend(frames.remainder().iter().map(|v| v.to_i16()));
        self.frames += n as u64;
        n
    }
}

fn write(d: Decision, at: usize, out: &mut [u8], probabilities: Option<&mut [f32]>) {
    out[at] = u8::from(d.speech);
    if let Some(p) = probabilities {
        p[at] = d.probability;
    }
}

/// Averages interleaved channels into `mono` (clipped to [-1, 1] so the resampler sees finite
/// values); a mono input is copied the same way.
fn downmix<T: Sample>(input: &[T], channels: usize, mono: &mut Vec<f32>) {
    mono.clear();
    let scale = 1.0 / channels as f32;
    mono.extend(input.chunks_exact(channels).map(|frame| {
        let sum: f32 = frame.iter().map(|v| v.to_f32()).sum();
        (sum * scale).clamp(-1.0, 1.0)
    }));
}
