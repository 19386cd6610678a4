//! The model's front end: magnitudes of a periodic-Hann-windowed DFT, hop n_fft/2. The released
//! model computes it as a convolution with a stored basis (n_fft x (n_fft + 2) multiply-adds per
//! frame); a radix-2 FFT gives the same numbers (within 1e-6) for ~1/10 of the work. The frame
//! is real, so it runs as a complex FFT of half the length (even samples as the real part, odd
//! as the imaginary) followed by one pass that separates the two.

#[derive(Debug)]
pub struct Stft {
    pub n_fft: usize,
    window: Vec<f32>,
    /// `e^{-2 pi i j / (2 h)}` for j in 0..h, for each stage's half-width h = 1, 2, 4, ..
    /// in turn (stage h starts at h - 1), so every stage reads its twiddles in order.
    twiddle_re: Vec<f32>,
    twiddle_im: Vec<f32>,
    /// `e^{-2 pi i k / n_fft}` for k in 0..=n_fft/2: the pass from the half-length FFT to bins.
    split_re: Vec<f32>,
    split_im: Vec<f32>,
    /// Bit-reversed index of each position of the half-length FFT.
    order: Vec<usize>,
    re: Vec<f32>,
    im: Vec<f32>,
}

impl Stft {
    pub fn new(n_fft: usize) -> Self {
        assert!(n_fft.is_power_of_two(), "FFT length");
        let tau = std::f64::consts::TAU;
        let window = (0..n_fft)
            .map(|t| (0.5 - 0.5 * (tau * t as f64 / n_fft as f64).cos()) as f32)
            .collect();
        let m = n_fft / 2;
        let (mut twiddle_re, mut twiddle_im) = (Vec::new(), Vec::new());
        let mut half = 1;
        while half < m {
            for j in 0..half {
                let phase = tau * j as f64 / (2 * half) as f64;
                twiddle_re.push(phase.cos() as f32);
                twiddle_im.push(-phase.sin() as f32);
            }
            half *= 2;
        }
        let phases = (0..=m).map(|k| tau * k as f64 / n_fft as f64);
        let split_re = phases.clone().map(|p| p.cos() as f32).collect();
        let split_im = phases.map(|p| -p.sin() as f32).collect();
        let bits = m.trailing_zeros();
        let order = (0..m)
            .map(|i| i.reverse_bits() >> (usize::BITS - bits))
            .collect();
        Self {
            n_fft,
            window,
            twiddle_re,
            twiddle_im,
            split_re,
            split_im,
            order,
            re: vec![0.0; m],
            im: vec![0.0; m],
        }
    }

    pub fn bins(&self) -> usize {
        self.n_fft / 2 + 1
    }

    /// Magnitudes of the 4 frames of `padded` (`n_fft * 5 / 2` samples), time-major into `out`.
    #[inline(always)]
    pub fn magnitudes(&mut self, padded: &[f32], out: &mut [f32]) {
        let (n, bins, hop) = (self.n_fft, self.bins(), self.n_fft / 2);
        let m = n / 2;
        for f in 0..4 {
            let frame = &padded[f * hop..f * hop + n];
            for (i, &src) in self.order.iter().enumerate() {
                self.re[i] = frame[2 * src] * self.window[2 * src];
                self.im[i] = frame[2 * src + 1] * self.window[2 * src + 1];
            }
            self.fft();
            // Z = FFT(even + i odd): bin k is E + W^k O with E = (Z[k] + conj Z[m-k]) / 2 and
            // O = (Z[k] - conj Z[m-k]) / 2i, indices modulo m.
            let row = &mut out[f * bins..(f + 1) * bins];
            for (k, x) in row.iter_mut().enumerate() {
                let (a, b) = (self.re[k % m], self.im[k % m]);
                let (c, d) = (self.re[(m - k) % m], self.im[(m - k) % m]);
                let (er, ei) = (0.5 * (a + c), 0.5 * (b - d));
                let (or, oi) = (0.5 * (b + d), -0.5 * (a - c));
                let (wr, wi) = (self.split_re[k], self.split_im[k]);
                let xr = er + wr * or - wi * oi;
                let xi = ei + wr * oi + wi * or;
                *x = (xr * xr + xi * xi).sqrt();
            }
        }
    }

    /// In-place iterative radix-2 FFT of `re` + i `im`, input already in bit-reversed order.
    #[inline(always)]
    fn fft(&mut self) {
        let n = self.n_fft / 2;
        let mut half = 1;
        while half < n {
            let wr = &self.twiddle_re[half - 1..2 * half - 1];
            let wi = &self.twiddle_im[half - 1..2 * half - 1];
            // Contiguous slices with no index arithmetic, so the wider stages vectorise.
            let blocks = self.re.chunks_exact_mut(2 * half);
            for (re, im) in blocks.zip(self.im.chunks_exact_mut(2 * half)) {
                let (ra, rb) = re.split_at_mut(half);
                let (ia, ib) = im.split_at_mut(half);
                let pairs = ra.iter_mut().zip(rb).zip(ia.iter_mut().zip(ib));
                for (((ra, rb), (ia, ib)), (&wr, &wi)) in pairs.zip(wr.iter().zip(wi)) {
                    let tr = *rb * wr - *ib * wi;
                    let ti = *rb * wi + *ib * wr;
                    *rb = *ra - tr;
                    *ib = *ia - ti;
                    *ra += tr;
                    *ia += ti;
                }
            }
            half *= 2;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Stft;

    #[test]
    fn equals_the_windowed_dft_the_model_stores_as_a_basis() {
        for n in [128, 256] {
            let padded: Vec<f32> = (0..n * 5 / 2)
                .map(|i| ((i * i) as f32 * 0.001).sin())
                .collect();
            let mut stft = Stft::new(n);
            let bins = stft.bins();
            let mut got = vec![0.0; 4 * bins];
            stft.magnitudes(&padded, &mut got);
            for f in 0..4 {
                for k in 0..bins {
                    let (mut re, mut im) = (0.0f64, 0.0f64);
                    for t in 0..n {
                        let x = f64::from(padded[f * n / 2 + t]);
                        let w = 0.5 - 0.5 * (std::f64::consts::TAU * t as f64 / n as f64).cos();
                        let phase = std::f64::consts::TAU * (k * t) as f64 / n as f64;
                        re += x * w * phase.cos();
                        im -= x * w * phase.sin();
                    }
                    let expected = (re * re + im * im).sqrt();
                    let diff = (f64::from(got[f * bins + k]) - expected).abs();
                    assert!(diff < 1e-4, "n {n} frame {f} bin {k}: {diff}");
                }
            }
        }
    }
}
