//! Whole-buffer speech detection: samples in, speech segments out.

use remotemedia_audio::Result;

use crate::{Sample, SegmentEvent, SegmenterConfig, VadConfig, VadSession};

/// A speech segment, in ms from the start of the buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub start_ms: u64,
    pub end_ms: u64,
}

/// Runs the detector and the segmenter over a whole buffer and returns its speech segments.
pub fn detect_segments<T: Sample>(
    samples: &[T],
    config: VadConfig,
    segments: SegmenterConfig,
) -> Result<Vec<Segment>> {
    let mut session = VadSession::new(config, Some(segments))?;
    session.process_with(samples, &mut |_| {})?;
    session.flush_with(&mut |_| {});
    Ok(session
        .take_events()
        .into_iter()
        .filter_map(|e| match e {
            SegmentEvent::SpeechEnd { start_ms, end_ms } => Some(Segment { start_ms, end_ms }),
            SegmentEvent::SpeechStart { .. } => None,
        })
        .collect())
}
