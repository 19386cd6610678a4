//! The ceiling for the Node benchmark: webrtc-vad called directly from Rust on the same audio
//! (tests/fixtures/speech.wav looped to 60 s), one JSON line per case.
//! `cargo run --release -p remotemedia-vad --example raw_vad`

use std::time::Instant;

use remotemedia_resample::{Quality, resample};
use webrtc_vad::{SampleRate, Vad, VadMode};

const SECONDS: usize = 60;

fn fixture(rate: u32) -> Vec<i16> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/speech.wav");
    let mut reader = hound::WavReader::open(path).expect("speech.wav");
    let from = reader.spec().sample_rate;
    let float: Vec<f32> = reader
        .samples::<i16>()
        .map(|s| f32::from(s.unwrap()) / 32_768.0)
        .collect();
    let float = if rate == from {
        float
    } else {
        resample(&float, from, rate, 1, Quality::High).unwrap()
    };
    let once: Vec<i16> = float
        .iter()
        .map(|&v| (v * 32_768.0).round() as i16)
        .collect();
    once.iter()
        .copied()
        .cycle()
        .take(rate as usize * SECONDS)
        .collect()
}

/// Median seconds of `runs` calls of `f`.
fn median(runs: usize, mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut times = Vec::new();
    let mut speech = 0;
    for _ in 0..runs {
        let start = Instant::now();
        speech = std::hint::black_box(f());
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (times[runs / 2], speech)
}

fn run(pcm: &[i16], rate: u32, frame_len: usize) -> usize {
    let rate = SampleRate::try_from(rate as i32).unwrap();
    let mut vad = Vad::new_with_rate_and_mode(rate, VadMode::Quality);
    pcm.chunks_exact(frame_len)
        .filter(|f| vad.is_voice_segment(f).unwrap())
        .count()
}

fn main() {
    for rate in [16_000u32, 48_000] {
        let pcm = fixture(rate);
        let frame_len = rate as usize * 30 / 1000;
        let frames = pcm.len() / frame_len;
        let (seconds, speech) = median(9, || run(&pcm, rate, frame_len));
        println!(
            "{{\"rate\":{rate},\"frames\":{frames},\"speechFrames\":{speech},\"seconds\":{seconds},\"perFrame\":{}}}",
            seconds / frames as f64
        );
    }
}
