//! The FormatConverter node: channel layout to a target count, plus integer PCM bytes.

use remotemedia_audio::{AudioError, Result};
use remotemedia_node_kit::{Frame, Node, Output, node};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::{Dither, SampleFormat, layout, sample};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PcmFormat {
    #[default]
    F32,
    S16,
    S24,
    S32,
    U8,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct FormatConverterParams {
    /// Sample format of the pcm output (f32: no pcm output)
    #[serde(default)]
    #[schemars(extend("default" = "f32"))]
    pub format: PcmFormat,
    /// Output channel count
    #[schemars(range(min = 1, max = 64))]
    pub channels: Option<u32>,
    /// Required input sample rate (frames at another rate are rejected)
    #[schemars(range(min = 1))]
    pub sample_rate: Option<u32>,
    /// TPDF dither for integer output
    #[serde(default)]
    pub dither: bool,
}

/// Converts channel layout (downmix, upmix, remap) and emits integer PCM (s16/s24/s32/u8) bytes
#[node(
    name = "FormatConverter",
    category = "audio/conversion",
    inputs = ["audio: audio - Interleaved f32 frames"],
    outputs = [
        "audio: audio - The frame with the target channel count",
        "pcm: bytes - Little-endian integer PCM (when format is not f32)"
    ]
)]
#[derive(Debug)]
pub struct FormatConverter {
    params: FormatConverterParams,
    pcm: Option<SampleFormat>,
    dither: Option<Dither>,
    matrix: Vec<f32>,
}

impl Node for FormatConverter {
    type Params = FormatConverterParams;

    fn new(params: FormatConverterParams) -> Result<Self> {
        if let Some(ch) = params.channels {
            remotemedia_audio::validate_channels(ch)?;
        }
        let pcm = match params.format {
            PcmFormat::F32 => None,
            PcmFormat::S16 => Some(SampleFormat::S16),
            PcmFormat::S24 => Some(SampleFormat::S24),
            PcmFormat::S32 => Some(SampleFormat::S32),
            PcmFormat::U8 => Some(SampleFormat::U8),
        };
        let dither = (params.dither && pcm.is_some()).then(|| Dither::new(None));
        Ok(Self {
            params,
            pcm,
            dither,
            matrix: Vec::new(),
        })
    }

    fn process(&mut self, frame: Frame<'_>, out: &mut Output) -> Result<()> {
        if let Some(rate) = self.params.sample_rate.filter(|&r| r != frame.sample_rate) {
            return Err(AudioError::invalid_input(format!(
                "frame sample rate {} Hz does not match the configured {rate} Hz; put an AudioResample node before FormatConverter",
                frame.sample_rate
            )));
        }
        let from = u32::from(frame.channels);
        let to = self.params.channels.unwrap_or(from);
        let frames = remotemedia_audio::validate_interleaved(frame.samples.len(), from)?;
        let audio = out.audio_out(frame.sample_rate, to as u16);
        audio.resize(frames * to as usize, 0.0);
        if to == from {
            audio.copy_from_slice(frame.samples);
        } else if to == 1 {
            layout::downmix(frame.samples, from, audio)?;
        } else if from == 1 {
            layout::upmix(frame.samples, to, audio)?;
        } else {
            // The first min(from, to) channels pass, the rest are silent.
            self.matrix.clear();
            self.matrix
                .extend((0..to * from).map(|i| f32::from(u8::from(i / from == i % from))));
            layout::remap(frame.samples, from, to, &self.matrix, audio)?;
        }
        if let Some(format) = self.pcm {
            out.has_bytes = true;
            out.bytes
                .resize(out.audio.len() * format.bytes_per_sample(), 0);
            sample::f32_to_bytes(&out.audio, format, &mut out.bytes, self.dither.as_mut())?;
        }
        Ok(())
    }

    fn reset(&mut self) {}
}

#[cfg(test)]
mod tests {
    use remotemedia_node_kit::{assert_node_registered, serde_json::json};

    use super::*;

    #[test]
    fn is_registered_and_converts_layout_and_pcm() {
        assert_node_registered!(FormatConverter, crate::node_set());
        let mut node = crate::node_set()
            .create(
                "FormatConverter",
                &json!({ "channels": 1, "format": "s16" }),
            )
            .unwrap();
        let mut out = Output::default();
        let frame = Frame {
            samples: &[0.5, -0.5, 1.0, 1.0],
            sample_rate: 16_000,
            channels: 2,
        };
        node.process(frame, &mut out).unwrap();
        assert_eq!(out.audio, [0.0, 1.0]);
        assert_eq!(out.bytes, [0, 0, 0xff, 0x7f]);
    }

    #[test]
    fn rejects_frames_at_another_rate() {
        let mut node = crate::node_set()
            .create("FormatConverter", &json!({ "sampleRate": 48_000 }))
            .unwrap();
        let frame = Frame {
            samples: &[0.0],
            sample_rate: 16_000,
            channels: 1,
        };
        let err = node.process(frame, &mut Output::default()).unwrap_err();
        assert_eq!(err.code.as_str(), "ERR_INVALID_INPUT");
    }
}
