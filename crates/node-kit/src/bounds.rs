//! For node crates' tests: the params schema a node publishes states exactly what it accepts.
//! Every bound of every field is probed through the node set, as JS creates nodes: a value on
//! the bound (and every enum value) is accepted, one past it is refused with ERR_INVALID_PARAM
//! naming the field.

use remotemedia_audio::ErrorCode;
use serde_json::{Map, Value, json};

use crate::set::NodeSet;

/// One probe of one field: the value and whether the schema accepts it.
type Probe = (Value, bool);

/// Every disagreement between the schemas of `set` and what its nodes accept (empty: none).
pub fn schema_bound_mismatches(set: &NodeSet) -> Vec<String> {
    let mut mismatches = Vec::new();
    for meta in set.metadata() {
        let Some(properties) = meta.params.get("properties").and_then(Value::as_object) else {
            continue;
        };
        let base = required_values(&meta.params, properties);
        for (field, schema) in properties {
            for (value, accepted) in probes(schema) {
                let mut params = base.clone();
                params.insert(field.clone(), value.clone());
                let result = set.create(meta.name, &Value::Object(params));
                let problem = match (&result, accepted) {
                    (Ok(_), true) => None,
                    // A rule that ties this field to another one (named in the message) is not a
                    // bound the schema can state; the probe leaves the other field at its default.
                    (Err(e), true) if names_another_field(&e.message, field, properties) => None,
                    (Err(e), true) => Some(format!("refused ({})", e.message)),
                    (Ok(_), false) => Some("accepted".to_owned()),
                    (Err(e), false) if e.code != ErrorCode::InvalidParam => Some(format!(
                        "refused with {} instead of ERR_INVALID_PARAM",
                        e.code
                    )),
                    (Err(e), false) if !e.message.contains(field.as_str()) => {
                        Some(format!("refused without naming the field ({})", e.message))
                    }
                    (Err(_), false) => None,
                };
                if let Some(problem) = problem {
                    let side = if accepted { "inside" } else { "outside" };
                    mismatches.push(format!(
                        "{}.{field} = {value} ({side} the schema): {problem}",
                        meta.name
                    ));
                }
            }
        }
    }
    mismatches
}

/// Whether `message` names a param other than `field` (quoted or as a word of its own).
fn names_another_field(message: &str, field: &str, properties: &Map<String, Value>) -> bool {
    properties.keys().filter(|name| *name != field).any(|name| {
        message
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|word| word == name)
    })
}

/// A valid value for every required field, so each probe changes one field only.
fn required_values(params: &Value, properties: &Map<String, Value>) -> Map<String, Value> {
    let required = params.get("required").and_then(Value::as_array);
    required
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|name| {
            let schema = properties.get(name)?;
            let value = probes(schema).into_iter().find(|(_, ok)| *ok)?.0;
            Some((name.to_owned(), value))
        })
        .collect()
}

fn probes(schema: &Value) -> Vec<Probe> {
    if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
        let all: Vec<Probe> = options.iter().flat_map(probes).collect();
        // A value one branch refuses may be another branch's: only what no branch takes is out.
        return all
            .iter()
            .filter(|(value, ok)| *ok || !all.iter().any(|(v, o)| *o && v == value))
            .cloned()
            .collect();
    }
    if let Some(choices) = schema.get("enum").and_then(Value::as_array) {
        let mut out: Vec<Probe> = choices.iter().map(|c| (c.clone(), true)).collect();
        let numeric_max = choices.iter().filter_map(Value::as_i64).max();
        out.push(match numeric_max {
            Some(max) => (json!(max + 1), false),
            None => (json!("not-one-of-these"), false),
        });
        return out;
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("integer") | Some("number") => {
            let mut out = Vec::new();
            let integer = schema.get("type") == Some(&json!("integer"));
            if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
                out.push((number(min, integer), true));
                out.push((number(min - 1.0, integer), false));
            }
            if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
                out.push((number(max, integer), true));
                out.push((number(max + 1.0, integer), false));
            }
            // Exclusive bounds: the bound itself is out, a step inside is in.
            if let Some(min) = schema.get("exclusiveMinimum").and_then(Value::as_f64) {
                out.push((number(min, integer), false));
                out.push((number(inside(min, 1.0, integer), integer), true));
            }
            if let Some(max) = schema.get("exclusiveMaximum").and_then(Value::as_f64) {
                out.push((number(max, integer), false));
                out.push((number(inside(max, -1.0, integer), integer), true));
            }
            if integer {
                out.push((json!(1.5), false));
            }
            out.push((json!("7"), false));
            out
        }
        Some("boolean") => vec![(json!(true), true), (json!(false), true), (json!(1), false)],
        Some("string") => vec![(json!(7), false)],
        _ => Vec::new(),
    }
}

/// The nearest value past an exclusive bound `at`, going in `direction`.
fn inside(at: f64, direction: f64, integer: bool) -> f64 {
    if integer {
        at + direction
    } else {
        at + direction * 1e-3
    }
}

fn number(n: f64, integer: bool) -> Value {
    if integer { json!(n as i64) } else { json!(n) }
}
