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
    #[should_panic(expected = "node 'TestingHold' is not registered; registered: []")]
    fn panics_when_the_node_is_not_in_the_set() {
        let _ = create::<Hold>(&NodeSet::default(), json!({ "offset": 0 }));
    }
}
