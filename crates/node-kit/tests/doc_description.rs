//! `#[node]` without `description`: the struct's doc comment (its first paragraph) is published.

use remotemedia_node_kit::{Described, Frame, Node, Output, Result, node};

#[derive(remotemedia_node_kit::Deserialize, remotemedia_node_kit::JsonSchema)]
struct NoParams {}

/// Passes every frame through
/// unchanged.
///
/// Only the first paragraph is the description; this rustdoc detail is not.
#[node(name = "Through", category = "test")]
struct Through;

/// Documented for rustdoc only.
#[node(
    name = "Labelled",
    category = "test",
    description = "The attribute wins"
)]
struct Labelled;

macro_rules! passthrough {
    ($ty:ident) => {
        impl Node for $ty {
            type Params = NoParams;
            fn new(_: NoParams) -> Result<Self> {
                Ok(Self)
            }
            fn process(&mut self, frame: Frame<'_>, out: &mut Output) -> Result<()> {
                let audio = out.audio_out(frame.sample_rate, frame.channels);
                audio.extend_from_slice(frame.samples);
                Ok(())
            }
        }
    };
}
passthrough!(Through);
passthrough!(Labelled);

#[test]
fn the_first_doc_paragraph_is_the_description() {
    assert_eq!(
        Through::DESCRIPTION,
        "Passes every frame through unchanged."
    );
}

#[test]
fn an_explicit_description_wins_over_the_doc_comment() {
    assert_eq!(Labelled::DESCRIPTION, "The attribute wins");
}
