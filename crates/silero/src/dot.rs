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
    // Vector pairs, each column cut to the row's length, so no index below is checked.
    let (pairs, odd_one) = rows.as_chunks::<2>();
    let xp = xs.map(|x| &x.as_chunks::<2>().0[..pairs.len()]);
    let zero = simd.splat_f32s(0.0);
    let mut even = [zero; N];
    let mut odd = [zero; N];
    for (p, &[w0, w1]) in pairs.iter().enumerate() {
        for n in 0..N {
            let [x0, x1] = xp[n][p];
            even[n] = simd.mul_add_e_f32s(w0, x0, even[n]);
            odd[n] = simd.mul_add_e_f32s(w1, x1, odd[n]);
        }
    }
    if let [w] = odd_one {
        let last = rows.len() - 1;
        for n in 0..N {
            even[n] = simd.mul_add_e_f32s(*w, xs[n][last], even[n]);
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
    let (xq, x_rest) = xs.as_chunks::<4>();
    let (yq, y_rest) = ys.as_chunks::<4>();
    for (x, y) in xq.iter().zip(yq) {
        for k in 0..4 {
            acc[k] = simd.mul_add_e_f32s(x[k], y[k], acc[k]);
        }
    }
    for (&x, &y) in x_rest.iter().zip(y_rest) {
        acc[0] = simd.mul_add_e_f32s(x, y, acc[0]);
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
