//! Turns per-frame speech decisions into speech segments: short blips are ignored
//! (`min_speech_ms`), short pauses are bridged (`min_silence_ms`, the hangover), segments are
//! padded on both sides (`speech_pad_ms`) and long ones are split (`max_speech_ms`).

use remotemedia_audio::{AudioError, Result};

/// Segmenter settings, all in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmenterConfig {
    /// Length of one decision frame (10, 20 or 30; 32 for Silero).
    pub frame_ms: u32,
    /// Pre-roll added before the first speech frame and post-roll after the last (the post-roll
    /// is at most the silence already seen, so an end is never in the future).
    pub speech_pad_ms: u32,
    /// Speech (first to last speech frame, bridged pauses included) shorter than this is dropped.
    pub min_speech_ms: u32,
    /// Silence that ends a segment; shorter pauses are bridged.
    pub min_silence_ms: u32,
    /// Segments are never longer than this (padding included): one that would grow past it is
    /// closed and a new one starts; `None`: no limit.
    pub max_speech_ms: Option<u32>,
}

/// Longest pad, minimum speech or minimum silence accepted (ms).
const MAX_SETTING_MS: u32 = 60_000;
/// Shortest accepted `max_speech_ms`.
const MIN_MAX_SPEECH_MS: u32 = 100;

impl SegmenterConfig {
    pub fn new(frame_ms: u32) -> Self {
        Self {
            frame_ms,
            speech_pad_ms: 30,
            min_speech_ms: 90,
            min_silence_ms: 300,
            max_speech_ms: None,
        }
    }

    pub fn validate(&self) -> Result<()> {
        if !crate::FRAME_MS.contains(&self.frame_ms) && self.frame_ms != crate::SILERO_FRAME_MS {
            return Err(AudioError::invalid_param(format!(
                "frameMs must be 10, 20 or 30 (32 with engine 'silero'), got {}",
                self.frame_ms
            )));
        }
        for (name, value) in [
            ("speechPadMs", self.speech_pad_ms),
            ("minSpeechMs", self.min_speech_ms),
            ("minSilenceMs", self.min_silence_ms),
        ] {
            if value > MAX_SETTING_MS {
                return Err(AudioError::invalid_param(format!(
                    "{name} must be from 0 to {MAX_SETTING_MS} ms, got {value}"
                )));
            }
        }
        if let Some(max) = self.max_speech_ms
            && max < MIN_MAX_SPEECH_MS
        {
            return Err(AudioError::invalid_param(format!(
                "maxSpeechMs must be at least {MIN_MAX_SPEECH_MS} ms (or unset for no limit), got {max}"
            )));
        }
        Ok(())
    }
}

/// A segment boundary, in ms from the start of the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentEvent {
    /// Speech was confirmed; the segment (pre-roll included) starts at `start_ms`.
    SpeechStart { start_ms: u64 },
    /// The segment `[start_ms, end_ms)` is over (post-roll included).
    SpeechEnd { start_ms: u64, end_ms: u64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Idle,
    /// Speech seen but not yet `min_speech_ms` of it.
    Candidate {
        first_ms: u64,
        last_end_ms: u64,
    },
    /// A segment whose start was announced.
    Active {
        start_ms: u64,
        last_end_ms: u64,
    },
}

/// The segment state machine, fed one decision per frame.
#[derive(Debug, Clone)]
pub struct Segmenter {
    config: SegmenterConfig,
    state: State,
    /// End of the frames seen so far.
    now_ms: u64,
    /// End of the previous segment: a pre-roll never reaches back before it.
    floor_ms: u64,
}

impl Segmenter {
    pub fn new(config: SegmenterConfig) -> Result<Self> {
        config.validate()?;
        Ok(Self {
            config,
            state: State::Idle,
            now_ms: 0,
            floor_ms: 0,
        })
    }

    pub fn config(&self) -> &SegmenterConfig {
        &self.config
    }

