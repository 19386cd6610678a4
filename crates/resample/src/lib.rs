//! Streaming, delay-compensated sample-rate conversion on rubato's FFT resampler, with four
//! quality presets. Pure Rust: the Node binding lives in `remotemedia-resample-napi`.

pub mod analysis;
mod engine;
mod int16;
mod oneshot;
mod plan;
mod quality;
mod resampler;

pub use oneshot::resample;
pub use plan::{MAX_RATE, MIN_RATE};
pub use quality::{Precision, Preset, Quality};
pub use resampler::Resampler;
