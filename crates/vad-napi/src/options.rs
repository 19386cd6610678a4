//! JS-facing option and result objects, converted explicitly to and from the core types.

use napi_derive::napi;
use remotemedia_vad::{Engine, Mode, SegmentEvent, SegmenterConfig, VadConfig};

/// Detector and segmenter settings, already checked and defaulted by the TS layer.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct NativeVadOptions {
    pub sample_rate: u32,
    pub channels: u32,
    #[napi(ts_type = "'webrtc' | 'silero'")]
    pub engine: String,
    /// 0-3.
    pub mode: u32,
    /// 10, 20 or 30; 32 with Silero.
    pub frame_ms: u32,
    /// Silero: probability that starts speech.
    pub threshold: f64,
    /// Silero: probability below which speech ends.
    pub neg_threshold: f64,
    /// Run the segmenter (events); without it decisions cost nothing extra.
    pub segments: bool,
    pub speech_pad_ms: u32,
    pub min_speech_ms: u32,
    pub min_silence_ms: u32,
    /// No limit when absent.
    pub max_speech_ms: Option<u32>,
}

impl NativeVadOptions {
    pub fn config(&self) -> remotemedia_audio::Result<VadConfig> {
        Ok(VadConfig {
            sample_rate: self.sample_rate,
            channels: self.channels,
            engine: Engine::parse(&self.engine)?,
            mode: Mode::from_index(self.mode)?,
            frame_ms: self.frame_ms,
            threshold: self.threshold as f32,
            neg_threshold: self.neg_threshold as f32,
        })
    }

    pub fn segmenter(&self) -> SegmenterConfig {
        SegmenterConfig {
            frame_ms: self.frame_ms,
            speech_pad_ms: self.speech_pad_ms,
            min_speech_ms: self.min_speech_ms,
            min_silence_ms: self.min_silence_ms,
            max_speech_ms: self.max_speech_ms,
        }
    }
}

/// A segment boundary; `endMs` is set on `speechEnd` only.
#[napi(object)]
#[derive(Debug)]
pub struct NativeSegmentEvent {
    #[napi(ts_type = "'speechStart' | 'speechEnd'")]
    pub r#type: String,
    pub start_ms: f64,
    pub end_ms: Option<f64>,
}

impl From<SegmentEvent> for NativeSegmentEvent {
    fn from(event: SegmentEvent) -> Self {
        match event {
            SegmentEvent::SpeechStart { start_ms } => Self {
                r#type: "speechStart".into(),
                start_ms: start_ms as f64,
                end_ms: None,
            },
            SegmentEvent::SpeechEnd { start_ms, end_ms } => Self {
                r#type: "speechEnd".into(),
                start_ms: start_ms as f64,
                end_ms: Some(end_ms as f64),
            },
        }
    }
}

#[napi(object)]
#[derive(Debug)]
pub struct NativeSegment {
    pub start_ms: f64,
    pub end_ms: f64,
}
