//! Keeps a panic inside native code from reaching the host: it becomes an `ERR_NATIVE_PANIC` error.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::{AudioError, ErrorCode, Result};

/// Runs `f`; a panic becomes an [`ErrorCode::NativePanic`] error instead of unwinding further.
/// The object `f` worked on may be left mid-update, so callers should `reset()` it afterwards.
pub fn catch_panic<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => Err(AudioError::new(
            ErrorCode::NativePanic,
            panic_message(payload.as_ref()),
        )),
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic payload".to_owned());
    format!(
        "native code panicked ({what}); the call failed but the process is intact, please report this bug"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_coded_error() {
        let err = catch_panic::<()>(|| panic!("boom {}", 7)).unwrap_err();
        assert_eq!(err.code, ErrorCode::NativePanic);
        assert!(err.message.starts_with("native code panicked (boom 7)"));
    }

    #[test]
    fn values_and_errors_pass_through() {
        assert_eq!(catch_panic(|| Ok(3)).unwrap(), 3);
        let err = catch_panic::<()>(|| Err(AudioError::invalid_param("mode"))).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidParam);
    }
}
