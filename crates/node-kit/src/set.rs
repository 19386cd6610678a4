//! A crate's node set: built explicitly (`NodeSet::builder().node::<A>()...`) or collected from
//! every `#[node]` of a crate, so no list of node names is kept by hand.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use remotemedia_audio::{AudioError, Result};
use serde_json::Value;

use crate::erased::{self, DynNode, Registration};
use crate::meta::{Described, NodeMeta};
use crate::node::Node;

type Factory = Arc<dyn Fn(&Value) -> Result<Box<dyn DynNode>> + Send + Sync>;

#[derive(Clone)]
struct Entry {
    meta: fn() -> NodeMeta,
    create: Factory,
}

/// Node types by name, in name order.
#[derive(Clone, Default)]
pub struct NodeSet {
    entries: BTreeMap<&'static str, Entry>,
}

impl fmt::Debug for NodeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

impl NodeSet {
    pub fn builder() -> NodeSetBuilder {
        NodeSetBuilder::default()
    }

    /// Every node declared with `#[node]` / `register_node!` in crate `krate` (pass
    /// `env!("CARGO_CRATE_NAME")`).
    pub fn collected(krate: &str) -> Self {
        Self::builder().collected(krate).build()
    }

    /// Every registered node of the whole binary.
    pub fn all() -> Self {
        let mut set = Self::default();
        for reg in inventory::iter::<Registration> {
            set.entries.insert(reg.name, Entry::from(reg));
        }
        set
    }

    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.entries.keys().copied()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    pub fn metadata(&self) -> Vec<NodeMeta> {
        self.entries.values().map(|e| (e.meta)()).collect()
    }

    /// Creates a node from JSON params; unknown types are `ERR_INVALID_PARAM` naming the known ones.
    pub fn create(&self, name: &str, params: &Value) -> Result<Box<dyn DynNode>> {
        let entry = self.entries.get(name).ok_or_else(|| {
            let known: Vec<_> = self.names().collect();
            AudioError::invalid_param(format!(
                "unknown node type '{name}'; this package has: {}",
                known.join(", ")
            ))
        })?;
        (entry.create)(params)
    }
}

impl From<&Registration> for Entry {
    fn from(reg: &Registration) -> Self {
        let create = reg.create;
        Self {
            meta: reg.meta,
            create: Arc::new(create),
        }
    }
}

/// Accumulates node types; a name registered twice is a programming error reported by `build`.
#[derive(Default)]
pub struct NodeSetBuilder {
    entries: Vec<(&'static str, Entry)>,
}

impl fmt::Debug for NodeSetBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.entries.iter().map(|(n, _)| n))
            .finish()
    }
}

impl NodeSetBuilder {
    pub fn node<T: Node + Described>(self) -> Self {
        self.push(
            T::NAME,
            Entry {
                meta: erased::meta::<T>,
                create: Arc::new(erased::create::<T>),
            },
        )
    }

    /// Registers `T` with a params transform applied at every create (e.g. forced defaults).
    pub fn node_with<T: Node + Described>(
        self,
        transform: impl Fn(Value) -> Value + Send + Sync + 'static,
    ) -> Self {
        let create: Factory =
            Arc::new(move |params: &Value| erased::create::<T>(&transform(params.clone())));
        self.push(
            T::NAME,
            Entry {
                meta: erased::meta::<T>,
                create,
            },
        )
    }

    pub fn node_if<T: Node + Described>(self, enabled: bool) -> Self {
        if enabled { self.node::<T>() } else { self }
    }

    /// Adds every node collected from crate `krate`.
    pub fn collected(mut self, krate: &str) -> Self {
        for reg in inventory::iter::<Registration> {
            if reg.krate == krate {
                self = self.push(reg.name, Entry::from(reg));
            }
        }
        self
    }

    pub fn merge(mut self, other: &NodeSet) -> Self {
        for (name, entry) in &other.entries {
            self = self.push(name, entry.clone());
        }
        self
    }

    fn push(mut self, name: &'static str, entry: Entry) -> Self {
        self.entries.push((name, entry));
        self
    }

    /// The set, or `ERR_INVALID_PARAM` naming a type registered twice.
    pub fn try_build(self) -> Result<NodeSet> {
        let mut set = NodeSet::default();
        for (name, entry) in self.entries {
            if set.entries.insert(name, entry).is_some() {
                return Err(AudioError::invalid_param(format!(
                    "node type '{name}' is registered twice"
                )));
            }
        }
        Ok(set)
    }

    /// # Panics
    /// When a node type is registered twice (a bug in the code building the set).
    pub fn build(self) -> NodeSet {
        match self.try_build() {
            Ok(set) => set,
            Err(e) => panic!("{}", e.message),
        }
    }
}
