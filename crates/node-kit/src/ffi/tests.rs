#![allow(unsafe_code)]

use remotemedia_audio::{ErrorCode, Result};
use serde::Deserialize;
use serde_json::{Value, json};

use super::*;
use crate::{
    Chain, Described, Frame, KIT_ABI, Node, NodeSet, Output, Pipeline, PortSpec, SharedPipeline,
    Stage,
};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
struct ScaleParams {
    by: f32,
    /// Panics on the frame with this index (0-based), to test the boundary.
    panic_at: Option<u32>,
}

/// Multiplies samples, holds one frame back (so flush has output) and reports a json event.
#[derive(Debug)]
struct Scale {
    params: ScaleParams,
    held: Vec<f32>,
    frames: u32,
}

const AUDIO: PortSpec = PortSpec {
    name: "audio",
    kind: "audio",
    description: None,
};

impl Described for Scale {
    const NAME: &'static str = "Scale";
    const CATEGORY: &'static str = "test";
    const DESCRIPTION: &'static str = "test node";
    const INPUTS: &'static [PortSpec] = &[AUDIO];
    const OUTPUTS: &'static [PortSpec] = &[AUDIO];
}

impl Node for Scale {
    type Params = ScaleParams;
    fn new(params: ScaleParams) -> Result<Self> {
        Ok(Self {
            params,
            held: Vec::new(),
            frames: 0,
        })
    }
    fn process(&mut self, frame: Frame<'_>, out: &mut Output) -> Result<()> {
        self.frames += 1;
        assert_ne!(Some(self.frames - 1), self.params.panic_at, "scale blew up");
        if !self.held.is_empty() {
            let audio = out.audio_out(frame.sample_rate, frame.channels);
            audio.append(&mut self.held);
            out.bytes.extend_from_slice(&self.frames.to_le_bytes());
            out.has_bytes = true;
            out.json.push(("events", json!({ "frame": self.frames })));
        }
        let by = self.params.by;
        self.held.extend(frame.samples.iter().map(|x| x * by));
        Ok(())
    }
    fn flush(&mut self, out: &mut Output) -> Result<()> {
        let audio = out.audio_out(16_000, 1);
        audio.append(&mut self.held);
        Ok(())
    }
    fn reset(&mut self) {
        self.held.clear();
    }
}

fn set() -> NodeSet {
    NodeSet::builder().node::<Scale>().build()
}

fn chain(params: &[Value]) -> Chain {
    let set = set();
    Chain::new(
        params
            .iter()
            .map(|p| set.create("Scale", p).unwrap())
            .collect(),
    )
}

fn scales(bys: &[f32]) -> Vec<Value> {
    bys.iter().map(|by| json!({ "by": by })).collect()
}

/// A pipeline of `head` with `tail` exported as another package would, checked and taken.
fn fused(head: &[Value], tail: &[Value]) -> (Pipeline, SharedPipeline) {
    let shared = SharedPipeline::new(Pipeline::new(chain(tail)));
    let export = export_stage(&shared).unwrap();
    // SAFETY: `export` is a live export of this kit, used by nothing else.
    let stage = unsafe {
        check_export(export).unwrap();
        take_export(export)
    };
    // SAFETY: from `export_stage`, dropped once.
    unsafe { drop_export(export) };
    let mut pipeline = Pipeline::new(chain(head));
    pipeline.attach(Box::new(stage));
    (pipeline, shared)
}

fn input(k: usize) -> Vec<f32> {
    (0..160).map(|i| ((i + k) as f32 * 0.01).sin()).collect()
}

/// The tail's audio, bytes and json after each of `frames` frames, then after flush.
fn drive(stage: &mut dyn Stage, frames: usize) -> Vec<(Vec<f32>, Vec<u8>, String)> {
    let mut seen = Vec::new();
    let tail = stage.len() - 1;
    for k in 0..=frames {
        let samples = input(k);
        let frame = (k < frames).then(|| Frame::new(&samples, 16_000, 1));
        stage.run(frame, k == frames).unwrap();
        let out = stage.output(tail).unwrap();
        seen.push((
            out.audio.to_vec(),
            out.bytes.to_vec(),
            stage.json(tail).unwrap(),
        ));
    }
    seen
}

