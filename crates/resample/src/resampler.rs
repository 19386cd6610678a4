//! The streaming resampler: any chunk length in, delay-compensated output, exact total length.

use remotemedia_audio::{
    AudioError, Result, check_out_len, validate_channels, validate_interleaved,
};

use crate::engine::{Engine, FftEngine};
use crate::int16::Int16Scratch;
use crate::plan::{BlockPlan, validate_rate};
use crate::quality::{Precision, Preset, Quality};

/// A fixed-ratio streaming resampler for interleaved f32 audio.
///
/// Output frame `k` is the signal at input time `k / to` seconds: the filter's group delay is cut
/// off. After [`Resampler::flush`] the stream has produced exactly `round(frames_in * to / from)`
/// frames, however the input was chunked, and the output equals a one-shot run bit for bit.
/// Input is queued until a whole FFT block is available, so at most [`Resampler::latency`] output
/// frames are held back at any time. When `from == to` the audio passes through unchanged, with
/// no latency: a same-rate stage in a pipeline costs a copy, not a filter.
#[derive(Debug)]
pub struct Resampler {
    engine: Box<dyn Engine>,
    /// `from == to`: samples are copied and the engine is never run.
    pass_through: bool,
    from: u32,
    to: u32,
    channels: usize,
    preset: Preset,
    plan: BlockPlan,
    /// Input frames accepted since the stream started.
    frames_in: u64,
    /// Output frames the engine has produced, including the leading delay we cut.
    frames_produced: u64,
    /// Output frames handed to the caller.
    frames_out: u64,
    pub(crate) int16: Int16Scratch,
}

impl Resampler {
    /// Creates a resampler from `from` Hz to `to` Hz (both 8,000..=384,000) for `channels`
    /// interleaved channels. Errors with `ERR_INVALID_PARAM` naming the bad argument.
    pub fn new(from: u32, to: u32, channels: u32, quality: Quality) -> Result<Self> {
        Self::with_preset(from, to, channels, quality.preset())
    }

    /// Like [`Resampler::new`] with hand-picked rubato settings instead of a named preset.
    pub fn with_preset(from: u32, to: u32, channels: u32, preset: Preset) -> Result<Self> {
        let from = validate_rate("from", from)?;
        let to = validate_rate("to", to)?;
        let channels = usize::from(validate_channels(channels)?);
        let plan = BlockPlan::new(from, to, &preset);
        plan.check_memory(from, to, channels, preset.precision)?;
        let engine: Box<dyn Engine> = match preset.precision {
            Precision::F32 => Box::new(FftEngine::<f32>::new(plan, channels, &preset, from, to)),
            Precision::F64 => Box::new(FftEngine::<f64>::new(plan, channels, &preset, from, to)),
        };
        Ok(Self {
            engine,
            pass_through: from == to,
            from,
            to,
            channels,
            preset,
            plan,
            frames_in: 0,
            frames_produced: 0,
            frames_out: 0,
            int16: Int16Scratch::default(),
        })
    }

    pub fn from_rate(&self) -> u32 {
        self.from
    }

    pub fn to_rate(&self) -> u32 {
        self.to
    }

    pub fn channels(&self) -> usize {
        self.channels
    }

    /// The rubato settings in use.
    pub fn preset(&self) -> Preset {
        self.preset
    }

    /// The FFT block sizes in use (input frames, output frames).
    pub fn block_sizes(&self) -> (usize, usize) {
        (self.plan.block_in, self.plan.block_out)
    }

    /// The most output frames the stream can hold back: one block being filled plus the filter's
    /// half length (none when the rates are equal). Output is aligned regardless; this is how late
    /// it arrives.
    pub fn latency(&self) -> usize {
        if self.pass_through {
            return 0;
        }
        self.plan.block_out + self.delay()
    }

    fn delay(&self) -> usize {
        self.plan.block_out / 2
    }

    /// Exactly how many samples (not frames) `process` will write for an input of `input_len`
    /// samples, given what is queued now. Use it to size the `out` slice.
    pub fn output_len(&self, input_len: usize) -> usize {
        let frames = input_len / self.channels;
        if self.pass_through {
            return frames * self.channels;
        }
        let blocks = (self.engine.queued() + frames) / self.plan.block_in;
        let produced = self.frames_produced + (blocks * self.plan.block_out) as u64;
        self.emittable(produced) * self.channels
    }

    /// Exactly how many samples `flush` will write.
    pub fn flush_len(&self) -> usize {
        (self.total_out() - self.frames_out) as usize * self.channels
    }

