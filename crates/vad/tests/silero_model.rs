//! Without its model file the Silero engine is refused with ERR_IO and a message that says where
//! the file comes from; once the file is there the same call succeeds. Its own test binary: the
//! model is per process.

use remotemedia_audio::ErrorCode;
use remotemedia_vad::{Vad, VadConfig};

#[test]
fn a_missing_model_is_a_coded_error_until_the_file_is_named() {
    let error = Vad::new(VadConfig::silero(16_000)).unwrap_err();
    assert_eq!(error.code, ErrorCode::Io);
    assert!(error.message.contains("@remotemedia/node-vad"), "{error}");

    remotemedia_silero::set_model_file("no-such-dir/silero_vad_v6.bin");
    let error = Vad::new(VadConfig::silero(48_000)).unwrap_err();
    assert_eq!(error.code, ErrorCode::Io);
    assert!(
        error.message.contains("no-such-dir/silero_vad_v6.bin"),
        "{error}"
    );
    // webrtc needs no model.
    Vad::new(VadConfig::new(16_000)).unwrap();

    remotemedia_silero::set_model_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../silero/model/silero_vad_v6.bin"
    ));
    let mut vad = Vad::new(VadConfig::silero(16_000)).unwrap();
    let mut decisions = Vec::new();
    vad.process_decisions_with(&[0.0_f32; 1_024], &mut |d| decisions.push(d))
        .unwrap();
    assert_eq!(decisions.len(), 2);
}
