//! Silero VAD v6 on whole 32 ms frames, with the start/end hysteresis of Silero's own iterator.

use remotemedia_silero::{ModelRate, Silero};

use crate::Decision;

#[derive(Debug)]
pub struct SileroDetector {
    model: Silero,
    threshold: f32,
    neg_threshold: f32,
    in_speech: bool,
    window: Vec<f32>,
}

impl SileroDetector {
    /// `rate` is 8,000 or 16,000 (`VadConfig::work_rate` picks one).
    pub fn new(rate: u32, threshold: f32, neg_threshold: f32) -> Self {
        let rate = ModelRate::from_hz(rate).expect("VadConfig picks 8 or 16 kHz for Silero");
        let model = Silero::new(rate);
        Self {
            window: vec![0.0; model.window_len()],
            model,
            threshold,
            neg_threshold,
            in_speech: false,
        }
    }

    pub fn frame_len(&self) -> usize {
        self.window.len()
    }

    /// Speech starts at `threshold` and lasts until the probability falls below `neg_threshold`.
    pub fn decide(&mut self, frame: &[i16]) -> Decision {
        for (w, &s) in self.window.iter_mut().zip(frame) {
            *w = f32::from(s) / 32_768.0;
        }
        let probability = self.model.predict(&self.window);
        Decision {
            speech: self.hold(probability),
            probability,
        }
    }

    fn hold(&mut self, probability: f32) -> bool {
        if probability >= self.threshold {
            self.in_speech = true;
        } else if probability < self.neg_threshold {
            self.in_speech = false;
        }
        self.in_speech
    }

    pub fn reset(&mut self) {
        self.model.reset();
        self.in_speech = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hysteresis_holds_speech_between_the_thresholds() {
        let mut d = SileroDetector::new(16_000, 0.5, 0.35);
        assert_eq!(
            [0.4, 0.6, 0.4, 0.36, 0.34, 0.45, 0.5].map(|p| d.hold(p)),
            [false, true, true, true, false, false, true]
        );
        d.reset();
        assert!(!d.hold(0.45));
    }
}
