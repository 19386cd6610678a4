//! WAV decode/encode. `hound` parses and writes the RIFF structure; the sample data of the common
//! layouts (8/16/24/32-bit integer, 32-bit float) is converted in bulk by [`crate::sample`].

use std::io::Cursor;

use hound::{SampleFormat as HoundFormat, WavReader, WavSpec, WavWriter};
use remotemedia_audio::{AudioBuffer, AudioError, Result, validate_channels};

use crate::sample::{self, Dither, SampleFormat};

/// Sample encoding of a WAV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WavFormat {
    Int(SampleFormat),
    /// Integer PCM with an unusual valid-bit count (e.g. 20 bits in a 24-bit container).
    IntBits(u16),
    F32,
    /// 64-bit float (decode only).
    F64,
}

impl WavFormat {
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "f32" => Ok(Self::F32),
            other => match SampleFormat::parse(other) {
                Ok(f) if !f.is_companded() => Ok(Self::Int(f)),
                _ => Err(AudioError::invalid_param(format!(
                    "unknown WAV format '{other}'; use one of 's16', 's24', 's32', 'u8', 'f32'"
                ))),
            },
        }
    }

    pub fn name(self) -> String {
        match self {
            Self::Int(f) => f.name().to_owned(),
            Self::IntBits(bits) => format!("s{bits}"),
            Self::F32 => "f32".to_owned(),
            Self::F64 => "f64".to_owned(),
        }
    }
}

/// A decoded WAV file.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedWav {
    pub audio: AudioBuffer,
    pub format: WavFormat,
}

fn wav_error(err: hound::Error) -> AudioError {
    match err {
        hound::Error::Unsupported => AudioError::invalid_input(
            "unsupported WAV encoding: only PCM integer (8-32 bit) and 32-bit float are supported, \
             compressed formats (ADPCM, mu-law, ...) are not; convert the file to PCM first",
        ),
        // hound checks the fmt chunk's block sizes before its format tag, so a compressed file
        // often lands here; say what is supported either way.
        hound::Error::FormatError(what) => AudioError::invalid_input(format!(
            "not a valid WAV file or not an encoding we decode ({what}); supported: PCM integer \
             8-32 bit and 32-bit float, compressed formats (ADPCM, mu-law, ...) are not"
        )),
        hound::Error::IoError(e) => AudioError::invalid_input(format!(
            "not a valid WAV file: it ends early or is damaged ({e})"
        )),
        other => AudioError::invalid_input(format!("not a valid WAV file: {other}")),
    }
}

/// Decodes a whole WAV file held in memory.
pub fn decode(bytes: &[u8]) -> Result<DecodedWav> {
    let reader = match WavReader::new(Cursor::new(bytes)) {
        Ok(reader) => reader,
        Err(hound::Error::FormatError(what)) if what.contains("bits per sample is not 32") => {
            let (samples, sample_rate, channels) = crate::wav_f64::decode(bytes)?;
            let audio = AudioBuffer {
                samples,
                sample_rate,
                channels,
            };
            return Ok(DecodedWav {
                audio,
                format: WavFormat::F64,
            });
        }
        Err(e) => return Err(wav_error(e)),
    };
    let spec = reader.spec();
    let channels = validate_channels(u32::from(spec.channels))
        .map_err(|e| AudioError::invalid_input(format!("WAV header: {}", e.message)))?;
    if spec.sample_rate == 0 {
        return Err(AudioError::invalid_input("WAV header: sample rate is 0"));
    }
    let declared = reader.len() as usize;
    let format = match (spec.sample_format, spec.bits_per_sample) {
        (HoundFormat::Float, _) => WavFormat::F32,
        (HoundFormat::Int, 8) => WavFormat::Int(SampleFormat::U8),
        (HoundFormat::Int, 16) => WavFormat::Int(SampleFormat::S16),
        (HoundFormat::Int, 24) => WavFormat::Int(SampleFormat::S24),
        (HoundFormat::Int, 32) => WavFormat::Int(SampleFormat::S32),
        (HoundFormat::Int, bits) => WavFormat::IntBits(bits),
    };
    if !declared.is_multiple_of(usize::from(channels)) {
        return Err(AudioError::invalid_input(format!(
            "WAV data holds {declared} samples, not a whole number of {channels}-channel frames"
        )));
    }
    let samples = match format {
        WavFormat::IntBits(bits) => decode_with_hound(reader, bits, declared, bytes.len())?,
        _ => decode_bulk(reader.into_inner(), format, declared)?,
    };
    Ok(DecodedWav {
        audio: AudioBuffer {
            samples,
            sample_rate: spec.sample_rate,
            channels,
        },
        format,
    })
}

