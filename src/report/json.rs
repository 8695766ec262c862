//! The report as stable JSON (serde): the shape of [`super::Report`], tagged by
//! `kind` (`person` or `team`), every fractional number rounded to
//! [`JSON_DECIMALS`] decimals. Strings are JSON-escaped by serde; nothing else
//! to neutralise.

use std::io::{self, Write};

use serde_json::Value;

use super::Report;

/// Decimals kept of every fractional number in warmpath's JSON outputs:
/// strengths are measured to nowhere near seventeen digits.
pub const JSON_DECIMALS: i32 = 4;

/// Rounds every fractional number in `value` to [`JSON_DECIMALS`] decimals.
pub fn round_floats(value: &mut Value) {
    match value {
        Value::Number(number) if number.is_f64() => {
            if let Some(x) = number.as_f64() {
                let scale = 10_f64.powi(JSON_DECIMALS);
                if let Some(rounded) = serde_json::Number::from_f64((x * scale).round() / scale) {
                    *number = rounded;
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(round_floats),
        Value::Object(fields) => fields.values_mut().for_each(round_floats),
        _ => {}
    }
}

/// Writes `report` as pretty JSON and a final newline.
pub(super) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut value = serde_json::to_value(report).map_err(io::Error::from)?;
    round_floats(&mut value);
    serde_json::to_writer_pretty(&mut *out, &value).map_err(io::Error::from)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_are_rounded_and_integers_kept() {
        let mut value =
            serde_json::json!({"a": 0.123_456_78, "b": [1.999_99, 3], "c": 12_345_678_901_i64});
        round_floats(&mut value);
        assert_eq!(
            value,
            serde_json::json!({"a": 0.1235, "b": [2.0, 3], "c": 12_345_678_901_i64})
        );
    }
}
