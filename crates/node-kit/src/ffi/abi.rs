//! The C-ABI types a stage table is made of. Every package links its own copy of the kit, so only
//! these `repr(C)` types and `extern "C"` functions cross between packages; [`AbiHeader`] lets a
//! host refuse a table built by a kit whose types differ.
//!
//! Ownership: the table's `ctx` belongs to whoever holds the table (first the [`StageExport`],
//! then the host that took it) and is freed by calling `release` once. Pointers a call returns
//! (output views, error and json text) point into the stage's own buffers and stay valid until the
//! next call on that stage.

use std::ffi::c_void;
use std::mem::{align_of, offset_of, size_of};

use remotemedia_audio::{AudioError, ErrorCode};

use crate::chain::NodeStats;

/// "RMKITSTG": marks a [`StageExport`] whatever its version.
pub const STAGE_MAGIC: u64 = u64::from_le_bytes(*b"RMKITSTG");

/// Status of every table call.
pub const OK: i32 = 0;
pub const FAILED: i32 = 1;

/// `FfiError::node` when the failure belongs to no one node (e.g. a closed chain).
pub const NO_NODE: usize = usize::MAX;

/// Borrowed text (UTF-8).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct FfiStr {
    pub ptr: *const u8,
    pub len: usize,
}

impl FfiStr {
    pub const EMPTY: Self = Self {
        ptr: std::ptr::null(),
        len: 0,
    };

    pub fn of(text: &str) -> Self {
        Self {
            ptr: text.as_ptr(),
            len: text.len(),
        }
    }
}

/// An interleaved f32 frame.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct FfiFrame {
    pub samples: *const f32,
    pub len: usize,
    pub sample_rate: u32,
    pub channels: u16,
}

/// One node's output after a call, pointing into the stage's buffers.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct FfiOutput {
    pub audio: *const f32,
    pub audio_len: usize,
    pub bytes: *const u8,
    pub bytes_len: usize,
    pub json_count: usize,
    pub sample_rate: u32,
    pub channels: u16,
    pub has_audio: bool,
    pub has_bytes: bool,
}

impl FfiOutput {
    pub const EMPTY: Self = Self {
        audio: std::ptr::null(),
        audio_len: 0,
        bytes: std::ptr::null(),
        bytes_len: 0,
        json_count: 0,
        sample_rate: 0,
        channels: 0,
        has_audio: false,
        has_bytes: false,
    };
}

/// A failed call: the failing node's index within the stage (or [`NO_NODE`]), the error code
/// (`ERR_*`) and message.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct FfiError {
    pub node: usize,
    pub code: FfiStr,
    pub message: FfiStr,
}

impl FfiError {
    pub const EMPTY: Self = Self {
        node: NO_NODE,
        code: FfiStr::EMPTY,
        message: FfiStr::EMPTY,
    };
}

type Ctx = *mut c_void;

/// Another package's nodes as function pointers over an opaque context. Every function catches
/// panics and reports them as [`ErrorCode::NativePanic`] through its `FfiError`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct StageTable {
    pub ctx: Ctx,
    /// Number of nodes; fixed once the table exists.
    pub len: usize,
    /// `input` null: upstream gave no audio. `flushing`: end of stream.
    pub run: unsafe extern "C" fn(Ctx, *const FfiFrame, bool, *mut FfiError) -> i32,
    pub reset: unsafe extern "C" fn(Ctx, *mut FfiError) -> i32,
    pub output: unsafe extern "C" fn(Ctx, usize, *mut FfiOutput, *mut FfiError) -> i32,
    pub json: unsafe extern "C" fn(Ctx, usize, *mut FfiStr, *mut FfiError) -> i32,
    /// Writes `len` [`NodeStats`] (the first nodes' when fewer than the stage has).
    pub stats: unsafe extern "C" fn(Ctx, *mut NodeStats, usize, *mut FfiError) -> i32,
    pub release: unsafe extern "C" fn(Ctx),
}

/// Read first, before anything else of an export is trusted; its layout never changes.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AbiHeader {
    pub magic: u64,
    pub abi: u32,
    /// `size_of::<StageExport>()` of the exporting kit.
    pub size: u32,
    pub layout: u64,
}

/// What a package hands out for another to take: the header, whether a host took the table
/// (then the export no longer owns `ctx`), and the table.
#[repr(C)]
#[derive(Debug)]
pub struct StageExport {
    pub header: AbiHeader,
    pub taken: bool,
    pub table: StageTable,
}

/// This kit's header.
pub fn header(abi: u32) -> AbiHeader {
    AbiHeader {
        magic: STAGE_MAGIC,
        abi,
        size: size_of::<StageExport>() as u32,
        layout: LAYOUT_HASH,
    }
}

/// Sizes, alignments and field offsets of every type above, hashed: two kits with equal hashes
/// lay the tables out alike.
pub const LAYOUT_HASH: u64 = fnv(&[
    size_of::<FfiStr>(),
    offset_of!(FfiStr, len),
    size_of::<FfiFrame>(),
    offset_of!(FfiFrame, len),
    offset_of!(FfiFrame, sample_rate),
    offset_of!(FfiFrame, channels),
    size_of::<FfiOutput>(),
    offset_of!(FfiOutput, audio_len),
    offset_of!(FfiOutput, bytes),
    offset_of!(FfiOutput, bytes_len),
    offset_of!(FfiOutput, json_count),
    offset_of!(FfiOutput, sample_rate),
    offset_of!(FfiOutput, channels),
    offset_of!(FfiOutput, has_audio),
    offset_of!(FfiOutput, has_bytes),
    size_of::<FfiError>(),
    offset_of!(FfiError, code),
    offset_of!(FfiError, message),
    size_of::<NodeStats>(),
    align_of::<NodeStats>(),
    offset_of!(NodeStats, total_ns),
    offset_of!(NodeStats, last_ns),
    offset_of!(NodeStats, ran),
    size_of::<StageTable>(),
    offset_of!(StageTable, len),
    offset_of!(StageTable, run),
    offset_of!(StageTable, reset),
    offset_of!(StageTable, output),
    offset_of!(StageTable, json),
    offset_of!(StageTable, stats),
    offset_of!(StageTable, release),
    size_of::<StageExport>(),
    offset_of!(StageExport, taken),
    offset_of!(StageExport, table),
]);

const fn fnv(values: &[usize]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < values.len() {
        hash ^= values[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

/// The code an `ERR_*` string names; an unknown one (a newer kit) is kept in the message.
pub fn error_from(code: &str, message: String) -> AudioError {
    const CODES: [ErrorCode; 6] = [
        ErrorCode::InvalidParam,
        ErrorCode::InvalidInput,
        ErrorCode::Closed,
        ErrorCode::NativePanic,
        ErrorCode::Io,
        ErrorCode::AbiMismatch,
    ];
    match CODES.into_iter().find(|c| c.as_str() == code) {
        Some(code) => AudioError::new(code, message),
        None => AudioError::new(ErrorCode::NativePanic, format!("{code}: {message}")),
    }
}
