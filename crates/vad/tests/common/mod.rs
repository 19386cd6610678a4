//! Fixtures shared by the integration tests: the committed speech recording at any rate, and
//! seeded noise.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use remotemedia_resample::{Quality, resample};
use remotemedia_vad::{Decision, Vad, VadConfig};

/// `fixtures/speech.wav` (16 kHz, see `fixtures/make-fixtures.sh`) as 16-bit PCM at `rate`.
pub fn speech(rate: u32) -> Vec<i16> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/speech.wav");
    let mut reader = hound::WavReader::open(path).expect("fixture speech.wav");
    let pcm: Vec<i16> = reader.samples::<i16>().map(|s| s.unwrap()).collect();
    if rate == reader.spec().sample_rate {
        return pcm;
    }
    let float: Vec<f32> = pcm.iter().map(|&v| f32::from(v) / 32_768.0).collect();
    let out = resample(&float, reader.spec().sample_rate, rate, 1, Quality::High).unwrap();
    out.iter().map(|&v| (v * 32_768.0).round() as i16).collect()
}

/// Seeded white noise with bursts of louder noise, `seconds` long at `rate`.
pub fn noise(rate: u32, seconds: f32, seed: u64) -> Vec<i16> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let n = (rate as f32 * seconds) as usize;
    (0..n)
        .map(|i| {
            let loud = (i / (rate as usize / 2)) % 3 == 1;
            let amp = if loud { 6_000 } else { 300 };
            rng.i16(-amp..amp)
        })
        .collect()
}

pub fn to_f32(pcm: &[i16]) -> Vec<f32> {
    pcm.iter().map(|&v| f32::from(v) / 32_768.0).collect()
}

/// webrtc-vad called directly: one decision per whole frame.
pub fn reference(pcm: &[i16], rate: u32, mode: u32, frame_ms: u32) -> Vec<bool> {
    use webrtc_vad::{SampleRate, Vad, VadMode};
    let rate_enum = SampleRate::try_from(rate as i32).unwrap();
    let mode_enum = [
        VadMode::Quality,
        VadMode::LowBitrate,
        VadMode::Aggressive,
        VadMode::VeryAggressive,
    ]
    .into_iter()
    .nth(mode as usize)
    .unwrap();
    let mut vad = Vad::new_with_rate_and_mode(rate_enum, mode_enum);
    let len = (rate / 1000 * frame_ms) as usize;
    pcm.chunks_exact(len)
        .map(|f| vad.is_voice_segment(f).unwrap())
        .collect()
}

/// The committed Silero model file, named for the process (as the Node package names its copy).
pub fn use_committed_model() {
    remotemedia_silero::set_model_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../silero/model/silero_vad_v6.bin"
    ));
}

/// Decisions for `input` fed in chunks of `sizes` frames (cycled), then flushed, through both
/// streaming APIs of either engine: scored into slices (with `frames_ready`, which must be
/// exact) and plain decisions; the two must agree.
pub fn chunked(input: &[f32], config: VadConfig, sizes: &[usize]) -> Vec<Decision> {
    let (mut scored, mut plain) = (Vad::new(config).unwrap(), Vad::new(config).unwrap());
    let (mut out, mut speech) = (Vec::new(), Vec::new());
    let mut at = 0;
    for &size in sizes.iter().cycle() {
        if at >= input.len() {
            break;
        }
        let chunk = &input[at..(at + size * config.channels as usize).min(input.len())];
        let ready = scored.frames_ready(chunk.len());
        let (mut flags, mut probs) = (vec![0u8; ready], vec![0f32; ready]);
        let n = scored
            .process_scored_into(chunk, &mut flags, Some(&mut probs))
            .unwrap();
        assert_eq!(n, ready, "frames_ready is exact");
        out.extend(flags.iter().zip(&probs).map(|(&s, &p)| Decision {
            speech: s != 0,
            probability: p,
        }));
        let mut buf = vec![0u8; plain.frames_ready(chunk.len())];
        assert_eq!(plain.process_into(chunk, &mut buf).unwrap(), buf.len());
        speech.extend(buf.iter().map(|&d| d != 0));
        at += chunk.len();
    }
    scored.flush_decisions_with(&mut |d| out.push(d));
    plain.flush_with(&mut |d| speech.push(d));
    let scored_speech: Vec<bool> = out.iter().map(|d| d.speech).collect();
    assert_eq!(speech, scored_speech, "both APIs decide alike");
    out
}