    /// Resamples `input` (interleaved, any number of whole frames, finite values) and appends the
    /// frames that are ready to `out`. Returns the number of samples appended. `out` only grows
    /// when its capacity is short, so reusing one `Vec` allocates nothing in steady state.
    pub fn process(&mut self, input: &[f32], out: &mut Vec<f32>) -> Result<usize> {
        self.validate(input)?;
        let start = out.len();
        out.resize(start + self.output_len(input.len()), 0.0);
        let written = self.run(input, &mut out[start..]);
        out.truncate(start + written);
        Ok(written)
    }

    /// Like [`Resampler::process`] but writes into `out`, which must hold at least
    /// [`Resampler::output_len`] samples. Returns the number of samples written.
    pub fn process_into(&mut self, input: &[f32], out: &mut [f32]) -> Result<usize> {
        self.validate(input)?;
        check_out_len("out", out.len(), self.output_len(input.len()))?;
        Ok(self.run(input, out))
    }

    /// Ends the stream: appends the remaining frames (the queued input and the filter tail) to
    /// `out`, then resets so the next `process` starts a new stream. Returns samples appended.
    pub fn flush(&mut self, out: &mut Vec<f32>) -> usize {
        let start = out.len();
        out.resize(start + self.flush_len(), 0.0);
        let written = self.drain(&mut out[start..]);
        out.truncate(start + written);
        written
    }

    /// Like [`Resampler::flush`] but writes into `out` (at least [`Resampler::flush_len`] samples).
    pub fn flush_into(&mut self, out: &mut [f32]) -> Result<usize> {
        check_out_len("out", out.len(), self.flush_len())?;
        Ok(self.drain(out))
    }

    /// Drops all queued input and filter state; the next `process` starts a new stream.
    pub fn reset(&mut self) {
        self.engine.reset();
        self.frames_in = 0;
        self.frames_produced = 0;
        self.frames_out = 0;
    }

    fn validate(&self, input: &[f32]) -> Result<()> {
        validate_interleaved(input.len(), self.channels as u32)?;
        if let Some(i) = input.iter().position(|v| !v.is_finite()) {
            return Err(AudioError::invalid_input(format!(
                "sample {i} is {}; input must be finite (NaN or infinity would spread over a whole \
                 block of output). Nothing was consumed: clean the input and call again",
                input[i]
            )));
        }
        Ok(())
    }

    /// Total output frames once the stream ends: `round(frames_in * to / from)`.
    fn total_out(&self) -> u64 {
        let (n, to, from) = (
            u128::from(self.frames_in),
            u128::from(self.to),
            u128::from(self.from),
        );
        ((2 * n * to + from) / (2 * from)) as u64
    }

    /// Output frames that can be handed out once the engine has produced `produced` frames.
    fn emittable(&self, produced: u64) -> usize {
        produced
            .saturating_sub(self.delay() as u64)
            .saturating_sub(self.frames_out) as usize
    }

    fn run(&mut self, input: &[f32], out: &mut [f32]) -> usize {
        let frames = input.len() / self.channels;
        self.frames_in += frames as u64;
        if self.pass_through {
            let samples = frames * self.channels;
            out[..samples].copy_from_slice(&input[..samples]);
            self.frames_out += frames as u64;
            return samples;
        }
        let (mut taken, mut written) = (0, 0);
        while taken < frames {
            taken += self.engine.fill(input, taken);
            if self.engine.block_ready() {
                written += self.run_block(&mut out[written..], u64::MAX);
            }
        }
        written
    }

    fn drain(&mut self, out: &mut [f32]) -> usize {
        let total = self.total_out();
        let mut written = 0;
        while self.frames_out < total {
            self.engine.pad();
            written += self.run_block(&mut out[written..], total);
        }
        self.reset();
        written
    }

    /// Resamples the queued block and emits its frames that lie past the delay and before `limit`.
    fn run_block(&mut self, out: &mut [f32], limit: u64) -> usize {
        self.engine.run_block();
        let block_start = self.frames_produced;
        self.frames_produced += self.plan.block_out as u64;
        let first = (self.delay() as u64)
            .saturating_sub(block_start)
            .min(self.plan.block_out as u64);
        let wanted = self.emittable(self.frames_produced) as u64;
        let frames = wanted.min(limit.saturating_sub(self.frames_out)) as usize;
        self.engine.emit(first as usize, frames, out);
        self.frames_out += frames as u64;
        frames * self.channels
    }
}
