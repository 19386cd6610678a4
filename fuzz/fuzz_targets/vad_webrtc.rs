//! The webrtc VAD stream (detector + segmenter) under arbitrary rates, channels, modes, frame
//! lengths, segmenter settings, chunk sizes and samples: chunked decisions and segments equal the
//! whole-buffer ones, and NaN input is refused with a code without disturbing the stream.
//! Another VAD engine gets its own target built the same way on `check_chunking`.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use remotemedia_fuzz::{
    RATES, Streaming, arbitrary_segments, assert_coded, check_chunking, frames_and_plan,
    with_session_pair,
};
use remotemedia_vad::{FRAME_MS, Mode, SegmentEvent, SegmenterConfig, VadConfig, VadSession};

#[derive(Debug, PartialEq)]
enum Out {
    Decision(bool),
    Event(SegmentEvent),
}

struct Stream<'a> {
    session: &'a mut VadSession,
    /// Events are compared as their own sequence: when they surface between decisions depends
    /// on the chunking, their content must not.
    events: Vec<SegmentEvent>,
    channels: usize,
    poke: bool,
    pcm16: bool,
}

impl Stream<'_> {
    fn drain(&mut self) {
        self.events.extend(self.session.take_events());
    }
}

impl Streaming for Stream<'_> {
    type Out = Out;
    fn push(&mut self, chunk: &[f32], out: &mut Vec<Out>) {
        let mut decide = |speech| out.push(Out::Decision(speech));
        if chunk.is_empty() {
            // Empty input is refused (it is almost always a caller's bug), and changes nothing.
            assert_coded(&self.session.process_with(chunk, &mut decide).unwrap_err());
            return;
        }
        if self.poke {
            let bad = vec![f32::NAN; self.channels];
            assert_coded(&self.session.process_with(&bad, &mut decide).unwrap_err());
        }
        if self.pcm16 {
            let pcm: Vec<i16> = chunk.iter().map(|s| (s * 32_768.0) as i16).collect();
            self.session.process_with(&pcm, &mut decide).unwrap();
        } else {
            self.session.process_with(chunk, &mut decide).unwrap();
        }
        self.drain();
    }
    fn finish(&mut self, out: &mut Vec<Out>) {
        self.session
            .flush_with(&mut |speech| out.push(Out::Decision(speech)));
        self.drain();
        out.extend(self.events.drain(..).map(Out::Event));
    }
}

fn run(data: &[u8]) -> Result<()> {
    let mut u = Unstructured::new(data);
    // The webrtc engine (VadConfig::new's default); thresholds only steer silero.
    let config = VadConfig {
        channels: u.int_in_range(1..=2u32)?,
        mode: *u.choose(&Mode::ALL)?,
        frame_ms: *u.choose(&FRAME_MS)?,
        ..VadConfig::new(*u.choose(&RATES)?)
    };
    let segments = arbitrary_segments(&mut u, &config)?;
    // Out-of-range settings are coded refusals.
    let wild = SegmenterConfig {
        min_silence_ms: u.arbitrary()?,
        ..segments
    };
    if let Err(e) = VadSession::new(config, Some(wild)) {
        assert_coded(&e);
    }
    let (poke, pcm16) = (u.arbitrary()?, u.arbitrary()?);
    let ch = config.channels as usize;
    let (samples, plan) = frames_and_plan(u, ch, 8_192)?;
    with_session_pair(config, segments, |whole, chunked| {
        let stream = |session, poke| Stream {
            session,
            events: Vec::new(),
            channels: ch,
            poke,
            pcm16,
        };
        check_chunking(
            &mut stream(whole, false),
            &mut stream(chunked, poke),
            &samples,
            ch,
            &plan,
        );
    });
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
