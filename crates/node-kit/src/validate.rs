//! Params checked against the node's published schema before serde sees them, so the bounds a
//! user reads in `nodes.json` are exactly the ones enforced, with the field named in the error.
//! Covers what [`crate::params_schema`] publishes: objects of integer, number, string and boolean
//! fields with `minimum` / `maximum`, `enum`, `anyOf` and `required`. serde stays the last guard.

use remotemedia_audio::{AudioError, Result};
use serde_json::{Map, Value};

/// Checks `params` (an object, or null for none) against `schema`; the error names the field.
pub fn check_params(node: &str, schema: &Value, params: &Value) -> Result<()> {
    let empty = Map::new();
    let given = match params {
        Value::Null => &empty,
        Value::Object(map) => map,
        other => {
            return Err(AudioError::invalid_param(format!(
                "{node} params must be an object, got {}",
                describe(other)
            )));
        }
    };
    let properties = schema.get("properties").and_then(Value::as_object);
    for key in given.keys() {
        if properties.is_none_or(|p| !p.contains_key(key)) {
            let allowed: Vec<&str> = properties
                .map(|p| p.keys().map(String::as_str).collect())
                .unwrap_or_default();
            let hint = closest(key, &allowed)
                .map(|near| format!(" (did you mean '{near}'?)"))
                .unwrap_or_default();
            return Err(AudioError::invalid_param(format!(
                "unknown param '{key}' for {node}{hint}; allowed: {}",
                allowed.join(", ")
            )));
        }
    }
    let Some(properties) = properties else {
        return Ok(());
    };
    let required = schema.get("required").and_then(Value::as_array);
    for (key, field) in properties {
        match given.get(key) {
            Some(value) => check(key, field, value)?,
            None if required.is_some_and(|r| r.iter().any(|k| k == key)) => {
                return Err(AudioError::invalid_param(format!(
                    "{key} is required: it must be {}",
                    expected(field)
                )));
            }
            None => {}
        }
    }
    Ok(())
}

