//! RNNoise noise suppression (nnnoiseless) for real-time audio frames at any rate, channel count
//! and chunk length. The node is `denoise.rs` (with its tests); `crates/denoise-napi` exports every
//! node of the crate to JS through the kit's generic binding.

use remotemedia_node_kit::NodeSet;

/// This crate's nodes (every `#[node]` in it), for the generic binding.
pub fn node_set() -> NodeSet {
    NodeSet::collected(env!("CARGO_CRATE_NAME"))
}

mod denoise;
mod denoiser;
mod suppressor;
pub use denoise::{Denoise, DenoiseParams};
pub use denoiser::Denoiser;
pub use suppressor::{FRAME as RNNOISE_FRAME, RATE as RNNOISE_RATE};
