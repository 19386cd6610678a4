//! The ceiling for the Node binding: rubato called directly, on the cases of the package benchmark.
//! Prints one JSON line per measurement (median seconds per run), read by `bench/resample.bench.mjs`:
//! `cargo run --release -p remotemedia-resample --example raw_rubato`

use std::time::Instant;

use remotemedia_resample::analysis::sine;
use remotemedia_resample::{Quality, Resampler as Ours};
use rubato::audioadapter_buffers::direct::InterleavedSlice;
use rubato::{Fft, FixedSync, Resampler, WindowFunction};

const CASES: [(&str, u32, u32, usize); 3] = [
    ("48k->16k mono", 48_000, 16_000, 1),
    ("44.1k->48k stereo", 44_100, 48_000, 2),
    ("16k->48k mono", 16_000, 48_000, 1),
];

fn median_secs(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

fn emit(case: &str, name: &str, secs: f64) {
    println!("{{\"case\":\"{case}\",\"name\":\"{name}\",\"seconds\":{secs}}}");
}

/// rubato's whole-clip API on the FFT resampler: `block_in` frames per sub-chunk, `sub_chunks` per call.
fn clip<T: rubato::Sample>(
    input: &[T],
    from: u32,
    to: u32,
    ch: usize,
    chunk: usize,
    sub: usize,
) -> usize {
    let mut fft = Fft::<T>::new_custom(
        from as usize,
        to as usize,
        chunk,
        sub,
        ch,
        WindowFunction::BlackmanHarris2,
        FixedSync::Both,
    )
    .unwrap();
    let frames = input.len() / ch;
    let needed = fft.process_all_needed_output_len(frames);
    let mut out = vec![T::coerce_from(0.0); needed * ch];
    let input = InterleavedSlice::new(input, ch, frames).unwrap();
    let mut output = InterleavedSlice::new_mut(&mut out, ch, needed).unwrap();
    fft.process_all_into_buffer(&input, &mut output, frames, None)
        .unwrap()
        .1
}

fn main() {
    for (case, from, to, ch) in CASES {
        let mono = sine(1000.0, from, from as usize * 60, 0.5);
        let input: Vec<f32> = mono
            .iter()
            .flat_map(|v| std::iter::repeat_n(*v, ch))
            .collect();
        let input64: Vec<f64> = input.iter().map(|v| f64::from(*v)).collect();
        // Same filter as our 'high' preset (block sizes from our plan), one block per call.
        let (block_in, _) = Ours::new(from, to, ch as u32, Quality::High)
            .unwrap()
            .block_sizes();
        emit(
            case,
            "rubato f64, high's filter",
            median_secs(5, || {
                std::hint::black_box(clip(&input64, from, to, ch, block_in, 1));
            }),
        );
        emit(
            case,
            "rubato f64, high's filter, 16 blocks per call",
            median_secs(5, || {
                std::hint::black_box(clip(&input64, from, to, ch, block_in * 16, 16));
            }),
        );
        emit(
            case,
            "rubato f32, high's filter, 16 blocks per call",
            median_secs(5, || {
                std::hint::black_box(clip(&input, from, to, ch, block_in * 16, 16));
            }),
        );
        emit(
            case,
            "rubato default Fft::new(1024)",
            median_secs(5, || {
                let mut fft =
                    Fft::<f32>::new(from as usize, to as usize, 1024, ch, FixedSync::Input)
                        .unwrap();
                let frames = input.len() / ch;
                std::hint::black_box(
                    fft.process_all(
                        &InterleavedSlice::new(&input, ch, frames).unwrap(),
                        frames,
                        None,
                    )
                    .unwrap(),
                );
            }),
        );
        emit(
            case,
            "remotemedia-resample high (Rust API)",
            median_secs(5, || {
                std::hint::black_box(
                    remotemedia_resample::resample(&input, from, to, ch as u32, Quality::High)
                        .unwrap(),
                );
            }),
        );
    }
    streaming();
}

/// Per-call cost of 20 ms frames of 48 kHz stereo to 16 kHz: rubato with a 960-frame input chunk
/// (allocation-free `process_into_buffer`) and our Rust API.
fn streaming() {
    let case = "20 ms frames 48k->16k stereo";
    let frame: Vec<f32> = sine(1000.0, 48_000, 1920, 0.5);
    let (block_in, _) = Ours::new(48_000, 16_000, 2, Quality::High)
        .unwrap()
        .block_sizes();
    let mut fft = Fft::<f64>::new_custom(
        48_000,
        16_000,
        960,
        960 / block_in.min(960),
        2,
        WindowFunction::BlackmanHarris2,
        FixedSync::Input,
    )
    .unwrap();
    let frame64: Vec<f64> = frame.iter().map(|v| f64::from(*v)).collect();
    let mut out = vec![0.0f64; fft.output_frames_max() * 2];
    let calls = 20_000;
    let per_call = median_secs(5, || {
        for _ in 0..calls {
            let input = InterleavedSlice::new(&frame64, 2, 960).unwrap();
            let frames = out.len() / 2;
            let mut output = InterleavedSlice::new_mut(&mut out, 2, frames).unwrap();
            std::hint::black_box(fft.process_into_buffer(&input, &mut output, None).unwrap());
        }
    }) / calls as f64;
    emit(case, "rubato f64 FixedSync::Input chunk 960", per_call);
    let mut ours = Ours::new(48_000, 16_000, 2, Quality::High).unwrap();
    let mut out = vec![0.0f32; 4096];
    let per_call = median_secs(5, || {
        for _ in 0..calls {
            std::hint::black_box(ours.process_into(&frame, &mut out).unwrap());
        }
    }) / calls as f64;
    emit(case, "remotemedia-resample high (Rust API)", per_call);
}
