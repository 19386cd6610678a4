//! The trait a node implements, and the frame and output types it works on.

use remotemedia_audio::Result;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;

/// One interleaved f32 frame, borrowed (from a JS typed array, or the previous node's output).
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    pub samples: &'a [f32],
    pub sample_rate: u32,
    pub channels: u16,
}

impl<'a> Frame<'a> {
    pub const fn new(samples: &'a [f32], sample_rate: u32, channels: u16) -> Self {
        Self {
            samples,
            sample_rate,
            channels,
        }
    }
}

/// What one call produced. Owned by the caller and reused between frames: a node clears what it
/// does not set by calling [`Output::clear`] first (the runner does this for it).
#[derive(Debug, Default, Clone)]
pub struct Output {
    /// Audio for the node's audio output port; `has_audio` says whether this call produced any.
    pub audio: Vec<f32>,
    pub has_audio: bool,
    pub sample_rate: u32,
    pub channels: u16,
    /// Bytes for a `bytes` port (e.g. integer PCM), when `has_bytes`.
    pub bytes: Vec<u8>,
    pub has_bytes: bool,
    /// Values of `json` ports, keyed by port name; left empty on most frames.
    pub json: Vec<(&'static str, serde_json::Value)>,
}

impl Output {
    /// Forgets the previous call's values but keeps the buffers' capacity.
    pub fn clear(&mut self) {
        self.audio.clear();
        self.has_audio = false;
        self.bytes.clear();
        self.has_bytes = false;
        self.json.clear();
    }

    /// Starts this call's audio output and returns its (empty) buffer to fill.
    pub fn audio_out(&mut self, sample_rate: u32, channels: u16) -> &mut Vec<f32> {
        self.has_audio = true;
        self.sample_rate = sample_rate;
        self.channels = channels;
        &mut self.audio
    }

    /// The audio output as a frame for the next node of a chain.
    pub fn frame(&self) -> Option<Frame<'_>> {
        self.has_audio.then_some(Frame {
            samples: &self.audio,
            sample_rate: self.sample_rate,
            channels: self.channels,
        })
    }
}

/// A streaming node: created from validated params, fed frames, flushed at end of stream. Nodes
/// live on the thread that created them (the JS thread), so they need not be `Send`.
pub trait Node: Sized + 'static {
    /// Deserialized from the JS params object; its `JsonSchema` is the published params schema,
    /// so use `#[serde(deny_unknown_fields)]` and doc comments on every field.
    type Params: DeserializeOwned + JsonSchema;

    fn new(params: Self::Params) -> Result<Self>;

    /// Processes one frame into `out` (already cleared).
    fn process(&mut self, frame: Frame<'_>, out: &mut Output) -> Result<()>;

    /// End of stream: emits what is held back, then starts a new stream.
    fn flush(&mut self, _out: &mut Output) -> Result<()> {
        Ok(())
    }

    /// Drops all stream state without output. The default does nothing, which is right only for a
    /// node that keeps no stream state (a gain, a channel map): a node holding samples, filter
    /// memory, counters or timestamps between frames must override it.
    fn reset(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, JsonSchema)]
    struct NoParams {}

    /// Stateless: implements neither `flush` nor `reset`.
    struct Negate;

    impl Node for Negate {
        type Params = NoParams;
        fn new(_: NoParams) -> Result<Self> {
            Ok(Self)
        }
        fn process(&mut self, frame: Frame<'_>, out: &mut Output) -> Result<()> {
            let audio = out.audio_out(frame.sample_rate, frame.channels);
            audio.extend(frame.samples.iter().map(|x| -x));
            Ok(())
        }
    }

    #[test]
    fn a_stateless_node_needs_no_flush_or_reset() {
        let mut node = Negate::new(NoParams {}).unwrap();
        let mut out = Output::default();
        node.flush(&mut out).unwrap();
        assert!(!out.has_audio, "the default flush emits nothing");
        node.reset();
        let frame = Frame::new(&[0.25], 16_000, 1);
        node.process(frame, &mut out).unwrap();
        assert_eq!(
            out.audio,
            [-0.25],
            "the default reset leaves the node usable"
        );
    }
}