/// Converts the data chunk in one pass; `data` is positioned at its first byte.
fn decode_bulk(data: Cursor<&[u8]>, format: WavFormat, declared: usize) -> Result<Vec<f32>> {
    let width = match format {
        WavFormat::Int(f) => f.bytes_per_sample(),
        _ => 4,
    };
    let start = data.position() as usize;
    let available = (data.get_ref().len() - start) / width;
    if declared > available {
        return Err(AudioError::invalid_input(format!(
            "WAV file is truncated or its header is wrong: it declares {declared} samples but holds {available}"
        )));
    }
    let raw = &data.get_ref()[start..start + declared * width];
    let mut out = vec![0.0f32; declared];
    match format {
        WavFormat::Int(f) => {
            sample::bytes_to_f32(raw, f, &mut out)?;
        }
        _ => {
            for (o, c) in out.iter_mut().zip(raw.chunks_exact(4)) {
                *o = f32::from_le_bytes([c[0], c[1], c[2], c[3]]);
            }
        }
    }
    Ok(out)
}

fn decode_with_hound(
    reader: WavReader<Cursor<&[u8]>>,
    bits: u16,
    declared: usize,
    file_len: usize,
) -> Result<Vec<f32>> {
    let scale = 2f64.powi(i32::from(bits) - 1);
    // The header's sample count is only a claim: reserve no more than the file's bytes can hold.
    let mut out = Vec::with_capacity(declared.min(file_len / usize::from(bits.div_ceil(8).max(1))));
    for s in reader.into_samples::<i32>() {
        out.push((f64::from(s.map_err(wav_error)?) / scale) as f32);
    }
    if out.len() < declared {
        return Err(AudioError::invalid_input(format!(
            "WAV file is truncated: it declares {declared} samples but holds {}",
            out.len()
        )));
    }
    Ok(out)
}

/// Encodes interleaved f32 audio as a WAV file.
pub fn encode(
    audio: &AudioBuffer,
    format: WavFormat,
    dither: Option<&mut Dither>,
) -> Result<Vec<u8>> {
    let channels = validate_channels(u32::from(audio.channels))?;
    remotemedia_audio::validate_interleaved(audio.samples.len(), u32::from(channels))?;
    if audio.sample_rate == 0 {
        return Err(AudioError::invalid_param(
            "sampleRate must be a positive integer, got 0",
        ));
    }
    let (bits, sample_format) = match format {
        WavFormat::F32 => (32, HoundFormat::Float),
        WavFormat::Int(f) if !f.is_companded() => (f.bits(), HoundFormat::Int),
        WavFormat::Int(_) | WavFormat::IntBits(_) | WavFormat::F64 => {
            return Err(AudioError::invalid_param(format!(
                "cannot encode {} WAV; use 's16', 's24', 's32', 'u8' or 'f32'",
                format.name()
            )));
        }
    };
    let spec = WavSpec {
        channels,
        sample_rate: audio.sample_rate,
        bits_per_sample: bits,
        sample_format,
    };
    let mut cursor = Cursor::new(Vec::with_capacity(
        64 + audio.samples.len() * usize::from(bits / 8),
    ));
    let mut writer = WavWriter::new(&mut cursor, spec).map_err(wav_error)?;
    write_samples(&mut writer, &audio.samples, format, dither)?;
    writer.finalize().map_err(wav_error)?;
    Ok(cursor.into_inner())
}

fn write_samples<W: std::io::Write + std::io::Seek>(
    writer: &mut WavWriter<W>,
    samples: &[f32],
    format: WavFormat,
    dither: Option<&mut Dither>,
) -> Result<()> {
    match format {
        WavFormat::Int(SampleFormat::S16) => {
            let mut ints = vec![0i16; samples.len()];
            sample::f32_to_s16(samples, &mut ints, dither)?;
            let mut w = writer.get_i16_writer(samples.len() as u32);
            for s in ints {
                w.write_sample(s);
            }
            w.flush().map_err(wav_error)
        }
        WavFormat::Int(SampleFormat::U8)
        | WavFormat::Int(SampleFormat::S24)
        | WavFormat::Int(SampleFormat::S32) => {
            let WavFormat::Int(f) = format else {
                unreachable!()
            };
            let mut ints = vec![0i32; samples.len()];
            to_i32(samples, f, &mut ints, dither)?;
            for s in ints {
                writer.write_sample(s).map_err(wav_error)?;
            }
            Ok(())
        }
        _ => {
            for &s in samples {
                writer.write_sample(s).map_err(wav_error)?;
            }
            Ok(())
        }
    }
}

