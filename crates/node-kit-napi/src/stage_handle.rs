//! A kit stage as a JS value: an `External` carrying the export's pointer, type-tagged so another
//! package's binary can tell it from any other external before reading it. napi-rs's own
//! `External<T>` only accepts values created by the same binary, so this uses the raw calls.

use std::ffi::c_void;
use std::ptr;

use napi::bindgen_prelude::{FromNapiValue, ToNapiValue, TypeName, ValueType};
use napi::{check_status, sys};
use remotemedia_audio::AudioError;
use remotemedia_napi_support::to_napi_error;
use remotemedia_node_kit::ffi::{StageExport, drop_export};

/// Marks kit stage externals; fixed across kit versions so a mismatch reports its ABI instead.
const STAGE_TAG: sys::napi_type_tag = sys::napi_type_tag {
    lower: 0x5245_4d4f_5445_4d45,
    upper: 0x4b49_5453_5441_4745,
};

/// A stage this package exports; owned by the JS value once converted.
#[derive(Debug)]
pub struct ExportedStage(pub *mut StageExport);

/// A stage handle received from JS (from any package), not yet checked against this kit's ABI.
#[derive(Debug, Clone, Copy)]
pub struct StageRef(pub *mut StageExport);

unsafe extern "C" fn finalize(_env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    // SAFETY: `data` is the export this binary boxed in `export_stage`; the GC finalizes once.
    unsafe { drop_export(data.cast()) };
}

impl ToNapiValue for ExportedStage {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        let mut value = ptr::null_mut();
        // SAFETY: a valid env (napi calls this during a call); on success the external owns the
        // export and frees it in `finalize`.
        let created = unsafe {
            sys::napi_create_external(
                env,
                val.0.cast(),
                Some(finalize),
                ptr::null_mut(),
                &mut value,
            )
        };
        if created != sys::Status::napi_ok {
            // SAFETY: no JS value took the export, so it is freed here, once.
            unsafe { drop_export(val.0) };
            check_status!(created, "could not create the stage handle")?;
        }
        // SAFETY: `value` is the external just created in `env`.
        check_status!(unsafe { sys::napi_type_tag_object(env, value, &STAGE_TAG) })?;
        Ok(value)
    }
}

impl FromNapiValue for StageRef {
    unsafe fn from_napi_value(env: sys::napi_env, napi_val: sys::napi_value) -> napi::Result<Self> {
        let not_a_stage = || {
            to_napi_error(AudioError::invalid_param(
                "not a kit stage handle (get one from KitChain.exportStage())",
            ))
        };
        let mut kind = 0;
        // SAFETY: valid env and value, given by napi for this call.
        check_status!(unsafe { sys::napi_typeof(env, napi_val, &mut kind) })?;
        if kind != sys::ValueType::napi_external {
            return Err(not_a_stage());
        }
        let mut tagged = false;
        // SAFETY: as above.
        check_status!(unsafe {
            sys::napi_check_object_type_tag(env, napi_val, &STAGE_TAG, &mut tagged)
        })?;
        if !tagged {
            return Err(not_a_stage());
        }
        let mut data = ptr::null_mut();
        // SAFETY: as above; the value is an external.
        check_status!(unsafe { sys::napi_get_value_external(env, napi_val, &mut data) })?;
        Ok(Self(data.cast()))
    }
}

impl TypeName for StageRef {
    fn type_name() -> &'static str {
        "KitStage"
    }

    fn value_type() -> ValueType {
        ValueType::External
    }
}
