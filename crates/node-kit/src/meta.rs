//! Node metadata: what `#[node]` declares, plus the params schema derived from the params type.

use serde::Serialize;

/// One input or output port, as in docs/node-contract.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PortSpec {
    pub name: &'static str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'static str>,
}

/// Static description of a node type; implemented by `#[node]` or `register_node!`.
pub trait Described {
    const NAME: &'static str;
    const CATEGORY: &'static str;
    const DESCRIPTION: &'static str;
    const INPUTS: &'static [PortSpec];
    const OUTPUTS: &'static [PortSpec];
}

/// A node type's metadata as published in `nodes.json`: `{ type, runtime, category, ... }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeMeta {
    #[serde(rename = "type")]
    pub name: &'static str,
    pub runtime: &'static str,
    pub category: &'static str,
    pub description: &'static str,
    pub params: serde_json::Value,
    pub inputs: Vec<PortSpec>,
    pub outputs: Vec<PortSpec>,
}
