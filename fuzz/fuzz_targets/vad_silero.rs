//! The Silero VAD stream (network + hysteresis + segmenter) under arbitrary rates, channels,
//! thresholds, segmenter settings, chunk sizes and samples: chunked decisions, probabilities and
//! segments equal the whole-buffer ones, every probability out of finite input is a number in
//! [0, 1], and NaN input is refused with a code without disturbing the stream.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use remotemedia_fuzz::{
    RATES, Streaming, arbitrary_segments, assert_coded, check_chunking, frames_and_plan,
    install_silero_model, with_session_pair,
};
use remotemedia_vad::{SegmentEvent, VadConfig, VadSession};

#[derive(Debug, PartialEq)]
enum Out {
    Decision { speech: bool, probability: f32 },
    Event(SegmentEvent),
}

struct Stream<'a> {
    session: &'a mut VadSession,
    /// Events are compared as their own sequence, as in vad_webrtc.
    events: Vec<SegmentEvent>,
    channels: usize,
    poke: bool,
}

impl Stream<'_> {
    fn emit(&mut self, speech: &[u8], probabilities: &[f32], out: &mut Vec<Out>) {
        for (&s, &probability) in speech.iter().zip(probabilities) {
            assert!(
                (0.0..=1.0).contains(&probability),
                "probability {probability} out of finite input"
            );
            out.push(Out::Decision {
                speech: s != 0,
                probability,
            });
        }
        self.events.extend(self.session.take_events());
    }
}

impl Streaming for Stream<'_> {
    type Out = Out;
    fn push(&mut self, chunk: &[f32], out: &mut Vec<Out>) {
        let ready = self.session.vad().frames_ready(chunk.len());
        let (mut speech, mut probs) = (vec![0u8; ready], vec![0f32; ready]);
        if chunk.is_empty() {
            let refused = self
                .session
                .process_scored_into(chunk, &mut speech, Some(&mut probs));
            assert_coded(&refused.unwrap_err());
            return;
        }
        if self.poke {
            let mut bad = vec![0.25; self.channels];
            bad[self.channels - 1] = f32::NAN;
            let refused = self
                .session
                .process_scored_into(&bad, &mut speech, Some(&mut probs));
            assert_coded(&refused.unwrap_err());
        }
        let n = self
            .session
            .process_scored_into(chunk, &mut speech, Some(&mut probs))
            .unwrap();
        assert_eq!(n, ready, "frames_ready is exact");
        self.emit(&speech, &probs, out);
    }
    fn finish(&mut self, out: &mut Vec<Out>) {
        let len = self.session.vad().flush_len();
        let (mut speech, mut probs) = (vec![0u8; len], vec![0f32; len]);
        let n = self
            .session
            .flush_scored_into(&mut speech, Some(&mut probs))
            .unwrap();
        self.emit(&speech[..n], &probs[..n], out);
        out.extend(self.events.drain(..).map(Out::Event));
    }
}

fn run(data: &[u8]) -> Result<()> {
    install_silero_model();
    let mut u = Unstructured::new(data);
    let threshold = f32::from(u.int_in_range(1..=99u8)?) / 100.0;
    let config = VadConfig {
        channels: u.int_in_range(1..=2u32)?,
        threshold,
        neg_threshold: threshold * f32::from(u.int_in_range(0..=100u8)?) / 100.0,
        ..VadConfig::silero(*u.choose(&RATES)?)
    };
    let segments = arbitrary_segments(&mut u, &config)?;
    // Out-of-range thresholds are coded refusals.
    let wild = VadConfig {
        threshold: u.arbitrary()?,
        neg_threshold: u.arbitrary()?,
        ..config
    };
    if let Err(e) = VadSession::new(wild, None) {
        assert_coded(&e);
    }
    let poke = u.arbitrary()?;
    let ch = config.channels as usize;
    let (samples, plan) = frames_and_plan(u, ch, 8_192)?;
    with_session_pair(config, segments, |whole, chunked| {
        let stream = |session, poke| Stream {
            session,
            events: Vec::new(),
            channels: ch,
            poke,
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
