//! RNNoise at its native format (48 kHz, 480-sample frames), one network state per channel, with
//! its 10 ms analysis delay cut off: output sample `i` is input sample `i`, denoised.

use nnnoiseless::DenoiseState;

/// The only rate RNNoise runs at.
pub const RATE: u32 = 48_000;
/// Samples per RNNoise frame (10 ms at 48 kHz).
pub const FRAME: usize = DenoiseState::FRAME_SIZE;
/// RNNoise works on 16-bit PCM values held in f32.
const PCM_SCALE: f32 = 32_768.0;

/// Streaming RNNoise over interleaved 48 kHz audio of any chunk length.
pub struct Suppressor {
    channels: usize,
    states: Vec<Box<DenoiseState<'static>>>,
    /// The frame being filled, one lane per channel, already scaled to PCM16 values.
    lanes: Vec<[f32; FRAME]>,
    queued: usize,
    denoised: [f32; FRAME],
    /// Frames run in this stream. The first one's output is the analysis delay and is dropped.
    frames_run: u64,
    /// Sample frames accepted in this stream.
    frames_in: u64,
}

impl std::fmt::Debug for Suppressor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Suppressor")
            .field("channels", &self.channels)
            .field("queued", &self.queued)
            .field("frames_run", &self.frames_run)
            .finish_non_exhaustive()
    }
}

impl Suppressor {
    pub fn new(channels: usize) -> Self {
        Self {
            channels,
            states: (0..channels).map(|_| DenoiseState::new()).collect(),
            lanes: vec![[0.0; FRAME]; channels],
            queued: 0,
            denoised: [0.0; FRAME],
            frames_run: 0,
            frames_in: 0,
        }
    }

    /// Denoises interleaved `input`; appends the denoised samples now complete to `out` and the
    /// voice probability of every RNNoise frame completed (the highest over channels) to `voice`.
    pub fn process(&mut self, input: &[f32], out: &mut Vec<f32>, voice: &mut Vec<f32>) {
        let ch = self.channels;
        self.frames_in += (input.len() / ch) as u64;
        for frame in input.chunks_exact(ch) {
            for (lane, &x) in self.lanes.iter_mut().zip(frame) {
                lane[self.queued] = x * PCM_SCALE;
            }
            self.queued += 1;
            if self.queued == FRAME {
                self.run_frame(out, voice);
            }
        }
    }

    /// Ends the stream: appends the rest of the denoised input (padded with silence through the
    /// network) and the last frames' probabilities, then starts a new stream.
    pub fn flush(&mut self, out: &mut Vec<f32>, voice: &mut Vec<f32>) {
        let wanted = self.frames_in.saturating_sub(self.frames_emitted()) as usize * self.channels;
        let start = out.len();
        let real_frames = self.frames_in.div_ceil(FRAME as u64);
        let mut scratch = Vec::new();
        // The partial frame, then one of silence to push the delayed tail out.
        while (out.len() - start) < wanted {
            for lane in &mut self.lanes {
                lane[self.queued..].fill(0.0);
            }
            self.queued = FRAME;
            let ran = self.frames_run;
            self.run_frame(out, &mut scratch);
            if ran < real_frames {
                voice.append(&mut scratch);
            }
        }
        out.truncate(start + wanted);
        self.reset();
    }

    /// Drops all stream state, network memory included.
    pub fn reset(&mut self) {
        for state in &mut self.states {
            **state = *DenoiseState::new();
        }
        self.queued = 0;
        self.frames_run = 0;
        self.frames_in = 0;
    }

    fn frames_emitted(&self) -> u64 {
        self.frames_run.saturating_sub(1) * FRAME as u64
    }

