//! What `KitChain` does, outside the macro so it is written (and type-checked) once.

use remotemedia_audio::{AudioError, Result};
use remotemedia_napi_support::guard;
use remotemedia_node_kit::{Chain, Frame, NodeSet, Output, serde_json};

pub const INFO_LEN: usize = 7;
pub const STATS_LEN: usize = 4;

#[derive(Debug)]
pub struct ChainHandle {
    chain: Option<Chain>,
    failed_node: i32,
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
                chain: Some(Chain::new(nodes)),
                failed_node: -1,
            })
        })
    }

    fn open(&self) -> Result<&Chain> {
        self.chain
            .as_ref()
            .ok_or_else(|| AudioError::closed("KitChain"))
    }

    fn open_mut(&mut self) -> Result<&mut Chain> {
        self.chain
            .as_mut()
            .ok_or_else(|| AudioError::closed("KitChain"))
    }

    fn output(&self, index: u32) -> Result<&Output> {
        let chain = self.open()?;
        let i = index as usize;
        if i >= chain.len() {
            return Err(AudioError::invalid_input(format!(
                "node index {i} is outside the chain"
            )));
        }
        Ok(chain.output(i))
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
            let result = self.open_mut()?.process(frame);
            self.finish(result, out)
        })
    }

    pub fn flush(&mut self, out: &mut [f32]) -> napi::Result<i32> {
        guard(|| {
            let result = self.open_mut()?.flush();
            self.finish(result, out)
        })
    }

    /// Records which node failed, and copies the last node's audio out.
    fn finish(
        &mut self,
        result: std::result::Result<(), (usize, AudioError)>,
        out: &mut [f32],
    ) -> Result<i32> {
        self.failed_node = -1;
        if let Err((index, err)) = result {
            self.failed_node = index as i32;
            return Err(err);
        }
        let chain = self.open()?;
        let last = chain.output(chain.len() - 1);
        if !last.has_audio {
            return Ok(-1);
        }
        let n = last.audio.len().min(out.len());
        out[..n].copy_from_slice(&last.audio[..n]);
        Ok(last.audio.len() as i32)
    }

    pub fn output_info(&self, index: u32, info: &mut [f64]) -> napi::Result<()> {
        guard(|| self.write_info(index, info))
    }

    fn write_info(&self, index: u32, info: &mut [f64]) -> Result<()> {
        let o = self.output(index)?;
        let values = [
            f64::from(u8::from(o.has_audio)),
            o.audio.len() as f64,
            f64::from(o.sample_rate),
            f64::from(o.channels),
            f64::from(u8::from(o.has_bytes)),
            o.bytes.len() as f64,
            o.json.len() as f64,
        ];
        let n = values.len().min(info.len());
        info[..n].copy_from_slice(&values[..n]);
        Ok(())
    }

    /// After a successful call: the last node's info, then every node's stats, so a host needs
    /// one crossing per frame instead of three.
    pub fn report(&self, report: &mut [f64]) -> napi::Result<()> {
        guard(|| {
            let last = self.open()?.len() - 1;
            let (info, stats) = report.split_at_mut(INFO_LEN.min(report.len()));
            self.write_info(last as u32, info)?;
            self.write_stats(stats)
        })
    }

    pub fn read_audio(&self, index: u32, out: &mut [f32]) -> napi::Result<u32> {
        guard(|| {
            let audio = &self.output(index)?.audio;
            let n = audio.len().min(out.len());
            out[..n].copy_from_slice(&audio[..n]);
            Ok(n as u32)
        })
    }

    pub fn read_bytes(&self, index: u32, out: &mut [u8]) -> napi::Result<u32> {
        guard(|| {
            let bytes = &self.output(index)?.bytes;
            let n = bytes.len().min(out.len());
            out[..n].copy_from_slice(&bytes[..n]);
            Ok(n as u32)
        })
    }

    pub fn read_json(&self, index: u32) -> napi::Result<String> {
        guard(|| {
            let mut ports = serde_json::Map::new();
            for (port, value) in &self.output(index)?.json {
                let entry = ports
                    .entry(*port)
                    .or_insert_with(|| serde_json::Value::Array(Vec::new()));
                if let serde_json::Value::Array(items) = entry {
                    items.push(value.clone());
                }
            }
            Ok(serde_json::Value::Object(ports).to_string())
        })
    }

    pub fn stats(&self, out: &mut [f64]) -> napi::Result<()> {
        guard(|| self.write_stats(out))
    }

    fn write_stats(&self, out: &mut [f64]) -> Result<()> {
        for (slot, s) in out.chunks_exact_mut(STATS_LEN).zip(self.open()?.stats()) {
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
        guard(|| {
            self.open_mut()?.reset();
            Ok(())
        })
    }

    pub fn close(&mut self) {
        self.chain = None;
    }
}
