//! The process-wide model: read from the named file on first use, once; a missing or corrupt file
//! is an error that names it and is not remembered. One test, since the model is per process.

use std::sync::Arc;

use remotemedia_silero::{ModelError, ModelRate, Silero, set_model_file, shared_model};

#[test]
fn the_named_file_is_read_on_first_use_and_shared() {
    assert!(matches!(shared_model(), Err(ModelError::NotInstalled)));

    let dir = std::env::temp_dir().join(format!("silero-shared-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let missing = dir.join("missing.bin");
    set_model_file(&missing);
    let error = shared_model().unwrap_err();
    assert!(matches!(error, ModelError::Read { .. }), "{error}");
    assert!(error.to_string().contains("missing.bin"), "{error}");

    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/model/silero_vad_v6.bin");
    let bytes = std::fs::read(shipped).unwrap();
    let corrupt = dir.join("corrupt.bin");
    std::fs::write(&corrupt, &bytes[..bytes.len() / 2]).unwrap();
    set_model_file(&corrupt);
    let error = shared_model().unwrap_err();
    assert!(matches!(error, ModelError::Corrupt { .. }), "{error}");
    assert!(error.to_string().contains("corrupt.bin"), "{error}");

    let copy = dir.join("model.bin");
    std::fs::write(&copy, &bytes).unwrap();
    set_model_file(&copy);
    let first = shared_model().unwrap();
    // Installed: the file is no longer needed, and every caller gets the same weights.
    std::fs::remove_dir_all(&dir).unwrap();
    let second = shared_model().unwrap();
    assert!(Arc::ptr_eq(&first, &second));
    let mut vad = Silero::new(second, ModelRate::Hz16000);
    let p = vad.predict(&vec![0.0; vad.window_len()]);
    assert!((0.0..0.5).contains(&p), "silence: {p}");
}
