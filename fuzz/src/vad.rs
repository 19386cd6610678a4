//! What the VAD targets share: segmenter settings read from the fuzzer's bytes, and the pool of
//! session pairs the differential runs on.

use std::cell::RefCell;

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use remotemedia_vad::{SegmenterConfig, VadConfig, VadSession};

use crate::Pool;

/// Segmenter settings over their whole useful range, on `config`'s frame length.
pub fn arbitrary_segments(u: &mut Unstructured<'_>, config: &VadConfig) -> Result<SegmenterConfig> {
    Ok(SegmenterConfig {
        frame_ms: config.frame_ms,
        speech_pad_ms: u.int_in_range(0..=600)?,
        min_speech_ms: u.int_in_range(0..=600)?,
        min_silence_ms: u.int_in_range(0..=900)?,
        max_speech_ms: u
            .arbitrary::<Option<u16>>()?
            .map(|ms| 100 + u32::from(ms % 3_000)),
    })
}

thread_local! {
    static SESSIONS: RefCell<Pool<String, VadSession>> = RefCell::default();
}

/// Calls `check` with a (whole, chunked) pair of fresh sessions for these settings, reused from
/// earlier runs (reset) when they had the same settings.
pub fn with_session_pair(
    config: VadConfig,
    segments: SegmenterConfig,
    check: impl FnOnce(&mut VadSession, &mut VadSession),
) {
    SESSIONS.with_borrow_mut(|pool| {
        let (whole, chunked) = pool.pair(
            format!("{config:?} {segments:?}"),
            || VadSession::new(config, Some(segments)).unwrap(),
            VadSession::reset,
        );
        check(whole, chunked);
    });
}
