//! Errors with stable codes: the code is part of the public API (JS sees it as `err.code`).

use std::fmt;

/// The stable error codes shared by Rust and JS. The string form is what JS code matches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// A parameter (option) is missing, out of range or of the wrong kind.
    InvalidParam,
    /// The data passed in (samples, bytes, a file) cannot be processed as given.
    InvalidInput,
    /// The object was used after `close()`.
    Closed,
    /// Native code panicked; the call failed but the process is intact.
    NativePanic,
    /// Reading or writing a file failed.
    Io,
}

impl ErrorCode {
    /// The code string JS code matches on, e.g. `ERR_INVALID_INPUT`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidParam => "ERR_INVALID_PARAM",
            ErrorCode::InvalidInput => "ERR_INVALID_INPUT",
            ErrorCode::Closed => "ERR_CLOSED",
            ErrorCode::NativePanic => "ERR_NATIVE_PANIC",
            ErrorCode::Io => "ERR_IO",
        }
    }

    /// Every code, so a test can hold them against the TS list (`packages/errors/src/codes.ts`).
    pub const ALL: [ErrorCode; 5] = [
        ErrorCode::InvalidParam,
        ErrorCode::InvalidInput,
        ErrorCode::Closed,
        ErrorCode::NativePanic,
        ErrorCode::Io,
    ];
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error with a stable [`ErrorCode`] and a message that says what was wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct AudioError {
    pub code: ErrorCode,
    pub message: String,
}

impl AudioError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    pub fn invalid_input(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }

    pub fn invalid_param(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidParam, message)
    }

    pub fn closed(what: &str) -> Self {
        Self::new(
            ErrorCode::Closed,
            format!("{what} was used after close(); create a new one"),
        )
    }
}

pub type Result<T, E = AudioError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_strings() {
        assert_eq!(ErrorCode::InvalidInput.as_str(), "ERR_INVALID_INPUT");
        assert_eq!(ErrorCode::InvalidParam.to_string(), "ERR_INVALID_PARAM");
        assert_eq!(ErrorCode::NativePanic.as_str(), "ERR_NATIVE_PANIC");
    }

    /// JS code matches on these strings, so each must be one the TS side knows.
    #[test]
    fn every_code_is_in_the_ts_list() {
        let ts = include_str!("../../../packages/errors/src/codes.ts");
        let list = &ts[ts.find("ErrorCodes = [").expect("the TS list")..];
        let list = &list[..list.find("] as const").expect("the end of the TS list")];
        for code in ErrorCode::ALL {
            assert!(
                list.contains(&format!("'{}'", code.as_str())),
                "{code} is missing from packages/errors/src/codes.ts"
            );
        }
        // A new variant must join ALL (and so this test): the match below stops compiling.
        for code in ErrorCode::ALL {
            match code {
                ErrorCode::InvalidParam
                | ErrorCode::InvalidInput
                | ErrorCode::Closed
                | ErrorCode::NativePanic
                | ErrorCode::Io => {}
            }
        }
    }

    #[test]
    fn error_displays_its_message() {
        let err = AudioError::invalid_input("odd byte length 3 for s16");
        assert_eq!(err.to_string(), "odd byte length 3 for s16");
        assert_eq!(err.code, ErrorCode::InvalidInput);
    }

    #[test]
    fn closed_names_the_object() {
        let err = AudioError::closed("Resampler");
        assert_eq!(err.code, ErrorCode::Closed);
        assert!(err.message.starts_with("Resampler was used after close()"));
    }
}
