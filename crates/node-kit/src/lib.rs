//! The RemoteMedia node kit: write one Rust struct implementing [`Node`], mark it with
//! `#[node(name, category, description)]` (or one [`register_node!`] line), and it is registered,
//! described (params schema from its params type) and exported to JS by `remotemedia-node-kit-napi`.
//! [`Chain`] runs several nodes of one binary in one call per frame with buffers reused between
//! frames, and times their output once ([`Timeline`]). Nodes of different binaries never share a
//! call: there is no interface between separately built kits.

// The attribute expands to `::remotemedia_node_kit::...` paths, which also resolve inside this crate.
extern crate self as remotemedia_node_kit;

mod bounds;
mod chain;
mod erased;
mod macros;
mod meta;
mod node;
mod schema;
mod set;
pub mod testing;
mod timeline;
mod validate;

pub use chain::{Chain, ChainResult, NodeStats};
pub use erased::{DynNode, Registration};
pub use meta::{Described, NodeMeta, PortSpec};
pub use node::{Frame, Node, Output};
pub use remotemedia_audio::{AudioError, ErrorCode, Result};
pub use remotemedia_node_kit_macros::node;
pub use schema::params_schema;
pub use set::{NodeSet, NodeSetBuilder};
pub use timeline::Timeline;
pub use validate::check_params;

// Re-exported for the macros' expansions.
#[doc(hidden)]
pub use inventory;
pub use schemars::{self, JsonSchema};
pub use serde::{self, Deserialize};
pub use serde_json;
