//! Streaming, delay-compensated sample-rate conversion on rubato's FFT resampler, with four
//! quality presets. Pure Rust: the Node binding lives in `remotemedia-resample-napi`.

pub mod analysis;
mod engine;
mod int16;
pub mod node;
mod oneshot;
mod plan;
mod quality;
mod resampler;

pub use oneshot::resample;
pub use plan::{MAX_RATE, MAX_RESAMPLER_BYTES, MIN_RATE};
pub use quality::{Precision, Preset, Quality};
pub use resampler::Resampler;

/// This crate's nodes (every `#[node]` in it), for the generic binding.
pub fn node_set() -> remotemedia_node_kit::NodeSet {
    remotemedia_node_kit::NodeSet::collected(env!("CARGO_CRATE_NAME"))
}
