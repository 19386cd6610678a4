//! Integer PCM and G.711 <-> f32 conversion. Scaling is by powers of two (s16: 32768), so
//! s16 -> f32 -> s16, s24 -> f32 -> s24, u8 -> f32 -> u8 and G.711 -> f32 -> G.711 are exact.
//! f32 -> integer rounds to nearest and clips; NaN becomes 0 and +/-Inf the largest/smallest value
//! (documented behaviour, never an error).

use remotemedia_audio::{AudioError, Result, check_out_len};

use crate::g711;

/// A sample format stored as integers: linear PCM (little-endian where it is stored as bytes) or
/// 8-bit G.711 companded codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleFormat {
    U8,
    S16,
    /// Packed 3-byte little-endian.
    S24,
    S32,
    /// G.711 mu-law (North America, Japan; Twilio Media Streams), one byte per sample.
    MuLaw,
    /// G.711 A-law (Europe and most other countries), one byte per sample.
    ALaw,
}

impl SampleFormat {
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "u8" => Ok(Self::U8),
            "s16" => Ok(Self::S16),
            "s24" => Ok(Self::S24),
            "s32" => Ok(Self::S32),
            "mulaw" => Ok(Self::MuLaw),
            "alaw" => Ok(Self::ALaw),
            other => Err(AudioError::invalid_param(format!(
                "unknown sample format '{other}'; use one of 's16', 's24', 's32', 'u8', 'mulaw', \
                 'alaw'"
            ))),
        }
    }

    pub const fn name(self) -> &'static str {
        match self {
            Self::U8 => "u8",
            Self::S16 => "s16",
            Self::S24 => "s24",
            Self::S32 => "s32",
            Self::MuLaw => "mulaw",
            Self::ALaw => "alaw",
        }
    }

    pub const fn bytes_per_sample(self) -> usize {
        match self {
            Self::U8 | Self::MuLaw | Self::ALaw => 1,
            Self::S16 => 2,
            Self::S24 => 3,
            Self::S32 => 4,
        }
    }

    pub const fn bits(self) -> u16 {
        (self.bytes_per_sample() * 8) as u16
    }

    /// Whether the stored integers are G.711 codes rather than linear PCM.
    pub const fn is_companded(self) -> bool {
        matches!(self, Self::MuLaw | Self::ALaw)
    }
}

/// TPDF dither of +/-1 LSB, from a seedable generator so results can be reproduced.
#[derive(Debug)]
pub struct Dither {
    rng: fastrand::Rng,
}

impl Dither {
    pub fn new(seed: Option<u64>) -> Self {
        Self {
            rng: seed.map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed),
        }
    }

    /// Triangular noise in (-1, 1), in LSB units.
    #[inline]
    fn next(&mut self) -> f32 {
        self.rng.f32() - self.rng.f32()
    }
}

const S16_SCALE: f32 = 32_768.0;
const S24_SCALE: f32 = 8_388_608.0;
const S32_SCALE: f64 = 2_147_483_648.0;
const U8_SCALE: f32 = 128.0;
/// Adding then subtracting 1.5 * 2^23 rounds an f32 below 2^22 to the nearest integer (ties to even).
const ROUND_MAGIC: f32 = 12_582_912.0;

/// Number of samples held by `len` bytes of `format`, or an error naming the problem.
pub fn samples_in_bytes(len: usize, format: SampleFormat) -> Result<usize> {
    let width = format.bytes_per_sample();
    if !len.is_multiple_of(width) {
        return Err(AudioError::invalid_input(format!(
            "byte length {len} is not a multiple of {width} ({} samples are {width} bytes each)",
            format.name()
        )));
    }
    Ok(len / width)
}

/// s16 samples to f32 in [-1, 1).
pub fn s16_to_f32(input: &[i16], out: &mut [f32]) -> Result<usize> {
    check_out_len("out", out.len(), input.len())?;
    for (o, &s) in out.iter_mut().zip(input) {
        *o = f32::from(s) / S16_SCALE;
    }
    Ok(input.len())
}

