//! The segmenter on hand-built decision sequences (30 ms frames unless stated).

use remotemedia_vad::{SegmentEvent, Segmenter, SegmenterConfig};

use SegmentEvent::{SpeechEnd, SpeechStart};

/// `pattern`: one char per frame, `#` speech, `.` silence. Returns every event, flush included.
fn run(config: SegmenterConfig, pattern: &str) -> Vec<SegmentEvent> {
    let mut s = Segmenter::new(config).unwrap();
    let mut events = Vec::new();
    for c in pattern.chars() {
        s.push(c == '#', &mut |e| events.push(e));
    }
    s.flush(&mut |e| events.push(e));
    events
}

/// The events of whole segments, each `(start_ms, end_ms)`: a start, then its end.
fn segments(spans: &[(u64, u64)]) -> Vec<SegmentEvent> {
    spans
        .iter()
        .flat_map(|&(start_ms, end_ms)| [SpeechStart { start_ms }, SpeechEnd { start_ms, end_ms }])
        .collect()
}

fn cfg(pad: u32, min_speech: u32, min_silence: u32, max: Option<u32>) -> SegmenterConfig {
    SegmenterConfig {
        frame_ms: 30,
        speech_pad_ms: pad,
        min_speech_ms: min_speech,
        min_silence_ms: min_silence,
        max_speech_ms: max,
    }
}

#[test]
fn pads_both_sides() {
    // Speech in frames 4..8 = 120..240 ms; 60 ms of padding on each side.
    let events = run(cfg(60, 0, 90, None), "....####.......");
    assert_eq!(events, segments(&[(60, 300)]));
}

#[test]
fn pre_roll_stops_at_the_stream_start_and_post_roll_at_the_silence_seen() {
    // Pad 200 ms but only 90 ms of hangover: the end is when the segment was closed.
    let events = run(cfg(200, 0, 90, None), "##.......");
    assert_eq!(events, segments(&[(0, 150)]));
}

#[test]
fn hangover_bridges_short_pauses() {
    // Pauses of 60 ms are bridged with min_silence 90 ms; the 90 ms one ends the segment.
    let events = run(cfg(0, 0, 90, None), "##..##..##...##");
    assert_eq!(events, segments(&[(0, 300), (390, 450)]));
}

#[test]
fn blips_shorter_than_min_speech_are_dropped() {
    // min_speech 90 ms: a 60 ms blip is dropped, 90 ms of speech (bridged gap included) counts.
    let events = run(cfg(0, 90, 90, None), "##.....#.#.....");
    assert_eq!(events, segments(&[(210, 300)]));
    // Confirmation waits for min_speech, then the start is backdated to the first speech frame.
    let mut s = Segmenter::new(cfg(30, 120, 90, None)).unwrap();
    let mut events = Vec::new();
    for (i, c) in "..####".chars().enumerate() {
        s.push(c == '#', &mut |e| events.push((i, e)));
    }
    assert_eq!(events, [(5, SpeechStart { start_ms: 30 })]);
}

#[test]
fn a_short_candidate_at_the_end_of_the_stream_is_dropped() {
    assert_eq!(run(cfg(0, 120, 90, None), "......##"), []);
}

#[test]
fn flush_closes_an_open_segment() {
    let events = run(cfg(30, 0, 300, None), "..#####");
    assert_eq!(events, segments(&[(30, 210)]));
}

#[test]
fn max_speech_splits_continuous_speech() {
    // 300 ms limit on 600 ms of speech: two back-to-back segments, then the rest.
    let events = run(cfg(0, 0, 90, Some(300)), &"#".repeat(25));
    assert_eq!(events, segments(&[(0, 300), (300, 600), (600, 750)]));
}

#[test]
fn pre_roll_never_overlaps_the_previous_segment() {
    let events = run(cfg(90, 0, 60, None), "##..##");
    assert_eq!(events, segments(&[(0, 120), (120, 180)]));
}

#[test]
fn reset_forgets_the_open_segment_and_the_clock() {
    let mut s = Segmenter::new(cfg(0, 0, 90, None)).unwrap();
    let mut events = Vec::new();
    for _ in 0..5 {
        s.push(true, &mut |e| events.push(e));
    }
    s.reset();
    assert!(!s.in_speech());
    s.push(false, &mut |e| events.push(e));
    s.push(true, &mut |e| events.push(e));
    assert_eq!(
        events,
        [SpeechStart { start_ms: 0 }, SpeechStart { start_ms: 30 }]
    );
}
