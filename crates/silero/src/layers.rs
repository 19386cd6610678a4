//! The layers after the front end: a kernel-3, padding-1 convolution with ReLU, the LSTM cell
//! and the decoder. Activations are time-major (`[time][channel]`).

use pulp::Simd;

use crate::dot::{dot, dots};
use crate::weights::HIDDEN;

#[derive(Debug)]
pub struct Conv {
    /// `[out][in][3]`, which is also the order of one im2col column.
    weight: Vec<f32>,
    bias: Vec<f32>,
    in_ch: usize,
    stride: usize,
}

impl Conv {
    pub fn new(weight: Vec<f32>, bias: Vec<f32>, in_ch: usize, stride: usize) -> Self {
        Self {
            weight,
            bias,
            in_ch,
            stride,
        }
    }

    pub fn out_len(&self, in_len: usize) -> usize {
        (in_len - 1) / self.stride + 1
    }

    /// `relu(conv(x))` for `x` of `in_len` steps; `cols` is scratch of `out_len * in_ch * 3`.
    #[inline(always)]
    pub fn forward<S: Simd>(
        &self,
        simd: S,
        x: &[f32],
        in_len: usize,
        cols: &mut [f32],
        out: &mut [f32],
    ) {
        let (ci, width) = (self.in_ch, self.in_ch * 3);
        let out_len = self.out_len(in_len);
        for t in 0..out_len {
            let col = &mut cols[t * width..(t + 1) * width];
            for k in 0..3 {
                let src = (t * self.stride + k).checked_sub(1).filter(|&s| s < in_len);
                for i in 0..ci {
                    col[i * 3 + k] = src.map_or(0.0, |s| x[s * ci + i]);
                }
            }
        }
        let out_ch = self.bias.len();
        for o in 0..out_ch {
            let row = &self.weight[o * width..(o + 1) * width];
            let mut put = |t: usize, v: f32| out[t * out_ch + o] = (v + self.bias[o]).max(0.0);
            match out_len {
                4 => {
                    let c: [&[f32]; 4] = std::array::from_fn(|t| &cols[t * width..(t + 1) * width]);
                    dots(simd, row, c)
                        .into_iter()
                        .enumerate()
                        .for_each(|(t, v)| put(t, v));
                }
                2 => {
                    let c: [&[f32]; 2] = std::array::from_fn(|t| &cols[t * width..(t + 1) * width]);
                    dots(simd, row, c)
                        .into_iter()
                        .enumerate()
                        .for_each(|(t, v)| put(t, v));
                }
                _ => {
                    for t in 0..out_len {
                        put(t, dot(simd, row, &cols[t * width..(t + 1) * width]));
                    }
                }
            }
        }
    }
}

/// One LSTM cell (PyTorch gate order i, f, g, o) with input and hidden weights side by side.
#[derive(Debug)]
pub struct Lstm {
    /// `[4 * HIDDEN][2 * HIDDEN]`: row r is `w_ih[r]` followed by `w_hh[r]`.
    weight: Vec<f32>,
    bias: Vec<f32>,
}

impl Lstm {
    pub fn new(w_ih: &[f32], w_hh: &[f32], b_ih: &[f32], b_hh: &[f32]) -> Self {
        let mut weight = Vec::with_capacity(8 * HIDDEN * HIDDEN);
        for r in 0..4 * HIDDEN {
            weight.extend_from_slice(&w_ih[r * HIDDEN..(r + 1) * HIDDEN]);
            weight.extend_from_slice(&w_hh[r * HIDDEN..(r + 1) * HIDDEN]);
        }
        let bias = b_ih.iter().zip(b_hh).map(|(a, b)| a + b).collect();
        Self { weight, bias }
    }

    /// Steps the cell: `xh` is the input followed by the hidden state; `h` and `c` are updated.
    #[inline(always)]
    pub fn step<S: Simd>(
        &self,
        simd: S,
        xh: &[f32],
        gates: &mut [f32],
        h: &mut [f32],
        c: &mut [f32],
    ) {
        let width = 2 * HIDDEN;
        for (r, g) in gates.iter_mut().enumerate() {
            *g = dot(simd, &self.weight[r * width..(r + 1) * width], xh) + self.bias[r];
        }
        for j in 0..HIDDEN {
            let i = sigmoid(gates[j]);
            let f = sigmoid(gates[HIDDEN + j]);
            let g = tanh(gates[2 * HIDDEN + j]);
            let o = sigmoid(gates[3 * HIDDEN + j]);
            c[j] = f * c[j] + i * g;
            h[j] = o * tanh(c[j]);
        }
    }
}

#[derive(Debug)]
pub struct Decoder {
    pub weight: Vec<f32>,
    pub bias: f32,
}

impl Decoder {
    /// Speech probability from the LSTM output.
    #[inline(always)]
    pub fn forward(&self, h: &[f32]) -> f32 {
        let relu: f32 = h
            .iter()
            .zip(&self.weight)
            .map(|(x, w)| x.max(0.0) * w)
            .sum();
        sigmoid(relu + self.bias)
    }
}

#[inline(always)]
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// tanh through `exp` (libm's `tanhf` costs several times as much); absolute error below 1e-6.
#[inline(always)]
fn tanh(x: f32) -> f32 {
    1.0 - 2.0 / (1.0 + (2.0 * x).exp())
}

#[cfg(test)]
mod tests {
    #[test]
    fn tanh_matches_the_standard_one() {
        for i in -2000..=2000 {
            let x = i as f32 / 100.0;
            assert!((super::tanh(x) - x.tanh()).abs() < 1e-6, "{x}");
        }
    }
}
