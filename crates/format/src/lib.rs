//! Sample-format conversion (f32 <-> s16 / s24 / s32 / u8 / G.711 mu-law and A-law), channel
//! layouts (interleave, deinterleave, downmix, upmix, remap) and WAV decode/encode. All functions
//! write into buffers the caller owns so per-frame work never allocates; only whole-file WAV work
//! returns owned data.

pub mod g711;
pub mod layout;
pub mod node;
pub mod sample;
pub mod wav;
mod wav_f64;

pub use sample::{Dither, SampleFormat};

/// This crate's nodes (every `#[node]` in it), for the generic binding.
pub fn node_set() -> remotemedia_node_kit::NodeSet {
    remotemedia_node_kit::NodeSet::collected(env!("CARGO_CRATE_NAME"))
}
