//! What `KitChain` does, outside the macro so it is written (and type-checked) once.

use remotemedia_audio::{AudioError, Result};
use remotemedia_napi_support::guard;
use remotemedia_node_kit::{Chain, ChainResult, Frame, NodeSet, Output, serde_json};

use crate::report::{self, Report};

#[derive(Debug)]
pub struct ChainHandle {
    /// `None` once closed: the nodes are freed at `close()`, not at garbage collection.
    chain: Option<Chain>,
    failed_node: i32,
}

type Napi<T> = remotemedia_napi_support::Result<T>;

impl ChainHandle {
    pub fn new(set: &NodeSet, types: &[String], params: &[String]) -> Napi<Self> {
        guard(|| {
            if types.is_empty() || types.len() != params.len() {
                return Err(AudioError::invalid_param(
                    "a chain needs one params JSON per node type, and at least one node",
                ));
            }
            let nodes = types
                .iter()
                .zip(params)
                .map(|(name, json)| {
                    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| {
                        AudioError::invalid_param(format!("{name} params are not JSON: {e}"))
                    })?;
                    // From JS, params are an object (`{}` for none): null is a caller's mistake.
                    if value.is_null() {
                        return Err(AudioError::invalid_param(format!(
                            "{name} params must be an object, got null"
                        )));
                    }
                    set.create(name, &value)
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(Self {
                chain: Some(Chain::new(nodes)),
                failed_node: -1,
            })
        })
    }

    fn chain(&self) -> Result<&Chain> {
        self.chain
            .as_ref()
            .ok_or_else(|| AudioError::closed("KitChain"))
    }

    fn chain_mut(&mut self) -> Result<&mut Chain> {
        self.chain
            .as_mut()
            .ok_or_else(|| AudioError::closed("KitChain"))
    }

    /// Runs a frame through every node, then hands the tail's results back in the same call.
    pub fn process(
        &mut self,
        frame: Frame<'_>,
        timestamp: Option<f64>,
        out: Report<'_>,
    ) -> Napi<i32> {
        guard(|| {
            let channels = remotemedia_audio::validate_channels(u32::from(frame.channels))?;
            // Every node may rely on whole sample frames.
            remotemedia_audio::validate_interleaved(frame.samples.len(), u32::from(channels))?;
            let result = self.chain_mut()?.process(frame, timestamp);
            self.finish(result, out)
        })
    }

    pub fn flush(&mut self, out: Report<'_>) -> Napi<i32> {
        guard(|| {
            let result = self.chain_mut()?.flush();
            self.finish(result, out)
        })
    }

    /// Writes the tail's audio, bytes and the report into `out` (the stats also after a failure,
    /// for metrics), and records which node failed.
    fn finish(&mut self, result: ChainResult, out: Report<'_>) -> Result<i32> {
        let n = report::write(self.chain()?, out);
        self.failed_node = -1;
        if let Err((index, err)) = result {
            self.failed_node = index as i32;
            return Err(err);
        }
        Ok(n)
    }

    pub fn output_info(&self, index: u32, info: &mut [f64]) -> Napi<()> {
        guard(|| {
            let chain = self.chain()?;
            report::write_info(chain.output(index as usize)?, None, false, info);
            Ok(())
        })
    }

    pub fn read_audio(&self, index: u32, out: &mut [f32]) -> Napi<u32> {
        guard(|| Ok(copy(&self.output(index)?.audio, out)))
    }

    pub fn read_bytes(&self, index: u32, out: &mut [u8]) -> Napi<u32> {
        guard(|| Ok(copy(&self.output(index)?.bytes, out)))
    }

    fn output(&self, index: u32) -> Result<&Output> {
        self.chain()?.output(index as usize)
    }

    pub fn read_json(&self, index: u32) -> Napi<String> {
        guard(|| self.chain()?.json(index as usize))
    }

    pub fn failed_node(&self) -> i32 {
        self.failed_node
    }

    pub fn reset(&mut self) -> Napi<()> {
        guard(|| {
            self.chain_mut()?.reset();
            Ok(())
        })
    }

    pub fn close(&mut self) {
        self.chain = None;
    }
}

/// Copies as much of `from` as fits into `to`; returns how many it copied.
fn copy<T: Copy>(from: &[T], to: &mut [T]) -> u32 {
    let n = from.len().min(to.len());
    to[..n].copy_from_slice(&from[..n]);
    n as u32
}