/// s32 samples to f32 (computed in f64 so the result is the nearest f32).
pub fn s32_to_f32(input: &[i32], out: &mut [f32]) -> Result<usize> {
    check_out_len("out", out.len(), input.len())?;
    for (o, &s) in out.iter_mut().zip(input) {
        *o = (f64::from(s) / S32_SCALE) as f32;
    }
    Ok(input.len())
}

/// Little-endian bytes of any integer format (or G.711 codes) to f32.
pub fn bytes_to_f32(input: &[u8], format: SampleFormat, out: &mut [f32]) -> Result<usize> {
    let n = samples_in_bytes(input.len(), format)?;
    check_out_len("out", out.len(), n)?;
    match format {
        SampleFormat::U8 => {
            for (o, &b) in out.iter_mut().zip(input) {
                *o = (f32::from(b) - U8_SCALE) / U8_SCALE;
            }
        }
        SampleFormat::S16 => {
            for (o, c) in out.iter_mut().zip(input.chunks_exact(2)) {
                *o = f32::from(i16::from_le_bytes([c[0], c[1]])) / S16_SCALE;
            }
        }
        SampleFormat::S24 => {
            for (o, c) in out.iter_mut().zip(input.chunks_exact(3)) {
                // Place the 3 bytes in the top of an i32 and shift back to sign-extend.
                let v = i32::from_le_bytes([0, c[0], c[1], c[2]]) >> 8;
                *o = v as f32 / S24_SCALE;
            }
        }
        SampleFormat::S32 => {
            for (o, c) in out.iter_mut().zip(input.chunks_exact(4)) {
                let v = i32::from_le_bytes([c[0], c[1], c[2], c[3]]);
                *o = (f64::from(v) / S32_SCALE) as f32;
            }
        }
        SampleFormat::MuLaw => {
            for (o, &b) in out.iter_mut().zip(input) {
                *o = f32::from(g711::mulaw_to_s16(b)) / S16_SCALE;
            }
        }
        SampleFormat::ALaw => {
            for (o, &b) in out.iter_mut().zip(input) {
                *o = f32::from(g711::alaw_to_s16(b)) / S16_SCALE;
            }
        }
    }
    Ok(n)
}

/// Scales, optionally dithers, rounds and clips one sample. `as` casts saturate and map NaN to 0.
#[inline]
fn quantize(x: f32, scale: f32, dither: &mut Option<&mut Dither>) -> f32 {
    let v = x * scale;
    match dither {
        Some(d) => (v + d.next()).round(),
        None => v.round(),
    }
}

/// Clamps (NaN stays NaN and casts to 0), then rounds to nearest, ties to even, with the
/// 1.5 * 2^23 trick: branch-free, so loops over it vectorize without SSE4.1 `round`.
#[inline]
fn s16_nearest(x: f32) -> i16 {
    let v = (x * S16_SCALE).clamp(-S16_SCALE, S16_SCALE - 1.0);
    ((v + ROUND_MAGIC) - ROUND_MAGIC) as i16
}

/// f32 to s16 with clipping.
pub fn f32_to_s16(
    input: &[f32],
    out: &mut [i16],
    mut dither: Option<&mut Dither>,
) -> Result<usize> {
    check_out_len("out", out.len(), input.len())?;
    if dither.is_none() {
        // Hot path kept branch-free so it vectorizes on baseline x86-64.
        for (o, &x) in out.iter_mut().zip(input) {
            *o = s16_nearest(x);
        }
    } else {
        for (o, &x) in out.iter_mut().zip(input) {
            *o = quantize(x, S16_SCALE, &mut dither) as i16;
        }
    }
    Ok(input.len())
}

