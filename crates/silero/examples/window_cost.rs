//! Prints the cost of one 32 ms window on this machine: `cargo run --release --example window_cost`.
//! Counts the thread's on-CPU time (Linux schedstat) as well as wall time, since a shared machine
//! makes wall time say more about the neighbours than about the code.

use std::time::Instant;

use std::sync::Arc;

use remotemedia_silero::{Model, ModelRate, Silero};

/// Nanoseconds this thread has spent on a CPU, where Linux reports it.
fn cpu_ns() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/model/silero_vad_v6.bin");
    let model = Arc::new(Model::load(path.as_ref()).expect("the committed model"));
    for rate in [ModelRate::Hz16000, ModelRate::Hz8000] {
        let mut vad = Silero::new(model.clone(), rate);
        let n = vad.window_len();
        let audio: Vec<f32> = (0..n * 64)
            .map(|i| ((i as f32) * 0.013).sin() * 0.3)
            .collect();
        let windows = 20_000;
        let mut sum = 0.0;
        let (start, cpu_start) = (Instant::now(), cpu_ns());
        for i in 0..windows {
            let at = (i % 64) * n;
            sum += vad.predict(&audio[at..at + n]);
        }
        let wall = start.elapsed().as_secs_f64() * 1e6 / windows as f64;
        let cpu = cpu_start
            .zip(cpu_ns())
            .map(|(a, b)| (b - a) / 1e3 / windows as f64);
        let us = cpu.unwrap_or(wall);
        println!(
            "{} Hz: {us:.1} us on-CPU per 32 ms window ({wall:.1} us wall), {:.0}x realtime (checksum {sum:.3})",
            rate.hz(),
            32_000.0 / us
        );
    }
}
