//! The model's front end: magnitudes of a periodic-Hann-windowed DFT, hop n_fft/2, computed as
//! dot products with the basis the released model stores (generated here instead of shipped).

use crate::dot::dots;

#[derive(Debug)]
pub struct Stft {
    pub n_fft: usize,
    /// `bins` cosine rows then `bins` negative-sine rows, each `n_fft` long.
    basis: Vec<f32>,
}

impl Stft {
    pub fn new(n_fft: usize) -> Self {
        let bins = n_fft / 2 + 1;
        let mut basis = vec![0.0f32; 2 * bins * n_fft];
        for k in 0..bins {
            for t in 0..n_fft {
                let window = 0.5 - 0.5 * (std::f64::consts::TAU * t as f64 / n_fft as f64).cos();
                let phase = std::f64::consts::TAU * ((k * t) % n_fft) as f64 / n_fft as f64;
                basis[k * n_fft + t] = (window * phase.cos()) as f32;
                basis[(bins + k) * n_fft + t] = (-window * phase.sin()) as f32;
            }
        }
        Self { n_fft, basis }
    }

    pub fn bins(&self) -> usize {
        self.n_fft / 2 + 1
    }

    /// Magnitudes of the 4 frames of `padded` (`n_fft * 5 / 2` samples), time-major into `out`.
    pub fn magnitudes(&self, padded: &[f32], out: &mut [f32]) {
        let (n, bins, hop) = (self.n_fft, self.bins(), self.n_fft / 2);
        let frames: [&[f32]; 4] = std::array::from_fn(|f| &padded[f * hop..f * hop + n]);
        for k in 0..bins {
            let re = dots(&self.basis[k * n..(k + 1) * n], frames);
            let im = dots(&self.basis[(bins + k) * n..(bins + k + 1) * n], frames);
            for f in 0..4 {
                out[f * bins + k] = (re[f] * re[f] + im[f] * im[f]).sqrt();
            }
        }
    }
}
