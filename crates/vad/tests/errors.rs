//! Every bad input is a coded error that consumes nothing and leaves the detector usable.

mod common;

use common::{speech, to_f32};
use remotemedia_audio::ErrorCode;
use remotemedia_vad::{Mode, SegmenterConfig, Vad, VadConfig, VadSession};

fn vad(rate: u32, channels: u32) -> Vad {
    Vad::new(VadConfig {
        channels,
        ..VadConfig::new(rate)
    })
    .unwrap()
}

#[test]
fn bad_settings_are_invalid_param() {
    for (config, what) in [
        (VadConfig::new(0), "sampleRate"),
        (VadConfig::new(500_000), "sampleRate"),
        (
            VadConfig {
                frame_ms: 15,
                ..VadConfig::new(16_000)
            },
            "frameMs",
        ),
        (
            VadConfig {
                channels: 65,
                ..VadConfig::new(16_000)
            },
            "channels",
        ),
    ] {
        let err = Vad::new(config).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidParam);
        assert!(err.message.contains(what), "{}", err.message);
    }
    assert!(Mode::from_index(7).is_err());
    for (segments, what) in [
        (
            SegmenterConfig {
                speech_pad_ms: 70_000,
                ..SegmenterConfig::new(30)
            },
            "speechPadMs",
        ),
        (
            SegmenterConfig {
                max_speech_ms: Some(20),
                ..SegmenterConfig::new(30)
            },
            "maxSpeechMs",
        ),
    ] {
        let err = VadSession::new(VadConfig::new(16_000), Some(segments)).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidParam);
        assert!(err.message.contains(what), "{}", err.message);
    }
}

#[test]
fn bad_chunks_are_rejected_without_consuming_anything() {
    for rate in [16_000, 44_100] {
        let input = to_f32(&speech(rate));
        let mut clean = vad(rate, 1);
        let mut expected = Vec::new();
        clean
            .process_with(&input, &mut |d| expected.push(d))
            .unwrap();

        let mut v = vad(rate, 1);
        let mut got = Vec::new();
        let (head, tail) = input.split_at(1_001);
        v.process_with(head, &mut |d| got.push(d)).unwrap();
        let mut poisoned = tail[..500].to_vec();
        poisoned[321] = f32::NAN;
        let err = v.process_with(&poisoned, &mut |d| got.push(d)).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(
            err.message.starts_with("sample 321 is NaN"),
            "{}",
            err.message
        );
        let err = v
            .process_with::<f32>(&[], &mut |d| got.push(d))
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(err.message.contains("empty"));
        let err = v.process_into(tail, &mut [0u8; 3]).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(err.message.contains("decisions has room for 3"));
        v.process_with(tail, &mut |d| got.push(d)).unwrap();
        assert_eq!(got, expected, "{rate} Hz");
    }
}

#[test]
fn partial_stereo_frames_are_rejected() {
    let mut v = vad(16_000, 2);
    let err = v.process_with(&[0.0f32; 5], &mut |_| {}).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("not a multiple of 2"));
    assert_eq!(v.process_with(&[0.0f32; 960], &mut |_| {}).unwrap(), 1);
}
