//! What one `KitChain` call hands back besides its return value, in the caller's typed arrays so
//! a frame allocates nothing: the tail's audio and bytes, and a report of named slots
//! ([`INFO`] of the tail's output, then [`STATS`] per node). `packages/native` reads the same
//! slots by the same names.

use remotemedia_node_kit::{Chain, NodeStats, Output};

/// Slots of the info part of a report.
pub mod info {
    pub const HAS_AUDIO: usize = 0;
    pub const AUDIO_LENGTH: usize = 1;
    pub const SAMPLE_RATE: usize = 2;
    pub const CHANNELS: usize = 3;
    pub const HAS_BYTES: usize = 4;
    pub const BYTES_LENGTH: usize = 5;
    pub const JSON_COUNT: usize = 6;
    /// The tail audio's timestamp in ms, NaN when it has none.
    pub const TIMESTAMP: usize = 7;
    /// 1 when the tail's audio is the input frame unchanged (same rate, layout and samples).
    pub const SAME_AS_INPUT: usize = 8;
}

/// Values of the info part.
pub const INFO: usize = 9;

/// Values per node in the stats part: calls, total ns, latest ns, whether it ran in this call.
pub const STATS: usize = 4;

/// The caller's buffers for one call.
#[derive(Debug)]
pub struct Report<'a> {
    pub audio: &'a mut [f32],
    pub report: &'a mut [f64],
    pub bytes: &'a mut [u8],
}

/// Writes everything of a call; returns the tail's audio length, or -1 without audio.
pub fn write(chain: &Chain, out: Report<'_>) -> i32 {
    let tail = chain.tail();
    let (info, stats) = out.report.split_at_mut(INFO.min(out.report.len()));
    write_info(tail, chain.timestamp(), chain.same_as_input(), info);
    write_stats(chain.stats(), stats);
    let n = tail.bytes.len().min(out.bytes.len());
    out.bytes[..n].copy_from_slice(&tail.bytes[..n]);
    if !tail.has_audio {
        return -1;
    }
    let n = tail.audio.len().min(out.audio.len());
    out.audio[..n].copy_from_slice(&tail.audio[..n]);
    tail.audio.len() as i32
}

/// The info part for output `o` (as much as fits in `out`).
pub fn write_info(o: &Output, timestamp: Option<f64>, same_as_input: bool, out: &mut [f64]) {
    let flag = |b: bool| f64::from(u8::from(b));
    let mut values = [0.0; INFO];
    values[info::HAS_AUDIO] = flag(o.has_audio);
    values[info::AUDIO_LENGTH] = o.audio.len() as f64;
    values[info::SAMPLE_RATE] = f64::from(o.sample_rate);
    values[info::CHANNELS] = f64::from(o.channels);
    values[info::HAS_BYTES] = flag(o.has_bytes);
    values[info::BYTES_LENGTH] = o.bytes.len() as f64;
    values[info::JSON_COUNT] = o.json.len() as f64;
    values[info::TIMESTAMP] = timestamp.unwrap_or(f64::NAN);
    values[info::SAME_AS_INPUT] = flag(same_as_input);
    let n = values.len().min(out.len());
    out[..n].copy_from_slice(&values[..n]);
}

/// Per node, [`STATS`] values.
fn write_stats(stats: &[NodeStats], out: &mut [f64]) {
    for (slot, s) in out.chunks_exact_mut(STATS).zip(stats) {
        slot.copy_from_slice(&[
            s.calls as f64,
            s.total_ns as f64,
            s.last_ns as f64,
            f64::from(u8::from(s.ran)),
        ]);
    }
}