/// f32 to s32 with clipping (computed in f64: f32 carries 24 bits, so s32 -> f32 -> s32 is exact
/// only for values with at most 24 significant bits).
pub fn f32_to_s32(
    input: &[f32],
    out: &mut [i32],
    mut dither: Option<&mut Dither>,
) -> Result<usize> {
    check_out_len("out", out.len(), input.len())?;
    for (o, &x) in out.iter_mut().zip(input) {
        let noise = dither.as_mut().map_or(0.0, |d| f64::from(d.next()));
        *o = (f64::from(x) * S32_SCALE + noise).round() as i32;
    }
    Ok(input.len())
}

/// f32 to little-endian bytes of any integer format (or G.711 codes), with clipping. G.711 takes
/// no dither: its quantization steps dwarf one LSB of the linear scale it is defined on.
pub fn f32_to_bytes(
    input: &[f32],
    format: SampleFormat,
    out: &mut [u8],
    mut dither: Option<&mut Dither>,
) -> Result<usize> {
    let width = format.bytes_per_sample();
    check_out_len("out (bytes)", out.len(), input.len() * width)?;
    if format.is_companded() && dither.is_some() {
        return Err(AudioError::invalid_param(format!(
            "dither applies to linear PCM, not to {}; encode without it",
            format.name()
        )));
    }
    match format {
        SampleFormat::U8 => {
            for (o, &x) in out.iter_mut().zip(input) {
                let v = quantize(x, U8_SCALE, &mut dither) as i8;
                *o = (i16::from(v) + 128) as u8;
            }
        }
        SampleFormat::S16 => {
            for (o, &x) in out.chunks_exact_mut(2).zip(input) {
                // Rounded like `f32_to_s16`, so s16 bytes and s16 samples agree bit for bit.
                let v = match dither.as_mut() {
                    Some(_) => quantize(x, S16_SCALE, &mut dither) as i16,
                    None => s16_nearest(x),
                };
                o.copy_from_slice(&v.to_le_bytes());
            }
        }
        SampleFormat::S24 => {
            for (o, &x) in out.chunks_exact_mut(3).zip(input) {
                let v = (quantize(x, S24_SCALE, &mut dither) as i32).clamp(-8_388_608, 8_388_607);
                o.copy_from_slice(&v.to_le_bytes()[..3]);
            }
        }
        SampleFormat::S32 => {
            for (o, &x) in out.chunks_exact_mut(4).zip(input) {
                let noise = dither.as_mut().map_or(0.0, |d| f64::from(d.next()));
                let v = (f64::from(x) * S32_SCALE + noise).round() as i32;
                o.copy_from_slice(&v.to_le_bytes());
            }
        }
        SampleFormat::MuLaw => {
            for (o, &x) in out.iter_mut().zip(input) {
                *o = g711::mulaw_from_f32(x);
            }
        }
        SampleFormat::ALaw => {
            for (o, &x) in out.iter_mut().zip(input) {
                *o = g711::alaw_from_f32(x);
            }
        }
    }
    Ok(input.len() * width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use remotemedia_audio::ErrorCode;

    #[test]
    fn s16_bytes_round_like_s16_samples_on_ties() {
        // Halfway between two s16 steps: ties go to even in both paths.
        let input: Vec<f32> = [0.5_f32, 1.5, 2.5, -0.5, -1.5]
            .map(|t| t / 32_768.0)
            .to_vec();
        let mut samples = vec![0i16; input.len()];
        f32_to_s16(&input, &mut samples, None).unwrap();
        assert_eq!(samples, [0, 2, 2, 0, -2]);
        let mut bytes = vec![0u8; input.len() * 2];
        f32_to_bytes(&input, SampleFormat::S16, &mut bytes, None).unwrap();
        let from_bytes: Vec<i16> = bytes
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        assert_eq!(from_bytes, samples);
    }

    #[test]
    fn s16_round_trip_is_exact_for_every_value() {
        let all: Vec<i16> = (i16::MIN..=i16::MAX).collect();
        let mut f = vec![0.0; all.len()];
        s16_to_f32(&all, &mut f).unwrap();
        let mut back = vec![0i16; all.len()];
        f32_to_s16(&f, &mut back, None).unwrap();
        assert_eq!(all, back);
    }

    #[test]
    fn s24_u8_and_byte_s16_round_trips_are_exact() {
        for format in [SampleFormat::U8, SampleFormat::S16, SampleFormat::S24] {
            let bytes: Vec<u8> = (0..format.bytes_per_sample() * 3000)
                .map(|i| (i * 7919 % 251) as u8)
                .collect();
            let n = bytes.len() / format.bytes_per_sample();
            let mut f = vec![0.0; n];
            bytes_to_f32(&bytes, format, &mut f).unwrap();
            let mut back = vec![0u8; bytes.len()];
            f32_to_bytes(&f, format, &mut back, None).unwrap();
            assert_eq!(bytes, back, "{format:?}");
        }
    }

    #[test]
    fn s32_round_trip_is_exact_for_24_bit_values() {
        let values: Vec<i32> = (-1000..1000).map(|i| i * 4093 * 256).collect();
        let mut f = vec![0.0; values.len()];
        s32_to_f32(&values, &mut f).unwrap();
        let mut back = vec![0; values.len()];
        f32_to_s32(&f, &mut back, None).unwrap();
        assert_eq!(values, back);
    }

    #[test]
    fn clipping_and_non_finite_values() {
        let input = [
            2.0,
            -2.0,
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            1.0,
            -1.0,
        ];
        let mut out = [0i16; 7];
        f32_to_s16(&input, &mut out, None).unwrap();
        assert_eq!(out, [32767, -32768, 0, 32767, -32768, 32767, -32768]);
        let mut bytes = [0u8; 21];
        f32_to_bytes(&input, SampleFormat::S24, &mut bytes, None).unwrap();
        let mut back = [0.0f32; 7];
        bytes_to_f32(&bytes, SampleFormat::S24, &mut back).unwrap();
        assert_eq!(back[0], 8_388_607.0 / S24_SCALE);
        assert_eq!(back[1], -1.0);
        assert_eq!(back[2], 0.0);
        let mut u8s = [0u8; 7];
        f32_to_bytes(&input, SampleFormat::U8, &mut u8s, None).unwrap();
        assert_eq!(u8s, [255, 0, 128, 255, 0, 255, 0]);
    }

    #[test]
    fn odd_byte_length_is_rejected_with_a_clear_message() {
        let mut out = [0.0; 4];
        let err = bytes_to_f32(&[1, 2, 3], SampleFormat::S16, &mut out).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(
            err.message.contains("not a multiple of 2"),
            "{}",
            err.message
        );
    }

    #[test]
    fn small_out_buffer_is_rejected() {
        let mut out = [0.0; 1];
        let err = s16_to_f32(&[1, 2], &mut out).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
    }

    #[test]
    fn tpdf_dither_stays_within_one_lsb_and_averages_out() {
        let x = 0.25 / S16_SCALE; // a quarter of an LSB
        let input = vec![x; 100_000];
        let mut out = vec![0i16; input.len()];
        let mut dither = Dither::new(Some(7));
        f32_to_s16(&input, &mut out, Some(&mut dither)).unwrap();
        assert!(out.iter().all(|&v| (-1..=1).contains(&v)));
        let mean = out.iter().map(|&v| f64::from(v)).sum::<f64>() / out.len() as f64;
        assert!(
            (mean - 0.25).abs() < 0.02,
            "dither should preserve the mean, got {mean}"
        );
    }

    #[test]
    fn parse_names_the_allowed_formats() {
        assert_eq!(SampleFormat::parse("s24").unwrap(), SampleFormat::S24);
        let err = SampleFormat::parse("s12").unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidParam);
        assert!(err.message.contains("'s16'"));
    }
}
