//! The Silero engine behind the streaming API: the model's own probabilities at its rates, the
//! same decisions for any chunking and channel layout, resampled rates on the input's timeline.

mod common;

use common::{speech, to_f32, use_committed_model};
use remotemedia_silero::{ModelRate, Silero, shared_model};
use remotemedia_vad::{Decision, SegmenterConfig, Vad, VadConfig, detect_segments};

fn config(rate: u32, channels: u32) -> VadConfig {
    use_committed_model();
    VadConfig {
        channels,
        ..VadConfig::silero(rate)
    }
}

/// Decisions for `input` fed in chunks of `sizes` (cycled), then flushed.
fn chunked(input: &[f32], config: VadConfig, sizes: &[usize]) -> Vec<Decision> {
    let mut vad = Vad::new(config).unwrap();
    let mut out = Vec::new();
    let mut at = 0;
    for &size in sizes.iter().cycle() {
        if at >= input.len() {
            break;
        }
        let end = (at + size * config.channels as usize).min(input.len());
        let ready = vad.frames_ready(end - at);
        let (mut speech, mut probs) = (vec![0u8; ready], vec![0f32; ready]);
        let n = vad
            .process_scored_into(&input[at..end], &mut speech, Some(&mut probs))
            .unwrap();
        assert_eq!(n, ready, "frames_ready is exact");
        out.extend(speech.iter().zip(&probs).map(|(&s, &p)| Decision {
            speech: s != 0,
            probability: p,
        }));
        at = end;
    }
    vad.flush_decisions_with(&mut |d| out.push(d));
    out
}

#[test]
fn probabilities_at_the_model_rates_are_the_models() {
    for rate in [8_000, 16_000] {
        let config = config(rate, 1);
        let pcm = speech(rate);
        let float = to_f32(&pcm);
        let mut model = Silero::new(shared_model().unwrap(), ModelRate::from_hz(rate).unwrap());
        let window = model.window_len();
        let expected: Vec<f32> = float
            .chunks_exact(window)
            .map(|w| model.predict(w))
            .collect();
        let got = chunked(&float, config, &[float.len()]);
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

#[test]
fn any_chunk_length_gives_the_same_decisions() {
    for rate in [16_000, 8_000, 44_100] {
        let input = to_f32(&speech(rate));
        let whole = chunked(&input, config(rate, 1), &[input.len()]);
        for sizes in [&[1][..], &[511], &[13, 480, 1, 4_000, 333]] {
            assert_eq!(
                chunked(&input, config(rate, 1), sizes),
                whole,
                "{rate} Hz chunks {sizes:?}"
            );
        }
    }
}

#[test]
fn stereo_is_downmixed_to_the_mono_decisions() {
    let mono = to_f32(&speech(48_000));
    let stereo: Vec<f32> = mono.iter().flat_map(|&v| [v * 1.5, v * 0.5]).collect();
    assert_eq!(
        chunked(&stereo, config(48_000, 2), &[960]),
        chunked(&mono, config(48_000, 1), &[960])
    );
}

#[test]
fn resampled_input_stays_on_the_input_timeline() {
    let pad = SegmenterConfig::new(32);
    let at16 = detect_segments(&speech(16_000), config(16_000, 1), pad).unwrap();
    assert!(at16.len() >= 2, "the fixture has two sentences: {at16:?}");
    for rate in [44_100, 48_000, 11_025] {
        let other = detect_segments(&speech(rate), config(rate, 1), pad).unwrap();
        assert_eq!(other.len(), at16.len(), "{rate} Hz: {other:?} vs {at16:?}");
        for (a, b) in other.iter().zip(&at16) {
            assert!(
                a.start_ms.abs_diff(b.start_ms) <= 64,
                "{rate} Hz {a:?} vs {b:?}"
            );
            assert!(
                a.end_ms.abs_diff(b.end_ms) <= 64,
                "{rate} Hz {a:?} vs {b:?}"
            );
        }
    }
}

#[test]
fn reset_and_flush_start_a_fresh_stream() {
    let input = to_f32(&speech(16_000));
    let mut vad = Vad::new(config(16_000, 1)).unwrap();
    let run = |vad: &mut Vad| {
        let mut out = Vec::new();
        vad.process_decisions_with(&input, &mut |d| out.push(d))
            .unwrap();
        out
    };
    let first = run(&mut vad);
    vad.reset();
    assert_eq!(run(&mut vad), first);
    vad.flush_with(&mut |_| {});
    assert_eq!(run(&mut vad), first);
}
