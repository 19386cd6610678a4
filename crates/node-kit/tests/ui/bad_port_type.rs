use remotemedia_node_kit::node;

#[node(name = "Odd", category = "audio/effects", description = "Odd ports", inputs = ["audio: video"])]
struct Odd;

fn main() {}
