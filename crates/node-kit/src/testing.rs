//! For a node crate's tests: a node created the way the JS binding creates it (by type name, from
//! JSON params, through the crate's node set), fed frames into one reused output, as in a stream.

use std::fmt;

use remotemedia_audio::Result;
use serde_json::Value;

pub use crate::bounds::schema_bound_mismatches;
use crate::erased::DynNode;
use crate::meta::Described;
use crate::node::{Frame, Node, Output};
use crate::set::NodeSet;

/// Creates `T` from JSON `params` through `set`; a params error is returned for the test to check.
///
/// # Panics
/// When `T` is not in `set`, so a test never takes "not registered" for a params error.
#[track_caller]
pub fn create<T: Described>(set: &NodeSet, params: Value) -> Result<TestNode> {
    assert!(
        set.contains(T::NAME),
        "node '{}' is not registered; registered: {:?}",
        T::NAME,
        set.names().collect::<Vec<_>>()
    );
    Ok(TestNode {
        node: set.create(T::NAME, &params)?,
        out: Output::default(),
    })
}

/// Panics listing every bound of node `name`'s published params schema that the node does not
/// enforce as published (see [`schema_bound_mismatches`]); `assert_node_registered!` runs it.
#[track_caller]
pub fn assert_schema_bounds(set: &NodeSet, name: &str) {
    let prefix = format!("{name}.");
    let mismatches: Vec<String> = schema_bound_mismatches(set)
        .into_iter()
        .filter(|m| m.starts_with(&prefix))
        .collect();
    assert!(
        mismatches.is_empty(),
        "the params schema '{name}' publishes is not what it accepts: {mismatches:#?}"
    );
}

/// A live node and the output buffer it writes into (cleared by every call, as in the binding).
pub struct TestNode {
    node: Box<dyn DynNode>,
    out: Output,
}

impl fmt::Debug for TestNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestNode")
            .field("type", &self.node.type_name())
            .finish_non_exhaustive()
    }
}

impl TestNode {
    /// Processes one frame; returns what this call produced.
    pub fn process(&mut self, frame: Frame<'_>) -> Result<&Output> {
        self.node.process(frame, &mut self.out)?;
        Ok(&self.out)
    }

    /// Ends the stream; returns what the node held back.
    pub fn flush(&mut self) -> Result<&Output> {
        self.node.flush(&mut self.out)?;
        Ok(&self.out)
    }

    pub fn reset(&mut self) {
        self.node.reset();
    }

    /// Processes every frame, then flushes: all the audio produced, in order.
    pub fn run(&mut self, frames: &[Frame<'_>]) -> Result<Vec<f32>> {
        let mut audio = Vec::new();
        for &frame in frames {
            audio.extend_from_slice(&self.process(frame)?.audio);
        }
        audio.extend_from_slice(&self.flush()?.audio);
        Ok(audio)
    }
}

/// No params.
#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PanicParams {}

/// Panics on every frame. A package's `test-panic` build adds it to the node set it exports, so
/// the node contract suite proves a panicking node is `ERR_NATIVE_PANIC` and the process lives.
#[crate::node(name = "TestPanic", category = "test")]
#[derive(Debug)]
pub struct PanicNode;

impl Node for PanicNode {
    type Params = PanicParams;
    fn new(_: PanicParams) -> Result<Self> {
        Ok(Self)
    }
    fn process(&mut self, _: Frame<'_>, _: &mut Output) -> Result<()> {
        panic!("deliberate test panic in a node")
    }
}

/// Keeps every other sample frame, so the stream leaves at half its rate. A package's
/// `test-panic` build adds it, so the node contract suite can check each node fused behind a rate
/// change against the same two nodes one by one (audio, bytes, json and timestamps).
#[crate::node(name = "TestHalveRate", category = "test")]
#[derive(Debug, Default)]
pub struct HalveRateNode {
    /// Whether the next input frame is dropped (the previous chunk ended on a kept one).
    skip_next: bool,
}

impl Node for HalveRateNode {
    type Params = PanicParams;
    fn new(_: PanicParams) -> Result<Self> {
        Ok(Self::default())
    }
    fn process(&mut self, frame: Frame<'_>, out: &mut Output) -> Result<()> {
        if !frame.sample_rate.is_multiple_of(2) {
            return Err(remotemedia_audio::AudioError::invalid_input(format!(
                "TestHalveRate needs an even sample rate, got {}",
                frame.sample_rate
            )));
        }
        let channels = usize::from(frame.channels).max(1);
        let audio = out.audio_out(frame.sample_rate / 2, frame.channels);
        for sample_frame in frame.samples.chunks_exact(channels) {
            if !self.skip_next {
                audio.extend_from_slice(sample_frame);
            }
            self.skip_next = !self.skip_next;
        }
        Ok(())
    }
    fn reset(&mut self) {
        self.skip_next = false;
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::{AudioError, ErrorCode, Node, node};

    #[derive(serde::Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    struct HoldParams {
        /// Added to every sample.
        offset: f32,
    }

