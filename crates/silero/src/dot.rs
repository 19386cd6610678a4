//! Dot products on the widest float vectors the CPU has, chosen at run time (`pulp`, safe: 8
//! lanes with fused multiply-add on AVX2 + FMA, 4 on SSE4.2, NEON on ARM), with one weight row
//! read once for several input columns. Everything is `inline(always)` so it is compiled inside
//! the dispatched forward pass, with that pass's target features.

use pulp::Simd;

/// `row · col` for each of `N` columns at least as long as `row`. Two accumulators per column
/// (four for one column) so consecutive multiply-adds do not wait on each other.
#[inline(always)]
pub fn dots<S: Simd, const N: usize>(simd: S, row: &[f32], cols: [&[f32]; N]) -> [f32; N] {
    if N == 1 {
        let mut out = [0.0; N];
        out[0] = dot(simd, row, cols[0]);
        return out;
    }
    let len = row.len();
    let (rows, tail) = S::as_simd_f32s(row);
    let xs = cols.map(|c| &S::as_simd_f32s(&c[..len]).0[..rows.len()]);
    let zero = simd.splat_f32s(0.0);
    let mut even = [zero; N];
    let mut odd = [zero; N];
    let pairs = rows.len() / 2;
    for p in 0..pairs {
        let (w0, w1) = (rows[2 * p], rows[2 * p + 1]);
        for n in 0..N {
            even[n] = simd.mul_add_e_f32s(w0, xs[n][2 * p], even[n]);
            odd[n] = simd.mul_add_e_f32s(w1, xs[n][2 * p + 1], odd[n]);
        }
    }
    if rows.len() % 2 == 1 {
        let last = rows.len() - 1;
        for n in 0..N {
            even[n] = simd.mul_add_e_f32s(rows[last], xs[n][last], even[n]);
        }
    }
    let body = len - tail.len();
    let mut out = [0.0f32; N];
    for n in 0..N {
        let mut sum = simd.reduce_sum_f32s(simd.add_f32s(even[n], odd[n]));
        for (i, w) in tail.iter().enumerate() {
            sum += w * cols[n][body + i];
        }
        out[n] = sum;
    }
    out
}

/// `a · b` over the length of `a`, with four independent accumulators.
#[inline(always)]
pub fn dot<S: Simd>(simd: S, a: &[f32], b: &[f32]) -> f32 {
    let len = a.len();
    let (xs, tail) = S::as_simd_f32s(a);
    let ys = &S::as_simd_f32s(&b[..len]).0[..xs.len()];
    let mut acc = [simd.splat_f32s(0.0); 4];
    let quads = xs.len() / 4;
    for q in 0..quads {
        for (k, a) in acc.iter_mut().enumerate() {
            *a = simd.mul_add_e_f32s(xs[4 * q + k], ys[4 * q + k], *a);
        }
    }
    for i in 4 * quads..xs.len() {
        acc[0] = simd.mul_add_e_f32s(xs[i], ys[i], acc[0]);
    }
    let pair = [simd.add_f32s(acc[0], acc[1]), simd.add_f32s(acc[2], acc[3])];
    let mut sum = simd.reduce_sum_f32s(simd.add_f32s(pair[0], pair[1]));
    let body = len - tail.len();
    for (i, x) in tail.iter().enumerate() {
        sum += x * b[body + i];
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::{dot, dots};
    use pulp::{Simd, WithSimd};

    fn check<S: Simd>(simd: S) {
        for len in [1, 15, 16, 17, 31, 33, 64, 65 * 3, 129 * 3, 256] {
            let row: Vec<f32> = (0..len).map(|i| (i as f32 * 0.37).sin()).collect();
            let a: Vec<f32> = (0..len).map(|i| (i as f32 * 0.11).cos()).collect();
            let b: Vec<f32> = (0..len).map(|i| i as f32 / len as f32).collect();
            let [da, db] = dots(simd, &row, [&a, &b]);
            assert_eq!(dots(simd, &row, [&a]), [dot(simd, &row, &a)]);
            let one = dot(simd, &row, &a);
            let ea: f64 = row.iter().zip(&a).map(|(w, x)| f64::from(w * x)).sum();
            let eb: f64 = row.iter().zip(&b).map(|(w, x)| f64::from(w * x)).sum();
            assert!((f64::from(da) - ea).abs() < 1e-4, "{len}: {da} vs {ea}");
            assert!((f64::from(db) - eb).abs() < 1e-4, "{len}: {db} vs {eb}");
            assert!((f64::from(one) - ea).abs() < 1e-4, "{len}: {one} vs {ea}");
        }
    }

    struct OnThisCpu;
    impl WithSimd for OnThisCpu {
        type Output = ();
        fn with_simd<S: Simd>(self, simd: S) {
            check(simd);
        }
    }

    #[test]
    fn matches_a_plain_sum_for_lengths_around_the_lane_width() {
        check(pulp::Scalar::new());
        pulp::Arch::new().dispatch(OnThisCpu);
    }
}
