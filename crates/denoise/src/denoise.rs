//! The Denoise node: RNNoise noise suppression at any rate, channel count and chunk length, with
//! RNNoise's per-frame voice probability as a JSON port. Its tests are below; the crate's
//! `node_set()` collects it.

use remotemedia_audio::{AudioError, Result};
use remotemedia_node_kit::{Frame, Node, Output, node, serde_json::json};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Denoiser;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DenoiseParams {
    /// Share of the denoised signal (1 = denoised only, 0 = the input); 0.9 caps attenuation at 20 dB
    #[schemars(range(min = 0.0, max = 1.0), extend("default" = 1))]
    pub mix: Option<f32>,
}

/// RNNoise noise suppression (nnnoiseless) at any sample rate, channel count and chunk length;
/// output aligned with the input, plus RNNoise's voice probability per 10 ms
#[node(
    name = "Denoise",
    category = "audio/effects",
    inputs = ["audio: audio - Interleaved f32 frames of any rate, channel count and length"],
    outputs = [
        "audio: audio - The denoised frames, same rate and layout; sample i is input sample i (held back 10 ms at 48 kHz, 25-30 ms at 16-44.1 kHz)",
        "voice: json - Per 10 ms of input: { startMs, endMs, probability } (RNNoise's voice probability, highest over channels)"
    ]
)]
#[derive(Debug)]
pub struct Denoise {
    mix: f32,
    denoiser: Option<Denoiser>,
    voice: Vec<f32>,
    /// RNNoise frames reported in this stream.
    frames_done: u64,
}

impl Denoise {
    fn report(&mut self, out: &mut Output) {
        for &p in &self.voice {
            let start = self.frames_done * 10;
            out.json.push((
                "voice",
                // As f64, so the number equals what a Float32Array gives JS for the same f32.
                json!({ "startMs": start, "endMs": start + 10, "probability": f64::from(p) }),
            ));
            self.frames_done += 1;
        }
        self.voice.clear();
    }
}

impl Node for Denoise {
    type Params = DenoiseParams;

    fn new(params: DenoiseParams) -> Result<Self> {
        let mix = params.mix.unwrap_or(1.0);
        if !(0.0..=1.0).contains(&mix) {
            return Err(AudioError::invalid_param(format!(
                "mix must be between 0 and 1, got {mix}"
            )));
        }
        Ok(Self {
            mix,
            denoiser: None,
            voice: Vec::new(),
            frames_done: 0,
        })
    }

    fn process(&mut self, frame: Frame<'_>, out: &mut Output) -> Result<()> {
        // The stream's format is its first frame's, until the stream ends.
        if let Some(d) = &self.denoiser
            && (d.sample_rate() != frame.sample_rate || d.channels() != usize::from(frame.channels))
        {
            return Err(AudioError::invalid_input(format!(
                "frame is {} Hz x {} channels but the stream is {} Hz x {}; flush the stream before \
                 changing format",
                frame.sample_rate,
                frame.channels,
                d.sample_rate(),
                d.channels()
            )));
        }
        let denoiser = match &mut self.denoiser {
            Some(d) => d,
            slot => slot.insert(Denoiser::new(
                frame.sample_rate,
                u32::from(frame.channels),
                self.mix,
            )?),
        };
        let audio = out.audio_out(frame.sample_rate, frame.channels);
        denoiser.process(frame.samples, audio, &mut self.voice)?;
        out.has_audio = !out.audio.is_empty();
        self.report(out);
        Ok(())
    }

    fn flush(&mut self, out: &mut Output) -> Result<()> {
        if let Some(mut d) = self.denoiser.take() {
            let audio = out.audio_out(d.sample_rate(), d.channels() as u16);
            d.flush(audio, &mut self.voice)?;
            out.has_audio = !out.audio.is_empty();
            self.report(out);
        }
        self.frames_done = 0;
        Ok(())
    }

    fn reset(&mut self) {
        self.denoiser = None;
        self.voice.clear();
        self.frames_done = 0;
    }
}

#[cfg(test)]
mod tests {
    use remotemedia_node_kit::{ErrorCode, assert_node_registered, serde_json::json, testing};

    use super::*;
    use crate::node_set;

    #[test]
    fn is_registered_keeps_length_and_reports_voice_per_10_ms() {
        assert_node_registered!(Denoise, node_set());
        let mut node = testing::create::<Denoise>(&node_set(), json!({ "mix": 0.5 })).unwrap();
        let input: Vec<f32> = (0..3_200).map(|i| (i as f32 * 0.05).sin() * 0.2).collect();
        let mut audio = node
            .process(Frame::new(&input, 16_000, 2))
            .unwrap()
            .audio
            .clone();
        audio.extend(&node.flush().unwrap().audio);
        assert_eq!(audio.len(), input.len());
        let mut node = testing::create::<Denoise>(&node_set(), json!({})).unwrap();
        let out = node.process(Frame::new(&input, 16_000, 1)).unwrap();
        let voice: Vec<_> = out
            .json
            .iter()
            .filter(|(port, _)| *port == "voice")
            .collect();
        // 200 ms at 16 kHz is 20 RNNoise frames, minus those still in the resampler.
        assert!((15..=20).contains(&voice.len()), "{}", voice.len());
        assert_eq!(voice[1].1["startMs"], 10);
        assert_eq!(voice[1].1["endMs"], 20);
    }

    #[test]
    fn refuses_bad_params_and_a_format_change_mid_stream() {
        for params in [json!({ "mix": 1.5 }), json!({ "mixx": 1 })] {
            let err = testing::create::<Denoise>(&node_set(), params).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidParam);
            assert!(err.message.contains("mix"), "{}", err.message);
        }
        assert!(remotemedia_node_kit::testing::schema_bound_mismatches(&node_set()).is_empty());
        let mut node = testing::create::<Denoise>(&node_set(), json!({})).unwrap();
        node.process(Frame::new(&[0.0; 480], 48_000, 1)).unwrap();
        let err = node
            .process(Frame::new(&[0.0; 480], 16_000, 1))
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        let err = node
            .process(Frame::new(&[f32::NAN; 2], 48_000, 1))
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        node.process(Frame::new(&[0.0; 480], 48_000, 1)).unwrap();
        node.flush().unwrap();
        node.process(Frame::new(&[0.0; 160], 16_000, 1)).unwrap();
    }
}
