//! The streaming resampler under arbitrary rates, channels, quality, chunk sizes and samples:
//! chunked output equals whole-buffer output, finite in gives finite out, bad input is refused
//! with a code and leaves the stream as it was.
#![no_main]

use std::cell::RefCell;

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use remotemedia_fuzz::{Pool, RATES, Streaming, assert_coded, check_chunking, frames_and_plan};
use remotemedia_resample::{MAX_RATE, MIN_RATE, Quality, Resampler};

type Settings = (u32, u32, u32, Quality);

thread_local! {
    static POOL: RefCell<Pool<Settings, Resampler>> = RefCell::default();
}

struct Stream<'a> {
    resampler: &'a mut Resampler,
    /// Push a NaN frame before each chunk: it must be refused without touching the stream.
    poke: bool,
}

impl Streaming for Stream<'_> {
    type Out = f32;
    fn push(&mut self, chunk: &[f32], out: &mut Vec<f32>) {
        if self.poke {
            let bad = vec![f32::NAN; self.resampler.channels()];
            assert_coded(&self.resampler.process(&bad, out).unwrap_err());
        }
        self.resampler.process(chunk, out).unwrap();
    }
    fn finish(&mut self, out: &mut Vec<f32>) {
        self.resampler.flush(out);
    }
}

fn run(data: &[u8]) -> Result<()> {
    let mut u = Unstructured::new(data);
    // Any rate outside the range is a coded refusal.
    let wild: u32 = u.arbitrary()?;
    if !(MIN_RATE..=MAX_RATE).contains(&wild) {
        assert_coded(&Resampler::new(wild, 16_000, 1, Quality::Fast).unwrap_err());
    }
    let from = *u.choose(&RATES)?;
    let to = *u.choose(&RATES)?;
    let channels = u.int_in_range(1..=4u32)?;
    let quality = *u.choose(&Quality::ALL)?;
    let poke = u.arbitrary()?;
    let ch = channels as usize;
    let (samples, plan) = frames_and_plan(u, ch, 4_096)?;
    let out = POOL.with_borrow_mut(|pool| {
        let (whole, chunked) = pool.pair(
            (from, to, channels, quality),
            || Resampler::new(from, to, channels, quality).unwrap(),
            Resampler::reset,
        );
        let mut whole = Stream {
            resampler: whole,
            poke: false,
        };
        let mut chunked = Stream {
            resampler: chunked,
            poke,
        };
        check_chunking(&mut whole, &mut chunked, &samples, ch, &plan)
    });
    assert!(
        out.iter().all(|s| s.is_finite()),
        "NaN or Inf out of finite input"
    );
    assert!(out.len().is_multiple_of(ch));
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
