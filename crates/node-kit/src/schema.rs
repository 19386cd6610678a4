//! Params JSON Schema from the params type, in the plain form the node contract publishes.

use schemars::{JsonSchema, generate::SchemaSettings};
use serde_json::Value;

/// The schema of `P` with sub-schemas inlined and generator noise (`$schema`, `title`, numeric
/// `format`s) removed, so it reads like a hand-written one. A numeric format becomes the bounds
/// of its Rust type where the field sets none, so the schema accepts exactly what serde does.
pub fn params_schema<P: JsonSchema>() -> Value {
    let settings = SchemaSettings::draft07().with(|s| s.inline_subschemas = true);
    let mut value = settings
        .into_generator()
        .into_root_schema_for::<P>()
        .to_value();
    tidy(&mut value);
    value
}

fn tidy(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("$schema");
            map.remove("title");
            if let Some(format) = map.get("format").and_then(Value::as_str)
                && is_numeric_format(format)
            {
                if let Some((min, max)) = integer_bounds(format) {
                    map.entry("minimum").or_insert(Value::from(min));
                    map.entry("maximum").or_insert(Value::from(max));
                }
                map.remove("format");
            }
            // An optional field is `Option<T>`: absent, not null, in the published params.
            if let Some(Value::Array(types)) = map.get("type")
                && types.len() == 2
                && let Some(only) = types.iter().find(|t| t.as_str() != Some("null"))
            {
                let only = only.clone();
                map.insert("type".into(), only);
            }
            // `Option<Enum>` comes out as `anyOf: [<enum>, {type: null}]`: publish just the enum.
            if let Some(Value::Array(options)) = map.get("anyOf")
                && options.len() == 2
                && let Some(only) = options
                    .iter()
                    .find(|o| o.get("type") != Some(&Value::from("null")))
                && options
                    .iter()
                    .any(|o| o.get("type") == Some(&Value::from("null")))
                && let Value::Object(inner) = only.clone()
            {
                map.remove("anyOf");
                for (key, value) in inner {
                    map.entry(key).or_insert(value);
                }
            }
            map.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// What a Rust integer of `format` holds, for the formats a JSON number can reach exactly.
fn integer_bounds(format: &str) -> Option<(i64, i64)> {
    Some(match format {
        "uint8" => (0, i64::from(u8::MAX)),
        "uint16" => (0, i64::from(u16::MAX)),
        "uint32" => (0, i64::from(u32::MAX)),
        "int8" => (i64::from(i8::MIN), i64::from(i8::MAX)),
        "int16" => (i64::from(i16::MIN), i64::from(i16::MAX)),
        "int32" => (i64::from(i32::MIN), i64::from(i32::MAX)),
        _ => return None,
    })
}

fn is_numeric_format(format: &str) -> bool {
    matches!(
        format,
        "uint"
            | "uint8"
            | "uint16"
            | "uint32"
            | "uint64"
            | "int"
            | "int8"
            | "int16"
            | "int32"
            | "int64"
            | "float"
            | "double"
    )
}
