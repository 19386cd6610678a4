//! The VAD node: passes audio through and reports decisions and speech segments as JSON ports.

use remotemedia_audio::{AudioError, Result};
use remotemedia_node_kit::{Frame, Node, Output, node, serde_json::json};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::{
    DEFAULT_THRESHOLD, Engine, Mode, SILERO_FRAME_MS, SegmentEvent, SegmenterConfig, VadConfig,
    VadSession, default_neg_threshold,
};

#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EngineName {
    #[default]
    Webrtc,
    Silero,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ModeName {
    Quality,
    LowBitrate,
    Aggressive,
    VeryAggressive,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ModeParam {
    Level(#[schemars(range(max = 3))] u32),
    Name(ModeName),
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct VadParams {
    /// Input sample rate in Hz (default: the first frame’s); any rate is resampled
    #[schemars(range(min = 8000, max = 384_000))]
    pub sample_rate: Option<u32>,
    /// Channel count (default: the first frame’s); channels are averaged to mono
    #[schemars(range(min = 1, max = 64))]
    pub channels: Option<u32>,
    /// Detector: webrtc-vad (fast) or Silero VAD v6 (a neural network, more accurate in noise)
    #[serde(default)]
    #[schemars(extend("default" = "webrtc"))]
    pub engine: EngineName,
    /// webrtc-vad aggressiveness: higher modes call speech less often
    #[schemars(extend("default" = "quality"))]
    pub mode: Option<ModeParam>,
    /// Decision frame length in ms: 10, 20 or 30 for webrtc (default 30), 32 for silero
    #[schemars(extend("enum" = [10, 20, 30, 32]))]
    pub frame_ms: Option<u32>,
    /// silero: speech probability at which speech starts
    #[schemars(extend("exclusiveMinimum" = 0.0, "exclusiveMaximum" = 1.0, "default" = 0.5))]
    pub threshold: Option<f32>,
    /// silero: probability below which speech ends (default: threshold - 0.15)
    #[schemars(range(min = 0.0, max = 1.0))]
    pub neg_threshold: Option<f32>,
    /// Pre-roll and post-roll added to each segment
    #[schemars(range(max = 60_000), extend("default" = 30))]
    pub speech_pad_ms: Option<u32>,
    /// Shorter speech is ignored
    #[schemars(range(max = 60_000), extend("default" = 90))]
    pub min_speech_ms: Option<u32>,
    /// Silence that ends a segment (hangover)
    #[schemars(range(max = 60_000), extend("default" = 300))]
    pub min_silence_ms: Option<u32>,
    /// Longer segments are split (default: no limit)
    #[schemars(range(min = 100))]
    pub max_speech_ms: Option<u32>,
}

/// Voice activity detection (webrtc-vad or Silero VAD v6) at any sample rate and chunk size, with
/// padded speech segments
#[node(
    name = "VAD",
    category = "audio/analysis",
    inputs = ["audio: audio - Interleaved f32 frames of any length"],
    outputs = [
        "audio: audio - The input frames, passed through unchanged",
        "decisions: json - Per-frame decisions [{ startMs, endMs, speech, probability }] completed by each input",
        "events: json - Segment events [{ type: speechStart | speechEnd, startMs, endMs? }]"
    ]
)]
#[derive(Debug)]
pub struct VadNode {
    params: VadParams,
    /// Everything but the stream's rate and channels, which the first frame may set.
    config: VadConfig,
    session: Option<VadSession>,
    decisions: Vec<u8>,
    probabilities: Vec<f32>,
    frames_done: u64,
}

impl VadNode {
    fn segments(&self) -> SegmenterConfig {
        let d = SegmenterConfig::new(self.config.frame_ms);
        let p = &self.params;
        SegmenterConfig {
            speech_pad_ms: p.speech_pad_ms.unwrap_or(d.speech_pad_ms),
            min_speech_ms: p.min_speech_ms.unwrap_or(d.min_speech_ms),
            min_silence_ms: p.min_silence_ms.unwrap_or(d.min_silence_ms),
            max_speech_ms: p.max_speech_ms,
            ..d
        }
    }

    fn emit(&mut self, n: usize, out: &mut Output) {
        let ms = u64::from(self.config.frame_ms);
        for (&d, &p) in self.decisions[..n].iter().zip(&self.probabilities) {
            let start = self.frames_done * ms;
            out.json.push((
                "decisions",
                json!({
                    "startMs": start,
                    "endMs": start + ms,
                    "speech": d != 0,
                    // As f64, so the number equals what a Float32Array gives JS for the same f32.
                    "probability": f64::from(p),
                }),
            ));
            self.frames_done += 1;
        }
        let Some(session) = &mut self.session else {
            return;
        };
        for event in session.take_events() {
            out.json.push((
                "events",
                match event {
                    SegmentEvent::SpeechStart { start_ms } => {
                        json!({ "type": "speechStart", "startMs": start_ms })
                    }
                    SegmentEvent::SpeechEnd { start_ms, end_ms } => {
                        json!({ "type": "speechEnd", "startMs": start_ms, "endMs": end_ms })
                    }
                },
            ));
        }
    }
}

impl Node for VadNode {
    type Params = VadParams;

    fn new(params: VadParams) -> Result<Self> {
        let mode = match params.mode {
            None => Mode::default(),
            Some(ModeParam::Level(i)) => Mode::from_index(i)?,
            Some(ModeParam::Name(n)) => Mode::ALL[n as usize],
        };
        let engine = match params.engine {
            EngineName::Webrtc => Engine::Webrtc,
            EngineName::Silero => Engine::Silero,
        };
        let threshold = params.threshold.unwrap_or(DEFAULT_THRESHOLD);
        let config = VadConfig {
            engine,
            mode,
            frame_ms: params.frame_ms.unwrap_or(match engine {
                Engine::Webrtc => 30,
                Engine::Silero => SILERO_FRAME_MS,
            }),
            threshold,
            neg_threshold: params
                .neg_threshold
                .unwrap_or_else(|| default_neg_threshold(threshold)),
            ..VadConfig::new(params.sample_rate.unwrap_or(16_000))
        };
        config.validate()?;
        let node = Self {
            params,
            config,
            session: None,
            decisions: Vec::new(),
            probabilities: Vec::new(),
            frames_done: 0,
        };
        node.segments().validate()?;
        Ok(node)
    }

    fn process(&mut self, frame: Frame<'_>, out: &mut Output) -> Result<()> {
        if self.session.is_none() {
            let config = VadConfig {
                sample_rate: self.params.sample_rate.unwrap_or(frame.sample_rate),
                channels: self.params.channels.unwrap_or(u32::from(frame.channels)),
                ..self.config
            };
            self.session = Some(VadSession::new(config, Some(self.segments()))?);
        }
        let Some(session) = &mut self.session else {
            unreachable!("created above")
        };
        let config = *session.vad().config();
        if frame.sample_rate != config.sample_rate || u32::from(frame.channels) != config.channels {
            return Err(AudioError::invalid_input(format!(
                "frame is {} Hz x{} but the stream is {} Hz x{}; a format change needs a new VAD node",
                frame.sample_rate, frame.channels, config.sample_rate, config.channels
            )));
        }
        let ready = session.vad().frames_ready(frame.samples.len());
        self.decisions.resize(ready, 0);
        self.probabilities.resize(ready, 0.0);
        let n = session.process_scored_into(
            frame.samples,
            &mut self.decisions,
            Some(&mut self.probabilities),
        )?;
        out.audio_out(frame.sample_rate, frame.channels)
            .extend_from_slice(frame.samples);
        self.emit(n, out);
        Ok(())
    }

    fn flush(&mut self, out: &mut Output) -> Result<()> {
        let Some(session) = &mut self.session else {
            return Ok(());
        };
        let len = session.vad().flush_len();
        self.decisions.resize(len, 0);
        self.probabilities.resize(len, 0.0);
        let n = session.flush_scored_into(&mut self.decisions, Some(&mut self.probabilities))?;
        self.emit(n, out);
        self.frames_done = 0;
        Ok(())
    }

    fn reset(&mut self) {
        if let Some(s) = &mut self.session {
            s.reset();
        }
        self.frames_done = 0;
    }
}

#[cfg(test)]
mod tests {
    use remotemedia_node_kit::assert_node_registered;
    use remotemedia_node_kit::serde_json::{Value, json};

    use super::*;

    /// What nodes.json says a param takes is what the node takes, bound for bound.
    #[test]
    fn the_published_schema_bounds_are_the_accepted_ones() {
        let mismatches = remotemedia_node_kit::testing::schema_bound_mismatches(&crate::node_set());
        assert!(mismatches.is_empty(), "{mismatches:#?}");
    }

    /// What a VAD node made from `params` outputs for `len` samples of 16 kHz mono silence.
    fn silence_through(params: Value, len: usize) -> Output {
        let mut node = crate::node_set().create("VAD", &params).unwrap();
        let mut out = Output::default();
        let samples = vec![0.0_f32; len];
        node.process(Frame::new(&samples, 16_000, 1), &mut out)
            .unwrap();
        out
    }

    #[test]
    fn is_registered_passes_audio_and_reports_decisions() {
        assert_node_registered!(VadNode, crate::node_set());
        let out = silence_through(json!({ "mode": "aggressive", "frameMs": 10 }), 480);
        assert_eq!(out.audio, vec![0.0; 480]);
        assert_eq!(out.json.len(), 3);
        assert_eq!(
            out.json[2].1,
            json!({ "startMs": 20, "endMs": 30, "speech": false, "probability": 0.0 })
        );
        for params in [
            json!({ "mode": 9 }),
            json!({ "mode": "loud" }),
            json!({ "engine": "silero", "frameMs": 30 }),
            json!({ "engine": "silero", "threshold": 1.5 }),
            json!({ "engine": "neural" }),
        ] {
            assert!(
                crate::node_set().create("VAD", &params).is_err(),
                "{params}"
            );
        }
    }

    #[test]
    fn silero_reports_32_ms_frames_with_probabilities() {
        crate::silero_detector::tests::use_committed_model();
        let out = silence_through(json!({ "engine": "silero", "threshold": 0.6 }), 1_600);
        assert_eq!(out.json.len(), 3);
        let last = &out.json[2].1;
        assert_eq!(last["startMs"], 64);
        assert_eq!(last["endMs"], 96);
        assert_eq!(last["speech"], false);
        assert!(last["probability"].as_f64().unwrap() < 0.1, "{last}");
    }
}
