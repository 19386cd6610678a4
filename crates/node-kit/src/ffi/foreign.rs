//! The host side: another package's exported stage, checked and taken, called as a [`Stage`].

use remotemedia_audio::{AudioError, ErrorCode, Result};

use super::abi::{
    AbiHeader, FfiError, FfiFrame, FfiOutput, FfiStr, NO_NODE, OK, STAGE_MAGIC, StageExport,
    StageTable, header,
};
use super::export::slice;
use crate::KIT_ABI;
use crate::chain::NodeStats;
use crate::node::Frame;
use crate::stage::{OutputView, Stage, StageResult};

/// A taken stage table; releases its context when dropped.
#[derive(Debug)]
pub struct ForeignStage {
    table: StageTable,
}

/// Checks that `export` was built by a kit laid out like this one and is not yet taken.
///
/// # Safety
/// `export` is null or points to a live allocation that starts with an [`AbiHeader`] (any kit's
/// `export_stage` builds one; the napi layer proves it with a type tag).
#[allow(unsafe_code)]
pub unsafe fn check_export(export: *const StageExport) -> Result<()> {
    // SAFETY: the caller guarantees the header is readable; it is read before anything else.
    let found: AbiHeader = unsafe { export.cast::<AbiHeader>().as_ref() }
        .copied()
        .ok_or_else(|| AudioError::invalid_param("not a kit stage (null handle)"))?;
    let ours = header(KIT_ABI);
    if found.magic != STAGE_MAGIC {
        return Err(AudioError::invalid_param("not a kit stage handle"));
    }
    if (found.abi, found.size, found.layout) != (ours.abi, ours.size, ours.layout) {
        return Err(AudioError::new(
            ErrorCode::AbiMismatch,
            format!(
                "the stage was built with kit ABI {} (layout {:#x}, {} bytes), this chain with \
                 ABI {} (layout {:#x}, {} bytes); build the packages with one kit version, or \
                 run them one call per package",
                found.abi, found.layout, found.size, ours.abi, ours.layout, ours.size
            ),
        ));
    }
    // SAFETY: the header matched, so the whole `StageExport` has this kit's layout.
    if unsafe { (*export).taken } {
        return Err(AudioError::closed(
            "this stage handle was already attached to a chain; it",
        ));
    }
    Ok(())
}

/// Takes the table out of a checked export: from now on the host owns (and releases) its ctx.
///
/// # Safety
/// `export` passed [`check_export`] and is still alive; nothing else uses it during the call.
#[allow(unsafe_code)]
pub unsafe fn take_export(export: *mut StageExport) -> ForeignStage {
    // SAFETY: guaranteed by the caller: a live export of this kit's layout, used by no one else.
    let export = unsafe { &mut *export };
    export.taken = true;
    ForeignStage {
        table: export.table,
    }
}

/// The error a failed call reported, and the failing node (0 when it names none).
fn failure(err: &FfiError) -> (usize, AudioError) {
    // SAFETY: a failing stage points `code` and `message` at its own text, valid until its next
    // call; both are copied here before that.
    #[allow(unsafe_code)]
    let (code, message) = unsafe {
        (
            slice(err.code.ptr, err.code.len),
            slice(err.message.ptr, err.message.len),
        )
    };
    let code = String::from_utf8_lossy(code);
    let message = String::from_utf8_lossy(message).into_owned();
    let error = if code.is_empty() {
        AudioError::new(
            ErrorCode::NativePanic,
            "a foreign stage failed without an error",
        )
    } else {
        super::abi::error_from(&code, message)
    };
    let node = if err.node == NO_NODE { 0 } else { err.node };
    (node, error)
}

impl ForeignStage {
    fn check(&self, status: i32, err: &FfiError) -> StageResult {
        if status == OK {
            Ok(())
        } else {
            Err(failure(err))
        }
    }
}

#[allow(unsafe_code)]
impl Stage for ForeignStage {
    fn len(&self) -> usize {
        self.table.len
    }

    fn run(&mut self, input: Option<Frame<'_>>, flushing: bool) -> StageResult {
        let frame = input.map(|f| FfiFrame {
            samples: f.samples.as_ptr(),
            len: f.samples.len(),
            sample_rate: f.sample_rate,
            channels: f.channels,
        });
        let frame_ptr = frame
            .as_ref()
            .map_or(std::ptr::null(), |f| f as *const FfiFrame);
        let mut err = FfiError::EMPTY;
        // SAFETY: the table was checked and taken, its ctx is ours until drop; the frame and
        // `err` outlive the call.
        let status = unsafe { (self.table.run)(self.table.ctx, frame_ptr, flushing, &mut err) };
        self.check(status, &err)
    }

    fn reset(&mut self) -> Result<()> {
        let mut err = FfiError::EMPTY;
        // SAFETY: as in `run`.
        let status = unsafe { (self.table.reset)(self.table.ctx, &mut err) };
        self.check(status, &err).map_err(|(_, e)| e)
    }

    fn output(&self, index: usize) -> Result<OutputView<'_>> {
        let mut err = FfiError::EMPTY;
        let mut out = FfiOutput::EMPTY;
        // SAFETY: as in `run`; `out` outlives the call.
        let status = unsafe { (self.table.output)(self.table.ctx, index, &mut out, &mut err) };
        self.check(status, &err).map_err(|(_, e)| e)?;
        // SAFETY: the pointers address the stage's buffers, which change only in a later call on
        // the stage, and every such call needs `&mut self` while the view borrows `self`.
        let (audio, bytes) = unsafe {
            (
                slice(out.audio, out.audio_len),
                slice(out.bytes, out.bytes_len),
            )
        };
        Ok(OutputView {
            has_audio: out.has_audio,
            audio,
            sample_rate: out.sample_rate,
            channels: out.channels,
            has_bytes: out.has_bytes,
            bytes,
            json_count: out.json_count,
        })
    }

    fn json(&self, index: usize) -> Result<String> {
        let mut err = FfiError::EMPTY;
        let mut text = FfiStr::EMPTY;
        // SAFETY: as in `run`; `text` outlives the call.
        let status = unsafe { (self.table.json)(self.table.ctx, index, &mut text, &mut err) };
        self.check(status, &err).map_err(|(_, e)| e)?;
        // SAFETY: the text lives in the stage until its next call; copied right away.
        let bytes = unsafe { slice(text.ptr, text.len) };
        Ok(String::from_utf8_lossy(bytes).into_owned())
    }

    fn stats(&self, out: &mut [NodeStats]) -> Result<()> {
        let mut err = FfiError::EMPTY;
        let len = out.len().min(self.table.len);
        // SAFETY: as in `run`; `out` holds at least `len` writable stats.
        let status = unsafe { (self.table.stats)(self.table.ctx, out.as_mut_ptr(), len, &mut err) };
        self.check(status, &err).map_err(|(_, e)| e)
    }
}

impl Drop for ForeignStage {
    fn drop(&mut self) {
        // SAFETY: the taken table's ctx is owned by this stage alone and released once, here.
        #[allow(unsafe_code)]
        unsafe {
            (self.table.release)(self.table.ctx)
        };
    }
}
