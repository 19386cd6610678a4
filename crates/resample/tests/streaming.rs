//! Length, alignment, chunk invariance and channel independence of the streaming resampler.

use remotemedia_resample::analysis::{channel, sine, snr_db};
use remotemedia_resample::{Quality, Resampler, resample};

/// A deterministic, non-periodic test signal (a sum of tones and a decaying chirp-like part).
fn program(frames: usize, channels: usize, rate: u32) -> Vec<f32> {
    (0..frames * channels)
        .map(|i| {
            let (n, c) = ((i / channels) as f64, (i % channels) as f64);
            let t = n / f64::from(rate);
            (0.3 * (t * (440.0 + 100.0 * c) * std::f64::consts::TAU).sin()
                + 0.2 * (t * t * 3000.0 * std::f64::consts::TAU).sin()) as f32
        })
        .collect()
}

fn run_chunked(r: &mut Resampler, input: &[f32], chunk_frames: &[usize]) -> Vec<f32> {
    let ch = r.channels();
    let (mut out, mut at, mut i) = (Vec::new(), 0, 0);
    while at < input.len() {
        let len = (chunk_frames[i % chunk_frames.len()] * ch).min(input.len() - at);
        r.process(&input[at..at + len], &mut out).unwrap();
        at += len;
        i += 1;
    }
    r.flush(&mut out);
    out
}

#[test]
fn total_length_is_the_rounded_ratio_for_any_input_length() {
    for (from, to) in [
        (48_000, 16_000),
        (16_000, 48_000),
        (44_100, 48_000),
        (48_000, 44_100),
        (8_000, 22_050),
    ] {
        for frames in [0, 1, 2, 3, 7, 100, 147, 1_000, 4_801, 44_100] {
            let out = resample(&vec![0.1; frames * 2], from, to, 2, Quality::Fast).unwrap();
            let expected = ((frames as f64) * f64::from(to) / f64::from(from)).round() as usize;
            assert_eq!(out.len(), expected * 2, "{from}->{to}, {frames} frames");
        }
    }
}

#[test]
fn chunked_output_equals_one_shot_whatever_the_chunking() {
    let input = program(48_000, 2, 48_000);
    for quality in Quality::ALL {
        let one_shot = resample(&input, 48_000, 16_000, 2, quality).unwrap();
        for chunks in [&[1usize][..], &[960], &[0, 7, 333, 1, 4_096], &[10_000, 3]] {
            let mut r = Resampler::new(48_000, 16_000, 2, quality).unwrap();
            let chunked = run_chunked(&mut r, &input, chunks);
            assert_eq!(chunked.len(), one_shot.len());
            let worst = chunked
                .iter()
                .zip(&one_shot)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f32::max);
            assert!(
                worst <= 1e-6,
                "{quality} chunks {chunks:?}: max diff {worst}"
            );
        }
    }
}

#[test]
fn output_frame_k_is_the_input_at_time_k_over_to() {
    // Any leftover group delay shows up as a phase error, which the SNR against the ideal sine
    // (with its phase fixed at t = 0) punishes: one sample of shift at 16 kHz costs ~70 dB.
    for (from, to) in [
        (48_000, 16_000),
        (16_000, 48_000),
        (44_100, 48_000),
        (22_050, 16_000),
    ] {
        let out = resample(
            &sine(1000.0, from, from as usize, 0.5),
            from,
            to,
            1,
            Quality::Balanced,
        )
        .unwrap();
        let snr = snr_db(&out, to, 1000.0, 0.5, out.len() / 10..out.len() * 9 / 10);
        assert!(snr >= 100.0, "{from}->{to}: SNR {snr:.1} dB");
    }
}

#[test]
fn an_impulse_comes_out_centred_on_its_own_time() {
    // Input frame 3000 at 48 kHz is t = 62.5 ms, which is output frame 1000 at 16 kHz (and 3000
    // again at 48 kHz after the round trip): the peak must sit there, symmetric, with no delay.
    let mut impulse = vec![0.0f32; 6_000];
    impulse[3_000] = 1.0;
    for quality in Quality::ALL {
        let out = resample(&impulse, 48_000, 16_000, 1, quality).unwrap();
        let peak = (0..out.len())
            .max_by(|a, b| out[*a].total_cmp(&out[*b]))
            .unwrap();
        assert_eq!(peak, 1_000, "{quality}");
        assert!(
            (out[999] - out[1_001]).abs() < 1e-6,
            "{quality}: asymmetric around the peak"
        );
        let back = resample(&out, 16_000, 48_000, 1, quality).unwrap();
        let peak = (0..back.len())
            .max_by(|a, b| back[*a].total_cmp(&back[*b]))
            .unwrap();
        assert_eq!(peak, 3_000, "{quality} round trip");
    }
}

