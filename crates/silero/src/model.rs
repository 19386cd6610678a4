//! The weights of both networks, parsed once and shared by every stream, and the one copy a
//! process installs for detectors created from settings alone.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::net::Net;
use crate::stream::ModelRate;
use crate::weights::parse;

/// Silero VAD v6 weights (16 and 8 kHz networks), read-only: share one behind an [`Arc`].
#[derive(Debug)]
pub struct Model {
    nets: [Net; 2],
}

/// Why no model could be had.
#[derive(Debug)]
pub enum ModelError {
    /// Nothing installed and no file named ([`set_model_file`], [`install_model`]).
    NotInstalled,
    /// The file could not be read.
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The bytes are not a Silero v6 weights file (truncated, foreign, or a different version).
    Corrupt { path: Option<PathBuf>, why: String },
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotInstalled => f.write_str(
                "no Silero VAD model is installed (name its file with set_model_file or pass its bytes to install_model)",
            ),
            Self::Read { path, error } => write!(
                f,
                "cannot read the Silero VAD model file {}: {error}",
                path.display()
            ),
            Self::Corrupt { path: Some(path), why } => write!(
                f,
                "{} is not a Silero VAD v6 model file ({why})",
                path.display()
            ),
            Self::Corrupt { path: None, why } => {
                write!(f, "not a Silero VAD v6 model ({why})")
            }
        }
    }
}

impl std::error::Error for ModelError {}

impl Model {
    /// Parses the weights file `scripts/convert_model.py` writes (`model/silero_vad_v6.bin`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let nets = parse(bytes).map_err(|why| ModelError::Corrupt { path: None, why })?;
        Ok(Self { nets })
    }

    /// Reads and parses a weights file.
    pub fn load(path: &Path) -> Result<Self, ModelError> {
        let bytes = std::fs::read(path).map_err(|error| ModelError::Read {
            path: path.to_owned(),
            error,
        })?;
        Self::from_bytes(&bytes).map_err(|e| match e {
            ModelError::Corrupt { why, .. } => ModelError::Corrupt {
                path: Some(path.to_owned()),
                why,
            },
            other => other,
        })
    }

    pub(crate) fn net(&self, rate: ModelRate) -> &Net {
        match rate {
            ModelRate::Hz16000 => &self.nets[0],
            ModelRate::Hz8000 => &self.nets[1],
        }
    }
}

static INSTALLED: OnceLock<Arc<Model>> = OnceLock::new();
/// The file [`shared_model`] reads on first use; the lock also keeps two first uses from both
/// reading it.
static FILE: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Names the weights file [`shared_model`] reads the first time it is called. Cheap: nothing is
/// read here, and nothing changes once a model is installed.
pub fn set_model_file(path: impl Into<PathBuf>) {
    *FILE.lock().unwrap_or_else(|e| e.into_inner()) = Some(path.into());
}

/// Installs `model` as the process's shared model unless one is installed already; returns the
/// one in use.
pub fn install_model(model: Model) -> Arc<Model> {
    INSTALLED.get_or_init(|| Arc::new(model)).clone()
}

/// The process's model: the installed one, else the file named by [`set_model_file`], read and
/// parsed once. A failure is not remembered, so a later call can succeed once the file is there.
pub fn shared_model() -> Result<Arc<Model>, ModelError> {
    if let Some(model) = INSTALLED.get() {
        return Ok(model.clone());
    }
    let file = FILE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(model) = INSTALLED.get() {
        return Ok(model.clone());
    }
    let path = file.as_deref().ok_or(ModelError::NotInstalled)?;
    Ok(install_model(Model::load(path)?))
}
