//! Prints quality (SNR, stopband, passband) and speed of every preset, the figures behind the
//! preset table in the package README: `cargo run --release -p remotemedia-resample --example tune`.
//! `TUNE_GRID=1` explores settings around the presets instead.

use std::time::Instant;

use remotemedia_resample::analysis::{fit_sine, level_db, sine, snr_db};
use remotemedia_resample::{Precision, Preset, Quality, Resampler};
use rubato::WindowFunction;

const RATES: [(u32, u32); 3] = [(48_000, 16_000), (16_000, 48_000), (44_100, 48_000)];

fn main() {
    println!(
        "| preset | rates | block in/out | latency ms | SNR 1 kHz dB | stopband dB | passband dev dB | x realtime |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    if std::env::var_os("TUNE_GRID").is_some() {
        for precision in [Precision::F32, Precision::F64] {
            for window in [WindowFunction::BlackmanHarris2, WindowFunction::Blackman2] {
                for block in [32, 48, 64, 96, 128, 192, 256, 512] {
                    let preset = Preset {
                        block,
                        window,
                        precision,
                    };
                    report(
                        &format!("{block} {window:?} {precision:?}"),
                        preset,
                        48_000,
                        16_000,
                    );
                }
            }
        }
        return;
    }
    for quality in Quality::ALL {
        for (from, to) in RATES {
            report(quality.as_str(), quality.preset(), from, to);
        }
    }
}

fn resample(input: &[f32], from: u32, to: u32, preset: Preset) -> Vec<f32> {
    let mut r = Resampler::with_preset(from, to, 1, preset).unwrap();
    let mut out = Vec::new();
    r.process(input, &mut out).unwrap();
    r.flush(&mut out);
    out
}

fn report(name: &str, preset: Preset, from: u32, to: u32) {
    let seconds = 10;
    let frames = from as usize * seconds;
    let out_frames = to as usize * seconds;
    let middle = out_frames / 10..out_frames * 9 / 10;
    let amp = 0.5;
    let tone = resample(&sine(1000.0, from, frames, amp), from, to, preset);
    let snr = snr_db(&tone, to, 1000.0, amp, middle.clone());
    let nyquist = f64::from(from.min(to)) / 2.0;
    let stop = if to < from {
        let alias = resample(&sine(nyquist * 2.5, from, frames, amp), from, to, preset);
        format!("{:.1}", -level_db(&alias, amp, middle.clone()))
    } else {
        "-".into()
    };
    let mut worst: f64 = 0.0;
    for i in 1..=17 {
        let f = nyquist * 0.85 * f64::from(i) / 17.0;
        let y = resample(&sine(f, from, frames / 5, amp), from, to, preset);
        let (a, _) = fit_sine(&y, to, f, y.len() / 10..y.len() * 9 / 10);
        worst = worst.max((20.0 * (a / amp).log10()).abs());
    }
    let input = sine(1000.0, from, from as usize * 60, amp);
    let runs = 3;
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(resample(&input, from, to, preset));
    }
    let speed = 60.0 * f64::from(runs) / start.elapsed().as_secs_f64();
    let r = Resampler::with_preset(from, to, 1, preset).unwrap();
    let (bin, bout) = r.block_sizes();
    let latency_ms = r.latency() as f64 * 1000.0 / f64::from(to);
    println!(
        "| {name} | {from}->{to} | {bin}/{bout} | {latency_ms:.1} | {snr:.1} | {stop} | {worst:.4} | {speed:.0} |"
    );
}
