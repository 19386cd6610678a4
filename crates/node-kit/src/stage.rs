//! A stage: nodes run in order as one unit, whether a local [`crate::Chain`] or another package's
//! chain called through the C-ABI stage table (`crate::ffi`). A [`crate::Pipeline`] runs stages
//! one after the other, so a host sees one chain whatever package each node comes from.

use remotemedia_audio::{AudioError, Result};

use crate::chain::NodeStats;
use crate::node::{Frame, Output};

/// A failed call: the index (within the stage) of the node that failed, and its error.
pub type StageResult = std::result::Result<(), (usize, AudioError)>;

/// Node indices below are local to the stage, from 0 to `len() - 1`.
pub trait Stage {
    fn len(&self) -> usize;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs every node on `input`; `None` means upstream gave no audio, so nothing runs unless
    /// `flushing` (end of stream: each node's flush output joins what it processed).
    fn run(&mut self, input: Option<Frame<'_>>, flushing: bool) -> StageResult;

    fn reset(&mut self) -> Result<()>;

    /// What node `index` produced in the latest call.
    fn output(&self, index: usize) -> Result<OutputView<'_>>;

    /// Node `index`'s json ports in the latest call, as `{ port: [values...] }`.
    fn json(&self, index: usize) -> Result<String>;

    /// Writes the first `out.len()` nodes' stats.
    fn stats(&self, out: &mut [NodeStats]) -> Result<()>;
}

/// A borrowed view of one node's output (the values of [`Output`] without ownership).
#[derive(Debug, Clone, Copy, Default)]
pub struct OutputView<'a> {
    pub has_audio: bool,
    pub audio: &'a [f32],
    pub sample_rate: u32,
    pub channels: u16,
    pub has_bytes: bool,
    pub bytes: &'a [u8],
    pub json_count: usize,
}

impl<'a> OutputView<'a> {
    /// The audio output as a frame for the next node.
    pub fn frame(&self) -> Option<Frame<'a>> {
        self.has_audio
            .then_some(Frame::new(self.audio, self.sample_rate, self.channels))
    }
}

impl<'a> From<&'a Output> for OutputView<'a> {
    fn from(o: &'a Output) -> Self {
        Self {
            has_audio: o.has_audio,
            audio: &o.audio,
            sample_rate: o.sample_rate,
            channels: o.channels,
            has_bytes: o.has_bytes,
            bytes: &o.bytes,
            json_count: o.json.len(),
        }
    }
}

/// `{ port: [values...] }` of a node's json values, in the order they were produced.
pub fn json_ports(json: &[(&'static str, serde_json::Value)]) -> String {
    let mut ports = serde_json::Map::new();
    for (port, value) in json {
        let entry = ports
            .entry(*port)
            .or_insert_with(|| serde_json::Value::Array(Vec::new()));
        if let serde_json::Value::Array(items) = entry {
            items.push(value.clone());
        }
    }
    serde_json::Value::Object(ports).to_string()
}