/// The allowed key nearest a mistyped one, when near enough to be a plausible typo (the rule of
/// `suggest` in @remotemedia/errors, so JS and Rust hint alike).
fn closest<'a>(key: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let key = key.to_lowercase();
    let limit = (key.chars().count() / 3).max(2) + 1;
    allowed
        .iter()
        .map(|candidate| {
            (
                strsim::levenshtein(&key, &candidate.to_lowercase()),
                *candidate,
            )
        })
        .filter(|(distance, _)| *distance < limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

fn check(key: &str, field: &Value, value: &Value) -> Result<()> {
    if accepts(field, value) {
        return Ok(());
    }
    Err(AudioError::invalid_param(format!(
        "{key} must be {}, got {}",
        expected(field),
        describe(value)
    )))
}

/// Whether `value` satisfies `field` (the subset of JSON Schema the kit publishes).
fn accepts(field: &Value, value: &Value) -> bool {
    if let Some(options) = field.get("anyOf").and_then(Value::as_array) {
        return options.iter().any(|o| accepts(o, value));
    }
    if let Some(choices) = field.get("enum").and_then(Value::as_array) {
        return choices.contains(value);
    }
    let bound = |name: &str| field.get(name).and_then(Value::as_f64);
    let within = |n: f64| {
        bound("minimum").is_none_or(|m| n >= m)
            && bound("maximum").is_none_or(|m| n <= m)
            && bound("exclusiveMinimum").is_none_or(|m| n > m)
            && bound("exclusiveMaximum").is_none_or(|m| n < m)
    };
    match field.get("type").and_then(Value::as_str) {
        Some("integer") => value
            .as_f64()
            .is_some_and(|n| n.fract() == 0.0 && within(n)),
        Some("number") => value.as_f64().is_some_and(within),
        Some("string") => value.is_string(),
        Some("boolean") => value.is_boolean(),
        Some("object") => value.is_object(),
        Some("array") => value.is_array(),
        _ => true,
    }
}

/// What `field` accepts, in words: "an integer from 1 to 64", "one of 10, 20, 30".
fn expected(field: &Value) -> String {
    if let Some(options) = field.get("anyOf").and_then(Value::as_array) {
        let each: Vec<String> = options.iter().map(expected).collect();
        return each.join(" or ");
    }
    if let Some(choices) = field.get("enum").and_then(Value::as_array) {
        let each: Vec<String> = choices.iter().map(Value::to_string).collect();
        return format!("one of {}", each.join(", "));
    }
    let kind = field
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("a value");
    let noun = match kind {
        "integer" => "an integer",
        "number" => "a number",
        "string" => "a string",
        "boolean" => "a boolean",
        "object" => "an object",
        "array" => "an array",
        other => other,
    };
    if let (Some(min), Some(max)) = (field.get("exclusiveMinimum"), field.get("exclusiveMaximum")) {
        return format!("{noun} between {min} and {max} (exclusive)");
    }
    match (field.get("minimum"), field.get("maximum")) {
        (Some(min), Some(max)) => format!("{noun} from {min} to {max}"),
        (Some(min), None) => format!("{noun} of at least {min}"),
        (None, Some(max)) => format!("{noun} of at most {max}"),
        (None, None) => noun.to_owned(),
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn schema() -> Value {
        json!({
            "type": "object",
            "properties": {
                "to": { "type": "integer", "minimum": 8000, "maximum": 384000 },
                "mode": { "anyOf": [
                    { "type": "integer", "minimum": 0, "maximum": 3 },
                    { "type": "string", "enum": ["quality", "aggressive"] }
                ] },
                "dither": { "type": "boolean" },
                "level": { "type": "number", "exclusiveMinimum": 0.0, "exclusiveMaximum": 1.0 }
            },
            "required": ["to"]
        })
    }

    fn message(params: Value) -> String {
        let err = check_params("Node", &schema(), &params).unwrap_err();
        assert_eq!(err.code, remotemedia_audio::ErrorCode::InvalidParam);
        err.message
    }

    #[test]
    fn accepts_what_the_schema_allows() {
        for params in [
            json!({ "to": 8000 }),
            json!({ "to": 384000, "mode": 3, "dither": true }),
            json!({ "to": 16000, "mode": "aggressive" }),
            json!({ "to": 16000, "level": 0.999 }),
        ] {
            check_params("Node", &schema(), &params).unwrap();
        }
    }

    #[test]
    fn names_the_field_and_what_it_takes() {
        assert_eq!(
            message(json!({ "to": 16000, "rate": 1 })),
            "unknown param 'rate' for Node; allowed: to, mode, dither, level"
        );
        assert_eq!(
            message(json!({ "to": 16000, "moda": 1 })),
            "unknown param 'moda' for Node (did you mean 'mode'?); allowed: to, mode, dither, level"
        );
        assert_eq!(
            message(json!({})),
            "to is required: it must be an integer from 8000 to 384000"
        );
        assert_eq!(
            message(json!({ "to": 7999 })),
            "to must be an integer from 8000 to 384000, got 7999"
        );
        assert_eq!(
            message(json!({ "to": 16000, "level": 1.0 })),
            "level must be a number between 0.0 and 1.0 (exclusive), got 1.0"
        );
        assert_eq!(
            message(json!({ "to": 16000.5 })),
            "to must be an integer from 8000 to 384000, got 16000.5"
        );
        assert_eq!(
            message(json!({ "to": 16000, "mode": "loud" })),
            "mode must be an integer from 0 to 3 or one of \"quality\", \"aggressive\", got \"loud\""
        );
        assert_eq!(
            message(json!({ "to": 16000, "dither": 1 })),
            "dither must be a boolean, got 1"
        );
        assert_eq!(
            message(json!([])),
            "Node params must be an object, got an array"
        );
    }
}
