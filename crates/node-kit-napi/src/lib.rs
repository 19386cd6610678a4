//! The one binding every kit-built package exports, so its `-napi` crate has no per-node code:
//! `remotemedia_node_kit_napi::export_node_set!(remotemedia_vad::node_set());` adds
//! `kitMetadata()` and the `KitChain` class (one node, or several nodes of this binary run in one
//! call per frame). The macro only declares the `#[napi]` surface; the work lives in
//! [`ChainHandle`], the slots of its report in [`report`].

mod handle;
pub mod report;

pub use handle::ChainHandle;
pub use remotemedia_napi_support::{OutF32, OutF64, OutU8, Result};
pub use remotemedia_node_kit as kit;
pub use report::Report;

/// Metadata of every node of `set`, as the JSON array written to `nodes.json`.
pub fn metadata_json(set: &kit::NodeSet) -> Result<String> {
    remotemedia_napi_support::guard(|| {
        kit::serde_json::to_string(&set.metadata())
            .map_err(|e| kit::AudioError::invalid_input(format!("metadata is not JSON: {e}")))
    })
}

/// Declares the generic binding in the calling `-napi` crate (which depends on `napi` and
/// `napi-derive`). `$set` is evaluated once, on first use.
#[macro_export]
macro_rules! export_node_set {
    ($set:expr) => {
        fn __kit_node_set() -> &'static $crate::kit::NodeSet {
            static SET: ::std::sync::OnceLock<$crate::kit::NodeSet> = ::std::sync::OnceLock::new();
            SET.get_or_init(|| {
                let set = $set;
                // Test builds also carry a node that panics and one that halves the rate, for
                // the node contract suite.
                #[cfg(feature = "test-panic")]
                let set = $crate::kit::NodeSet::builder()
                    .merge(&set)
                    .node::<$crate::kit::testing::PanicNode>()
                    .node::<$crate::kit::testing::HalveRateNode>()
                    .build();
                set
            })
        }

        /// Metadata of this package's nodes: a JSON array of `{ type, runtime, category, ... }`.
        #[::napi_derive::napi(catch_unwind)]
        pub fn kit_metadata() -> $crate::Result<String> {
            $crate::metadata_json(__kit_node_set())
        }

        /// One node, or several of this package run in one call per frame with buffers reused
        /// between frames.
        #[::napi_derive::napi(js_name = "KitChain")]
        pub struct KitChain {
            inner: $crate::ChainHandle,
        }

        #[::napi_derive::napi]
        impl KitChain {
            /// `types[i]` created with `paramsJson[i]` (a JSON object; `{}` for defaults).
            #[napi(constructor, catch_unwind)]
            pub fn new(types: Vec<String>, params_json: Vec<String>) -> $crate::Result<Self> {
                Ok(Self {
                    inner: $crate::ChainHandle::new(__kit_node_set(), &types, &params_json)?,
                })
            }

            /// Runs a frame (stamped `timestamp` ms, if at all) through every node. Returns the
            /// last node's audio length (-1: none) and writes as much of its audio as fits into
            /// `out`, of its bytes into `bytes`, and the report (see `report.rs`) into `report`.
            #[allow(
                clippy::too_many_arguments,
                reason = "one crossing per frame: the frame, its timestamp and the caller's buffers"
            )]
            #[napi(catch_unwind)]
            pub fn process(
                &mut self,
                samples: &[f32],
                sample_rate: u32,
                channels: u32,
                timestamp: Option<f64>,
                #[napi(ts_arg_type = "Float32Array")] out: $crate::OutF32,
                #[napi(ts_arg_type = "Float64Array")] report: $crate::OutF64,
                #[napi(ts_arg_type = "Uint8Array")] bytes: $crate::OutU8,
            ) -> $crate::Result<i32> {
                let channels = u16::try_from(channels).unwrap_or(u16::MAX);
                let frame = $crate::kit::Frame::new(samples, sample_rate, channels);
                let buffers = $crate::Report {
                    audio: out,
                    report,
                    bytes,
                };
                self.inner.process(frame, timestamp, buffers)
            }

            /// End of stream through every node; returns and writes like `process`.
            #[napi(catch_unwind)]
            pub fn flush(
                &mut self,
                #[napi(ts_arg_type = "Float32Array")] out: $crate::OutF32,
                #[napi(ts_arg_type = "Float64Array")] report: $crate::OutF64,
                #[napi(ts_arg_type = "Uint8Array")] bytes: $crate::OutU8,
            ) -> $crate::Result<i32> {
                let buffers = $crate::Report {
                    audio: out,
                    report,
                    bytes,
                };
                self.inner.flush(buffers)
            }

            /// The info part of a report (see `report.rs`) for node `index`'s latest output.
            #[napi(catch_unwind)]
            pub fn output_info(
                &self,
                index: u32,
                #[napi(ts_arg_type = "Float64Array")] info: $crate::OutF64,
            ) -> $crate::Result<()> {
                self.inner.output_info(index, info)
            }

            #[napi(catch_unwind)]
            pub fn read_audio(
                &self,
                index: u32,
                #[napi(ts_arg_type = "Float32Array")] out: $crate::OutF32,
            ) -> $crate::Result<u32> {
                self.inner.read_audio(index, out)
            }

            #[napi(catch_unwind)]
            pub fn read_bytes(
                &self,
                index: u32,
                #[napi(ts_arg_type = "Uint8Array")] out: $crate::OutU8,
            ) -> $crate::Result<u32> {
                self.inner.read_bytes(index, out)
            }

            /// JSON object `{ port: [values...] }` of node `index`'s json ports in the latest
            /// call, times on the input frames' timeline.
            #[napi(catch_unwind)]
            pub fn read_json(&self, index: u32) -> $crate::Result<String> {
                self.inner.read_json(index)
            }

            /// Index of the node whose error the latest failed call threw.
            #[napi(getter)]
            pub fn failed_node(&self) -> i32 {
                self.inner.failed_node()
            }

            /// Drops all stream state without output.
            #[napi(catch_unwind)]
            pub fn reset(&mut self) -> $crate::Result<()> {
                self.inner.reset()
            }

            /// Frees the native state; idempotent. Later calls fail with `ERR_CLOSED`.
            #[napi]
            pub fn close(&mut self) {
                self.inner.close();
            }
        }
    };
}
