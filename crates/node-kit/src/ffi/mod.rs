//! Stages across packages: each package is its own binary with its own copy of the kit, so a
//! chain calls another package's nodes through a C-ABI table of `extern "C"` functions
//! ([`StageTable`]) checked against this kit's ABI and layout ([`AbiHeader`]) before use.
//!
//! Flow: the exporting package wraps its pipeline with [`export_stage`]; the host checks the
//! export with [`check_export`] and takes it with [`take_export`], getting a [`ForeignStage`] to
//! attach to its own pipeline. The export is freed by [`drop_export`] (once), the taken context by
//! the [`ForeignStage`]'s drop.

mod abi;
mod export;
mod foreign;

pub use abi::{
    AbiHeader, FfiError, FfiFrame, FfiOutput, FfiStr, LAYOUT_HASH, NO_NODE, STAGE_MAGIC,
    StageExport, StageTable, header,
};
pub use export::{drop_export, export_stage, export_stage_claiming};
pub use foreign::{ForeignStage, check_export, take_export};

#[cfg(test)]
mod tests;