    /// True while a segment has started and not ended.
    pub fn in_speech(&self) -> bool {
        matches!(self.state, State::Active { .. })
    }

    /// Takes the next frame's decision; calls `emit` for each event it completes (at most two: an
    /// end and, when `max_speech_ms` splits continuing speech, the next start).
    pub fn push(&mut self, speech: bool, emit: &mut impl FnMut(SegmentEvent)) {
        let t0 = self.now_ms;
        let t1 = t0 + u64::from(self.config.frame_ms);
        self.now_ms = t1;
        let min_silence = u64::from(self.config.min_silence_ms);
        self.state = match self.state {
            State::Idle if speech => State::Candidate {
                first_ms: t0,
                last_end_ms: t1,
            },
            State::Idle => State::Idle,
            State::Candidate { first_ms, .. } if speech => State::Candidate {
                first_ms,
                last_end_ms: t1,
            },
            State::Candidate { last_end_ms, .. } if t1 - last_end_ms >= min_silence => State::Idle,
            candidate @ State::Candidate { .. } => candidate,
            State::Active { start_ms, .. } if speech => State::Active {
                start_ms,
                last_end_ms: t1,
            },
            State::Active {
                start_ms,
                last_end_ms,
            } if t1 - last_end_ms >= min_silence => {
                self.end(start_ms, self.padded_end(last_end_ms), emit);
                State::Idle
            }
            active @ State::Active { .. } => active,
        };
        self.confirm(emit);
        self.split(speech, emit);
    }

    /// Ends the stream: closes an open segment (a candidate too short to count is dropped),
    /// then resets for a new stream starting at 0 ms.
    pub fn flush(&mut self, emit: &mut impl FnMut(SegmentEvent)) {
        if let State::Active {
            start_ms,
            last_end_ms,
        } = self.state
        {
            self.end(start_ms, self.padded_end(last_end_ms), emit);
        }
        self.reset();
    }

    /// Forgets the stream: no open segment, time back to 0 ms, no event.
    pub fn reset(&mut self) {
        self.state = State::Idle;
        self.now_ms = 0;
        self.floor_ms = 0;
    }

    fn confirm(&mut self, emit: &mut impl FnMut(SegmentEvent)) {
        if let State::Candidate {
            first_ms,
            last_end_ms,
        } = self.state
            && last_end_ms - first_ms >= u64::from(self.config.min_speech_ms)
        {
            let start_ms = first_ms
                .saturating_sub(u64::from(self.config.speech_pad_ms))
                .max(self.floor_ms);
            emit(SegmentEvent::SpeechStart { start_ms });
            self.state = State::Active {
                start_ms,
                last_end_ms,
            };
        }
    }

    fn split(&mut self, speech: bool, emit: &mut impl FnMut(SegmentEvent)) {
        let (
            Some(max),
            State::Active {
                start_ms,
                last_end_ms,
            },
        ) = (self.config.max_speech_ms, self.state)
        else {
            return;
        };
        // Split when one more frame would make the segment longer than `max`.
        if self.now_ms + u64::from(self.config.frame_ms) - start_ms <= u64::from(max) {
            return;
        }
        self.end(start_ms, self.padded_end(last_end_ms), emit);
        self.state = if speech {
            emit(SegmentEvent::SpeechStart {
                start_ms: self.now_ms,
            });
            State::Active {
                start_ms: self.now_ms,
                last_end_ms: self.now_ms,
            }
        } else {
            State::Idle
        };
    }

    fn padded_end(&self, last_end_ms: u64) -> u64 {
        (last_end_ms + u64::from(self.config.speech_pad_ms)).min(self.now_ms)
    }

    fn end(&mut self, start_ms: u64, end_ms: u64, emit: &mut impl FnMut(SegmentEvent)) {
        emit(SegmentEvent::SpeechEnd { start_ms, end_ms });
        self.floor_ms = end_ms;
    }
}
