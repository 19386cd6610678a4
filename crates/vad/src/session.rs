//! A detector and a segmenter fed together: decisions out per call, segment events collected.

use remotemedia_audio::Result;

use crate::{Sample, SegmentEvent, Segmenter, SegmenterConfig, Vad, VadConfig};

/// [`Vad`] whose decisions also drive a [`Segmenter`] (when one is configured); events wait in a
/// queue until taken.
#[derive(Debug)]
pub struct VadSession {
    vad: Vad,
    segmenter: Segmenter,
    segmenting: bool,
    events: Vec<SegmentEvent>,
}

impl VadSession {
    /// `segments.frame_ms` is taken from `config`. Without `segments`, no event is produced and
    /// the decisions cost nothing extra.
    pub fn new(config: VadConfig, segments: Option<SegmenterConfig>) -> Result<Self> {
        let vad = Vad::new(config)?;
        let segmenting = segments.is_some();
        let segmenter = Segmenter::new(SegmenterConfig {
            frame_ms: config.frame_ms,
            ..segments.unwrap_or(SegmenterConfig::new(config.frame_ms))
        })?;
        Ok(Self {
            vad,
            segmenter,
            segmenting,
            events: Vec::new(),
        })
    }

    pub fn vad(&self) -> &Vad {
        &self.vad
    }

    /// Like [`Vad::process_scored_into`]; segment events are queued (see
    /// [`VadSession::take_events`]).
    pub fn process_scored_into<T: Sample>(
        &mut self,
        input: &[T],
        out: &mut [u8],
        probabilities: Option<&mut [f32]>,
    ) -> Result<usize> {
        let n = self.vad.process_scored_into(input, out, probabilities)?;
        self.segment(&out[..n]);
        Ok(n)
    }

    /// Like [`Vad::process_with`], feeding the segmenter as frames are decided.
    pub fn process_with<T: Sample>(
        &mut self,
        input: &[T],
        on_frame: &mut impl FnMut(bool),
    ) -> Result<usize> {
        let (segmenter, events, on) = (&mut self.segmenter, &mut self.events, self.segmenting);
        self.vad.process_with(input, &mut |speech| {
            if on {
                segmenter.push(speech, &mut |e| events.push(e));
            }
            on_frame(speech);
        })
    }

    /// Ends the stream: the last buffered frames are decided, an open segment is closed, and
    /// both parts reset for a new stream. Probabilities as in [`Vad::process_scored_into`].
    pub fn flush_scored_into(
        &mut self,
        out: &mut [u8],
        probabilities: Option<&mut [f32]>,
    ) -> Result<usize> {
        let n = self.vad.flush_scored_into(out, probabilities)?;
        self.segment(&out[..n]);
        if self.segmenting {
            let events = &mut self.events;
            self.segmenter.flush(&mut |e| events.push(e));
        }
        Ok(n)
    }

    /// Feeds written decisions to the segmenter, when one is configured.
    fn segment(&mut self, decisions: &[u8]) {
        if !self.segmenting {
            return;
        }
        let events = &mut self.events;
        for &d in decisions {
            self.segmenter.push(d != 0, &mut |e| events.push(e));
        }
    }

    /// Like [`VadSession::flush_scored_into`] with a callback per decision.
    pub fn flush_with(&mut self, on_frame: &mut impl FnMut(bool)) -> usize {
        let (segmenter, events, on) = (&mut self.segmenter, &mut self.events, self.segmenting);
        let n = self.vad.flush_with(&mut |speech| {
            if on {
                segmenter.push(speech, &mut |e| events.push(e));
            }
            on_frame(speech);
        });
        if on {
            segmenter.flush(&mut |e| events.push(e));
        }
        n
    }

    pub fn pending_events(&self) -> usize {
        self.events.len()
    }

    /// The queued events, oldest first; the queue is left empty.
    pub fn take_events(&mut self) -> Vec<SegmentEvent> {
        std::mem::take(&mut self.events)
    }

    /// Drops buffered input, the detector's state, any open segment and queued events.
    pub fn reset(&mut self) {
        self.vad.reset();
        self.segmenter.reset();
        self.events.clear();
    }
}
