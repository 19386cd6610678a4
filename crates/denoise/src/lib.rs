//! RNNoise noise suppression (nnnoiseless) for real-time audio frames. Each node is one file with its tests (`denoise.rs`); `crates/denoise-napi`
//! exports every node of the crate to JS through the kit's generic binding.

use remotemedia_node_kit::NodeSet;

/// This crate's nodes (every `#[node]` in it), for the generic binding.
pub fn node_set() -> NodeSet {
    NodeSet::collected(env!("CARGO_CRATE_NAME"))
}

mod denoise;
pub use denoise::{Denoise, DenoiseParams};
