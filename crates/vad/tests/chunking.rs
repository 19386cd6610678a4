//! Decisions do not depend on chunk length, channel layout or (beyond resampling) the input rate.

mod common;

use common::{speech, to_f32};
use remotemedia_vad::{Mode, SegmenterConfig, Vad, VadConfig, detect_segments};

fn config(rate: u32, channels: u32) -> VadConfig {
    VadConfig {
        sample_rate: rate,
        channels,
        mode: Mode::Aggressive,
        frame_ms: 30,
        ..VadConfig::new(rate)
    }
}

/// Decisions for `input` fed in chunks of `sizes` (cycled), then flushed.
fn chunked(input: &[f32], config: VadConfig, sizes: &[usize]) -> Vec<bool> {
    let mut vad = Vad::new(config).unwrap();
    let mut out = Vec::new();
    let mut at = 0;
    for &size in sizes.iter().cycle() {
        if at >= input.len() {
            break;
        }
        let end = (at + size * config.channels as usize).min(input.len());
        let mut buf = vec![0u8; vad.frames_ready(end - at)];
        let n = vad.process_into(&input[at..end], &mut buf).unwrap();
        assert_eq!(n, buf.len(), "frames_ready is exact");
        out.extend(buf.iter().map(|&d| d != 0));
        at = end;
    }
    vad.flush_with(&mut |d| out.push(d));
    out
}

#[test]
fn any_chunk_length_gives_the_same_decisions() {
    for rate in [16_000, 44_100, 48_000, 22_050] {
        let input = to_f32(&speech(rate));
        let whole = chunked(&input, config(rate, 1), &[input.len()]);
        assert!(whole.len() > 200, "{rate} Hz: {} frames", whole.len());
        for sizes in [&[1][..], &[7], &[rate as usize], &[13, 480, 1, 4_000, 333]] {
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
    // Left carries the signal at 1.5x, right at 0.5x: their mean is the mono signal.
    let stereo: Vec<f32> = mono.iter().flat_map(|&v| [v * 1.5, v * 0.5]).collect();
    assert_eq!(
        chunked(&stereo, config(48_000, 2), &[960]),
        chunked(&mono, config(48_000, 1), &[960])
    );
}

#[test]
fn resampled_input_stays_on_the_input_timeline() {
    let pad = SegmenterConfig::new(30);
    let at16 = detect_segments(&speech(16_000), config(16_000, 1), pad).unwrap();
    assert!(at16.len() >= 2, "the fixture has two sentences: {at16:?}");
    for rate in [44_100, 24_000, 96_000, 11_025] {
        let other = detect_segments(&speech(rate), config(rate, 1), pad).unwrap();
        assert_eq!(other.len(), at16.len(), "{rate} Hz: {other:?} vs {at16:?}");
        for (a, b) in other.iter().zip(&at16) {
            assert!(
                a.start_ms.abs_diff(b.start_ms) <= 60,
                "{rate} Hz {a:?} vs {b:?}"
            );
            assert!(
                a.end_ms.abs_diff(b.end_ms) <= 60,
                "{rate} Hz {a:?} vs {b:?}"
            );
        }
    }
}

#[test]
fn flush_ends_the_stream_and_the_next_starts_fresh() {
    let input = to_f32(&speech(44_100));
    let mut vad = Vad::new(config(44_100, 1)).unwrap();
    let mut first = Vec::new();
    vad.process_with(&input, &mut |d| first.push(d)).unwrap();
    vad.flush_with(&mut |d| first.push(d));
    assert_eq!(vad.next_frame(), 0);
    // Whole frames of the input, all decided after flush: the resampler tail is not lost.
    assert_eq!(first.len(), input.len() * 1000 / 44_100 / 30);
    let mut second = Vec::new();
    vad.process_with(&input, &mut |d| second.push(d)).unwrap();
    vad.flush_with(&mut |d| second.push(d));
    assert_eq!(first, second);
}
