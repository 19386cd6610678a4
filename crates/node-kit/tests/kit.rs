//! The kit's public surface: attribute and macro registration, collection, the builder, params
//! schema and validation, and chains.

use remotemedia_node_kit::{
    AudioError, Chain, Described, Deserialize, Frame, JsonSchema, Node, NodeSet, Output, Result,
    assert_node_registered, node, register_node, serde_json::json,
};

/// Multiplies every sample.
#[node(
    name = "Gain",
    category = "audio/effects",
    description = "Multiplies every sample by a gain",
    outputs = ["audio: audio - The scaled frame", "peaks: json"]
)]
struct Gain {
    gain: f32,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct GainParams {
    /// Linear gain factor.
    #[schemars(range(min = 0, max = 16))]
    #[serde(default = "unity")]
    gain: f32,
}

fn unity() -> f32 {
    1.0
}

impl Node for Gain {
    type Params = GainParams;
    fn new(p: GainParams) -> Result<Self> {
        if !(0.0..=16.0).contains(&p.gain) {
            return Err(AudioError::invalid_param(format!(
                "gain must be 0..16, got {}",
                p.gain
            )));
        }
        Ok(Self { gain: p.gain })
    }
    fn process(&mut self, frame: Frame<'_>, out: &mut Output) -> Result<()> {
        let audio = out.audio_out(frame.sample_rate, frame.channels);
        audio.extend(frame.samples.iter().map(|s| s * self.gain));
        Ok(())
    }
    fn reset(&mut self) {}
}

/// Holds back one frame: yields the previous one, and the last one at flush.
struct Delay {
    held: Option<(Vec<f32>, u32, u16)>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct NoParams {}

impl Node for Delay {
    type Params = NoParams;
    fn new(_: NoParams) -> Result<Self> {
        Ok(Self { held: None })
    }
    fn process(&mut self, frame: Frame<'_>, out: &mut Output) -> Result<()> {
        let next = (frame.samples.to_vec(), frame.sample_rate, frame.channels);
        if let Some((samples, rate, ch)) = self.held.replace(next) {
            out.audio_out(rate, ch).extend_from_slice(&samples);
        }
        Ok(())
    }
    fn flush(&mut self, out: &mut Output) -> Result<()> {
        if let Some((samples, rate, ch)) = self.held.take() {
            out.audio_out(rate, ch).extend_from_slice(&samples);
        }
        Ok(())
    }
    fn reset(&mut self) {
        self.held = None;
    }
}

register_node!(
    Delay,
    category = "audio/timing",
    description = "Delays the stream by one frame"
);

fn frame(samples: &[f32]) -> Frame<'_> {
    Frame {
        samples,
        sample_rate: 16_000,
        channels: 1,
    }
}

#[test]
fn attribute_and_macro_describe_and_register_nodes() {
    assert_eq!(Gain::NAME, "Gain");
    assert_eq!(
        Delay::NAME,
        "Delay",
        "register_node! takes the name from the type"
    );
    assert_eq!(Gain::OUTPUTS[0].description, Some("The scaled frame"));
    assert_eq!(Gain::OUTPUTS[1].kind, "json");
    assert_node_registered!(Gain);
    assert_node_registered!(Delay);
    let set = NodeSet::collected(env!("CARGO_CRATE_NAME"));
    // `Fails` is declared inside a test function below: collection finds it there too.
    assert_eq!(
        set.names().collect::<Vec<_>>(),
        ["Delay", "Fails", "Gain", "Strict"]
    );
    assert!(NodeSet::collected("another_crate").names().next().is_none());
}

#[test]
#[should_panic(expected = "node 'Gain' is not registered")]
fn assert_node_registered_fails_for_a_missing_node() {
    assert_node_registered!(Gain, NodeSet::builder().node::<Delay>().build());
}

/// Publishes a gain of 0..=16 but refuses more than 8: a schema that is not what the node takes.
#[node(
    name = "Strict",
    category = "test",
    description = "Refuses half of its published range"
)]
struct Strict;

impl Node for Strict {
    type Params = GainParams;
    fn new(p: GainParams) -> Result<Self> {
        if p.gain > 8.0 {
            return Err(AudioError::invalid_param("gain must be at most 8"));
        }
        Ok(Self)
    }
    fn process(&mut self, _: Frame<'_>, _: &mut Output) -> Result<()> {
        Ok(())
    }
}

#[test]
#[should_panic(expected = "the params schema 'Strict' publishes is not what it accepts")]
fn assert_node_registered_fails_for_a_schema_the_node_does_not_keep() {
    assert_node_registered!(Strict, NodeSet::builder().node::<Strict>().build());
}

