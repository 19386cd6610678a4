//! The AudioResample node: a stream of frames to another sample rate.

use remotemedia_audio::{AudioError, Result};
use remotemedia_node_kit::{Frame, Node, Output, node};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::{MAX_RATE, MIN_RATE, Quality, Resampler};

#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QualityParam {
    Fast,
    Balanced,
    #[default]
    High,
    Max,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AudioResampleParams {
    /// Input sample rate in Hz (default: the first frame’s)
    #[schemars(range(min = MIN_RATE, max = MAX_RATE))]
    pub from: Option<u32>,
    /// Output sample rate in Hz
    #[schemars(range(min = MIN_RATE, max = MAX_RATE))]
    pub to: u32,
    /// Resampling quality preset
    #[serde(default)]
    #[schemars(extend("default" = "high"))]
    pub quality: QualityParam,
    /// Channel count (default: the first frame’s)
    #[schemars(range(min = 1, max = 64))]
    pub channels: Option<u32>,
}

/// Converts the sample rate of a stream of frames (streaming, delay-compensated, anti-aliased)
#[node(
    name = "AudioResample",
    category = "audio/conversion",
    inputs = ["audio: audio - Interleaved f32 frames"],
    outputs = ["audio: audio - Frames at the target rate; nothing while the first block is being filled"]
)]
#[derive(Debug)]
pub struct AudioResample {
    params: AudioResampleParams,
    quality: Quality,
    resampler: Option<Resampler>,
}

impl Node for AudioResample {
    type Params = AudioResampleParams;

    fn new(params: AudioResampleParams) -> Result<Self> {
        let quality = match params.quality {
            QualityParam::Fast => Quality::Fast,
            QualityParam::Balanced => Quality::Balanced,
            QualityParam::High => Quality::High,
            QualityParam::Max => Quality::Max,
        };
        Ok(Self {
            params,
            quality,
            resampler: None,
        })
    }

    fn process(&mut self, frame: Frame<'_>, out: &mut Output) -> Result<()> {
        // The stream's format: the params', else the first frame's, kept until the node is closed.
        let (from, channels) = match &self.resampler {
            Some(r) => (r.from_rate(), r.channels() as u32),
            None => (
                self.params.from.unwrap_or(frame.sample_rate),
                self.params.channels.unwrap_or(u32::from(frame.channels)),
            ),
        };
        if frame.sample_rate != from {
            return Err(AudioError::invalid_input(format!(
                "frame sample rate {} Hz does not match the stream's {from} Hz; a rate change needs a new AudioResample node",
                frame.sample_rate
            )));
        }
        if u32::from(frame.channels) != channels {
            return Err(AudioError::invalid_input(format!(
                "frame has {} channels but the stream has {channels}; convert the layout first (FormatConverter)",
                frame.channels
            )));
        }
        let resampler = match &mut self.resampler {
            Some(r) => r,
            slot => slot.insert(Resampler::new(
                from,
                self.params.to,
                channels,
                self.quality,
            )?),
        };
        let to = resampler.to_rate();
        let audio = out.audio_out(to, channels as u16);
        resampler.process(frame.samples, audio)?;
        out.has_audio = !out.audio.is_empty();
        Ok(())
    }

    fn flush(&mut self, out: &mut Output) -> Result<()> {
        if let Some(r) = &mut self.resampler {
            let channels = r.channels() as u16;
            let written = r.flush(out.audio_out(r.to_rate(), channels));
            out.has_audio = written > 0;
        }
        Ok(())
    }

    fn reset(&mut self) {
        if let Some(r) = &mut self.resampler {
            r.reset();
        }
    }
}

#[cfg(test)]
mod tests {
    use remotemedia_node_kit::{assert_node_registered, serde_json::json};

    use super::*;

    #[test]
    fn keeps_the_first_frames_format_for_the_stream() {
        let mut node = remotemedia_node_kit::testing::create::<AudioResample>(
            &crate::node_set(),
            json!({ "to": 16_000 }),
        )
        .unwrap();
        node.process(Frame::new(&[0.0; 960], 48_000, 1)).unwrap();
        let err = node
            .process(Frame::new(&[0.0; 960], 48_000, 2))
            .unwrap_err();
        assert_eq!(
            err.message,
            "frame has 2 channels but the stream has 1; convert the layout first (FormatConverter)"
        );
        let err = node
            .process(Frame::new(&[0.0; 441], 44_100, 1))
            .unwrap_err();
        assert!(
            err.message
                .starts_with("frame sample rate 44100 Hz does not match the stream's 48000 Hz")
        );
        node.process(Frame::new(&[0.0; 960], 48_000, 1)).unwrap();
    }

    #[test]
    fn is_registered_and_matches_the_resampler() {
        assert_node_registered!(AudioResample, crate::node_set());
        let set = crate::node_set();
        let mut node = set
            .create("AudioResample", &json!({ "to": 16_000 }))
            .unwrap();
        let mut direct = Resampler::new(48_000, 16_000, 1, Quality::High).unwrap();
        let input: Vec<f32> = (0..960).map(|i| (i as f32 * 0.05).sin() * 0.5).collect();
        let (mut out, mut expected) = (Output::default(), Vec::new());
        for _ in 0..10 {
            let frame = Frame {
                samples: &input,
                sample_rate: 48_000,
                channels: 1,
            };
            node.process(frame, &mut out).unwrap();
            let start = expected.len();
            direct.process(&input, &mut expected).unwrap();
            assert_eq!(out.has_audio, expected.len() > start);
            if out.has_audio {
                assert_eq!(out.audio, expected[start..]);
            }
        }
        assert!(
            set.create("AudioResample", &json!({})).is_err(),
            "`to` is required"
        );
    }
}
