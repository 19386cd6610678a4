//! Quality presets: each names one documented rubato FFT-resampler configuration.

use std::fmt;
use std::str::FromStr;

use remotemedia_audio::AudioError;
use rubato::WindowFunction;

/// How hard the resampler works. Every preset anti-aliases; they differ in filter length
/// (FFT block size), window and arithmetic precision, hence in latency, CPU and noise floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Quality {
    Fast,
    Balanced,
    #[default]
    High,
    Max,
}

/// Arithmetic used inside the FFT resampler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    F32,
    F64,
}

/// The rubato settings behind a preset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// Wanted FFT block length at the lower of the two rates, in frames; it is also the length of
    /// the anti-aliasing filter there, so it sets the transition band. Blocks must be even
    /// multiples of `rate / gcd(from, to)`, so the real size is the next valid one at or above.
    pub block: usize,
    /// Window applied to the sinc anti-aliasing filter.
    pub window: WindowFunction,
    pub precision: Precision,
}

impl Preset {
    const fn new(block: usize, window: WindowFunction, precision: Precision) -> Self {
        Self {
            block,
            window,
            precision,
        }
    }
}

impl Quality {
    pub const ALL: [Quality; 4] = [
        Quality::Fast,
        Quality::Balanced,
        Quality::High,
        Quality::Max,
    ];

    /// The rubato configuration of this preset (see the package README for measured figures).
    pub const fn preset(self) -> Preset {
        use Precision::{F32, F64};
        use WindowFunction::{Blackman2, BlackmanHarris2};
        match self {
            Quality::Fast => Preset::new(64, Blackman2, F32),
            Quality::Balanced => Preset::new(128, Blackman2, F32),
            Quality::High => Preset::new(128, Blackman2, F64),
            Quality::Max => Preset::new(1024, BlackmanHarris2, F64),
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Quality::Fast => "fast",
            Quality::Balanced => "balanced",
            Quality::High => "high",
            Quality::Max => "max",
        }
    }
}

impl fmt::Display for Quality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Quality {
    type Err = AudioError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Quality::ALL
            .into_iter()
            .find(|q| q.as_str() == s)
            .ok_or_else(|| {
                AudioError::invalid_param(format!(
                    "quality must be one of 'fast', 'balanced', 'high', 'max', got '{s}'"
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_name_and_rejects_others() {
        for q in Quality::ALL {
            assert_eq!(q.as_str().parse::<Quality>().unwrap(), q);
        }
        let err = "best".parse::<Quality>().unwrap_err();
        assert!(err.message.contains("'best'"));
        assert_eq!(Quality::default(), Quality::High);
    }
}
