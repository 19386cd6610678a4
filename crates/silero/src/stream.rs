//! One audio stream's detector: the shared network plus this stream's LSTM state and context.

use std::sync::Arc;

use crate::model::Model;
use crate::net::{Net, Scratch};
use crate::weights::HIDDEN;

/// The rates the network was trained at; other rates are resampled by the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelRate {
    Hz8000,
    Hz16000,
}

impl ModelRate {
    pub fn hz(self) -> u32 {
        match self {
            Self::Hz8000 => 8000,
            Self::Hz16000 => 16000,
        }
    }

    pub fn from_hz(hz: u32) -> Option<Self> {
        match hz {
            8000 => Some(Self::Hz8000),
            16000 => Some(Self::Hz16000),
            _ => None,
        }
    }
}

/// Silero VAD v6 on one stream: [`Silero::predict`] takes one window of new samples at a time.
#[derive(Debug)]
pub struct Silero {
    model: Arc<Model>,
    rate: ModelRate,
    /// The previous `context` samples followed by the current window.
    input: Vec<f32>,
    h: Vec<f32>,
    c: Vec<f32>,
    scratch: Scratch,
}

impl Silero {
    /// A fresh stream on `model`'s network for `rate`.
    pub fn new(model: Arc<Model>, rate: ModelRate) -> Self {
        let net = model.net(rate);
        let (input, scratch) = (vec![0.0; net.context() + net.window()], net.scratch());
        Self {
            model,
            rate,
            input,
            h: vec![0.0; HIDDEN],
            c: vec![0.0; HIDDEN],
            scratch,
        }
    }

    pub fn rate(&self) -> ModelRate {
        self.rate
    }

    /// Samples per window: 512 at 16 kHz, 256 at 8 kHz (32 ms).
    pub fn window_len(&self) -> usize {
        self.net().window()
    }

    fn net(&self) -> &Net {
        self.model.net(self.rate)
    }

    /// Speech probability (0..1) of the next `window_len()` samples (floats in -1..1).
    ///
    /// # Panics
    /// If `window` is not `window_len()` samples long.
    pub fn predict(&mut self, window: &[f32]) -> f32 {
        let net = self.model.net(self.rate);
        let ctx = net.context();
        assert_eq!(window.len(), net.window(), "Silero window length");
        self.input[ctx..].copy_from_slice(window);
        let p = net.forward(&self.input, &mut self.h, &mut self.c, &mut self.scratch);
        let len = self.input.len();
        self.input.copy_within(len - ctx.., 0);
        p
    }

    /// Forgets the stream: LSTM state and context back to zeros.
    pub fn reset(&mut self) {
        self.input.fill(0.0);
        self.h.fill(0.0);
        self.c.fill(0.0);
    }
}
