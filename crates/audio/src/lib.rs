//! Audio types shared by every RemoteMedia crate, and the one error model they all report through.
//! Nothing here knows about Node: the `-napi` crates map [`AudioError`] onto JS errors.

mod buffer;
mod error;
mod panic;

pub use buffer::{
    AudioBuffer, MAX_CHANNELS, check_out_len, validate_channels, validate_interleaved,
};
pub use error::{AudioError, ErrorCode, Result};
pub use panic::catch_panic;
