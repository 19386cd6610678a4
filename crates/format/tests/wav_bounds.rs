//! WAV headers are claims: decoding never allocates for more samples than the file's bytes hold.
//! Inputs found by the `wav_decode` fuzz target are kept here as regression tests.
#![allow(
    unsafe_code,
    reason = "a counting allocator measures what decode allocates"
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use remotemedia_format::wav;

/// Remembers the largest single allocation since the last reset.
struct Largest;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Largest {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Largest = Largest;

/// Tests run on several threads; one measurement at a time.
static MEASURING: Mutex<()> = Mutex::new(());

/// Fixed buffers (symphonia reads through a 64 KiB one) are fine; anything near a claim is not.
const MOST: usize = 1 << 20;

/// The largest allocation `decode` makes for `bytes`, and whether it succeeded.
fn largest_allocation(bytes: &[u8]) -> (usize, bool) {
    let _one = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    LARGEST.store(0, Ordering::Relaxed);
    let ok = wav::decode(bytes).is_ok();
    (LARGEST.load(Ordering::Relaxed), ok)
}

/// A canonical 44-byte header with the given fmt fields and a data chunk claiming `data_len`.
fn header(format_tag: u16, channels: u16, bits: u16, data_len: u32) -> Vec<u8> {
    let block = channels * bits.div_ceil(8);
    let mut h = Vec::new();
    h.extend_from_slice(b"RIFF");
    h.extend_from_slice(&data_len.wrapping_add(36).to_le_bytes());
    h.extend_from_slice(b"WAVEfmt ");
    h.extend_from_slice(&16u32.to_le_bytes());
    h.extend_from_slice(&format_tag.to_le_bytes());
    h.extend_from_slice(&channels.to_le_bytes());
    h.extend_from_slice(&16_000u32.to_le_bytes());
    h.extend_from_slice(&(16_000 * u32::from(block)).to_le_bytes());
    h.extend_from_slice(&block.to_le_bytes());
    h.extend_from_slice(&bits.to_le_bytes());
    h.extend_from_slice(b"data");
    h.extend_from_slice(&data_len.to_le_bytes());
    h
}

/// Found by fuzzing: a 32-bit-container WAVE_FORMAT_EXTENSIBLE header with 22 valid bits and a
/// tiny data chunk made decode reserve 1 GiB before reading a sample.
const ODD_BITS_CLAIM: &[u8] = &[
    0x52, 0x49, 0x46, 0x46, 0x2c, 0x07, 0x00, 0x00, 0x57, 0x41, 0x56, 0x45, 0x66, 0x6d, 0x74, 0x20,
    0x28, 0x00, 0x00, 0x00, 0xfe, 0xff, 0x01, 0x00, 0x22, 0x56, 0x00, 0x00, 0x88, 0x58, 0x01, 0x00,
    0x04, 0x00, 0x20, 0x00, 0x16, 0x00, 0x04, 0x20, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71, 0x66, 0x61, 0x63, 0x74,
    0x04, 0x00, 0x00, 0x00, 0xb9, 0x01, 0x00, 0x00, 0x64, 0x61, 0x74, 0x61, 0xe4, 0x04, 0x00, 0xe1,
    0x50, 0xf7, 0x5c, 0xe1, 0x00, 0x00, 0x82, 0x06, 0x4f, 0x00,
];

#[test]
fn an_odd_bit_depth_claiming_a_huge_data_chunk_allocates_nothing_for_it() {
    let (largest, ok) = largest_allocation(ODD_BITS_CLAIM);
    assert!(!ok, "a truncated file must be refused");
    assert!(largest < MOST, "decode allocated {largest} bytes");
}

#[test]
fn a_data_chunk_claiming_4_gb_costs_nothing() {
    for (tag, bits) in [(1, 16), (1, 8), (1, 24), (3, 32), (3, 64)] {
        let mut file = header(tag, 2, bits, u32::MAX - 64);
        file.extend_from_slice(&[0u8; 64]);
        let (largest, ok) = largest_allocation(&file);
        assert!(!ok, "format {tag}/{bits}: a truncated file must be refused");
        assert!(
            largest < MOST,
            "format {tag}/{bits}: decode allocated {largest} bytes"
        );
    }
}
