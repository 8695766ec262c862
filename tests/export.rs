//! `warmpath export`: `GraphML` and `GEXF` read back by a real reader
//! (networkx, when the Python it needs is installed: `.ci/run` installs it),
//! hostile names kept well-formed, and `DOT` for one introduction.

use predicates::str::contains;

use crate::harness::{fixture, warmpath};

/// A Python with networkx (`.venv/bin/python` first, as `.ci/run` makes
/// it), or `None` with a printed note.
fn python_with_networkx() -> Option<std::path::PathBuf> {
    let venv = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    for python in [venv, std::path::PathBuf::from("python3")] {
        let ok = std::process::Command::new(&python)
            .args(["-c", "import networkx, pydot"])
            .output()
            .is_ok_and(|output| output.status.success());
        if ok {
            return Some(python);
        }
    }
    println!("skipped: no Python with networkx and pydot (`.ci/run` installs them into .venv)");
    None
}

/// Runs `script` with networkx on `file`; returns its stdout.
fn networkx(python: &std::path::Path, script: &str, file: &std::path::Path) -> String {
    let output = std::process::Command::new(python)
        .args(["-c", script])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn graphml_and_gexf_of_the_demo_read_back_in_networkx_with_every_tie() {
    let dir = tempfile::tempdir().unwrap();
    let graphml = dir.path().join("demo.graphml");
    let gexf = dir.path().join("demo.gexf");
    for path in [&graphml, &gexf] {
        warmpath()
            .args(["export", "--data", "data/demo", "-q", "-o"])
            .arg(path)
            .assert()
            .success();
    }
    let text = std::fs::read_to_string(&graphml).unwrap();
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml"));
    let Some(python) = python_with_networkx() else {
        return;
    };
    let summary = networkx(
        &python,
        "import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
maya = next(n for n, d in g.nodes(data=True) if d.get('id') == 'maya')
priya = next(n for n, d in g.nodes(data=True) if d.get('id') == 'priya')
e = g.edges[maya, priya]
print(g.number_of_nodes(), g.number_of_edges(), g.nodes[priya]['company'], g.nodes[priya]['owner_band'], e['band'], e['meeting'], e['message'], round(e['strength'], 2))",
        &graphml,
    );
    assert_eq!(
        summary.trim(),
        "2478 8198 Harbor Lane Ventures strong strong 52 156 0.92"
    );
    let summary = networkx(
        &python,
        "import sys, networkx as nx
g = nx.read_gexf(sys.argv[1])
print(g.number_of_nodes(), g.number_of_edges(), sorted(d['label'] for n, d in g.nodes(data=True))[0])",
        &gexf,
    );
    assert!(summary.starts_with("2478 8198 "), "{summary}");
}

#[test]
fn hostile_names_stay_well_formed_xml_and_dot() {
    let dir = tempfile::tempdir().unwrap();
    let graphml = dir.path().join("hostile.graphml");
    warmpath()
        .args(["export", "-q", "-o"])
        .arg(&graphml)
        .arg("--data")
        .arg(fixture("hostile-names"))
        .assert()
        .success();
    let text = std::fs::read_to_string(&graphml).unwrap();
    assert!(!text.contains('\u{1b}'), "control characters are dropped");
    assert!(text.contains("=HYPERLINK(&quot;http://x.example/?leak&quot;)"));
    let dot = warmpath()
        .args([
            "export", "-q", "--format", "dot", "--intro", "bell", "--data",
        ])
        .arg(fixture("hostile-names"))
        .output()
        .unwrap();
    let dot = String::from_utf8(dot.stdout).unwrap();
    assert!(
        dot.contains("label=\"=HYPERLINK(\\\"http://x.example/?leak\\\")\\n#1\""),
        "{dot}"
    );
    let Some(python) = python_with_networkx() else {
        return;
    };
    let names = networkx(
        &python,
        "import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
print(sorted(d['name'] for n, d in g.nodes(data=True)))",
        &graphml,
    );
    assert!(
        names.contains("=HYPERLINK(\"http://x.example/?leak\")"),
        "{names}"
    );
    let dot_file = dir.path().join("paths.dot");
    std::fs::write(&dot_file, &dot).unwrap();
    let parsed = networkx(
        &python,
        "import sys, pydot
(g,) = pydot.graph_from_dot_file(sys.argv[1])
print(len(g.get_edges()), len(g.get_nodes()) - 3)",
        &dot_file,
    );
    assert_eq!(parsed.trim(), "2 3");
}

#[test]
fn export_says_what_it_needs() {
    warmpath()
        .args(["export", "--data", "data/demo", "-q"])
        .assert()
        .code(2)
        .stderr(contains("say what to export"));
    warmpath()
        .args(["export", "--data", "data/demo", "-q", "--format", "dot"])
        .assert()
        .code(2)
        .stderr(contains("add --intro TARGET"));
    warmpath()
        .args([
            "export",
            "--data",
            "data/demo",
            "-q",
            "--format",
            "gexf",
            "-o",
            "x.graphml",
        ])
        .assert()
        .code(2)
        .stderr(contains("contradicts"));
}
