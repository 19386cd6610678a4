//! Probabilities equal the released model's run by onnxruntime (scripts/make_reference.py) on
//! the fixtures, window for window, at both rates.

use std::sync::{Arc, LazyLock};

use remotemedia_silero::{Model, ModelRate, Silero};

static MODEL: LazyLock<Arc<Model>> = LazyLock::new(|| {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/model/silero_vad_v6.bin");
    Arc::new(Model::load(path.as_ref()).unwrap())
});

fn stream(rate: u32) -> Silero {
    Silero::new(MODEL.clone(), ModelRate::from_hz(rate).unwrap())
}

fn fixture(name: &str) -> (Vec<f32>, u32) {
    let path = format!(
        "{}/tests/fixtures/speech-{name}.wav",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut reader = hound::WavReader::open(path).expect("fixture wav");
    let rate = reader.spec().sample_rate;
    let samples = reader
        .samples::<i16>()
        .map(|s| f32::from(s.unwrap()) / 32_768.0)
        .collect();
    (samples, rate)
}

fn reference(name: &str) -> Vec<f32> {
    let path = format!(
        "{}/tests/fixtures/reference-{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.parse().unwrap())
        .collect()
}

fn ours(samples: &[f32], rate: u32) -> Vec<f32> {
    let mut vad = stream(rate);
    let window = vad.window_len();
    samples
        .chunks_exact(window)
        .map(|w| vad.predict(w))
        .collect()
}

fn assert_matches(name: &str) {
    let (samples, rate) = fixture(name);
    let expected = reference(name);
    let got = ours(&samples, rate);
    assert_eq!(got.len(), expected.len(), "{name}: window count");
    // The fixture must hold both clear speech and clear non-speech for the match to mean much.
    let speech = expected.iter().filter(|&&p| p > 0.8).count();
    let silence = expected.iter().filter(|&&p| p < 0.2).count();
    assert!(
        speech > 50 && silence > 50,
        "{name}: {speech} speech, {silence} silence"
    );
    let worst = got
        .iter()
        .zip(&expected)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0f32, f32::max);
    assert!(worst <= 1e-4, "{name}: max abs difference {worst}");
}

#[test]
fn probabilities_match_onnxruntime_at_16_khz() {
    assert_matches("16k");
}

#[test]
fn probabilities_match_onnxruntime_at_8_khz() {
    assert_matches("8k");
}

#[test]
fn reset_starts_the_stream_over() {
    let (samples, rate) = fixture("16k");
    let mut vad = stream(rate);
    let first: Vec<f32> = samples
        .chunks_exact(512)
        .take(40)
        .map(|w| vad.predict(w))
        .collect();
    vad.reset();
    let again: Vec<f32> = samples
        .chunks_exact(512)
        .take(40)
        .map(|w| vad.predict(w))
        .collect();
    assert_eq!(first, again);
}
