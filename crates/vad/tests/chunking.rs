//! For either engine, decisions do not depend on chunk length, channel layout or (beyond
//! resampling) the input rate, and flush ends one stream so the next starts fresh.

mod common;

use common::{chunked, speech, to_f32, use_committed_model};
use remotemedia_vad::{Mode, SegmenterConfig, Vad, VadConfig, detect_segments};

/// One engine's settings and the rates its tests run at.
struct Engine {
    config: fn(u32, u32) -> VadConfig,
    chunk_rates: &'static [u32],
    timeline_rates: &'static [u32],
}

fn webrtc(rate: u32, channels: u32) -> VadConfig {
    VadConfig {
        channels,
        mode: Mode::Aggressive,
        frame_ms: 30,
        ..VadConfig::new(rate)
    }
}

fn silero(rate: u32, channels: u32) -> VadConfig {
    use_committed_model();
    VadConfig {
        channels,
        ..VadConfig::silero(rate)
    }
}

const ENGINES: [Engine; 2] = [
    Engine {
        config: webrtc,
        chunk_rates: &[16_000, 44_100, 48_000, 22_050],
        timeline_rates: &[44_100, 24_000, 96_000, 11_025],
    },
    Engine {
        config: silero,
        chunk_rates: &[16_000, 8_000, 44_100],
        timeline_rates: &[44_100, 48_000, 11_025],
    },
];

#[test]
fn any_chunk_length_gives_the_same_decisions() {
    for engine in &ENGINES {
        for &rate in engine.chunk_rates {
            let config = (engine.config)(rate, 1);
            let input = to_f32(&speech(rate));
            let whole = chunked(&input, config, &[input.len()]);
            let speech_frames = whole.iter().filter(|d| d.speech).count();
            assert!(
                whole.len() > 200
                    && speech_frames > whole.len() / 5
                    && speech_frames < whole.len() * 9 / 10,
                "{:?} {rate} Hz: {speech_frames}/{} speech",
                config.engine,
                whole.len()
            );
            for sizes in [&[1][..], &[7], &[511], &[13, 480, 1, 4_000, 333]] {
                assert_eq!(
                    chunked(&input, config, sizes),
                    whole,
                    "{:?} {rate} Hz chunks {sizes:?}",
                    config.engine
                );
            }
        }
    }
}

#[test]
fn stereo_is_downmixed_to_the_mono_decisions() {
    let mono = to_f32(&speech(48_000));
    // Left carries the signal at 1.5x, right at 0.5x: their mean is the mono signal.
    let stereo: Vec<f32> = mono.iter().flat_map(|&v| [v * 1.5, v * 0.5]).collect();
    for engine in &ENGINES {
        assert_eq!(
            chunked(&stereo, (engine.config)(48_000, 2), &[960]),
            chunked(&mono, (engine.config)(48_000, 1), &[960])
        );
    }
}

#[test]
fn resampled_input_stays_on_the_input_timeline() {
    for engine in &ENGINES {
        let config = (engine.config)(16_000, 1);
        // Up to two frames apart: resampling moves a boundary by at most one frame either way.
        let slack = u64::from(2 * config.frame_ms);
        let pad = SegmenterConfig::new(config.frame_ms);
        let at16 = detect_segments(&speech(16_000), config, pad).unwrap();
        assert!(at16.len() >= 2, "the fixture has two sentences: {at16:?}");
        for &rate in engine.timeline_rates {
            let other = detect_segments(&speech(rate), (engine.config)(rate, 1), pad).unwrap();
            assert_eq!(other.len(), at16.len(), "{rate} Hz: {other:?} vs {at16:?}");
            for (a, b) in other.iter().zip(&at16) {
                assert!(
                    a.start_ms.abs_diff(b.start_ms) <= slack,
                    "{rate} Hz {a:?} vs {b:?}"
                );
                assert!(
                    a.end_ms.abs_diff(b.end_ms) <= slack,
                    "{rate} Hz {a:?} vs {b:?}"
                );
            }
        }
    }
}

#[test]
fn flush_ends_the_stream_and_reset_and_flush_start_a_fresh_one() {
    let input = to_f32(&speech(44_100));
    for engine in &ENGINES {
        let config = (engine.config)(44_100, 1);
        let mut vad = Vad::new(config).unwrap();
        let run = |vad: &mut Vad| {
            let mut out = Vec::new();
            vad.process_decisions_with(&input, &mut |d| out.push(d))
                .unwrap();
            vad.flush_decisions_with(&mut |d| out.push(d));
            out
        };
        let first = run(&mut vad);
        assert_eq!(vad.next_frame(), 0);
        // Whole frames of the input, all decided after flush: the resampler tail is not lost.
        let frames = input.len() * 1000 / 44_100 / config.frame_ms as usize;
        assert_eq!(first.len(), frames, "{:?}", config.engine);
        assert_eq!(run(&mut vad), first);
        vad.process_with(&input[..20_000], &mut |_| {}).unwrap();
        vad.reset();
        assert_eq!(run(&mut vad), first);
    }
}
