//! Kit node creation from arbitrary params JSON, for every node type of every native crate: a
//! node or a coded refusal; a node that was made processes frames (or refuses them with a code).
#![no_main]

use libfuzzer_sys::fuzz_target;
use remotemedia_fuzz::{assert_coded, install_silero_model};
use remotemedia_node_kit::{Frame, NodeSet, Output};
use serde_json::Value;

/// Every crate's node set; a new engine adds its `node_set()` here.
fn sets() -> [NodeSet; 3] {
    [
        remotemedia_format::node_set(),
        remotemedia_resample::node_set(),
        remotemedia_vad::node_set(),
    ]
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, json)) = data.split_first() else {
        return;
    };
    let Ok(params) = serde_json::from_slice::<Value>(json) else {
        return;
    };
    // The VAD's Silero engine reads the weights the Node package hands it at load time.
    install_silero_model();
    let sets = sets();
    let names: Vec<(&NodeSet, &str)> = sets
        .iter()
        .flat_map(|set| set.names().map(move |name| (set, name)))
        .collect();
    let (set, name) = names[usize::from(pick) % names.len()];
    let mut node = match set.create(name, &params) {
        Ok(node) => node,
        Err(error) => return assert_coded(&error),
    };
    let tone: Vec<f32> = (0..960).map(|i| (i as f32 * 0.05).sin() * 0.5).collect();
    let mut out = Output::default();
    for frame in [
        Frame::new(&tone, 48_000, 2),
        Frame::new(&tone[..320], 16_000, 1),
        Frame::new(&tone[..0], 48_000, 1),
    ] {
        if let Err(error) = node.process(frame, &mut out) {
            assert_coded(&error);
        }
        assert!(
            out.audio.iter().all(|s| s.is_finite()),
            "NaN or Inf out of finite input"
        );
    }
    if let Err(error) = node.flush(&mut out) {
        assert_coded(&error);
    }
});
