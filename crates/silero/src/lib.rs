//! Silero VAD v6 (MIT, Silero Team) run by a direct forward pass in safe Rust: a windowed-DFT
//! front end, four 1-D convolutions, one LSTM cell and a linear decoder, with the weights taken
//! from the released model (see `model/README.md`), read at run time: [`Model::load`] or
//! [`Model::from_bytes`], or once per process through [`set_model_file`] and [`shared_model`]. One
//! [`Silero`] per audio stream, all sharing one [`Model`].

mod dot;
mod layers;
mod model;
mod net;
mod stft;
mod stream;
mod weights;

pub use model::{Model, ModelError, install_model, set_model_file, shared_model};
pub use stream::{ModelRate, Silero};