/// Integer values in the range hound expects for `format` (u8 is written as signed -128..127).
fn to_i32(
    samples: &[f32],
    format: SampleFormat,
    out: &mut [i32],
    dither: Option<&mut Dither>,
) -> Result<()> {
    let mut bytes = vec![0u8; samples.len() * format.bytes_per_sample()];
    sample::f32_to_bytes(samples, format, &mut bytes, dither)?;
    let width = format.bytes_per_sample();
    for (o, c) in out.iter_mut().zip(bytes.chunks_exact(width)) {
        *o = match format {
            SampleFormat::U8 => i32::from(c[0]) - 128,
            SampleFormat::S16 => i32::from(i16::from_le_bytes([c[0], c[1]])),
            SampleFormat::S24 => i32::from_le_bytes([0, c[0], c[1], c[2]]) >> 8,
            SampleFormat::S32 => i32::from_le_bytes([c[0], c[1], c[2], c[3]]),
            // `encode` refuses G.711 before any sample is written.
            SampleFormat::MuLaw | SampleFormat::ALaw => {
                return Err(AudioError::invalid_param(format!(
                    "cannot encode {} WAV",
                    format.name()
                )));
            }
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use remotemedia_audio::ErrorCode;

    fn tone(channels: u16, frames: usize) -> AudioBuffer {
        let samples = (0..frames * usize::from(channels))
            .map(|i| ((i as f32) * 0.01).sin() * 0.5)
            .collect();
        AudioBuffer {
            samples,
            sample_rate: 48_000,
            channels,
        }
    }

    #[test]
    fn every_format_round_trips_through_encode_and_decode() {
        for (name, tolerance) in [
            ("s16", 1.0 / 32768.0),
            ("s24", 1e-6),
            ("s32", 1e-7),
            ("u8", 1.0 / 128.0),
            ("f32", 0.0),
        ] {
            let format = WavFormat::parse(name).unwrap();
            for channels in [1, 2, 6, 8] {
                let audio = tone(channels, 1000);
                let bytes = encode(&audio, format, None).unwrap();
                let decoded = decode(&bytes).unwrap();
                assert_eq!(decoded.format, format, "{name}");
                assert_eq!(decoded.audio.channels, channels);
                assert_eq!(decoded.audio.sample_rate, 48_000);
                assert_eq!(decoded.audio.samples.len(), audio.samples.len());
                let worst = decoded
                    .audio
                    .samples
                    .iter()
                    .zip(&audio.samples)
                    .map(|(a, b)| (a - b).abs())
                    .fold(0.0, f32::max);
                assert!(worst <= tolerance, "{name} x{channels}: error {worst}");
            }
        }
    }

    /// An s16 WAV of `channels` x `frames`.
    fn s16_wav(channels: u16, frames: usize) -> Vec<u8> {
        encode(
            &tone(channels, frames),
            WavFormat::Int(SampleFormat::S16),
            None,
        )
        .unwrap()
    }

    /// A short mono s16 WAV with `value` written `offset` bytes after the chunk id `id`.
    fn patched_wav(id: &[u8; 4], offset: usize, value: &[u8]) -> Vec<u8> {
        let mut bytes = s16_wav(1, 10);
        let at = bytes.windows(4).position(|w| w == id).unwrap() + offset;
        bytes[at..at + value.len()].copy_from_slice(value);
        bytes
    }

    /// The decoder's refusal of `bytes`: `ERR_INVALID_INPUT`, with a message that says `says`.
    fn assert_refused(bytes: &[u8], says: &str) {
        let err = decode(bytes).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(err.message.contains(says), "{}", err.message);
    }

    #[test]
    fn truncated_data_is_reported() {
        let bytes = s16_wav(2, 1000);
        assert_refused(&bytes[..bytes.len() - 100], "truncated");
    }

    #[test]
    fn absurd_data_size_is_reported_not_allocated() {
        assert_refused(
            &patched_wav(b"data", 4, &u32::MAX.to_le_bytes()),
            "not a valid WAV",
        );
    }

    #[test]
    fn non_wav_input_is_reported() {
        for junk in [
            &b""[..],
            b"RIFF",
            b"hello world, this is not a wav file at all",
        ] {
            assert_refused(junk, "not a valid WAV");
        }
    }

    #[test]
    fn compressed_wav_is_reported() {
        // Format tag 2: ADPCM.
        assert_refused(&patched_wav(b"fmt ", 8, &2u16.to_le_bytes()), "compressed");
    }

    #[test]
    fn g711_is_not_a_wav_format() {
        let err = WavFormat::parse("mulaw").unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidParam);
        assert!(err.message.contains("'s16'"), "{}", err.message);
        let err = encode(&tone(1, 10), WavFormat::Int(SampleFormat::ALaw), None).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidParam);
        assert!(err.message.contains("alaw"), "{}", err.message);
    }

    #[test]
    fn encode_rejects_bad_audio() {
        let stereo = |len, sample_rate| AudioBuffer {
            samples: vec![0.0; len],
            sample_rate,
            channels: 2,
        };
        let refusal = |audio| encode(&audio, WavFormat::F32, None).unwrap_err().code;
        // Half a frame, then a sample rate of 0.
        assert_eq!(refusal(stereo(3, 16_000)), ErrorCode::InvalidInput);
        assert_eq!(refusal(stereo(2, 0)), ErrorCode::InvalidParam);
    }
}