    /// Holds back one frame: yields the previous one, and the last one at flush.
    #[node(name = "TestingHold", category = "test")]
    struct Hold {
        offset: f32,
        held: Vec<f32>,
    }

    impl Node for Hold {
        type Params = HoldParams;
        fn new(p: HoldParams) -> Result<Self> {
            Ok(Self {
                offset: p.offset,
                held: Vec::new(),
            })
        }
        fn process(&mut self, frame: Frame<'_>, out: &mut Output) -> Result<()> {
            if frame.samples.is_empty() {
                return Err(AudioError::invalid_input("empty frame"));
            }
            self.flush(out)?;
            self.held
                .extend(frame.samples.iter().map(|x| x + self.offset));
            Ok(())
        }
        fn flush(&mut self, out: &mut Output) -> Result<()> {
            if !self.held.is_empty() {
                out.audio_out(16_000, 1).append(&mut self.held);
            }
            Ok(())
        }
        fn reset(&mut self) {
            self.held.clear();
        }
    }

    fn set() -> NodeSet {
        NodeSet::builder().node::<Hold>().build()
    }

    fn mono(samples: &[f32]) -> Frame<'_> {
        Frame::new(samples, 16_000, 1)
    }

    #[test]
    fn creates_from_json_and_returns_each_calls_output() {
        let mut node = create::<Hold>(&set(), json!({ "offset": 1.0 })).unwrap();
        assert_eq!(
            format!("{node:?}"),
            "TestNode { type: \"TestingHold\", .. }"
        );
        assert!(!node.process(mono(&[1.0])).unwrap().has_audio);
        assert_eq!(node.process(mono(&[2.0])).unwrap().audio, [2.0]);
        assert_eq!(node.flush().unwrap().audio, [3.0]);
        assert!(
            !node.flush().unwrap().has_audio,
            "each call clears the output"
        );
    }

    #[test]
    fn run_collects_every_frame_and_the_flush() {
        let mut node = create::<Hold>(&set(), json!({ "offset": 0.5 })).unwrap();
        let frames = [mono(&[0.0]), mono(&[1.0, 2.0]), mono(&[3.0])];
        assert_eq!(node.run(&frames).unwrap(), [0.5, 1.5, 2.5, 3.5]);
        node.process(mono(&[9.0])).unwrap();
        node.reset();
        assert_eq!(node.run(&[mono(&[4.0])]).unwrap(), [4.5], "reset dropped 9");
    }

    #[test]
    fn returns_params_and_frame_errors_with_their_codes() {
        let err = create::<Hold>(&set(), json!({ "ofset": 1 })).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidParam);
        assert!(
            err.message.contains("unknown param 'ofset'"),
            "{}",
            err.message
        );
        let mut node = create::<Hold>(&set(), json!({ "offset": 0 })).unwrap();
        let err = node.process(mono(&[])).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert_eq!(node.run(&[mono(&[1.0])]).unwrap(), [1.0], "still usable");
    }

    #[test]
    fn halve_rate_keeps_every_other_frame_whatever_the_chunking() {
        let set = NodeSet::builder().node::<HalveRateNode>().build();
        let mut node = create::<HalveRateNode>(&set, json!({})).unwrap();
        let stereo: Vec<f32> = (0..10u8).map(f32::from).collect();
        let out = node.process(Frame::new(&stereo[..2], 48_000, 2)).unwrap();
        assert_eq!((out.sample_rate, out.channels), (24_000, 2));
        let mut kept = out.audio.clone();
        kept.extend_from_slice(
            &node
                .process(Frame::new(&stereo[2..], 48_000, 2))
                .unwrap()
                .audio,
        );
        assert_eq!(kept, [0.0, 1.0, 4.0, 5.0, 8.0, 9.0]);
        node.reset();
        let err = node.process(Frame::new(&[0.0], 11_025, 1)).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        let whole = node.run(&[Frame::new(&stereo, 48_000, 2)]).unwrap();
        assert_eq!(whole, kept, "reset starts on a kept frame");
    }

    #[test]
    #[should_panic(expected = "node 'TestingHold' is not registered; registered: []")]
    fn panics_when_the_node_is_not_in_the_set() {
        let _ = create::<Hold>(&NodeSet::default(), json!({ "offset": 0 }));
    }
}
