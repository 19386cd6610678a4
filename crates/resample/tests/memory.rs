//! What a resampler holds is bounded by [`MAX_RESAMPLER_BYTES`] whatever its rates and channels,
//! a refused plan costs nothing, and dropping a resampler frees all of it: nothing is cached per
//! rate pair or block size, so creating resamplers of many sizes does not grow the process.
#![allow(
    unsafe_code,
    reason = "a counting allocator measures what the resampler holds"
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use remotemedia_audio::ErrorCode;
use remotemedia_resample::{MAX_RESAMPLER_BYTES, Quality, Resampler};

/// Counts this thread's live heap bytes and their peak (tests run on several threads).
struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.get() + layout.size();
        LIVE.set(live);
        PEAK.set(PEAK.get().max(live));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.set(LIVE.get().saturating_sub(layout.size()));
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most this thread held above its starting point while `run` ran, and what it still holds.
fn measure<T>(run: impl FnOnce() -> T) -> (T, usize, usize) {
    let start = LIVE.get();
    PEAK.set(start);
    let value = run();
    (value, PEAK.get() - start, LIVE.get().saturating_sub(start))
}

/// A short stream through `r`, so the measurement includes processing, not only construction.
fn stream(r: &mut Resampler) {
    let mut out = Vec::new();
    r.process(&vec![0.1; 4_800 * r.channels()], &mut out)
        .unwrap();
    r.flush(&mut out);
}

/// Rate pairs whose only common factor is 1, so their blocks are the longest each side allows.
const WORST_PAIRS: [(u32, u32); 3] = [(383_999, 384_000), (8_000, 383_999), (383_999, 8_000)];

#[test]
fn the_largest_accepted_resamplers_stay_under_the_limit() {
    for (from, to) in WORST_PAIRS {
        for quality in [Quality::Fast, Quality::High] {
            // Refusals allocate nothing, so the peak is the largest resampler that was accepted.
            let (most, peak, _) = measure(|| {
                let (most, mut r) = (1..=64)
                    .rev()
                    .find_map(|ch| Resampler::new(from, to, ch, quality).ok().map(|r| (ch, r)))
                    .expect("one channel fits");
                stream(&mut r);
                most
            });
            assert!(
                peak <= MAX_RESAMPLER_BYTES,
                "{from}->{to} {quality:?} x{most}: {} MiB",
                peak >> 20
            );
            assert!(Resampler::new(from, to, most + 1, quality).is_err());
        }
    }
}

#[test]
fn a_plan_over_the_limit_is_refused_before_allocating() {
    let (result, peak, _) = measure(|| Resampler::new(383_999, 384_000, 64, Quality::High));
    let err = result.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidParam);
    assert!(
        err.message.contains("over the 256 MiB limit"),
        "{}",
        err.message
    );
    assert!(peak < 64 << 10, "refusing took {peak} bytes");
}

#[test]
fn common_rates_keep_every_channel_and_quality() {
    for (from, to) in [
        (48_000, 16_000),
        (44_100, 48_000),
        (8_000, 384_000),
        (11_025, 352_800),
    ] {
        for quality in Quality::ALL {
            Resampler::new(from, to, 64, quality).unwrap();
        }
    }
}

#[test]
fn dropping_resamplers_of_every_size_frees_all_they_held() {
    let (_, peak, kept) = measure(|| {
        for (from, to) in [
            (48_000, 16_000),
            (44_101, 48_000),
            (8_000, 96_001),
            (96_001, 44_100),
        ] {
            for quality in Quality::ALL {
                let mut r = Resampler::new(from, to, 2, quality).unwrap();
                stream(&mut r);
            }
        }
    });
    assert!(
        peak > 1 << 20,
        "the long blocks were allocated ({peak} bytes)"
    );
    assert_eq!(
        kept, 0,
        "bytes still held after every resampler was dropped"
    );
}
