//! A package's pipeline, shared between its own `KitChain` and the stage it exported to another
//! package's chain: either side may close it, and the other then gets `ERR_CLOSED`, never a
//! dangling pointer. Everything runs on the JS thread, so `Rc`/`RefCell` suffice; a borrow that
//! fails (a chain fed back into itself) is a coded error.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use remotemedia_audio::{AudioError, Result};

use crate::pipeline::Pipeline;
use crate::stage::Stage;

#[derive(Debug, Clone)]
pub struct SharedPipeline(Rc<Inner>);

#[derive(Debug)]
struct Inner {
    pipeline: RefCell<Option<Pipeline>>,
    /// Exported stages must keep their node count, and one pipeline feeds only one host.
    exported: Cell<bool>,
}

impl SharedPipeline {
    pub fn new(pipeline: Pipeline) -> Self {
        Self(Rc::new(Inner {
            pipeline: RefCell::new(Some(pipeline)),
            exported: Cell::new(false),
        }))
    }

    pub fn with<R>(&self, f: impl FnOnce(&Pipeline) -> R) -> Result<R> {
        let guard = self.0.pipeline.try_borrow().map_err(|_| busy())?;
        guard.as_ref().map(f).ok_or_else(closed)
    }

    pub fn with_mut<R>(&self, f: impl FnOnce(&mut Pipeline) -> R) -> Result<R> {
        let mut guard = self.0.pipeline.try_borrow_mut().map_err(|_| busy())?;
        guard.as_mut().map(f).ok_or_else(closed)
    }

    /// Appends stages of other packages; refused once this pipeline is itself exported.
    pub fn attach(&self, stages: Vec<Box<dyn Stage>>) -> Result<()> {
        if self.0.exported.get() {
            return Err(AudioError::invalid_input(
                "this KitChain's stages were exported to another chain; attach to that chain",
            ));
        }
        self.with_mut(|p| stages.into_iter().for_each(|s| p.attach(s)))
    }

    /// Marks the pipeline exported; a second export is refused so two hosts never drive it.
    pub(crate) fn mark_exported(&self) -> Result<()> {
        self.with(|_| ())?;
        if self.0.exported.replace(true) {
            return Err(AudioError::invalid_input(
                "this KitChain's stages were already exported; a chain feeds one host",
            ));
        }
        Ok(())
    }

    /// Frees the nodes; later calls from any holder get `ERR_CLOSED`.
    pub fn close(&self) {
        if let Ok(mut guard) = self.0.pipeline.try_borrow_mut() {
            *guard = None;
        }
    }
}

fn closed() -> AudioError {
    AudioError::closed("KitChain")
}

fn busy() -> AudioError {
    AudioError::invalid_input("KitChain is already running: a chain cannot contain itself")
}
