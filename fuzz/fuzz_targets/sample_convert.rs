//! Every sample-format and channel-layout conversion on arbitrary bytes and samples: no panic,
//! wrong buffer sizes refused with a code, integer round trips exact, chunked equals whole, and
//! finite samples in give finite samples out.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use remotemedia_format::sample::{self, SampleFormat};
use remotemedia_format::{Dither, layout};
use remotemedia_fuzz::{assert_coded, chunk_plan};

const FORMATS: [SampleFormat; 6] = [
    SampleFormat::U8,
    SampleFormat::S16,
    SampleFormat::S24,
    SampleFormat::S32,
    SampleFormat::MuLaw,
    SampleFormat::ALaw,
];

fn integer_formats(u: &mut Unstructured<'_>, bytes: &[u8]) -> Result<()> {
    let format = *u.choose(&FORMATS)?;
    let width = format.bytes_per_sample();
    let n = match sample::samples_in_bytes(bytes.len(), format) {
        Ok(n) => n,
        Err(e) => {
            assert_coded(&e);
            bytes.len() / width
        }
    };
    let bytes = &bytes[..n * width];
    let mut f = vec![0.0f32; n];
    assert_eq!(sample::bytes_to_f32(bytes, format, &mut f).unwrap(), n);
    assert!(
        f.iter().all(|s| (-1.0..=1.0).contains(s)),
        "{format:?} out of range"
    );
    // A short output buffer is a coded refusal.
    if n > 0 {
        assert_coded(&sample::bytes_to_f32(bytes, format, &mut f[1..]).unwrap_err());
    }
    let mut back = vec![0u8; bytes.len()];
    sample::f32_to_bytes(&f, format, &mut back, None).unwrap();
    match format {
        SampleFormat::S32 => {}
        // Two G.711 codes decode to zero (+0 and -0), so the codes may differ: the values not.
        SampleFormat::MuLaw | SampleFormat::ALaw => {
            let mut again = vec![0.0f32; n];
            sample::bytes_to_f32(&back, format, &mut again).unwrap();
            assert_eq!(again, f, "{format:?} -> f32 -> {format:?} changed a value");
        }
        _ => assert_eq!(back, bytes, "{format:?} -> f32 -> {format:?} is not exact"),
    }
    // Chunked conversion writes the same bytes as one call.
    let plan = chunk_plan(u, n)?;
    let mut chunked = vec![0u8; bytes.len()];
    let mut at = 0;
    for len in plan {
        let (src, dst) = (
            &f[at..at + len],
            &mut chunked[at * width..(at + len) * width],
        );
        sample::f32_to_bytes(src, format, dst, None).unwrap();
        at += len;
    }
    assert_eq!(chunked, back);
    Ok(())
}

fn any_floats(u: &mut Unstructured<'_>, raw: &[f32]) -> Result<()> {
    let format = *u.choose(&FORMATS)?;
    let dithered = u.arbitrary::<bool>()?;
    let mut dither = Dither::new(Some(u.arbitrary()?));
    let mut bytes = vec![0u8; raw.len() * format.bytes_per_sample()];
    if dithered && format.is_companded() {
        // Dither is for linear PCM; asking for it with G.711 is a coded refusal.
        let refused = sample::f32_to_bytes(raw, format, &mut bytes, Some(&mut dither));
        assert_coded(&refused.unwrap_err());
        sample::f32_to_bytes(raw, format, &mut bytes, None).unwrap();
    } else {
        sample::f32_to_bytes(raw, format, &mut bytes, dithered.then_some(&mut dither)).unwrap();
    }
    let mut s16 = vec![0i16; raw.len()];
    sample::f32_to_s16(raw, &mut s16, dithered.then_some(&mut dither)).unwrap();
    let mut s32 = vec![0i32; raw.len()];
    sample::f32_to_s32(raw, &mut s32, dithered.then_some(&mut dither)).unwrap();
    let mut f = vec![0.0f32; raw.len()];
    sample::s16_to_f32(&s16, &mut f).unwrap();
    sample::s32_to_f32(&s32, &mut f).unwrap();
    assert!(f.iter().all(|s| s.is_finite()));
    Ok(())
}

fn layouts(u: &mut Unstructured<'_>, samples: &[f32]) -> Result<()> {
    let channels = u.int_in_range(1..=8u32)?;
    let ch = channels as usize;
    let frames = samples.len() / ch;
    let input = &samples[..frames * ch];
    let mut mono = vec![0.0f32; frames];
    layout::downmix(input, channels, &mut mono).unwrap();
    let mut up = vec![0.0f32; frames * ch];
    layout::upmix(&mono, channels, &mut up).unwrap();
    let mut planes = vec![vec![0.0f32; frames]; ch];
    let mut views: Vec<&mut [f32]> = planes.iter_mut().map(|p| p.as_mut_slice()).collect();
    layout::deinterleave(input, &mut views).unwrap();
    let views: Vec<&[f32]> = planes.iter().map(|p| p.as_slice()).collect();
    let mut again = vec![0.0f32; input.len()];
    layout::interleave(&views, &mut again).unwrap();
    assert_eq!(
        again, input,
        "deinterleave + interleave is not the identity"
    );
    let out_channels = u.int_in_range(1..=8u32)?;
    let matrix: Vec<f32> = (0..ch * out_channels as usize)
        .map(|_| Ok(f32::from(u.arbitrary::<i8>()?) / 64.0))
        .collect::<Result<_>>()?;
    let mut remapped = vec![0.0f32; frames * out_channels as usize];
    layout::remap(input, channels, out_channels, &matrix, &mut remapped).unwrap();
    for out in [&mono, &up, &remapped] {
        assert!(
            out.iter().all(|s| s.is_finite()),
            "NaN or Inf out of finite input"
        );
    }
    // A wrong channel count or a short output is refused with a code, not a panic.
    let bad = u.arbitrary::<u32>()?;
    if let Err(e) = layout::downmix(input, bad, &mut mono) {
        assert_coded(&e);
    }
    if frames > 0 {
        assert_coded(&layout::upmix(&mono, channels, &mut up[1..]).unwrap_err());
    }
    Ok(())
}

fn run(data: &[u8]) -> Result<()> {
    let mut u = Unstructured::new(data);
    let split = u.int_in_range(0..=u16::MAX)?;
    let rest = u.peek_bytes(u.len()).unwrap_or_default().to_vec();
    let (bytes, _) = rest.split_at(usize::from(split).min(rest.len()));
    integer_formats(&mut u, bytes)?;
    let raw: Vec<f32> = bytes
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    any_floats(&mut u, &raw)?;
    // Audio beyond full scale is allowed, but not so far that a sum of 8 channels overflows f32.
    let finite: Vec<f32> = raw
        .iter()
        .map(|s| {
            if s.is_finite() {
                s.clamp(-1e4, 1e4)
            } else {
                0.0
            }
        })
        .collect();
    layouts(&mut u, &finite)
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
