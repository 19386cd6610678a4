//! 64-bit float WAV, which `hound` does not read: decoded with symphonia's RIFF reader and PCM
//! codec instead. Only this rare layout takes this path; everything else uses the bulk path.

use std::io::Cursor;

use remotemedia_audio::{AudioError, Result};
use symphonia::core::codecs::audio::AudioDecoderOptions;
use symphonia::core::errors::Error as SymphoniaError;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::{FormatOptions, TrackType};
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;

/// Interleaved samples, sample rate and channel count of a 64-bit float WAV.
pub fn decode(bytes: &[u8]) -> Result<(Vec<f32>, u32, u16)> {
    let invalid =
        |e: SymphoniaError| AudioError::invalid_input(format!("not a valid WAV file: {e}"));
    let source = MediaSourceStream::new(Box::new(Cursor::new(bytes.to_vec())), Default::default());
    let mut hint = Hint::new();
    hint.with_extension("wav");
    let mut reader = symphonia::default::get_probe()
        .probe(
            &hint,
            source,
            FormatOptions::default(),
            MetadataOptions::default(),
        )
        .map_err(invalid)?;
    let track = reader
        .default_track(TrackType::Audio)
        .ok_or_else(|| AudioError::invalid_input("WAV file has no audio track"))?;
    let params = track
        .codec_params
        .as_ref()
        .and_then(|p| p.audio())
        .ok_or_else(|| AudioError::invalid_input("WAV file has no audio parameters"))?
        .clone();
    let track_id = track.id;
    let rate = params.sample_rate.filter(|&r| r > 0);
    let channels = params.channels.as_ref().map(|c| c.count());
    let (Some(rate), Some(channels)) = (rate, channels) else {
        return Err(AudioError::invalid_input(
            "WAV header lacks a sample rate or channel count",
        ));
    };
    let channels = remotemedia_audio::validate_channels(channels as u32)?;
    let mut decoder = symphonia::default::get_codecs()
        .make_audio_decoder(&params, &AudioDecoderOptions::default())
        .map_err(invalid)?;
    let mut samples = Vec::new();
    let mut chunk = Vec::new();
    while let Some(packet) = reader.next_packet().map_err(invalid)? {
        if packet.track_id != track_id {
            continue;
        }
        let decoded = decoder.decode(&packet).map_err(invalid)?;
        chunk.resize(decoded.samples_interleaved(), 0.0f32);
        decoded.copy_to_slice_interleaved(&mut chunk);
        samples.extend_from_slice(&chunk);
    }
    Ok((samples, rate, channels))
}
