//! Dot products on explicit 8-lane vectors (`wide`, safe; SSE2 or AVX as compiled), with one
//! weight row read once for several input columns. Left to itself the compiler keeps the lane
//! accumulators in memory and runs 2-4x slower.

use wide::f32x8;

const LANES: usize = 8;

#[inline]
fn load(s: &[f32]) -> f32x8 {
    f32x8::new(s.try_into().expect("8 lanes"))
}

/// `row · col` for each of `N` columns of the same length as `row`.
#[inline]
pub fn dots<const N: usize>(row: &[f32], cols: [&[f32]; N]) -> [f32; N] {
    let len = row.len();
    let cols = cols.map(|c| &c[..len]);
    let body = len - len % LANES;
    let mut acc = [f32x8::ZERO; N];
    for (chunk, w) in row[..body].chunks_exact(LANES).enumerate() {
        let w = load(w);
        let at = chunk * LANES;
        for n in 0..N {
            acc[n] = w.mul_add(load(&cols[n][at..at + LANES]), acc[n]);
        }
    }
    let mut out = [0.0f32; N];
    for n in 0..N {
        let mut sum = acc[n].reduce_add();
        for i in body..len {
            sum += row[i] * cols[n][i];
        }
        out[n] = sum;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::dots;

    #[test]
    fn matches_a_plain_sum_for_lengths_around_the_lane_width() {
        for len in [1, 15, 16, 17, 129 * 3, 256] {
            let row: Vec<f32> = (0..len).map(|i| (i as f32 * 0.37).sin()).collect();
            let a: Vec<f32> = (0..len).map(|i| (i as f32 * 0.11).cos()).collect();
            let b: Vec<f32> = (0..len).map(|i| i as f32 / len as f32).collect();
            let [da, db] = dots(&row, [&a, &b]);
            let ea: f64 = row.iter().zip(&a).map(|(w, x)| f64::from(w * x)).sum();
            let eb: f64 = row.iter().zip(&b).map(|(w, x)| f64::from(w * x)).sum();
            assert!((f64::from(da) - ea).abs() < 1e-4, "{len}: {da} vs {ea}");
            assert!((f64::from(db) - eb).abs() < 1e-4, "{len}: {db} vs {eb}");
        }
    }
}
