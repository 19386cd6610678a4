//! Several nodes run as one: each frame goes through every node in one call, each node writing
//! into its own output buffer that is reused for the next frame. Per-node timings are kept so the
//! caller can still report metrics per node.

use std::time::Instant;

use remotemedia_audio::{AudioError, Result, catch_panic};

use crate::erased::DynNode;
use crate::node::{Frame, Output};
use crate::stage::{OutputView, Stage, StageResult, json_ports};

/// Calls and time of one node of a chain; `last_ns` is the latest call, for latency histograms.
/// `repr(C)`: stats cross the stage table between packages (`crate::ffi`).
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NodeStats {
    pub calls: u64,
    pub total_ns: u64,
    pub last_ns: u64,
    /// Whether the node ran in the latest chain call (it does not when upstream gave no audio).
    pub ran: bool,
}

pub struct Chain {
    nodes: Vec<Box<dyn DynNode>>,
    outputs: Vec<Output>,
    scratch: Output,
    stats: Vec<NodeStats>,
}

impl std::fmt::Debug for Chain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.nodes.iter().map(|n| n.type_name()))
            .finish()
    }
}

impl Chain {
    pub fn new(nodes: Vec<Box<dyn DynNode>>) -> Self {
        let n = nodes.len();
        Self {
            nodes,
            outputs: vec![Output::default(); n],
            scratch: Output::default(),
            stats: vec![NodeStats::default(); n],
        }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Runs `frame` through every node. A node that yields no audio ends the frame's trip (the
    /// nodes after it do not run and their outputs are cleared). On error the failing node's
    /// index is returned with the error.
    pub fn process(&mut self, frame: Frame<'_>) -> StageResult {
        self.run(Some(frame), false)
    }

    /// End of stream: each node's flush output (and what upstream flushed into it) is passed on.
    pub fn flush(&mut self) -> StageResult {
        self.run(None, true)
    }

    pub fn reset(&mut self) {
        self.nodes.iter_mut().for_each(|n| n.reset());
        self.outputs.iter_mut().for_each(Output::clear);
    }

    /// What node `index` produced in the latest call.
    pub fn output(&self, index: usize) -> &Output {
        &self.outputs[index]
    }

    pub fn stats(&self) -> &[NodeStats] {
        &self.stats
    }

    /// `input: None` means upstream gave no audio: without `flushing` nothing runs.
    fn run(&mut self, input: Option<Frame<'_>>, flushing: bool) -> StageResult {
        for i in 0..self.nodes.len() {
            let (before, rest) = self.outputs.split_at_mut(i);
            let upstream = if i == 0 { input } else { before[i - 1].frame() };
            let out = &mut rest[0];
            let started = Instant::now();
            let node = &mut *self.nodes[i];
            let scratch = &mut self.scratch;
            // Caught per node so a panic is reported as that node's error.
            let result = catch_panic(|| step(node, upstream, flushing, out, scratch));
            let stats = &mut self.stats[i];
            stats.ran = upstream.is_some() || flushing;
            if stats.ran {
                let ns = started.elapsed().as_nanos() as u64;
                stats.calls += 1;
                stats.total_ns += ns;
                stats.last_ns = ns;
            }
            result.map_err(|e| (i, e))?;
        }
        Ok(())
    }
}

impl Stage for Chain {
    fn len(&self) -> usize {
        self.nodes.len()
    }

    fn run(&mut self, input: Option<Frame<'_>>, flushing: bool) -> StageResult {
        Chain::run(self, input, flushing)
    }

    fn reset(&mut self) -> Result<()> {
        Chain::reset(self);
        Ok(())
    }

    fn output(&self, index: usize) -> Result<OutputView<'_>> {
        self.outputs
            .get(index)
            .map(OutputView::from)
            .ok_or_else(|| outside(index))
    }

    fn json(&self, index: usize) -> Result<String> {
        self.outputs
            .get(index)
            .map(|o| json_ports(&o.json))
            .ok_or_else(|| outside(index))
    }

    fn stats(&self, out: &mut [NodeStats]) -> Result<()> {
        let n = out.len().min(self.stats.len());
        out[..n].copy_from_slice(&self.stats[..n]);
        Ok(())
    }
}

fn outside(index: usize) -> AudioError {
    AudioError::invalid_input(format!("node index {index} is outside the chain"))
}

fn step(
    node: &mut dyn DynNode,
    upstream: Option<Frame<'_>>,
    flushing: bool,
    out: &mut Output,
    scratch: &mut Output,
) -> Result<()> {
    match (upstream, flushing) {
        (Some(frame), false) => node.process(frame, out),
        (None, false) => {
            out.clear();
            Ok(())
        }
        (None, true) => node.flush(out),
        (Some(frame), true) => {
            node.process(frame, out)?;
            node.flush(scratch)?;
            append(out, scratch);
            Ok(())
        }
    }
}

/// Appends a flush's output to the same call's process output.
fn append(out: &mut Output, more: &Output) {
    if more.has_audio {
        if !out.has_audio {
            out.has_audio = true;
            out.sample_rate = more.sample_rate;
            out.channels = more.channels;
        }
        out.audio.extend_from_slice(&more.audio);
    }
    if more.has_bytes {
        out.has_bytes = true;
        out.bytes.extend_from_slice(&more.bytes);
    }
    out.json.extend(more.json.iter().cloned());
}
