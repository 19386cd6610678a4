//! The RemoteMedia node kit: write one Rust struct implementing [`Node`], mark it with
//! `#[node(name, category, description)]` (or one [`register_node!`] line), and it is registered,
//! described (params schema from its params type) and exported to JS by `remotemedia-node-kit-napi`.
//! [`Chain`] runs several nodes in one call per frame with buffers reused between frames;
//! [`Pipeline`] runs it together with other packages' chains reached through [`ffi`].

// The attribute expands to `::remotemedia_node_kit::...` paths, which also resolve inside this crate.
extern crate self as remotemedia_node_kit;

mod chain;
mod erased;
pub mod ffi;
mod macros;
mod meta;
mod node;
mod pipeline;
mod schema;
mod set;
mod shared;
mod stage;
pub mod testing;

pub use chain::{Chain, NodeStats};
pub use erased::{DynNode, Registration};
pub use meta::{Described, NodeMeta, PortSpec};
pub use node::{Frame, Node, Output};
pub use pipeline::Pipeline;
pub use remotemedia_audio::{AudioError, ErrorCode, Result};
pub use remotemedia_node_kit_macros::node;
pub use schema::params_schema;
pub use set::{NodeSet, NodeSetBuilder};
pub use shared::SharedPipeline;
pub use stage::{OutputView, Stage, StageResult, json_ports};

// Re-exported for the macros' expansions.
#[doc(hidden)]
pub use inventory;
pub use schemars::{self, JsonSchema};
pub use serde::{self, Deserialize};
pub use serde_json;

/// Version of the frame ABI between kit-built packages; chains only fuse nodes that agree on it,
/// and a chain only takes another package's stages whose [`ffi::AbiHeader`] carries it. Bump it
/// when the meaning of the stage table's calls changes (its layout is checked by a hash).
pub const KIT_ABI: u32 = 1;
