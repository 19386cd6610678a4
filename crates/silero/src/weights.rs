//! Reads `model/silero_vad_v6.bin` (written by `scripts/convert_model.py`) into the two networks.

use crate::layers::{Conv, Decoder, Lstm};
use crate::net::Net;

const MAGIC: &[u8; 8] = b"SVAD6\0\0\0";
pub const HIDDEN: usize = 128;

struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn take(&mut self, len: usize) -> Result<Vec<f32>, String> {
        let size = len * 4;
        if self.bytes.len() < size {
            return Err(format!(
                "weights end early: {len} floats wanted, {} bytes left",
                self.bytes.len()
            ));
        }
        let (head, rest) = self.bytes.split_at(size);
        self.bytes = rest;
        Ok(head
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }

    fn conv(&mut self, out_ch: usize, in_ch: usize, stride: usize) -> Result<Conv, String> {
        let weight = self.take(out_ch * in_ch * 3)?;
        let bias = self.take(out_ch)?;
        Ok(Conv::new(weight, bias, in_ch, stride))
    }

    /// One network whose STFT has `n_fft` points (256 at 16 kHz, 128 at 8 kHz).
    fn net(&mut self, n_fft: usize) -> Result<Net, String> {
        let bins = n_fft / 2 + 1;
        let encoder = [
            self.conv(128, bins, 1)?,
            self.conv(64, 128, 2)?,
            self.conv(64, 64, 2)?,
            self.conv(HIDDEN, 64, 1)?,
        ];
        let w_ih = self.take(4 * HIDDEN * HIDDEN)?;
        let w_hh = self.take(4 * HIDDEN * HIDDEN)?;
        let b_ih = self.take(4 * HIDDEN)?;
        let b_hh = self.take(4 * HIDDEN)?;
        let lstm = Lstm::new(&w_ih, &w_hh, &b_ih, &b_hh);
        let dec_w = self.take(HIDDEN)?;
        let dec_b = self.take(1)?;
        Ok(Net {
            n_fft,
            encoder,
            lstm,
            decoder: Decoder {
                weight: dec_w,
                bias: dec_b[0],
            },
        })
    }
}

/// The 16 kHz and 8 kHz networks from `bytes` in the layout `scripts/convert_model.py` writes.
pub fn parse(bytes: &[u8]) -> Result<[Net; 2], String> {
    let body = bytes
        .strip_prefix(MAGIC)
        .ok_or("not a Silero v6 weights file")?;
    let mut reader = Reader { bytes: body };
    let nets = [reader.net(256)?, reader.net(128)?];
    if !reader.bytes.is_empty() {
        return Err(format!(
            "{} bytes left after the weights",
            reader.bytes.len()
        ));
    }
    Ok(nets)
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn shipped() -> Vec<u8> {
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/model/silero_vad_v6.bin"
        ))
        .unwrap()
    }

    #[test]
    fn the_shipped_file_parses_exactly() {
        parse(&shipped()).unwrap();
    }

    #[test]
    fn a_truncated_or_foreign_file_is_refused() {
        let bytes = shipped();
        assert!(parse(&bytes[..bytes.len() - 4]).is_err());
        assert!(parse(b"not a model").is_err());
        let mut longer = bytes;
        longer.extend_from_slice(&[0; 4]);
        assert!(parse(&longer).is_err());
    }
}