    fn run_frame(&mut self, out: &mut Vec<f32>, voice: &mut Vec<f32>) {
        let ch = self.channels;
        let first = self.frames_run == 0;
        let start = out.len();
        if !first {
            out.resize(start + FRAME * ch, 0.0);
        }
        let mut probability = 0.0f32;
        for (c, (state, lane)) in self.states.iter_mut().zip(&self.lanes).enumerate() {
            probability = probability.max(state.process_frame(&mut self.denoised, lane));
            if first {
                continue;
            }
            for (slot, &y) in out[start + c..].iter_mut().step_by(ch).zip(&self.denoised) {
                *slot = y / PCM_SCALE;
            }
        }
        voice.push(probability);
        self.queued = 0;
        self.frames_run += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 440 Hz tone in white-ish noise, interleaved over `channels` (channel c scaled by c + 1).
    fn noisy(frames: usize, channels: usize) -> Vec<f32> {
        let mut seed = 1u32;
        let mut out = Vec::with_capacity(frames * channels);
        for i in 0..frames {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let noise = (seed >> 8) as f32 / (1 << 24) as f32 - 0.5;
            let tone = (i as f32 * 440.0 * std::f32::consts::TAU / 48_000.0).sin();
            for c in 0..channels {
                out.push((0.3 * tone + 0.1 * noise) * (c + 1) as f32 / channels as f32);
            }
        }
        out
    }

    fn run(input: &[f32], channels: usize, chunk: usize) -> (Vec<f32>, Vec<f32>) {
        let mut s = Suppressor::new(channels);
        let (mut out, mut voice) = (Vec::new(), Vec::new());
        for part in input.chunks(chunk * channels) {
            s.process(part, &mut out, &mut voice);
        }
        s.flush(&mut out, &mut voice);
        (out, voice)
    }

    #[test]
    fn output_has_the_input_length_and_one_probability_per_started_frame() {
        let input = noisy(4_801, 2);
        let (out, voice) = run(&input, 2, 480);
        assert_eq!(out.len(), input.len());
        assert_eq!(voice.len(), 11);
        assert!(voice.iter().all(|p| (0.0..=1.0).contains(p)));
    }

    #[test]
    fn chunking_does_not_change_the_output() {
        let input = noisy(3_000, 2);
        let whole = run(&input, 2, 3_000);
        for chunk in [1, 7, 480, 481] {
            assert_eq!(run(&input, 2, chunk), whole, "{chunk}-frame chunks");
        }
    }

    #[test]
    fn channels_are_denoised_independently() {
        let stereo = noisy(2_400, 2);
        let left: Vec<f32> = stereo.iter().step_by(2).copied().collect();
        let (both, _) = run(&stereo, 2, 480);
        let (alone, _) = run(&left, 1, 480);
        let from_both: Vec<f32> = both.iter().step_by(2).copied().collect();
        assert_eq!(from_both, alone);
    }

    #[test]
    fn the_delay_is_cut_so_output_lines_up_with_input() {
        // A loud click at sample 2000 in silence: its denoised energy must peak at the same place.
        let mut input = vec![0.0; 4_800];
        for (i, x) in input[2_000..2_048].iter_mut().enumerate() {
            *x = 0.5 * (i as f32 * 0.7).sin();
        }
        let (out, _) = run(&input, 1, 480);
        let energy = |at: usize| out[at..at + 48].iter().map(|x| x * x).sum::<f32>();
        let peak = (0..out.len() - 48).max_by(|&a, &b| energy(a).total_cmp(&energy(b)));
        assert!(peak.unwrap().abs_diff(2_000) <= 8, "peak at {peak:?}");
    }

    #[test]
    fn flush_and_reset_start_a_new_stream() {
        let input = noisy(2_000, 1);
        let fresh = run(&input, 1, 480);
        let mut s = Suppressor::new(1);
        let (mut out, mut voice) = (Vec::new(), Vec::new());
        s.process(&input, &mut out, &mut voice);
        s.flush(&mut out, &mut voice);
        assert_eq!((out.clone(), voice.clone()), fresh);
        s.process(&input[..700], &mut out, &mut voice);
        s.reset();
        let (mut again, mut voice_again) = (Vec::new(), Vec::new());
        s.process(&input, &mut again, &mut voice_again);
        s.flush(&mut again, &mut voice_again);
        assert_eq!((again, voice_again), fresh);
    }
}
