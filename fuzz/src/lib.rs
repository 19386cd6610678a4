//! Shared pieces of the fuzz targets: reading params, samples and chunk plans out of the fuzzer's
//! bytes, and the differential check every streaming engine must pass (chunked == whole buffer).

use std::collections::HashMap;
use std::hash::Hash;

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use remotemedia_audio::{AudioError, ErrorCode};

mod vad;
pub use vad::{arbitrary_segments, with_session_pair};

/// Rates the streaming targets pick from: the common ones, so a run spends its time in the
/// signal path rather than in planning 384 kHz FFTs for coprime rate pairs.
pub const RATES: [u32; 10] = [
    8_000, 11_025, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000, 96_000, 192_000,
];

/// Up to `max` samples in [-1, 1] (finite), read as s16 from the rest of the input.
pub fn finite_samples(u: Unstructured<'_>, max: usize) -> Vec<f32> {
    let bytes = u.take_rest();
    bytes
        .chunks_exact(2)
        .take(max)
        .map(|c| f32::from(i16::from_le_bytes([c[0], c[1]])) / 32_768.0)
        .collect()
}

/// Chunk lengths (in frames) covering `frames`: up to 16 lengths from the fuzzer (0 allowed),
/// then one chunk with the rest.
pub fn chunk_plan(u: &mut Unstructured<'_>, frames: usize) -> Result<Vec<usize>> {
    let count = u.int_in_range(0..=16u8)?;
    let mut plan = Vec::with_capacity(usize::from(count) + 1);
    let mut covered = 0;
    for _ in 0..count {
        let len = usize::from(u.arbitrary::<u16>()? % 2048).min(frames - covered);
        plan.push(len);
        covered += len;
    }
    plan.push(frames - covered);
    Ok(plan)
}

/// The rest of the input as whole frames of `channels` (up to `max` samples) and a chunk plan
/// over them, read from the 34 bytes before the samples.
pub fn frames_and_plan(
    mut u: Unstructured<'_>,
    channels: usize,
    max: usize,
) -> Result<(Vec<f32>, Vec<usize>)> {
    let raw_plan = u.bytes(34.min(u.len()))?.to_vec();
    let mut samples = finite_samples(u, max);
    samples.truncate(samples.len() / channels * channels);
    let plan = chunk_plan(&mut Unstructured::new(&raw_plan), samples.len() / channels)?;
    Ok((samples, plan))
}

/// Installs the committed Silero weights once as the process's model, as the Node package does
/// when it loads, so a target that builds a Silero engine (directly or as a kit node) runs it.
pub fn install_silero_model() {
    static MODEL: std::sync::Once = std::sync::Once::new();
    MODEL.call_once(|| {
        let bytes = include_bytes!("../../crates/silero/model/silero_vad_v6.bin");
        remotemedia_silero::install_model(
            remotemedia_silero::Model::from_bytes(bytes).expect("the committed model parses"),
        );
    });
}

/// Refusals must carry a code a caller can act on; anything else means a parser lost track.
pub fn assert_coded(error: &AudioError) {
    assert!(
        matches!(
            error.code,
            ErrorCode::InvalidInput | ErrorCode::InvalidParam
        ),
        "unexpected error code for bad input: {error:?}"
    );
    assert!(!error.message.is_empty(), "an error without a message");
}

/// A stream that turns input chunks into output samples and ends with a flush. Every engine
/// (resampler, each VAD) implements it so one differential check covers them all.
pub trait Streaming {
    type Out: PartialEq + std::fmt::Debug;
    /// Feeds one chunk (whole frames) and appends what it produced to `out`.
    fn push(&mut self, chunk: &[f32], out: &mut Vec<Self::Out>);
    /// Ends the stream and appends the rest to `out`.
    fn finish(&mut self, out: &mut Vec<Self::Out>);
}

/// Runs `whole` over the buffer at once and `chunked` over `plan`, and asserts equal outputs.
pub fn check_chunking<S: Streaming>(
    whole: &mut S,
    chunked: &mut S,
    samples: &[f32],
    channels: usize,
    plan: &[usize],
) -> Vec<S::Out> {
    let mut expected = Vec::new();
    whole.push(samples, &mut expected);
    whole.finish(&mut expected);
    let mut got = Vec::new();
    let mut at = 0;
    for &frames in plan {
        let end = at + frames * channels;
        chunked.push(&samples[at..end], &mut got);
        at = end;
    }
    chunked.finish(&mut got);
    assert_eq!(
        got.len(),
        expected.len(),
        "chunking changed the output length"
    );
    assert_eq!(got, expected, "chunking changed the output");
    expected
}

/// Engines kept between runs by their settings: building one (FFT planning) costs far more than
/// a run, and every reuse checks that `reset` really starts a new stream, since the differential
/// compares against output that must not depend on what the engine saw before.
#[derive(Debug)]
pub struct Pool<K, E> {
    engines: HashMap<K, (E, E)>,
}

impl<K: Eq + Hash, E> Default for Pool<K, E> {
    fn default() -> Self {
        Self {
            engines: HashMap::new(),
        }
    }
}

impl<K: Eq + Hash, E> Pool<K, E> {
    /// The pair of engines for `key`, made with `make` the first time, `reset` before reuse.
    pub fn pair(&mut self, key: K, make: impl Fn() -> E, reset: impl Fn(&mut E)) -> &mut (E, E) {
        // Bound the memory a long run keeps: high-rate, high-quality engines are large.
        if self.engines.len() >= 32 && !self.engines.contains_key(&key) {
            self.engines.clear();
        }
        let pair = self.engines.entry(key).or_insert_with(|| (make(), make()));
        reset(&mut pair.0);
        reset(&mut pair.1);
        pair
    }
}