#[test]
fn a_foreign_stage_runs_like_the_same_nodes_in_one_chain() {
    let (mut pipeline, _shared) = fused(&scales(&[2.0]), &scales(&[0.5, 3.0]));
    let mut reference = chain(&scales(&[2.0, 0.5, 3.0]));
    assert_eq!(pipeline.len(), 3);
    let fused_out = drive(&mut pipeline, 6);
    assert_eq!(fused_out, drive(&mut reference, 6));
    assert!(fused_out[4].2.contains("\"events\""));

    let mut stats = [crate::NodeStats::default(); 3];
    pipeline.stats(&mut stats).unwrap();
    let pairs = |s: &[crate::NodeStats]| s.iter().map(|s| (s.calls, s.ran)).collect::<Vec<_>>();
    assert_eq!(pairs(&stats), pairs(reference.stats()));
    assert!(stats[2].total_ns > 0);
}

#[test]
fn a_stage_with_another_abi_or_layout_is_refused() {
    let shared = SharedPipeline::new(Pipeline::new(chain(&scales(&[1.0]))));
    let export = export_stage_claiming(&shared, KIT_ABI + 1).unwrap();
    // SAFETY: a live export of this kit.
    let err = unsafe { check_export(export) }.unwrap_err();
    assert_eq!(err.code, ErrorCode::AbiMismatch);
    assert!(err.message.contains(&format!("kit ABI {}", KIT_ABI + 1)));

    // SAFETY: the header is ours to edit; the export is dropped once, untaken.
    unsafe {
        (*export).header.abi = KIT_ABI;
        (*export).header.layout ^= 1;
        assert_eq!(
            check_export(export).unwrap_err().code,
            ErrorCode::AbiMismatch
        );
        (*export).header.magic = 0;
        assert_eq!(
            check_export(export).unwrap_err().code,
            ErrorCode::InvalidParam
        );
        drop_export(export);
    }
    // SAFETY: null is refused before any read.
    assert!(unsafe { check_export(std::ptr::null()) }.is_err());
}

#[test]
fn a_panicking_foreign_node_is_an_error_naming_it() {
    let tail = [json!({ "by": 1.0 }), json!({ "by": 1.0, "panic_at": 1 })];
    let (mut pipeline, _shared) = fused(&scales(&[1.0]), &tail);
    let samples = input(0);
    let frame = Frame::new(&samples, 16_000, 1);
    for _ in 0..3 {
        pipeline.run(Some(frame), false).unwrap();
    }
    let (node, err) = pipeline.run(Some(frame), false).unwrap_err();
    assert_eq!(node, 2);
    assert_eq!(err.code, ErrorCode::NativePanic);
    assert!(err.message.contains("scale blew up"), "{}", err.message);
    // The process and the pipeline survive.
    pipeline.run(Some(frame), false).unwrap();
}

#[test]
fn handles_are_taken_once_and_closed_stages_answer_err_closed() {
    let shared = SharedPipeline::new(Pipeline::new(chain(&scales(&[1.0]))));
    let export = export_stage(&shared).unwrap();
    assert!(
        export_stage(&shared).is_err(),
        "one pipeline feeds one host"
    );
    // SAFETY: a live export of this kit, dropped once at the end.
    let stage = unsafe {
        check_export(export).unwrap();
        take_export(export)
    };
    // SAFETY: as above.
    let again = unsafe { check_export(export) }.unwrap_err();
    assert_eq!(again.code, ErrorCode::Closed);
    // SAFETY: as above; taken, so only the export itself is freed.
    unsafe { drop_export(export) };

    let refused = shared.attach(vec![]).unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput);

    let mut pipeline = Pipeline::new(chain(&scales(&[1.0, 1.0])));
    pipeline.attach(Box::new(stage));
    shared.close();
    let samples = input(0);
    let (node, err) = pipeline
        .run(Some(Frame::new(&samples, 16_000, 1)), false)
        .unwrap_err();
    assert_eq!((node, err.code), (2, ErrorCode::Closed));
    drop(pipeline);
    drop(shared);
}

#[test]
fn the_layout_hash_covers_the_header_size() {
    let ours = header(KIT_ABI);
    assert_eq!(ours.magic, STAGE_MAGIC);
    assert_eq!(ours.layout, LAYOUT_HASH);
    assert_eq!(ours.size as usize, std::mem::size_of::<StageExport>());
}
