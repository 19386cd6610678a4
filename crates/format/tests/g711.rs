//! G.711 against the reference values of ITU-T Rec. G.711 (11/88), Tables 1a (A-law) and 2a
//! (mu-law): for each of the 8 segments of the positive half, the first decision value, the
//! interval size, the first decoder output value and the number of intervals, in the standard's
//! normalized units (A-law: 13-bit, 4096 full scale; mu-law: 14-bit, 8159 full scale). Each row
//! expands to its codes and every integer input of each interval is checked, through the public
//! f32/byte API.

use remotemedia_format::SampleFormat;
use remotemedia_format::sample::{bytes_to_f32, f32_to_bytes};

type Segment = (i32, i32, i32, i32);

/// (first decision value, interval size, first decoder output, intervals) per segment, Table 2a.
const MULAW_SEGMENTS: [Segment; 8] = [
    // Segment 1's first code is the interval [0, 1) around zero, checked on its own.
    (1, 2, 2, 15),
    (31, 4, 33, 16),
    (95, 8, 99, 16),
    (223, 16, 231, 16),
    (479, 32, 495, 16),
    (991, 64, 1023, 16),
    (2015, 128, 2079, 16),
    (4063, 256, 4191, 16),
];
/// Table 1a: segments 1 and 2 share the interval size 2.
const ALAW_SEGMENTS: [Segment; 8] = [
    (0, 2, 1, 16),
    (32, 2, 33, 16),
    (64, 4, 66, 16),
    (128, 8, 132, 16),
    (256, 16, 264, 16),
    (512, 32, 528, 16),
    (1024, 64, 1056, 16),
    (2048, 128, 2112, 16),
];

fn encode(format: SampleFormat, linear: &[i32], full_scale: f32) -> Vec<u8> {
    let x: Vec<f32> = linear.iter().map(|&v| v as f32 / full_scale).collect();
    let mut out = vec![0u8; x.len()];
    f32_to_bytes(&x, format, &mut out, None).unwrap();
    out
}

/// Decoded values in the standard's units (the 16-bit scale divided by `32768 / full_scale`).
fn decode(format: SampleFormat, codes: &[u8], full_scale: f32) -> Vec<i32> {
    let mut out = vec![0.0; codes.len()];
    bytes_to_f32(codes, format, &mut out).unwrap();
    out.iter().map(|&v| (v * full_scale) as i32).collect()
}

/// Walks the table: inputs of interval n all share one code, the code decodes to output n, and the
/// codes of consecutive intervals are distinct. Returns the codes of the positive half, in order.
fn check_segments(format: SampleFormat, segments: &[Segment; 8], full_scale: f32) -> Vec<u8> {
    let mut codes = Vec::new();
    for &(first, size, output, intervals) in segments {
        for n in 0..intervals {
            let inputs: Vec<i32> = (first + n * size..first + (n + 1) * size).collect();
            let encoded = encode(format, &inputs, full_scale);
            assert!(
                encoded.iter().all(|&c| c == encoded[0]),
                "{format:?}: inputs {inputs:?} split over codes {encoded:?}"
            );
            let decoded = decode(format, &encoded[..1], full_scale)[0];
            assert_eq!(
                decoded,
                output + n * size,
                "{format:?}: interval from {inputs:?}"
            );
            assert!(!codes.contains(&encoded[0]), "{format:?}: code reused");
            codes.push(encoded[0]);
        }
    }
    codes
}

#[test]
fn mulaw_matches_the_itu_table() {
    let mut codes = vec![encode(SampleFormat::MuLaw, &[0], 8192.0)[0]];
    assert_eq!(decode(SampleFormat::MuLaw, &codes, 8192.0), [0]);
    codes.extend(check_segments(SampleFormat::MuLaw, &MULAW_SEGMENTS, 8192.0));
    assert_eq!(codes.len(), 128);
    // Character signals: all bits inverted, so +0 is 0xFF and the top positive code is 0x80.
    assert_eq!(codes[0], 0xFF);
    assert_eq!(codes[127], 0x80);
    assert_eq!(
        encode(SampleFormat::MuLaw, &[8031, 8159, 8191], 8192.0),
        [0x80; 3]
    );
    assert_eq!(
        encode(SampleFormat::MuLaw, &[-8031, -8192], 8192.0),
        [0x00; 2]
    );
    assert_eq!(
        decode(SampleFormat::MuLaw, &[0x80, 0x00, 0x7F], 8192.0),
        [8031, -8031, 0]
    );
}

#[test]
fn alaw_matches_the_itu_table() {
    let codes = check_segments(SampleFormat::ALaw, &ALAW_SEGMENTS, 4096.0);
    assert_eq!(codes.len(), 128);
    // Character signals: even bits inverted, so the smallest positive code is 0xD5.
    assert_eq!(codes[0], 0xD5);
    assert_eq!(codes[127], 0xAA);
    assert_eq!(
        decode(SampleFormat::ALaw, &[0xAA, 0x2A, 0x55], 4096.0),
        [4032, -4032, -1]
    );
    assert_eq!(
        encode(SampleFormat::ALaw, &[4095, -4096], 4096.0),
        [0xAA, 0x2A]
    );
}

#[test]
fn negative_codes_mirror_positive_ones() {
    for (format, full_scale, sign) in [
        (SampleFormat::MuLaw, 8192.0, 0x80),
        (SampleFormat::ALaw, 4096.0, 0x80),
    ] {
        let all: Vec<u8> = (0..=255).collect();
        let decoded = decode(format, &all, full_scale);
        for code in 0..=255u8 {
            let mirror = decoded[usize::from(code ^ sign)];
            assert_eq!(
                decoded[usize::from(code)],
                -mirror,
                "{format:?} {code:#04x}"
            );
        }
    }
}

#[test]
fn every_code_survives_decode_then_encode() {
    for format in [SampleFormat::MuLaw, SampleFormat::ALaw] {
        let all: Vec<u8> = (0..=255).collect();
        let mut f = vec![0.0; 256];
        bytes_to_f32(&all, format, &mut f).unwrap();
        let mut back = vec![0u8; 256];
        f32_to_bytes(&f, format, &mut back, None).unwrap();
        // mu-law has two zeros (0x7F and 0xFF); both decode to 0, which encodes as +0.
        let expected: Vec<u8> = all
            .iter()
            .map(|&c| {
                if format == SampleFormat::MuLaw && c == 0x7F {
                    0xFF
                } else {
                    c
                }
            })
            .collect();
        assert_eq!(back, expected, "{format:?}");
    }
}

#[test]
fn rounding_clipping_and_non_finite_values() {
    let x = [
        0.5 / 8192.0, // a tie between 14-bit steps 0 and 1 rounds up (as sox does)
        -0.5 / 8192.0,
        f32::NAN,
        f32::INFINITY,
        f32::NEG_INFINITY,
        3.0,
    ];
    let mut out = [0u8; 6];
    f32_to_bytes(&x, SampleFormat::MuLaw, &mut out, None).unwrap();
    assert_eq!(out, [0xFE, 0xFF, 0xFF, 0x80, 0x00, 0x80]);
}

#[test]
fn dither_is_refused_for_g711() {
    let mut dither = remotemedia_format::Dither::new(Some(1));
    let mut out = [0u8; 1];
    let err = f32_to_bytes(&[0.1], SampleFormat::ALaw, &mut out, Some(&mut dither)).unwrap_err();
    assert_eq!(err.code, remotemedia_audio::ErrorCode::InvalidParam);
    assert!(err.message.contains("alaw"), "{}", err.message);
}
