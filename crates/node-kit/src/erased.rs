//! Type-erased nodes: what a registry, a chain or the napi layer holds without knowing the type.

use remotemedia_audio::{AudioError, Result};
use serde::Deserialize;
use serde_json::Value;

use crate::meta::{Described, NodeMeta};
use crate::node::{Frame, Node, Output};
use crate::schema::params_schema;
use crate::validate::check_params;

/// A live node of any type.
pub trait DynNode {
    fn type_name(&self) -> &'static str;
    fn process(&mut self, frame: Frame<'_>, out: &mut Output) -> Result<()>;
    fn flush(&mut self, out: &mut Output) -> Result<()>;
    fn reset(&mut self);
}

struct Erased<T>(T);

impl<T: Node + Described> DynNode for Erased<T> {
    fn type_name(&self) -> &'static str {
        T::NAME
    }
    fn process(&mut self, frame: Frame<'_>, out: &mut Output) -> Result<()> {
        out.clear();
        self.0.process(frame, out)
    }
    fn flush(&mut self, out: &mut Output) -> Result<()> {
        out.clear();
        self.0.flush(out)
    }
    fn reset(&mut self) {
        self.0.reset();
    }
}

/// Checks params against `T`'s published schema, parses them (JSON `null` means none given) and
/// creates a `T`.
pub(crate) fn create<T: Node + Described>(params: &Value) -> Result<Box<dyn DynNode>> {
    check_params(T::NAME, &params_schema::<T::Params>(), params)?;
    let params = if params.is_null() {
        &Value::Object(Default::default())
    } else {
        params
    };
    let parsed = T::Params::deserialize(params)
        .map_err(|e| AudioError::invalid_param(format!("{} params: {e}", T::NAME)))?;
    Ok(Box::new(Erased(T::new(parsed)?)))
}

pub(crate) fn meta<T: Node + Described>() -> NodeMeta {
    NodeMeta {
        name: T::NAME,
        runtime: "rust",
        category: T::CATEGORY,
        description: T::DESCRIPTION,
        params: params_schema::<T::Params>(),
        inputs: T::INPUTS.to_vec(),
        outputs: T::OUTPUTS.to_vec(),
    }
}

/// One node type as collected from `#[node]` / `register_node!` across the binary.
#[derive(Debug, Clone, Copy)]
pub struct Registration {
    pub name: &'static str,
    /// `CARGO_CRATE_NAME` of the crate that declared the node, so each package exports its own.
    pub krate: &'static str,
    pub meta: fn() -> NodeMeta,
    pub create: fn(&Value) -> Result<Box<dyn DynNode>>,
}

impl Registration {
    pub const fn of<T: Node + Described>(krate: &'static str) -> Self {
        Self {
            name: T::NAME,
            krate,
            meta: meta::<T>,
            create: create::<T>,
        }
    }
}

inventory::collect!(Registration);
