//! The one binding every kit-built package exports, so its `-napi` crate has no per-node code:
//! `remotemedia_node_kit_napi::export_node_set!(remotemedia_vad::node_set());` adds
//! `kitMetadata()`, `kitAbi()` and the `KitChain` class (one node or several fused into one call
//! per frame). The macro only declares the `#[napi]` surface; the work lives in [`ChainHandle`].

mod handle;
// Raw napi calls: napi-rs's `External` cannot be read by another package's binary.
#[allow(unsafe_code)]
mod stage_handle;

pub use handle::{ChainHandle, INFO_LEN, STATS_LEN};
pub use remotemedia_napi_support::{OutF32, OutF64, OutU8};
pub use remotemedia_node_kit as kit;
pub use stage_handle::{ExportedStage, StageRef};

/// Metadata of every node of `set`, as the JSON array written to `nodes.json`.
pub fn metadata_json(set: &kit::NodeSet) -> napi::Result<String> {
    kit::serde_json::to_string(&set.metadata())
        .map_err(|e| napi::Error::from_reason(format!("ERR_NATIVE_PANIC: {e}")))
}

/// Declares the generic binding in the calling `-napi` crate (which depends on `napi` and
/// `napi-derive`). `$set` is evaluated once, on first use.
#[macro_export]
macro_rules! export_node_set {
    ($set:expr) => {
        fn __kit_node_set() -> &'static $crate::kit::NodeSet {
            static SET: ::std::sync::OnceLock<$crate::kit::NodeSet> = ::std::sync::OnceLock::new();
            SET.get_or_init(|| $set)
        }

        /// Metadata of this package's nodes: a JSON array of `{ type, runtime, category, ... }`.
        #[::napi_derive::napi(catch_unwind)]
        pub fn kit_metadata() -> ::napi::Result<String> {
            $crate::metadata_json(__kit_node_set())
        }

        /// Frame ABI version; nodes of packages that agree on it can share one chain.
        #[::napi_derive::napi]
        pub fn kit_abi() -> u32 {
            $crate::kit::KIT_ABI
        }

        /// One node, or several run in one call per frame with buffers reused between frames.
        #[::napi_derive::napi(js_name = "KitChain")]
        pub struct KitChain {
            inner: $crate::ChainHandle,
        }

        #[::napi_derive::napi]
        impl KitChain {
            /// `types[i]` created with `paramsJson[i]` (a JSON object, or "null" for defaults).
            #[napi(constructor, catch_unwind)]
            pub fn new(types: Vec<String>, params_json: Vec<String>) -> ::napi::Result<Self> {
                Ok(Self {
                    inner: $crate::ChainHandle::new(__kit_node_set(), &types, &params_json)?,
                })
            }

            /// Runs a frame through every node; returns the last node's audio length (-1: none)
            /// and writes as much of it as fits into `out`.
            #[napi(catch_unwind)]
            pub fn process(
                &mut self,
                samples: &[f32],
                sample_rate: u32,
                channels: u32,
                #[napi(ts_arg_type = "Float32Array")] out: $crate::OutF32,
            ) -> ::napi::Result<i32> {
                self.inner.process(samples, sample_rate, channels, out)
            }

            /// `process`, then `report` written as by [`KitChain::report`], in one crossing.
            #[napi(catch_unwind)]
            pub fn process_reported(
                &mut self,
                samples: &[f32],
                sample_rate: u32,
                channels: u32,
                #[napi(ts_arg_type = "Float32Array")] out: $crate::OutF32,
                #[napi(ts_arg_type = "Float64Array")] report: $crate::OutF64,
            ) -> ::napi::Result<i32> {
                let n = self.inner.process(samples, sample_rate, channels, out)?;
                self.inner.report(report)?;
                Ok(n)
            }

            /// `processReported`, and as much of the last node's bytes as fit written into
            /// `bytes` (the report has their length), so a frame with bytes out is one crossing.
            #[napi(catch_unwind)]
            pub fn process_into(
                &mut self,
                samples: &[f32],
                sample_rate: u32,
                channels: u32,
                #[napi(ts_arg_type = "Float32Array")] out: $crate::OutF32,
                #[napi(ts_arg_type = "Float64Array")] report: $crate::OutF64,
                #[napi(ts_arg_type = "Uint8Array")] bytes: $crate::OutU8,
            ) -> ::napi::Result<i32> {
                let n = self.process_reported(samples, sample_rate, channels, out, report)?;
                self.inner.read_tail_bytes(bytes)?;
                Ok(n)
            }

            /// `flush`, then `report`, in one crossing.
            #[napi(catch_unwind)]
            pub fn flush_reported(
                &mut self,
                #[napi(ts_arg_type = "Float32Array")] out: $crate::OutF32,
                #[napi(ts_arg_type = "Float64Array")] report: $crate::OutF64,
            ) -> ::napi::Result<i32> {
                let n = self.inner.flush(out)?;
                self.inner.report(report)?;
                Ok(n)
            }

            /// The last node's `outputInfo` (7 values), then `stats` of every node.
            #[napi(catch_unwind)]
            pub fn report(
                &self,
                #[napi(ts_arg_type = "Float64Array")] report: $crate::OutF64,
            ) -> ::napi::Result<()> {
                self.inner.report(report)
            }

            /// End of stream through every node; returns like `process`.
            #[napi(catch_unwind)]
            pub fn flush(
                &mut self,
                #[napi(ts_arg_type = "Float32Array")] out: $crate::OutF32,
            ) -> ::napi::Result<i32> {
                self.inner.flush(out)
            }

            /// `[hasAudio, audioLength, sampleRate, channels, hasBytes, bytesLength, jsonCount]` of node `index`.
            #[napi(catch_unwind)]
            pub fn output_info(
                &self,
                index: u32,
                #[napi(ts_arg_type = "Float64Array")] info: $crate::OutF64,
            ) -> ::napi::Result<()> {
                self.inner.output_info(index, info)
            }

            #[napi(catch_unwind)]
            pub fn read_audio(
                &self,
                index: u32,
                #[napi(ts_arg_type = "Float32Array")] out: $crate::OutF32,
            ) -> ::napi::Result<u32> {
                self.inner.read_audio(index, out)
            }

            #[napi(catch_unwind)]
            pub fn read_bytes(
                &self,
                index: u32,
                #[napi(ts_arg_type = "Uint8Array")] out: $crate::OutU8,
            ) -> ::napi::Result<u32> {
                self.inner.read_bytes(index, out)
            }

            /// JSON object `{ port: [values...] }` of node `index`'s json ports in the latest call.
            #[napi(catch_unwind)]
            pub fn read_json(&self, index: u32) -> ::napi::Result<String> {
                self.inner.read_json(index)
            }

            /// Per node: `[calls, totalNs, lastNs, ran]`, written consecutively.
            #[napi(catch_unwind)]
            pub fn stats(
                &self,
                #[napi(ts_arg_type = "Float64Array")] out: $crate::OutF64,
            ) -> ::napi::Result<()> {
                self.inner.stats(out)
            }

            /// Index of the node whose error the latest failed call threw.
            #[napi(getter)]
            pub fn failed_node(&self) -> i32 {
                self.inner.failed_node()
            }

            #[napi(catch_unwind)]
            pub fn reset(&mut self) -> ::napi::Result<()> {
                self.inner.reset()
            }

            /// This chain as a stage for another package's `KitChain.attach` (once per chain). The
            /// handle owns the nodes' share until attached; `claimedAbi` is for tests that
            /// simulate an incompatible package.
            #[napi(catch_unwind, ts_return_type = "object")]
            pub fn export_stage(
                &self,
                claimed_abi: Option<u32>,
            ) -> ::napi::Result<$crate::ExportedStage> {
                self.inner.export_stage(claimed_abi)
            }

            /// Runs `stages` (from other packages' `exportStage`) after this chain's nodes, in the
            /// same call per frame; node indices continue across them. A stage of another kit
            /// ABI is refused with `ERR_ABI_MISMATCH` and no handle is consumed.
            #[napi(catch_unwind)]
            pub fn attach(
                &mut self,
                #[napi(ts_arg_type = "object[]")] stages: Vec<$crate::StageRef>,
            ) -> ::napi::Result<()> {
                self.inner.attach(&stages)
            }

            /// Frees the native state; idempotent. Later calls fail with `ERR_CLOSED`.
            #[napi]
            pub fn close(&mut self) {
                self.inner.close();
            }
        }
    };
}
