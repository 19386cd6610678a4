//! Silero VAD v6 on whole 32 ms frames, with the start/end hysteresis of Silero's own iterator.

use remotemedia_audio::{AudioError, ErrorCode, Result};
use remotemedia_silero::{ModelError, ModelRate, Silero, shared_model};

use crate::Decision;

/// The process's Silero model (read from its file the first time), or an error that says where
/// the file comes from.
fn model() -> Result<std::sync::Arc<remotemedia_silero::Model>> {
    shared_model().map_err(|e: ModelError| {
        AudioError::new(
            ErrorCode::Io,
            format!(
                "{e}. The file ships in the model/ folder of @remotemedia/node-vad: reinstall that package if it is missing or damaged (a source checkout copies it there with `npm run build -w @remotemedia/node-vad`); Rust code names crates/silero/model/silero_vad_v6.bin with remotemedia_silero::set_model_file"
            ),
        )
    })
}

#[derive(Debug)]
pub struct SileroDetector {
    model: Silero,
    threshold: f32,
    neg_threshold: f32,
    in_speech: bool,
    window: Vec<f32>,
}

impl SileroDetector {
    /// `rate` is 8,000 or 16,000 (`VadConfig::work_rate` picks one). Fails when the model
    /// cannot be had (`ERR_IO`).
    pub fn new(rate: u32, threshold: f32, neg_threshold: f32) -> Result<Self> {
        let rate = ModelRate::from_hz(rate).expect("VadConfig picks 8 or 16 kHz for Silero");
        let model = Silero::new(model()?, rate);
        Ok(Self {
            window: vec![0.0; model.window_len()],
            model,
            threshold,
            neg_threshold,
            in_speech: false,
        })
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
pub(crate) mod tests {
    use super::*;

    /// Names the committed model file, as the Node package names its copy.
    pub fn use_committed_model() {
        remotemedia_silero::set_model_file(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../silero/model/silero_vad_v6.bin"
        ));
    }

    #[test]
    fn hysteresis_holds_speech_between_the_thresholds() {
        use_committed_model();
        let mut d = SileroDetector::new(16_000, 0.5, 0.35).unwrap();
        assert_eq!(
            [0.4, 0.6, 0.4, 0.36, 0.34, 0.45, 0.5].map(|p| d.hold(p)),
            [false, true, true, true, false, false, true]
        );
        d.reset();
        assert!(!d.hold(0.45));
    }
}