#[test]
fn builder_adds_conditionally_transforms_params_and_rejects_duplicates() {
    let set = NodeSet::builder()
        .node::<Delay>()
        .node_if::<Gain>(false)
        .build();
    assert_eq!(set.names().collect::<Vec<_>>(), ["Delay"]);

    let loud = NodeSet::builder()
        .node_with::<Gain>(|_| json!({ "gain": 2.0 }))
        .build();
    let mut gain = loud.create("Gain", &json!({})).unwrap();
    let mut out = Output::default();
    gain.process(frame(&[0.25]), &mut out).unwrap();
    assert_eq!(out.audio, [0.5]);

    let merged = NodeSet::builder().node::<Gain>().merge(&set).build();
    assert_eq!(merged.names().count(), 2);
    let err = NodeSet::builder()
        .node::<Gain>()
        .node::<Gain>()
        .try_build()
        .unwrap_err();
    assert_eq!(err.message, "node type 'Gain' is registered twice");
}

#[test]
fn metadata_has_a_schema_derived_from_the_params_type() {
    let meta = NodeSet::builder()
        .node::<Gain>()
        .build()
        .metadata()
        .remove(0);
    let value = remotemedia_node_kit::serde_json::to_value(&meta).unwrap();
    assert_eq!(
        value,
        json!({
            "type": "Gain", "runtime": "rust", "category": "audio/effects",
            "description": "Multiplies every sample by a gain",
            "params": {
                "type": "object", "additionalProperties": false,
                "properties": { "gain": {
                    "type": "number", "minimum": 0, "maximum": 16, "default": 1.0,
                    "description": "Linear gain factor."
                } }
            },
            "inputs": [{ "name": "audio", "type": "audio" }],
            "outputs": [
                { "name": "audio", "type": "audio", "description": "The scaled frame" },
                { "name": "peaks", "type": "json" }
            ]
        })
    );
}

#[test]
fn create_validates_params_and_names_the_problem() {
    let set = NodeSet::builder().node::<Gain>().build();
    let unknown = set.create("Gain", &json!({ "gian": 2 })).err().unwrap();
    assert_eq!(unknown.code.as_str(), "ERR_INVALID_PARAM");
    assert!(
        unknown.message.contains("unknown param 'gian'"),
        "{}",
        unknown.message
    );
    let range = set.create("Gain", &json!({ "gain": 99 })).err().unwrap();
    // The published schema bound is the one enforced, with the same words everywhere.
    assert_eq!(range.message, "gain must be a number from 0 to 16, got 99");
    let missing = set.create("Nope", &json!(null)).err().unwrap();
    assert_eq!(
        missing.message,
        "unknown node type 'Nope'; this package has: Gain"
    );
}

#[test]
fn chain_equals_nodes_run_one_by_one_including_flush() {
    let set = NodeSet::collected(env!("CARGO_CRATE_NAME"));
    let params = json!({ "gain": 3.0 });
    let mut chain = Chain::new(vec![
        set.create("Gain", &params).unwrap(),
        set.create("Delay", &json!(null)).unwrap(),
        set.create("Gain", &params).unwrap(),
    ]);
    let (mut a, mut b, mut c) = (
        set.create("Gain", &params).unwrap(),
        set.create("Delay", &json!(null)).unwrap(),
        set.create("Gain", &params).unwrap(),
    );
    let (mut oa, mut ob, mut oc) = (Output::default(), Output::default(), Output::default());
    let mut fused = Vec::new();
    let mut single = Vec::new();
    for i in 0..4 {
        let input = [i as f32, 0.5];
        chain.process(frame(&input), None).unwrap();
        fused.push(chain.output(2).unwrap().frame().map(|f| f.samples.to_vec()));
        a.process(frame(&input), &mut oa).unwrap();
        b.process(oa.frame().unwrap(), &mut ob).unwrap();
        single.push(ob.frame().map(|f| {
            c.process(f, &mut oc).unwrap();
            oc.audio.clone()
        }));
    }
    assert_eq!(fused[0], None, "the delay holds the first frame back");
    chain.flush().unwrap();
    fused.push(chain.output(2).unwrap().frame().map(|f| f.samples.to_vec()));
    b.flush(&mut ob).unwrap();
    c.process(ob.frame().unwrap(), &mut oc).unwrap();
    single.push(Some(oc.audio.clone()));
    assert_eq!(fused, single);
    assert_eq!(fused[4], Some(vec![27.0, 4.5]));
    assert_eq!(chain.stats()[0].calls, 5);
    assert_eq!(
        chain.stats()[2].calls,
        4,
        "the last gain did not run on the held-back first frame"
    );
}

#[test]
fn chain_reports_which_node_failed() {
    struct Fails;
    impl Node for Fails {
        type Params = NoParams;
        fn new(_: NoParams) -> Result<Self> {
            Ok(Self)
        }
        fn process(&mut self, _: Frame<'_>, _: &mut Output) -> Result<()> {
            Err(AudioError::invalid_input("bad frame"))
        }
        fn reset(&mut self) {}
    }
    register_node!(Fails, category = "test", description = "Always fails");
    let set = NodeSet::builder().node::<Gain>().node::<Fails>().build();
    let mut chain = Chain::new(vec![
        set.create("Gain", &json!(null)).unwrap(),
        set.create("Fails", &json!(null)).unwrap(),
    ]);
    let (index, err) = chain.process(frame(&[1.0]), None).unwrap_err();
    assert_eq!((index, err.message.as_str()), (1, "bad frame"));
}

#[test]
fn a_node_missing_required_metadata_does_not_compile() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
