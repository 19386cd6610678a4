//! The floor of the native-chain benchmark (crates/node-kit/README.md): 60 s of 48 kHz stereo
//! speech in 20 ms frames through AudioResample (to 16 kHz) -> VAD -> FormatConverter (mono s16),
//! once as three direct `Node::process` calls per frame, once as one kit `Chain` of the three
//! (what one fused call per frame costs without the JS boundary). Both must give the same bytes.
//!
//! `cargo run --release -p remotemedia-node-kit-bench -- examples/assets/speech-48k-stereo.wav`

use std::time::Instant;

use remotemedia_format::node::FormatConverter;
use remotemedia_node_kit::serde_json::{Value, from_value, json};
use remotemedia_node_kit::{Chain, Frame, Node, NodeSet, Output};
use remotemedia_resample::node::AudioResample;
use remotemedia_vad::node::VadNode;

const RATE: u32 = 48_000;
const CHANNELS: u16 = 2;
const SECONDS: usize = 60;
const RUNS: usize = 7;

fn params() -> [(&'static str, Value); 3] {
    [
        ("AudioResample", json!({ "to": 16_000 })),
        ("VAD", json!({})),
        ("FormatConverter", json!({ "channels": 1, "format": "s16" })),
    ]
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/assets/speech-48k-stereo.wav".into());
    let audio = load(&path);
    let frame_len = (RATE as usize / 50) * usize::from(CHANNELS);
    let frames: Vec<&[f32]> = audio.chunks(frame_len).collect();

    let direct = measure(|| run_direct(&frames));
    let chained = measure(|| run_chain(&frames));
    assert_eq!(
        direct.1, chained.1,
        "the kit chain and the direct calls disagree"
    );
    let per_frame = |ns: u128| ns as f64 / frames.len() as f64 / 1_000.0;
    println!(
        "{} frames of 20 ms ({SECONDS} s), {} PCM bytes out, median of {RUNS} runs",
        frames.len(),
        direct.1.len()
    );
    println!(
        "direct Node::process calls: {:>8.2} ms  {:.2} us/frame",
        direct.0 as f64 / 1e6,
        per_frame(direct.0)
    );
    println!(
        "kit Chain, one call/frame:  {:>8.2} ms  {:.2} us/frame  ({:.3}x the direct calls)",
        chained.0 as f64 / 1e6,
        per_frame(chained.0),
        chained.0 as f64 / direct.0 as f64
    );
}

/// 60 s of the file (looped), interleaved f32.
fn load(path: &str) -> Vec<f32> {
    let reader = hound::WavReader::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let spec = reader.spec();
    assert_eq!(
        (spec.sample_rate, spec.channels),
        (RATE, CHANNELS),
        "{path}"
    );
    let file: Vec<f32> = reader
        .into_samples::<i16>()
        .map(|s| f32::from(s.expect("a readable sample")) / 32_768.0)
        .collect();
    file.iter()
        .copied()
        .cycle()
        .take(RATE as usize * usize::from(CHANNELS) * SECONDS)
        .collect()
}

/// Median wall time of `RUNS` runs, and the output of the last one.
fn measure(mut run: impl FnMut() -> Vec<u8>) -> (u128, Vec<u8>) {
    let mut out = run();
    let mut times: Vec<u128> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            out = run();
            started.elapsed().as_nanos()
        })
        .collect();
    times.sort_unstable();
    (times[RUNS / 2], out)
}

fn run_direct(frames: &[&[f32]]) -> Vec<u8> {
    let [(_, rs), (_, vad), (_, fmt)] = params();
    let mut rs = AudioResample::new(from_value(rs).expect("params")).expect("node");
    let mut vad = VadNode::new(from_value(vad).expect("params")).expect("node");
    let mut fmt = FormatConverter::new(from_value(fmt).expect("params")).expect("node");
    let (mut a, mut b, mut c) = (Output::default(), Output::default(), Output::default());
    let mut pcm = Vec::new();
    for samples in frames {
        for o in [&mut a, &mut b, &mut c] {
            o.clear();
        }
        rs.process(Frame::new(samples, RATE, CHANNELS), &mut a)
            .expect("resample");
        let Some(f) = a.frame() else { continue };
        vad.process(f, &mut b).expect("vad");
        let Some(f) = b.frame() else { continue };
        fmt.process(f, &mut c).expect("format");
        pcm.extend_from_slice(&c.bytes);
    }
    pcm
}

fn all_nodes() -> NodeSet {
    NodeSet::builder()
        .merge(&remotemedia_resample::node_set())
        .merge(&remotemedia_vad::node_set())
        .merge(&remotemedia_format::node_set())
        .build()
}

fn run_chain(frames: &[&[f32]]) -> Vec<u8> {
    let set = all_nodes();
    let nodes = params()
        .iter()
        .map(|(name, p)| set.create(name, p).expect("node"))
        .collect();
    let mut chain = Chain::new(nodes);
    let mut pcm = Vec::new();
    for samples in frames {
        chain
            .process(Frame::new(samples, RATE, CHANNELS), None)
            .map_err(|(_, e)| e)
            .expect("chain");
        let last = chain.tail();
        if last.has_audio {
            pcm.extend_from_slice(&last.bytes);
        }
    }
    pcm
}
