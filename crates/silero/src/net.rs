//! One network (16 or 8 kHz) and its forward pass over one window plus its context.

use pulp::{Simd, WithSimd};

use crate::layers::{Conv, Decoder, Lstm};
use crate::stft::Stft;
use crate::weights::HIDDEN;

/// STFT frames per window: the padded window is 5/2 FFT lengths, hop half an FFT length.
const FRAMES: usize = 4;

#[derive(Debug)]
pub struct Net {
    /// FFT length of the front end: 256 at 16 kHz, 128 at 8 kHz.
    pub n_fft: usize,
    pub encoder: [Conv; 4],
    pub lstm: Lstm,
    pub decoder: Decoder,
}

/// Buffers a forward pass writes, kept per stream so steady state allocates nothing.
#[derive(Debug)]
pub struct Scratch {
    /// The FFT's buffers live here so the network itself stays shared and read-only.
    stft: Stft,
    padded: Vec<f32>,
    ping: Vec<f32>,
    pong: Vec<f32>,
    cols: Vec<f32>,
    xh: Vec<f32>,
    gates: Vec<f32>,
}

impl Net {
    /// New samples per window (512 at 16 kHz, 256 at 8 kHz).
    pub fn window(&self) -> usize {
        self.n_fft * 2
    }

    /// Samples of the previous window the model sees before the new ones (64 or 32).
    pub fn context(&self) -> usize {
        self.n_fft / 4
    }

    pub fn scratch(&self) -> Scratch {
        let widest = 129 * 3 * FRAMES;
        Scratch {
            stft: Stft::new(self.n_fft),
            padded: vec![0.0; self.n_fft * 5 / 2],
            ping: vec![0.0; 129 * FRAMES],
            pong: vec![0.0; 129 * FRAMES],
            cols: vec![0.0; widest],
            xh: vec![0.0; 2 * HIDDEN],
            gates: vec![0.0; 4 * HIDDEN],
        }
    }

    /// Speech probability of `input` (context followed by the window); steps `h` and `c`.
    pub fn forward(&self, input: &[f32], h: &mut [f32], c: &mut [f32], s: &mut Scratch) -> f32 {
        pulp::Arch::new().dispatch(Pass {
            net: self,
            input,
            h,
            c,
            s,
        })
    }
}

/// One forward pass, compiled for each CPU level `pulp` knows and run on the best one present.
struct Pass<'a> {
    net: &'a Net,
    input: &'a [f32],
    h: &'a mut [f32],
    c: &'a mut [f32],
    s: &'a mut Scratch,
}

impl WithSimd for Pass<'_> {
    type Output = f32;

    #[inline(always)]
    fn with_simd<S: Simd>(self, simd: S) -> f32 {
        let Self {
            net,
            input,
            h,
            c,
            s,
        } = self;
        let len = input.len();
        let pad = net.context();
        s.padded[..len].copy_from_slice(input);
        // Reflection padding on the right, as the released model's Pad(mode=reflect).
        for j in 0..pad {
            s.padded[len + j] = input[len - 2 - j];
        }
        s.stft.magnitudes(&s.padded, &mut s.ping);
        let mut steps = FRAMES;
        for conv in &net.encoder {
            conv.forward(simd, &s.ping, steps, &mut s.cols, &mut s.pong);
            steps = conv.out_len(steps);
            std::mem::swap(&mut s.ping, &mut s.pong);
        }
        // The encoder ends with one step of HIDDEN channels: the LSTM input.
        s.xh[..HIDDEN].copy_from_slice(&s.ping[..HIDDEN]);
        s.xh[HIDDEN..].copy_from_slice(h);
        net.lstm.step(simd, &s.xh, &mut s.gates, h, c);
        net.decoder.forward(h)
    }
}
