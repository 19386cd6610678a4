//! Decisions at webrtc-vad's native rates equal webrtc-vad called directly, frame for frame.

mod common;

use common::{noise, reference, speech, to_f32};
use remotemedia_vad::{FRAME_MS, Mode, NATIVE_RATES, Vad, VadConfig};

fn ours<T: remotemedia_vad::Sample>(
    input: &[T],
    rate: u32,
    mode: Mode,
    frame_ms: u32,
) -> Vec<bool> {
    let mut vad = Vad::new(VadConfig {
        sample_rate: rate,
        channels: 1,
        mode,
        frame_ms,
        ..VadConfig::new(rate)
    })
    .unwrap();
    let mut out = Vec::new();
    vad.process_with(input, &mut |d| out.push(d)).unwrap();
    out
}

#[test]
fn speech_decisions_match_webrtc_vad_at_every_native_rate_mode_and_frame_length() {
    for rate in NATIVE_RATES {
        let pcm = speech(rate);
        let float = to_f32(&pcm);
        for mode in Mode::ALL {
            for frame_ms in FRAME_MS {
                let expected = reference(&pcm, rate, mode.index(), frame_ms);
                let speech_frames = expected.iter().filter(|&&d| d).count();
                // The fixture must exercise both answers, or equality would prove little.
                assert!(
                    speech_frames > expected.len() / 5 && speech_frames < expected.len() * 9 / 10,
                    "{rate} Hz mode {mode:?} {frame_ms} ms: {speech_frames}/{} speech",
                    expected.len()
                );
                assert_eq!(
                    ours(&pcm, rate, mode, frame_ms),
                    expected,
                    "i16 {rate} Hz {mode:?} {frame_ms} ms"
                );
                assert_eq!(
                    ours(&float, rate, mode, frame_ms),
                    expected,
                    "f32 {rate} Hz {mode:?} {frame_ms} ms"
                );
            }
        }
    }
}

#[test]
fn noise_decisions_match_webrtc_vad() {
    for (i, rate) in NATIVE_RATES.into_iter().enumerate() {
        let pcm = noise(rate, 4.0, i as u64 + 1);
        for mode in [Mode::Quality, Mode::VeryAggressive] {
            let expected = reference(&pcm, rate, mode.index(), 20);
            assert_eq!(ours(&pcm, rate, mode, 20), expected, "{rate} Hz {mode:?}");
            assert_eq!(
                ours(&to_f32(&pcm), rate, mode, 20),
                expected,
                "f32 {rate} Hz {mode:?}"
            );
        }
    }
}
