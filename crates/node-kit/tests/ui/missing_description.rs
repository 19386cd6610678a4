use remotemedia_node_kit::node;

#[node(name = "Silent", category = "audio/effects")]
struct Silent;

fn main() {}
