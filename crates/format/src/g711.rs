//! G.711 companding (ITU-T Rec. G.711): mu-law over 14-bit and A-law over 13-bit linear PCM,
//! through lookup tables built at compile time, so a sample costs one rounding and one load.
//! f32 is rounded to the nearest 14/13-bit step (ties up) and clipped, as sox does, so our bytes
//! equal `sox -D -e u-law` / `-e a-law` for the same samples.

/// Decoded mu-law values on the 16-bit scale (the standard's 14-bit values times 4).
static MULAW_DECODE: [i16; 256] = build_decode(Law::Mu);
/// Decoded A-law values on the 16-bit scale (the standard's 13-bit values times 8).
static ALAW_DECODE: [i16; 256] = build_decode(Law::A);
/// mu-law code of each 14-bit value, indexed by `value + 8192`.
static MULAW_ENCODE: [u8; 16_384] = build_encode(Law::Mu);
/// A-law code of each 13-bit value, indexed by `value + 4096`.
static ALAW_ENCODE: [u8; 8_192] = build_encode(Law::A);

/// Largest mu-law magnitude the segments cover (14-bit units); larger ones take the top code.
const MULAW_CLIP: i32 = 8158;
/// mu-law segments are laid out on `magnitude + 33`, which puts segment edges on powers of two.
const MULAW_BIAS: i32 = 33;

/// Code of a 14-bit linear value (-8192..=8191): sign, 3-bit segment, 4-bit step, all inverted.
const fn mulaw_encode(value: i32) -> u8 {
    let (magnitude, mask) = if value < 0 {
        (-value, 0x7F)
    } else {
        (value, 0xFF)
    };
    let biased = min(magnitude, MULAW_CLIP) + MULAW_BIAS;
    let mut segment = 0;
    while biased >= (64 << segment) {
        segment += 1;
    }
    let step = (biased >> (segment + 1)) & 0xF;
    (((segment << 4) | step) ^ mask) as u8
}

/// Code of a 13-bit linear value (-4096..=4095): sign, 3-bit segment, 4-bit step, even bits
/// inverted. Negative values use their ones' complement, which keeps the code symmetric.
const fn alaw_encode(value: i32) -> u8 {
    let (magnitude, mask) = if value < 0 {
        (-value - 1, 0x55)
    } else {
        (value, 0xD5)
    };
    let magnitude = min(magnitude, 4095);
    let mut segment = 0;
    while segment < 7 && magnitude >= (32 << segment) {
        segment += 1;
    }
    let shift = if segment < 2 { 1 } else { segment };
    let step = (magnitude >> shift) & 0xF;
    (((segment << 4) | step) ^ mask) as u8
}

/// The centre of a mu-law code's interval, in 14-bit units.
const fn mulaw_decode(code: u8) -> i32 {
    let bits = !code as i32;
    let segment = (bits >> 4) & 0x7;
    let step = bits & 0xF;
    let magnitude = ((2 * step + MULAW_BIAS) << segment) - MULAW_BIAS;
    if bits & 0x80 != 0 {
        -magnitude
    } else {
        magnitude
    }
}

/// The centre of an A-law code's interval, in 13-bit units.
const fn alaw_decode(code: u8) -> i32 {
    let bits = (code ^ 0x55) as i32;
    let segment = (bits >> 4) & 0x7;
    let step = bits & 0xF;
    let magnitude = if segment == 0 {
        2 * step + 1
    } else {
        (2 * step + 33) << (segment - 1)
    };
    if bits & 0x80 != 0 {
        magnitude
    } else {
        -magnitude
    }
}

const fn min(a: i32, b: i32) -> i32 {
    if a < b { a } else { b }
}

/// The two laws, so that each table builder below is written once.
#[derive(Clone, Copy)]
enum Law {
    Mu,
    A,
}

/// The decoded value of every code on the 16-bit scale.
const fn build_decode(law: Law) -> [i16; 256] {
    let mut table = [0; 256];
    let mut code = 0;
    while code < 256 {
        let value = match law {
            Law::Mu => mulaw_decode(code as u8) * 4,
            Law::A => alaw_decode(code as u8) * 8,
        };
        table[code] = value as i16;
        code += 1;
    }
    table
}

/// The code of every linear value of the law's range (`N` values), indexed by `value + N / 2`.
const fn build_encode<const N: usize>(law: Law) -> [u8; N] {
    let mut table = [0; N];
    let mut i = 0;
    while i < N {
        let value = i as i32 - (N / 2) as i32;
        table[i] = match law {
            Law::Mu => mulaw_encode(value),
            Law::A => alaw_encode(value),
        };
        i += 1;
    }
    table
}

/// Table index of `x` (full scale 1.0) on a grid of `2 * half` steps: floor(x * half + 0.5) + half,
/// i.e. the nearest step with ties up, clipped; NaN gives the middle (zero). Computed in f64 (exact
/// for every f32) as the truncation of a non-negative value, which compiles to one conversion
/// instead of a call to `floor` on baseline x86-64.
#[inline]
fn table_index(x: f32, half: f64) -> usize {
    let x = if x.is_nan() { 0.0 } else { f64::from(x) };
    (x * half + half + 0.5).clamp(0.0, 2.0 * half - 1.0) as usize
}

/// The mu-law byte of an f32 sample.
#[inline]
pub fn mulaw_from_f32(x: f32) -> u8 {
    MULAW_ENCODE[table_index(x, 8192.0)]
}

/// The A-law byte of an f32 sample.
#[inline]
pub fn alaw_from_f32(x: f32) -> u8 {
    ALAW_ENCODE[table_index(x, 4096.0)]
}

/// A mu-law byte as a 16-bit linear value.
#[inline]
pub fn mulaw_to_s16(code: u8) -> i16 {
    MULAW_DECODE[usize::from(code)]
}

/// An A-law byte as a 16-bit linear value.
#[inline]
pub fn alaw_to_s16(code: u8) -> i16 {
    ALAW_DECODE[usize::from(code)]
}
