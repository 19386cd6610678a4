//! WAV decode of arbitrary bytes: a decoded file or a coded refusal, never a panic, and never more
//! memory than the bytes can fill (a header claiming 4 GB allocates nothing).
#![no_main]

use libfuzzer_sys::fuzz_target;
use remotemedia_format::wav::{self, WavFormat};
use remotemedia_fuzz::assert_coded;

fuzz_target!(|data: &[u8]| {
    match wav::decode(data) {
        Ok(decoded) => {
            let audio = &decoded.audio;
            assert!(audio.channels >= 1 && audio.sample_rate > 0);
            assert!(
                audio
                    .samples
                    .len()
                    .is_multiple_of(usize::from(audio.channels))
            );
            // Every sample takes at least one byte of the file.
            assert!(audio.samples.len() <= data.len());
            if matches!(decoded.format, WavFormat::Int(_) | WavFormat::IntBits(_)) {
                assert!(
                    audio.samples.iter().all(|s| (-1.0..=1.0).contains(s)),
                    "integer PCM decoded outside [-1, 1]"
                );
            }
            if let WavFormat::Int(_) = decoded.format {
                // Integer PCM re-encodes to a file that decodes to the same samples.
                let bytes = wav::encode(audio, decoded.format, None).expect("re-encode");
                assert_eq!(
                    wav::decode(&bytes).expect("decode re-encoded").audio,
                    *audio
                );
            }
        }
        Err(error) => assert_coded(&error),
    }
});
