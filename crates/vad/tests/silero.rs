//! The Silero engine behind the streaming API gives the model's own probabilities at its rates
//! (what both engines share, chunking, layout, timeline and flush, is in chunking.rs).

mod common;

use common::{chunked, speech, to_f32, use_committed_model};
use remotemedia_silero::{ModelRate, Silero, shared_model};
use remotemedia_vad::VadConfig;

#[test]
fn probabilities_at_the_model_rates_are_the_models() {
    for rate in [8_000, 16_000] {
        use_committed_model();
        let pcm = speech(rate);
        let float = to_f32(&pcm);
        let mut model = Silero::new(shared_model().unwrap(), ModelRate::from_hz(rate).unwrap());
        let window = model.window_len();
        let expected: Vec<f32> = float
            .chunks_exact(window)
            .map(|w| model.predict(w))
            .collect();
        let got = chunked(&float, VadConfig::silero(rate), &[float.len()]);
        let probs: Vec<f32> = got.iter().map(|d| d.probability).collect();
        assert_eq!(probs, expected, "{rate} Hz");
        let speech_frames = got.iter().filter(|d| d.speech).count();
        assert!(
            speech_frames > got.len() / 5 && speech_frames < got.len() * 9 / 10,
            "{rate} Hz: {speech_frames}/{} speech",
            got.len()
        );
    }
}
