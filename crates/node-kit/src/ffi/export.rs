//! The exporting side: a package's shared pipeline behind a [`StageTable`] of `extern "C"`
//! functions. Each function catches panics, so none unwinds into the calling package.

use std::cell::RefCell;
use std::ffi::c_void;
use std::panic::{AssertUnwindSafe, catch_unwind};

use remotemedia_audio::{AudioError, Result, catch_panic};

use super::abi::{
    FAILED, FfiError, FfiFrame, FfiOutput, FfiStr, NO_NODE, OK, StageExport, StageTable, header,
};
use crate::KIT_ABI;
use crate::chain::NodeStats;
use crate::node::Frame;
use crate::shared::SharedPipeline;
use crate::stage::{Stage, StageResult};

/// What `ctx` points to: the pipeline, and the text the latest call handed out.
struct ExportCtx {
    shared: SharedPipeline,
    message: RefCell<String>,
    json: RefCell<String>,
}

/// Exports `shared` (once) for another package's chain to take; free the result with
/// [`drop_export`]. `abi` is [`KIT_ABI`] except in tests that simulate another kit.
pub fn export_stage(shared: &SharedPipeline) -> Result<*mut StageExport> {
    export_stage_claiming(shared, KIT_ABI)
}

/// [`export_stage`] with a header claiming `abi`, so tests can present an incompatible package.
pub fn export_stage_claiming(shared: &SharedPipeline, abi: u32) -> Result<*mut StageExport> {
    shared.mark_exported()?;
    let len = shared.with(|p| p.len())?;
    let ctx = Box::into_raw(Box::new(ExportCtx {
        shared: shared.clone(),
        message: RefCell::new(String::new()),
        json: RefCell::new(String::new()),
    }));
    let table = StageTable {
        ctx: ctx.cast(),
        len,
        run,
        reset,
        output,
        json,
        stats,
        release,
    };
    Ok(Box::into_raw(Box::new(StageExport {
        header: header(abi),
        taken: false,
        table,
    })))
}

/// Frees an export; its context too unless a host took the table.
///
/// # Safety
/// `export` comes from [`export_stage`] of this kit and is dropped once (e.g. by the finalizer of
/// the JS value that carries it).
#[allow(unsafe_code)]
pub unsafe fn drop_export(export: *mut StageExport) {
    // SAFETY: the caller passes an unfreed pointer from `export_stage`, which boxed it.
    let export = unsafe { Box::from_raw(export) };
    if !export.taken {
        // SAFETY: nobody took the table, so its ctx is still owned here and released once.
        unsafe { release(export.table.ctx) };
    }
}

/// The context behind a table pointer.
///
/// # Safety
/// `ctx` is the `ExportCtx` of a table built by `export_stage_claiming`, not yet released.
#[allow(unsafe_code)]
unsafe fn context<'a>(ctx: *mut c_void) -> &'a ExportCtx {
    // SAFETY: guaranteed by the caller; only shared references are ever made to it.
    unsafe { &*ctx.cast::<ExportCtx>() }
}

/// Runs `f` with panics caught, and reports a failure through `err`.
fn answer(ctx: &ExportCtx, err: *mut FfiError, f: impl FnOnce() -> StageResult) -> i32 {
    let outcome = catch_panic(|| Ok(f())).unwrap_or_else(|panic| Err((NO_NODE, panic)));
    let Err((node, error)) = outcome else {
        return OK;
    };
    // A panic in what follows would unwind into the host: these only copy.
    if let Ok(mut message) = ctx.message.try_borrow_mut() {
        *message = error.message;
        if let Some(out) = out_ref(err) {
            *out = FfiError {
                node,
                code: FfiStr::of(error.code.as_str()),
                message: FfiStr::of(&message),
            };
        }
    }
    FAILED
}

/// A failure of the stage as a whole, not of one node.
fn whole<T>(r: Result<T>) -> std::result::Result<T, (usize, AudioError)> {
    r.map_err(|e| (NO_NODE, e))
}

/// A writable out-parameter, or `None` for null.
#[allow(unsafe_code)]
fn out_ref<'a, T>(ptr: *mut T) -> Option<&'a mut T> {
    // SAFETY: table callers pass null or a pointer to a live, writable `T` for the call.
    unsafe { ptr.as_mut() }
}

