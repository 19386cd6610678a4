//! A chain: nodes of one package binary run as one, each frame going through every node in one
//! call, each node writing into its own output buffer that is reused for the next frame. A single
//! node is a chain of one. Per-node timings are kept so the caller can still report metrics per
//! node, and the tail's timestamps come from one [`Timeline`].

use std::time::Instant;

use remotemedia_audio::{AudioError, Result, catch_panic};

use crate::erased::DynNode;
use crate::node::{Frame, Output};
use crate::timeline::Timeline;

/// A failed call: the index of the node that failed, and its error.
pub type ChainResult = std::result::Result<(), (usize, AudioError)>;

/// Calls and time of one node of a chain; `last_ns` is the latest call, for latency histograms.
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
    timeline: Timeline,
    /// Timestamp of the tail's audio in the latest call.
    timestamp: Option<f64>,
    /// Whether the tail's audio in the latest call is the input frame unchanged.
    same_as_input: bool,
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
            timeline: Timeline::default(),
            timestamp: None,
            same_as_input: false,
        }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Runs `frame` (stamped `timestamp` ms, if at all) through every node. A node that yields
    /// no audio ends the frame's trip (the nodes after it do not run and their outputs are
    /// cleared). On error the failing node's index is returned with the error.
    pub fn process(&mut self, frame: Frame<'_>, timestamp: Option<f64>) -> ChainResult {
        self.timeline.enter(timestamp);
        self.timestamp = None;
        self.same_as_input = false;
        self.run(Some(frame), false)?;
        let tail = self.outputs.last().unwrap_or(&self.scratch);
        self.timestamp = self.timeline.stamp(Some((frame, timestamp)), tail);
        self.same_as_input = tail.frame().is_some_and(|out| same_frame(out, frame));
        Ok(())
    }

    /// End of stream: each node's flush output (and what upstream flushed into it) is passed on.
    /// The next frame starts a new stream (and timeline).
    pub fn flush(&mut self) -> ChainResult {
        self.timestamp = None;
        self.same_as_input = false;
        if !self.timeline.started() {
            // Nothing came in since the last flush: nothing can come out.
            self.outputs.iter_mut().for_each(Output::clear);
            return Ok(());
        }
        let result = self.run(None, true);
        let tail = self.outputs.last().unwrap_or(&self.scratch);
        self.timestamp = self.timeline.stamp(None, tail);
        self.timeline.end();
        result
    }

    /// Drops all stream state without output.
    pub fn reset(&mut self) {
        self.nodes.iter_mut().for_each(|n| n.reset());
        self.outputs.iter_mut().for_each(Output::clear);
        self.timeline = Timeline::default();
        self.timestamp = None;
    }

    /// What node `index` produced in the latest call.
    pub fn output(&self, index: usize) -> Result<&Output> {
        self.outputs.get(index).ok_or_else(|| outside(index))
    }

    /// The last node's output in the latest call.
    pub fn tail(&self) -> &Output {
        self.outputs.last().unwrap_or(&self.scratch)
    }

    /// Timestamp (ms) of the tail's audio in the latest call, on the input's timeline.
    pub fn timestamp(&self) -> Option<f64> {
        self.timestamp
    }

    /// Whether the tail's audio in the latest call is the input frame unchanged (bit for bit),
    /// so a host may hand on the frame it passed in instead of a copy.
    pub fn same_as_input(&self) -> bool {
        self.same_as_input
    }

    /// Node `index`'s json ports in the latest call, as `{ port: [values...] }`, times on the
    /// input's timeline.
    pub fn json(&self, index: usize) -> Result<String> {
        Ok(self.timeline.json_ports(&self.output(index)?.json))
    }

    pub fn stats(&self) -> &[NodeStats] {
        &self.stats
    }

    /// `input: None` means upstream gave no audio: without `flushing` nothing runs.
    fn run(&mut self, input: Option<Frame<'_>>, flushing: bool) -> ChainResult {
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

fn same_frame(a: Frame<'_>, b: Frame<'_>) -> bool {
    a.sample_rate == b.sample_rate
        && a.channels == b.channels
        && a.samples.len() == b.samples.len()
        && a.samples
            .iter()
            .zip(b.samples)
            .all(|(x, y)| x.to_bits() == y.to_bits())
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
