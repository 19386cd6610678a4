//! The Denoise node: RNNoise noise suppression (nnnoiseless) for real-time audio frames. Its tests are below; the crate's `node_set()` collects it.
//! The generated body applies a gain: replace it with the real work.

use remotemedia_node_kit::{Frame, Node, Output, Result, node};
use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DenoiseParams {
    /// Linear gain applied to every sample
    #[schemars(range(min = 0.0, max = 16.0), extend("default" = 1))]
    pub gain: Option<f32>,
}

/// RNNoise noise suppression (nnnoiseless) for real-time audio frames
#[node(name = "Denoise", category = "audio")]
#[derive(Debug)]
pub struct Denoise {
    params: DenoiseParams,
}

// No stream state, so the default `reset` (nothing) is right: a node that keeps samples, filter
// memory or counters between frames implements `reset` to drop them.
impl Node for Denoise {
    type Params = DenoiseParams;

    fn new(params: DenoiseParams) -> Result<Self> {
        Ok(Self { params })
    }

    fn process(&mut self, frame: Frame<'_>, out: &mut Output) -> Result<()> {
        let gain = self.params.gain.unwrap_or(1.0);
        let audio = out.audio_out(frame.sample_rate, frame.channels);
        audio.extend(frame.samples.iter().map(|x| x * gain));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use remotemedia_node_kit::{ErrorCode, assert_node_registered, serde_json::json, testing};

    use super::*;
    use crate::node_set;

    #[test]
    fn is_registered_applies_the_gain_and_rejects_unknown_params() {
        assert_node_registered!(Denoise, node_set());
        // Created by name from JSON params through the exported set, as the JS binding does.
        let mut node = testing::create::<Denoise>(&node_set(), json!({ "gain": 0.5 })).unwrap();
        let out = node.process(Frame::new(&[1.0, -1.0], 16_000, 2)).unwrap();
        assert_eq!(out.audio, [0.5, -0.5]);
        let err = testing::create::<Denoise>(&node_set(), json!({ "gian": 1 })).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidParam);
        assert!(err.message.contains("'gian'"), "{}", err.message);
    }
}
