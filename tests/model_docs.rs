//! The README's table of model parameters is the model: every parameter of
//! `Model::default()` appears in it with its default value, and nothing else
//! does, so the documentation cannot drift from the code.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use warmpath::tie_strength::Model;

const BEGIN: &str = "<!-- model-parameters:begin -->";
const END: &str = "<!-- model-parameters:end -->";

/// Every leaf of the default model as `dotted.key → value`.
fn flatten(prefix: &str, value: &toml::Value, out: &mut BTreeMap<String, toml::Value>) {
    match value {
        toml::Value::Table(table) => {
            for (key, value) in table {
                let key = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&key, value, out);
            }
        }
        leaf => {
            out.insert(prefix.to_owned(), leaf.clone());
        }
    }
}

/// The rows `| `key` | value | … |` of the README's parameter table.
fn readme_parameters() -> BTreeMap<String, String> {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find(BEGIN)
        .expect("README has the model parameter table")
        + BEGIN.len();
    let end = readme[start..].find(END).unwrap() + start;
    readme[start..end]
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let key = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            Some((key.to_owned(), (*cells.get(2)?).to_owned()))
        })
        .collect()
}

#[test]
fn readme_lists_every_model_parameter_with_its_default() {
    let mut defaults = BTreeMap::new();
    flatten(
        "",
        &toml::Value::try_from(Model::default()).unwrap(),
        &mut defaults,
    );
    let documented = readme_parameters();
    let missing: Vec<&String> = defaults
        .keys()
        .filter(|k| !documented.contains_key(*k))
        .collect();
    let unknown: Vec<&String> = documented
        .keys()
        .filter(|k| !defaults.contains_key(*k))
        .collect();
    assert!(
        missing.is_empty(),
        "parameters missing from README: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "README lists parameters the model lacks: {unknown:?}"
    );
    for (key, value) in &defaults {
        let text = &documented[key];
        let same = match value {
            toml::Value::Float(x) => text
                .parse::<f64>()
                .is_ok_and(|y| y.to_bits() == x.to_bits()),
            toml::Value::Integer(x) => text.parse::<i64>().is_ok_and(|y| y == *x),
            other => text == &other.to_string(),
        };
        assert!(
            same,
            "README says {key} = {text}, the model's default is {value}"
        );
    }
}

#[test]
fn a_model_file_of_the_readme_defaults_is_the_default_model() {
    // The table's values, written as a --model file, give Model::default().
    let mut text = String::new();
    let mut tables: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, value) in readme_parameters() {
        match key.split_once('.') {
            Some((table, field)) => tables
                .entry(table.to_owned())
                .or_default()
                .push(format!("{field} = {value}")),
            None => writeln!(text, "{key} = {value}").unwrap(),
        }
    }
    for (table, fields) in tables {
        writeln!(text, "[{table}]\n{}", fields.join("\n")).unwrap();
    }
    let model: Model = toml::from_str(&text).unwrap();
    assert_eq!(model, Model::default());
}
