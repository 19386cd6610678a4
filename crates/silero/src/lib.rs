//! Silero VAD v6 (MIT, Silero Team) run by a direct forward pass in safe Rust: a windowed-DFT
//! front end, four 1-D convolutions, one LSTM cell and a linear decoder, with the weights taken
//! from the released model (see `model/README.md`). One [`Silero`] per audio stream; the weights
//! are parsed once per process and shared.

mod dot;
mod layers;
mod net;
mod stft;
mod stream;
mod weights;

pub use stream::{ModelRate, Silero};
