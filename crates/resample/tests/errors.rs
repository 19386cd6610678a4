//! Bad parameters and bad input give coded errors, and the resampler stays usable.

use remotemedia_audio::ErrorCode;
use remotemedia_resample::{Quality, Resampler, resample};

#[test]
fn bad_rates_and_channels_are_invalid_params() {
    for (from, to, channels, needle) in [
        (0, 16_000, 1, "from"),
        (48_000, 0, 1, "to"),
        (7_999, 16_000, 1, "from"),
        (48_000, 384_001, 1, "to"),
        (48_000, 16_000, 0, "channels"),
        (48_000, 16_000, 65, "channels"),
    ] {
        let err = Resampler::new(from, to, channels, Quality::High).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidParam);
        assert!(err.message.contains(needle), "{}", err.message);
    }
}

#[test]
fn partial_frames_and_non_finite_samples_are_rejected_without_side_effects() {
    let mut r = Resampler::new(48_000, 16_000, 2, Quality::High).unwrap();
    let mut out = Vec::new();
    let err = r.process(&[0.1, 0.2, 0.3], &mut out).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("not a multiple of 2"));
    for bad in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
        let err = r.process(&[0.0, 0.0, bad, 0.0], &mut out).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(err.message.contains("sample 2"), "{}", err.message);
    }
    assert!(out.is_empty());
    // Nothing was consumed by the rejected calls: the stream equals a clean one.
    let input = vec![0.25f32; 9_600];
    r.process(&input, &mut out).unwrap();
    r.flush(&mut out);
    assert_eq!(
        out,
        resample(&input, 48_000, 16_000, 2, Quality::High).unwrap()
    );
}

#[test]
fn a_short_out_slice_is_an_invalid_input_that_consumes_nothing() {
    let mut r = Resampler::new(16_000, 48_000, 1, Quality::High).unwrap();
    let input = vec![0.1f32; 3_200];
    let mut small = [0.0f32; 10];
    let err = r.process_into(&input, &mut small).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("pass a larger buffer"));
    let mut out = Vec::new();
    r.process(&input, &mut out).unwrap();
    r.flush(&mut out);
    assert_eq!(out.len(), 9_600);
}
