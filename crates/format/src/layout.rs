//! Channel layouts of interleaved f32 audio: (de)interleave, downmix to mono, upmix mono, and remap
//! N -> M channels through a gain matrix.

use remotemedia_audio::{
    AudioError, Result, check_out_len, validate_channels, validate_interleaved,
};

/// Interleaves equal-length planes into `out`.
pub fn interleave(planes: &[&[f32]], out: &mut [f32]) -> Result<usize> {
    let channels = validate_channels(planes.len() as u32)? as usize;
    let frames = planes[0].len();
    if let Some((i, p)) = planes.iter().enumerate().find(|(_, p)| p.len() != frames) {
        return Err(AudioError::invalid_input(format!(
            "every plane must have the same length: plane 0 has {frames} samples, plane {i} has {}",
            p.len()
        )));
    }
    check_out_len("out", out.len(), frames * channels)?;
    for (c, plane) in planes.iter().enumerate() {
        for (f, &s) in plane.iter().enumerate() {
            out[f * channels + c] = s;
        }
    }
    Ok(frames * channels)
}

/// Splits interleaved audio into one plane per channel.
pub fn deinterleave(input: &[f32], planes: &mut [&mut [f32]]) -> Result<usize> {
    let frames = validate_interleaved(input.len(), planes.len() as u32)?;
    let channels = planes.len();
    for (c, plane) in planes.iter_mut().enumerate() {
        check_out_len(&format!("plane {c}"), plane.len(), frames)?;
        for (f, o) in plane[..frames].iter_mut().enumerate() {
            *o = input[f * channels + c];
        }
    }
    Ok(frames)
}

/// Averages all channels into mono.
pub fn downmix(input: &[f32], channels: u32, out: &mut [f32]) -> Result<usize> {
    let frames = validate_interleaved(input.len(), channels)?;
    check_out_len("out", out.len(), frames)?;
    let ch = channels as usize;
    if ch == 1 {
        out[..frames].copy_from_slice(input);
        return Ok(frames);
    }
    let gain = 1.0 / ch as f32;
    for (o, frame) in out.iter_mut().zip(input.chunks_exact(ch)) {
        *o = frame.iter().sum::<f32>() * gain;
    }
    Ok(frames)
}

/// Copies mono into each of `channels` channels.
pub fn upmix(input: &[f32], channels: u32, out: &mut [f32]) -> Result<usize> {
    let ch = validate_channels(channels)? as usize;
    check_out_len("out", out.len(), input.len() * ch)?;
    for (frame, &s) in out.chunks_exact_mut(ch).zip(input) {
        frame.fill(s);
    }
    Ok(input.len() * ch)
}

/// Remaps `in_channels` to `out_channels` through `matrix` (row-major: one row per output channel,
/// one column per input channel): `out[c] = sum_i matrix[c][i] * in[i]`.
pub fn remap(
    input: &[f32],
    in_channels: u32,
    out_channels: u32,
    matrix: &[f32],
    out: &mut [f32],
) -> Result<usize> {
    let frames = validate_interleaved(input.len(), in_channels)?;
    let (ci, co) = (
        in_channels as usize,
        validate_channels(out_channels)? as usize,
    );
    if matrix.len() != ci * co {
        return Err(AudioError::invalid_param(format!(
            "remap matrix must have {co} rows of {ci} gains ({} values), got {}",
            ci * co,
            matrix.len()
        )));
    }
    if let Some(bad) = matrix.iter().find(|g| !g.is_finite()) {
        return Err(AudioError::invalid_param(format!(
            "remap matrix gains must be finite, got {bad}"
        )));
    }
    check_out_len("out", out.len(), frames * co)?;
    for (src, dst) in input.chunks_exact(ci).zip(out.chunks_exact_mut(co)) {
        for (o, row) in dst.iter_mut().zip(matrix.chunks_exact(ci)) {
            *o = row.iter().zip(src).map(|(g, s)| g * s).sum();
        }
    }
    Ok(frames * co)
}

#[cfg(test)]
mod tests {
    use super::*;
    use remotemedia_audio::ErrorCode;

    #[test]
    fn interleave_and_deinterleave_are_inverse() {
        let left = [1.0, 2.0, 3.0];
        let right = [-1.0, -2.0, -3.0];
        let mut inter = [0.0; 6];
        interleave(&[&left, &right], &mut inter).unwrap();
        assert_eq!(inter, [1.0, -1.0, 2.0, -2.0, 3.0, -3.0]);
        let (mut l, mut r) = ([0.0; 3], [0.0; 3]);
        deinterleave(&inter, &mut [&mut l, &mut r]).unwrap();
        assert_eq!((l, r), (left, right));
    }

    #[test]
    fn interleave_rejects_unequal_planes() {
        let err = interleave(&[&[1.0, 2.0], &[1.0]], &mut [0.0; 4]).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(err.message.contains("plane 1 has 1"));
    }

    #[test]
    fn downmix_averages_and_upmix_copies() {
        let mut mono = [0.0; 2];
        downmix(&[1.0, 0.0, 0.5, 0.5], 2, &mut mono).unwrap();
        assert_eq!(mono, [0.5, 0.5]);
        let mut st = [0.0; 6];
        upmix(&[0.1, 0.2], 3, &mut st).unwrap();
        assert_eq!(st, [0.1, 0.1, 0.1, 0.2, 0.2, 0.2]);
    }

    #[test]
    fn remap_applies_the_matrix() {
        // stereo -> 3 channels: L, R, (L+R)/2
        let m = [1.0, 0.0, 0.0, 1.0, 0.5, 0.5];
        let mut out = [0.0; 3];
        remap(&[0.2, 0.4], 2, 3, &m, &mut out).unwrap();
        assert!((out[2] - 0.3).abs() < 1e-7);
        assert_eq!(&out[..2], &[0.2, 0.4]);
    }

    #[test]
    fn layout_errors_say_what_is_wrong() {
        let e = downmix(&[0.0; 3], 2, &mut [0.0; 2]).unwrap_err();
        assert!(e.message.contains("not a multiple of 2"));
        let e = upmix(&[0.0], 0, &mut [0.0; 1]).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidParam);
        let e = upmix(&[0.0], 65, &mut [0.0; 65]).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidParam);
        let e = remap(&[0.0; 2], 2, 2, &[1.0; 3], &mut [0.0; 2]).unwrap_err();
        assert!(e.message.contains("2 rows of 2 gains"));
    }
}
