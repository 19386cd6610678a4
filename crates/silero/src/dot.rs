//! Dot products on explicit 8-lane vectors (`wide`, safe; SSE2 or AVX as compiled), with one
//! weight row read once for several input columns. Left to itself the compiler keeps the lane
//! accumulators in memory and runs 2-4x slower.

use wide::f32x8;

const LANES: usize = 8;

#[inline]
fn load(s: &[f32]) -> f32x8 {
    f32x8::new(s.try_into().expect("8 lanes"))
}

/// `row · col` for each of `N` columns of the same length as `row`. Two accumulators per column
/// (four for one column) so consecutive multiply-adds do not wait on each other.
#[inline]
pub fn dots<const N: usize>(row: &[f32], cols: [&[f32]; N]) -> [f32; N] {
    if N == 1 {
        let mut out = [0.0; N];
        out[0] = dot(row, cols[0]);
        return out;
    }
    let len = row.len();
    let cols = cols.map(|c| &c[..len]);
    let body = len - len % (2 * LANES);
    let mut even = [f32x8::ZERO; N];
    let mut odd = [f32x8::ZERO; N];
    for (pair, w) in row[..body].chunks_exact(2 * LANES).enumerate() {
        let (w0, w1) = (load(&w[..LANES]), load(&w[LANES..]));
        let at = pair * 2 * LANES;
        for n in 0..N {
            let x = &cols[n][at..at + 2 * LANES];
            even[n] = w0.mul_add(load(&x[..LANES]), even[n]);
            odd[n] = w1.mul_add(load(&x[LANES..]), odd[n]);
        }
    }
    let mut out = [0.0f32; N];
    for n in 0..N {
        let mut sum = (even[n] + odd[n]).reduce_add();
        for i in body..len {
            sum += row[i] * cols[n][i];
        }
        out[n] = sum;
    }
    out
}

/// `a · b` with four independent accumulators.
#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let len = a.len();
    let b = &b[..len];
    let body = len - len % (4 * LANES);
    let mut acc = [f32x8::ZERO; 4];
    for (x, y) in a[..body]
        .chunks_exact(4 * LANES)
        .zip(b[..body].chunks_exact(4 * LANES))
    {
        for (k, a) in acc.iter_mut().enumerate() {
            let r = k * LANES..(k + 1) * LANES;
            *a = load(&x[r.clone()]).mul_add(load(&y[r]), *a);
        }
    }
    let mut sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])).reduce_add();
    for i in body..len {
        sum += a[i] * b[i];
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::{dot, dots};

    #[test]
    fn matches_a_plain_sum_for_lengths_around_the_lane_width() {
        for len in [1, 15, 16, 17, 31, 33, 64, 65 * 3, 129 * 3, 256] {
            let row: Vec<f32> = (0..len).map(|i| (i as f32 * 0.37).sin()).collect();
            let a: Vec<f32> = (0..len).map(|i| (i as f32 * 0.11).cos()).collect();
            let b: Vec<f32> = (0..len).map(|i| i as f32 / len as f32).collect();
            let [da, db] = dots(&row, [&a, &b]);
            assert_eq!(dots(&row, [&a]), [dot(&row, &a)]);
            let ea: f64 = row.iter().zip(&a).map(|(w, x)| f64::from(w * x)).sum();
            let eb: f64 = row.iter().zip(&b).map(|(w, x)| f64::from(w * x)).sum();
            assert!((f64::from(da) - ea).abs() < 1e-4, "{len}: {da} vs {ea}");
            assert!((f64::from(db) - eb).abs() < 1e-4, "{len}: {db} vs {eb}");
        }
    }
}