#[test]
fn channels_are_independent() {
    let (from, to, frames) = (48_000u32, 16_000u32, 48_000);
    let tones = [500.0, 1_000.0, 2_500.0];
    let mut input = vec![0.0f32; frames * tones.len()];
    for (c, tone) in tones.iter().enumerate() {
        for (n, v) in sine(*tone, from, frames, 0.5).into_iter().enumerate() {
            input[n * tones.len() + c] = v;
        }
    }
    let out = resample(&input, from, to, tones.len() as u32, Quality::High).unwrap();
    for (c, tone) in tones.iter().enumerate() {
        let lane = channel(&out, tones.len(), c);
        let snr = snr_db(&lane, to, *tone, 0.5, lane.len() / 10..lane.len() * 9 / 10);
        assert!(
            snr >= 120.0,
            "channel {c} ({tone} Hz): SNR {snr:.1} dB, crosstalk or damage"
        );
    }
    // Silence in one channel stays silence when its neighbour is loud.
    let mut pair = vec![0.0f32; frames * 2];
    for (n, v) in sine(1_000.0, from, frames, 0.9).into_iter().enumerate() {
        pair[n * 2] = v;
    }
    let out = resample(&pair, from, to, 2, Quality::High).unwrap();
    assert!(channel(&out, 2, 1).iter().all(|v| *v == 0.0));
}

#[test]
fn output_len_predicts_each_call_exactly() {
    let mut r = Resampler::new(44_100, 48_000, 2, Quality::High).unwrap();
    let input = program(10_000, 2, 44_100);
    let mut out = Vec::new();
    for chunk in input.chunks(882) {
        let expected = r.output_len(chunk.len());
        let before = out.len();
        assert_eq!(r.process(chunk, &mut out).unwrap(), expected);
        assert_eq!(out.len() - before, expected);
    }
    let expected = r.flush_len();
    assert_eq!(r.flush(&mut out), expected);
}

#[test]
fn process_into_fills_a_caller_slice() {
    let input = program(9_600, 1, 48_000);
    let mut r = Resampler::new(48_000, 16_000, 1, Quality::High).unwrap();
    let mut slice = vec![0.0f32; 4_000];
    let mut collected = Vec::new();
    for chunk in input.chunks(960) {
        let n = r.process_into(chunk, &mut slice).unwrap();
        collected.extend_from_slice(&slice[..n]);
    }
    let n = r.flush_into(&mut slice).unwrap();
    collected.extend_from_slice(&slice[..n]);
    assert_eq!(
        collected,
        resample(&input, 48_000, 16_000, 1, Quality::High).unwrap()
    );
}

#[test]
fn streaming_holds_back_at_most_latency_frames() {
    let mut r = Resampler::new(48_000, 16_000, 1, Quality::High).unwrap();
    let mut out = Vec::new();
    let mut frames_in = 0usize;
    for chunk in program(48_000, 1, 48_000).chunks(960) {
        r.process(chunk, &mut out).unwrap();
        frames_in += chunk.len();
        let ideal = frames_in / 3;
        assert!(
            out.len() + r.latency() >= ideal,
            "{} out after {frames_in} in",
            out.len()
        );
    }
}

#[test]
fn reset_and_flush_start_a_fresh_stream() {
    let input = program(4_800, 1, 48_000);
    let fresh = resample(&input, 48_000, 16_000, 1, Quality::Fast).unwrap();
    let mut r = Resampler::new(48_000, 16_000, 1, Quality::Fast).unwrap();
    let mut junk = Vec::new();
    r.process(&program(1_234, 1, 48_000), &mut junk).unwrap();
    r.reset();
    assert_eq!(run_chunked(&mut r, &input, &[480]), fresh);
    // After a flush the next stream is independent of the previous one.
    assert_eq!(run_chunked(&mut r, &input, &[100]), fresh);
}

#[test]
fn equal_rates_pass_the_audio_through_unchanged_with_no_latency() {
    let input = program(4_801, 2, 16_000);
    for quality in [
        Quality::Fast,
        Quality::Balanced,
        Quality::High,
        Quality::Max,
    ] {
        let mut r = Resampler::new(16_000, 16_000, 2, quality).unwrap();
        assert_eq!(r.latency(), 0);
        assert_eq!(r.output_len(640), 640);
        for chunks in [&[1usize][..], &[7, 480, 3], &[4_801]] {
            assert_eq!(
                run_chunked(&mut r, &input, chunks),
                input,
                "{quality:?} {chunks:?}"
            );
        }
        let mut first = Vec::new();
        assert_eq!(r.process(&input[..20], &mut first).unwrap(), 20);
        assert_eq!(
            first,
            &input[..20],
            "a frame comes out as soon as it goes in"
        );
        assert_eq!(r.flush_len(), 0);
    }
    assert_eq!(
        resample(&input, 44_100, 44_100, 2, Quality::High).unwrap(),
        input
    );
}
