//! What `KitChain` does, outside the macro so it is written (and type-checked) once.

use std::cell::RefCell;

use remotemedia_audio::{AudioError, Result};
use remotemedia_napi_support::guard;
use remotemedia_node_kit::ffi::{check_export, export_stage_claiming, take_export};
use remotemedia_node_kit::{
    Chain, Frame, KIT_ABI, NodeSet, NodeStats, OutputView, Pipeline, SharedPipeline, Stage,
    StageResult, serde_json,
};

use crate::stage_handle::{ExportedStage, StageRef};

pub const INFO_LEN: usize = 7;
pub const STATS_LEN: usize = 4;

#[derive(Debug)]
pub struct ChainHandle {
    /// This package's chain, then any stages other packages exported to it.
    shared: SharedPipeline,
    failed_node: i32,
    /// Reused for every report, so a frame allocates nothing.
    stats: RefCell<Vec<NodeStats>>,
}

impl ChainHandle {
    pub fn new(set: &NodeSet, types: &[String], params: &[String]) -> napi::Result<Self> {
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
                    let value = serde_json::from_str(json).map_err(|e| {
                        AudioError::invalid_param(format!("{name} params are not JSON: {e}"))
                    })?;
                    set.create(name, &value)
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(Self {
                shared: SharedPipeline::new(Pipeline::new(Chain::new(nodes))),
                failed_node: -1,
                stats: RefCell::new(Vec::new()),
            })
        })
    }

    /// Node `index`'s output, read inside the pipeline's borrow.
    fn with_output<T>(&self, index: u32, f: impl FnOnce(OutputView<'_>) -> T) -> Result<T> {
        self.shared
            .with(|p| p.output(index as usize).map(f))
            .and_then(|r| r)
    }

    pub fn process(
        &mut self,
        samples: &[f32],
        rate: u32,
        channels: u32,
        out: &mut [f32],
    ) -> napi::Result<i32> {
        guard(|| {
            let channels = remotemedia_audio::validate_channels(channels)?;
            // Every node may rely on whole sample frames.
            remotemedia_audio::validate_interleaved(samples.len(), u32::from(channels))?;
            let frame = Frame {
                samples,
                sample_rate: rate,
                channels,
            };
            let result = self.shared.with_mut(|p| p.run(Some(frame), false))?;
            self.finish(result, out)
        })
    }

    pub fn flush(&mut self, out: &mut [f32]) -> napi::Result<i32> {
        guard(|| {
            let result = self.shared.with_mut(|p| p.run(None, true))?;
            self.finish(result, out)
        })
    }

    /// Records which node failed, and copies the last node's audio out.
    fn finish(&mut self, result: StageResult, out: &mut [f32]) -> Result<i32> {
        self.failed_node = -1;
        if let Err((index, err)) = result {
            self.failed_node = index as i32;
            return Err(err);
        }
        self.with_output(self.last()?, |last| {
            if !last.has_audio {
                return -1;
            }
            let n = last.audio.len().min(out.len());
            out[..n].copy_from_slice(&last.audio[..n]);
            last.audio.len() as i32
        })
    }

    fn last(&self) -> Result<u32> {
        Ok((self.shared.with(|p| p.len())? - 1) as u32)
    }

    pub fn output_info(&self, index: u32, info: &mut [f64]) -> napi::Result<()> {
        guard(|| self.write_info(index, info))
    }

    fn write_info(&self, index: u32, info: &mut [f64]) -> Result<()> {
        let values = self.with_output(index, |o| {
            [
                f64::from(u8::from(o.has_audio)),
                o.audio.len() as f64,
                f64::from(o.sample_rate),
                f64::from(o.channels),
                f64::from(u8::from(o.has_bytes)),
                o.bytes.len() as f64,
                o.json_count as f64,
            ]
        })?;
        let n = values.len().min(info.len());
        info[..n].copy_from_slice(&values[..n]);
        Ok(())
    }

    /// After a successful call: the last node's info, then every node's stats, so a host needs
    /// one crossing per frame instead of three.
    pub fn report(&self, report: &mut [f64]) -> napi::Result<()> {
        guard(|| {
            let (info, stats) = report.split_at_mut(INFO_LEN.min(report.len()));
            self.write_info(self.last()?, info)?;
            self.write_stats(stats)
        })
    }

    pub fn read_audio(&self, index: u32, out: &mut [f32]) -> napi::Result<u32> {
        guard(|| {
            self.with_output(index, |o| {
                let n = o.audio.len().min(out.len());
                out[..n].copy_from_slice(&o.audio[..n]);
                n as u32
            })
        })
    }

    pub fn read_bytes(&self, index: u32, out: &mut [u8]) -> napi::Result<u32> {
        guard(|| {
            self.with_output(index, |o| {
                let n = o.bytes.len().min(out.len());
                out[..n].copy_from_slice(&o.bytes[..n]);
                n as u32
            })
        })
    }

    /// The last node's bytes, as much as fits in `out`; returns how many it has.
    pub fn read_tail_bytes(&self, out: &mut [u8]) -> napi::Result<u32> {
        guard(|| {
            self.with_output(self.last()?, |o| {
                let n = o.bytes.len().min(out.len());
                out[..n].copy_from_slice(&o.bytes[..n]);
                o.bytes.len() as u32
            })
        })
    }

    pub fn read_json(&self, index: u32) -> napi::Result<String> {
        guard(|| self.shared.with(|p| p.json(index as usize)).and_then(|r| r))
    }

    pub fn stats(&self, out: &mut [f64]) -> napi::Result<()> {
        guard(|| self.write_stats(out))
    }

    fn write_stats(&self, out: &mut [f64]) -> Result<()> {
        let mut stats = self.stats.try_borrow_mut().map_err(|_| busy())?;
        let len = self.shared.with(|p| p.len())?;
        stats.resize(len, NodeStats::default());
        self.shared.with(|p| p.stats(&mut stats)).and_then(|r| r)?;
        for (slot, s) in out.chunks_exact_mut(STATS_LEN).zip(stats.iter()) {
            slot.copy_from_slice(&[
                s.calls as f64,
                s.total_ns as f64,
                s.last_ns as f64,
                f64::from(u8::from(s.ran)),
            ]);
        }
        Ok(())
    }

    pub fn failed_node(&self) -> i32 {
        self.failed_node
    }

    pub fn reset(&mut self) -> napi::Result<()> {
        guard(|| self.shared.with_mut(|p| p.reset()).and_then(|r| r))
    }

    /// Hands this chain to another package's chain (once); `claimed_abi` is for tests that
    /// simulate an incompatible package.
    pub fn export_stage(&self, claimed_abi: Option<u32>) -> napi::Result<ExportedStage> {
        guard(|| {
            export_stage_claiming(&self.shared, claimed_abi.unwrap_or(KIT_ABI)).map(ExportedStage)
        })
    }

    /// Appends other packages' stages after this chain's nodes: all are checked before any is
    /// taken, so a refused list leaves every handle usable elsewhere.
    pub fn attach(&mut self, stages: &[StageRef]) -> napi::Result<()> {
        guard(|| {
            // Refused here (closed, or itself exported) before any handle is consumed.
            self.shared.attach(Vec::new())?;
            for (i, stage) in stages.iter().enumerate() {
                if stages[..i].iter().any(|s| s.0 == stage.0) {
                    return Err(AudioError::invalid_param("a stage handle is listed twice"));
                }
                // SAFETY: the pointer came from a tagged kit external that JS keeps alive for
                // this call; the check reads only its fixed header before trusting the rest.
                #[allow(unsafe_code)]
                unsafe {
                    check_export(stage.0)?
                };
            }
            let taken = stages
                .iter()
                // SAFETY: checked above; JS runs nothing else during this call.
                .map(|s| {
                    #[allow(unsafe_code)]
                    let stage = unsafe { take_export(s.0) };
                    Box::new(stage) as Box<dyn Stage>
                })
                .collect();
            self.shared.attach(taken)
        })
    }

    pub fn close(&mut self) {
        self.shared.close();
    }
}

fn busy() -> AudioError {
    AudioError::invalid_input("KitChain is already running")
}
