//! Drives rubato's FFT resampler one block at a time from an input queue of any length.
//! Generic over the arithmetic precision; the public [`crate::Resampler`] erases the type.

use rubato::audioadapter_buffers::direct::SequentialSliceOfVecs;
use rubato::{Fft, FixedSync, Resampler as _};

use crate::plan::BlockPlan;
use crate::quality::Preset;

/// A sample type rubato can compute in, with the conversions to and from our f32 interface.
pub trait Arithmetic: rubato::Sample {
    fn from_input(v: f32) -> Self;
    fn to_output(self) -> f32;
}

impl Arithmetic for f32 {
    fn from_input(v: f32) -> Self {
        v
    }
    fn to_output(self) -> f32 {
        self
    }
}

impl Arithmetic for f64 {
    fn from_input(v: f32) -> Self {
        f64::from(v)
    }
    fn to_output(self) -> f32 {
        self as f32
    }
}

/// What the public resampler needs from an engine, whatever its precision.
pub trait Engine: Send + std::fmt::Debug {
    /// Queues frames from interleaved `input`, starting at frame `from_frame`, until the queue
    /// holds one block or the input runs out. Returns the number of frames taken.
    fn fill(&mut self, input: &[f32], from_frame: usize) -> usize;
    /// Pads the queued frames with silence up to one block.
    fn pad(&mut self);
    /// True when a whole block is queued.
    fn block_ready(&self) -> bool;
    /// Frames queued towards the next block.
    fn queued(&self) -> usize;
    /// Resamples the queued block. The output frames can then be read with [`Engine::emit`].
    fn run_block(&mut self);
    /// Writes output frames `skip..skip + frames` of the last block, interleaved, into `out`.
    fn emit(&self, skip: usize, frames: usize, out: &mut [f32]);
    fn reset(&mut self);
}

/// The FFT resampler plus its preallocated, de-interleaved input and output blocks.
#[derive(Debug)]
pub struct FftEngine<T: Arithmetic> {
    fft: Fft<T>,
    channels: usize,
    plan: BlockPlan,
    input: Vec<Vec<T>>,
    output: Vec<Vec<T>>,
    queued: usize,
}

impl<T: Arithmetic> FftEngine<T> {
    pub fn new(plan: BlockPlan, channels: usize, preset: &Preset, from: u32, to: u32) -> Self {
        // One sub-chunk per call and both sides fixed: each call maps exactly one block in to
        // one block out, so the output never depends on how the caller chunked the input.
        let fft = Fft::<T>::new_custom(
            from as usize,
            to as usize,
            plan.block_in,
            1,
            channels,
            preset.window,
            FixedSync::Both,
        )
        .expect("rates and block sizes were validated before");
        debug_assert_eq!(fft.input_frames_next(), plan.block_in);
        debug_assert_eq!(fft.output_frames_next(), plan.block_out);
        Self {
            fft,
            channels,
            plan,
            input: vec![vec![T::from_input(0.0); plan.block_in]; channels],
            output: vec![vec![T::from_input(0.0); plan.block_out]; channels],
            queued: 0,
        }
    }
}

impl<T: Arithmetic> Engine for FftEngine<T> {
    fn fill(&mut self, input: &[f32], from_frame: usize) -> usize {
        let ch = self.channels;
        let available = input.len() / ch - from_frame;
        let take = available.min(self.plan.block_in - self.queued);
        let src = &input[from_frame * ch..(from_frame + take) * ch];
        if ch == 1 {
            for (d, s) in self.input[0][self.queued..self.queued + take]
                .iter_mut()
                .zip(src)
            {
                *d = T::from_input(*s);
            }
        } else {
            for (c, lane) in self.input.iter_mut().enumerate() {
                let dst = &mut lane[self.queued..self.queued + take];
                for (d, frame) in dst.iter_mut().zip(src.chunks_exact(ch)) {
                    *d = T::from_input(frame[c]);
                }
            }
        }
        self.queued += take;
        take
    }

    fn pad(&mut self) {
        for lane in &mut self.input {
            lane[self.queued..].fill(T::from_input(0.0));
        }
        self.queued = self.plan.block_in;
    }

    fn block_ready(&self) -> bool {
        self.queued == self.plan.block_in
    }

    fn queued(&self) -> usize {
        self.queued
    }

    fn run_block(&mut self) {
        let (bin, bout, ch) = (self.plan.block_in, self.plan.block_out, self.channels);
        let input = SequentialSliceOfVecs::new(&self.input, ch, bin)
            .expect("input block sized at construction");
        let mut output = SequentialSliceOfVecs::new_mut(&mut self.output, ch, bout)
            .expect("output block sized at construction");
        self.fft
            .process_into_buffer(&input, &mut output, None)
            .expect("block sizes match the resampler");
        self.queued = 0;
    }

    fn emit(&self, skip: usize, frames: usize, out: &mut [f32]) {
        let ch = self.channels;
        if ch == 1 {
            for (d, s) in out[..frames]
                .iter_mut()
                .zip(&self.output[0][skip..skip + frames])
            {
                *d = s.to_output();
            }
        } else {
            for (c, lane) in self.output.iter().enumerate() {
                for (frame, s) in out[..frames * ch]
                    .chunks_exact_mut(ch)
                    .zip(&lane[skip..skip + frames])
                {
                    frame[c] = s.to_output();
                }
            }
        }
    }

    fn reset(&mut self) {
        self.fft.reset();
        self.queued = 0;
    }
}