#[allow(unsafe_code)]
unsafe extern "C" fn run(
    ctx: *mut c_void,
    input: *const FfiFrame,
    flushing: bool,
    err: *mut FfiError,
) -> i32 {
    // SAFETY: the host calls with the ctx of its table, which it has not released.
    let ctx = unsafe { context(ctx) };
    answer(ctx, err, || {
        // SAFETY: a non-null input is a live frame whose samples stay valid during the call.
        let frame = unsafe { input.as_ref() }.map(|f| Frame {
            // SAFETY: `samples` points at `len` initialized f32 (or is dangling with len 0).
            samples: unsafe { slice(f.samples, f.len) },
            sample_rate: f.sample_rate,
            channels: f.channels,
        });
        ctx.shared
            .with_mut(|p| p.run(frame, flushing))
            .map_err(|e| (NO_NODE, e))?
    })
}

#[allow(unsafe_code)]
unsafe extern "C" fn reset(ctx: *mut c_void, err: *mut FfiError) -> i32 {
    // SAFETY: as in `run`.
    let ctx = unsafe { context(ctx) };
    answer(ctx, err, || {
        whole(ctx.shared.with_mut(|p| p.reset()).and_then(|r| r))
    })
}

#[allow(unsafe_code)]
unsafe extern "C" fn output(
    ctx: *mut c_void,
    index: usize,
    out: *mut FfiOutput,
    err: *mut FfiError,
) -> i32 {
    // SAFETY: as in `run`.
    let ctx = unsafe { context(ctx) };
    answer(ctx, err, || {
        let view = ctx.shared.with(|p| {
            p.output(index).map(|o| FfiOutput {
                audio: o.audio.as_ptr(),
                audio_len: o.audio.len(),
                bytes: o.bytes.as_ptr(),
                bytes_len: o.bytes.len(),
                json_count: o.json_count,
                sample_rate: o.sample_rate,
                channels: o.channels,
                has_audio: o.has_audio,
                has_bytes: o.has_bytes,
            })
        });
        let view = whole(view.and_then(|v| v))?;
        if let Some(out) = out_ref(out) {
            *out = view;
        }
        Ok(())
    })
}

#[allow(unsafe_code)]
unsafe extern "C" fn json(
    ctx: *mut c_void,
    index: usize,
    out: *mut FfiStr,
    err: *mut FfiError,
) -> i32 {
    // SAFETY: as in `run`.
    let ctx = unsafe { context(ctx) };
    answer(ctx, err, || {
        let text = whole(ctx.shared.with(|p| p.json(index)).and_then(|t| t))?;
        let mut kept = ctx.json.try_borrow_mut().map_err(|_| (NO_NODE, busy()))?;
        *kept = text;
        if let Some(out) = out_ref(out) {
            *out = FfiStr::of(&kept);
        }
        Ok(())
    })
}

#[allow(unsafe_code)]
unsafe extern "C" fn stats(
    ctx: *mut c_void,
    out: *mut NodeStats,
    len: usize,
    err: *mut FfiError,
) -> i32 {
    // SAFETY: as in `run`.
    let ctx = unsafe { context(ctx) };
    answer(ctx, err, || {
        if out.is_null() {
            return Ok(());
        }
        // SAFETY: the host passes `len` writable stats it owns for the call.
        let out = unsafe { std::slice::from_raw_parts_mut(out, len) };
        whole(ctx.shared.with(|p| p.stats(out)).and_then(|r| r))
    })
}

#[allow(unsafe_code)]
unsafe extern "C" fn release(ctx: *mut c_void) {
    // Dropping only frees memory and decrements a count; kept from unwinding all the same.
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `release` is called once per table, by its single owner, with the ctx it was
        // built with (a boxed `ExportCtx`).
        drop(unsafe { Box::from_raw(ctx.cast::<ExportCtx>()) });
    }));
}

/// # Safety
/// `ptr` points at `len` initialized values alive for `'a`, or `len` is 0.
#[allow(unsafe_code)]
pub(crate) unsafe fn slice<'a, T>(ptr: *const T, len: usize) -> &'a [T] {
    if len == 0 || ptr.is_null() {
        return &[];
    }
    // SAFETY: guaranteed by the caller.
    unsafe { std::slice::from_raw_parts(ptr, len) }
}

fn busy() -> AudioError {
    AudioError::invalid_input("a stage's JSON was read during another read of it")
}
