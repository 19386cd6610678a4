//! Voice activity detection on webrtc-vad (libfvad) or Silero VAD v6 for any sample rate and any
//! chunk length, and a segmenter that turns per-frame decisions into padded speech segments. Pure Rust: the Node
//! binding lives in `remotemedia-vad-napi`.

mod config;
mod decision;
mod detector;
mod engine;
mod mode;
pub mod node;
mod oneshot;
mod sample;
mod segmenter;
mod session;
mod silero_detector;
mod stream;

pub use config::{FRAME_MS, NATIVE_RATES, VadConfig};
pub use decision::Decision;
pub use detector::Detector;
pub use engine::{DEFAULT_THRESHOLD, Engine, SILERO_FRAME_MS, default_neg_threshold};
pub use mode::Mode;
pub use oneshot::{Segment, detect_segments};
pub use sample::Sample;
pub use segmenter::{SegmentEvent, Segmenter, SegmenterConfig};
pub use session::VadSession;
pub use stream::Vad;

/// This crate's nodes (every `#[node]` in it), for the generic binding.
pub fn node_set() -> remotemedia_node_kit::NodeSet {
    remotemedia_node_kit::NodeSet::collected(env!("CARGO_CRATE_NAME"))
}
