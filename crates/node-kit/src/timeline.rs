//! Where a chain's output sits in time, decided once here for every kit node, fused or not: a
//! frame of the input's rate and length, from a node that has held nothing back, keeps the
//! input's timestamp (nodes that pass frames through); any other frame (a rate change, a node
//! that delays its output) is timed at the output rate from the stream's first timestamp; json
//! values' `startMs` / `endMs` (counted by nodes from the stream's start) move onto the input's
//! timeline.

use serde_json::Value;

use crate::node::{Frame, Output};

#[derive(Debug, Clone, Copy, Default)]
pub struct Timeline {
    started: bool,
    /// Timestamp (ms) of the stream's first frame, when it had one.
    start_ms: Option<f64>,
    /// Sample frames emitted since the start.
    frames_out: u64,
    /// Sample frames taken in since the start.
    frames_in: u64,
}

impl Timeline {
    /// Notes the stream's first timestamp (once per stream).
    pub fn enter(&mut self, timestamp: Option<f64>) {
        if !self.started {
            *self = Self {
                started: true,
                start_ms: timestamp,
                frames_out: 0,
                frames_in: 0,
            };
        }
    }

    pub fn started(&self) -> bool {
        self.started
    }

    /// The timestamp of `out`'s audio (None without audio or without a timed input), counting
    /// its frames; `input` is the frame that produced it (None at end of stream).
    pub fn stamp(&mut self, input: Option<(Frame<'_>, Option<f64>)>, out: &Output) -> Option<f64> {
        // Output so far matches input so far: this output, if as long as this input, is it.
        let in_step = self.frames_in == self.frames_out;
        let frames_of =
            |frame: &Frame<'_>| frame.samples.len() / usize::from(frame.channels.max(1));
        if let Some((frame, _)) = &input {
            self.frames_in += frames_of(frame) as u64;
        }
        if !out.has_audio || out.channels == 0 {
            return None;
        }
        let frames = (out.audio.len() / usize::from(out.channels)) as u64;
        let kept = input.and_then(|(frame, timestamp)| {
            let same_len = frames_of(&frame) == frames as usize;
            (in_step && frame.sample_rate == out.sample_rate && same_len).then_some(timestamp)
        });
        let stamp = match kept {
            Some(timestamp) => timestamp,
            None => self.start_ms.map(|start| {
                start + (self.frames_out as f64 * 1000.0) / f64::from(out.sample_rate)
            }),
        };
        self.frames_out += frames;
        stamp
    }

    /// End of stream: the next frame starts a new timeline.
    pub fn end(&mut self) {
        self.started = false;
    }

    /// `{ port: [values...] }` of a node's json values, times moved onto the input's timeline.
    pub fn json_ports(&self, json: &[(&'static str, Value)]) -> String {
        let offset = self.start_ms.unwrap_or(0.0);
        let mut ports = serde_json::Map::new();
        for (port, value) in json {
            let mut value = value.clone();
            if offset != 0.0 {
                shift(&mut value, offset);
            }
            let entry = ports
                .entry(*port)
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(items) = entry {
                items.push(value);
            }
        }
        Value::Object(ports).to_string()
    }
}

fn shift(value: &mut Value, offset: f64) {
    let Value::Object(fields) = value else {
        return;
    };
    for key in ["startMs", "endMs"] {
        if let Some(ms) = fields.get(key).and_then(Value::as_f64) {
            fields.insert(key.to_owned(), Value::from(ms + offset));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn audio(rate: u32, len: usize) -> Output {
        let mut out = Output::default();
        out.audio_out(rate, 1).resize(len, 0.0);
        out
    }

    #[test]
    fn a_passed_through_frame_keeps_its_timestamp() {
        let mut t = Timeline::default();
        t.enter(Some(1_000.0));
        let input = [0.0; 160];
        let frame = Frame::new(&input, 16_000, 1);
        assert_eq!(
            t.stamp(Some((frame, Some(1_010.0))), &audio(16_000, 160)),
            Some(1_010.0)
        );
        assert_eq!(t.stamp(Some((frame, None)), &audio(16_000, 160)), None);
    }

    #[test]
    fn other_frames_are_timed_at_the_output_rate_from_the_start() {
        let mut t = Timeline::default();
        t.enter(Some(500.0));
        t.enter(Some(9_999.0));
        let input = [0.0; 480];
        let frame = Frame::new(&input, 48_000, 1);
        assert_eq!(
            t.stamp(Some((frame, Some(500.0))), &audio(16_000, 160)),
            Some(500.0)
        );
        assert_eq!(t.stamp(None, &audio(16_000, 80)), Some(510.0));
        assert_eq!(t.stamp(None, &Output::default()), None);
        t.end();
        t.enter(None);
        assert_eq!(t.stamp(None, &audio(16_000, 80)), None);
    }

    #[test]
    fn a_delayed_frame_is_timed_from_the_start_even_when_its_length_matches() {
        // A node holding 5 ms back: 10 ms in gives 5 ms out, then 10 ms in gives 10 ms out, which
        // starts 5 ms into the stream, not where its input frame starts.
        let mut t = Timeline::default();
        t.enter(Some(1_000.0));
        let input = [0.0; 160];
        let frame = Frame::new(&input, 16_000, 1);
        assert_eq!(
            t.stamp(Some((frame, Some(1_000.0))), &audio(16_000, 80)),
            Some(1_000.0)
        );
        assert_eq!(
            t.stamp(Some((frame, Some(1_010.0))), &audio(16_000, 160)),
            Some(1_005.0)
        );
    }

    #[test]
    fn json_times_move_onto_the_input_timeline() {
        let mut t = Timeline::default();
        t.enter(Some(5_000.0));
        let json = [
            ("events", json!({ "type": "speechStart", "startMs": 30 })),
            ("events", json!({ "startMs": 30, "endMs": 90 })),
            ("other", json!(7)),
        ];
        let ports: Value = serde_json::from_str(&t.json_ports(&json)).unwrap();
        assert_eq!(
            ports,
            json!({
                "events": [
                    { "type": "speechStart", "startMs": 5_030.0 },
                    { "startMs": 5_030.0, "endMs": 5_090.0 }
                ],
                "other": [7]
            })
        );
    }
}
