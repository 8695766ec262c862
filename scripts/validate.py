#!/usr/bin/env python3
"""Validate warmpath's tie strength on every real data set: one table.

Runs `warmpath evaluate --format json` on each set in the datasets folder and
prints, per set, the strength's ROC AUC beside every baseline, the best
baseline and the margin over it, and (ground truth only) the precision of
`genuine` ties against the base rate:

  * ground truth (`evaluate --truth`, pairs whose two people are both in the
    truth file):
      copenhagen-networks-study  calls + SMS  vs  fb_friends.csv
      manufacturing-email        e-mail       vs  reportsto.csv (org chart)
      kenya-households           contacts     vs  same household
  * temporal hold-out (`evaluate --holdout 0.3`):
      collegemsg                 CollegeMsg.txt
      sociopatterns-workplace-2015

The Kenyan households have no truth file: the truth is "same household",
written for the run as a `person,group` membership file (one row per person
`h-m` seen in the contact files' h1,m1 / h2,m2 columns, group `h`) in a
temporary folder.

Usage (from the repository root, after `cargo build --release`):
    python3 scripts/validate.py [--datasets ../shared/datasets]
        [--binary target/release/warmpath] [--model FILE.toml] [--format json]

With `--format json` it prints a list with one object per set (the figures
of the table, plus the full `evaluate` JSON under "result"; an absent or
failed set has "error" instead), for scripts such as a calibration search. When the datasets folder is absent it says so
and exits 0; a set missing from it is listed as absent. Exit code 1 when an
evaluation failed, 2 for a usage error (no binary).
Python 3.11, standard library only.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

TRUTH_BASELINES = ["interaction count", "total duration", "distinct days", "attention share", "reach"]
HOLDOUT_BASELINES = ["interaction count", "recency", "degree"]
# Table columns for the baselines, in order, with the evaluate names they show.
COLUMNS = [
    ("count", "interaction count"),
    ("duration", "total duration"),
    ("days", "distinct days"),
    ("attention", "attention share"),
    ("reach", "reach"),
    ("recency", "recency"),
    ("degree", "degree"),
]


def kenya_membership(folder, workdir):
    """Writes the households as `person,group` rows; returns the file's path."""
    members = set()
    for name in sorted(os.listdir(folder)):
        if not (name.endswith("_households.csv") and "contacts" in name):
            continue
        with open(os.path.join(folder, name), newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for h, m in (("h1", "m1"), ("h2", "m2")):
                    if row.get(h) and row.get(m):
                        members.add((f"{row[h]}-{row[m]}", row[h]))
    path = os.path.join(workdir, "kenya-households-truth.csv")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("person,group\n")
        for person, group in sorted(members):
            handle.write(f"{person},{group}\n")
    return path


# (set, kind, data path inside the datasets folder, truth: a file in the
# set's folder, or a function of the folder and a work folder that writes one).
SETS = [
    ("copenhagen-networks-study", "truth", "copenhagen-networks-study", "fb_friends.csv"),
    ("manufacturing-email", "truth", "manufacturing-email", "reportsto.csv"),
    ("kenya-households", "truth", "kenya-households", kenya_membership),
    ("collegemsg", "holdout", "collegemsg/CollegeMsg.txt", None),
    ("sociopatterns-workplace-2015", "holdout", "sociopatterns-workplace-2015", None),
]


def evaluate(binary, data, truth, model):
    command = [binary, "evaluate", "--data", data, "--format", "json", "--quiet"]
    command += ["--truth", truth] if truth else ["--holdout", "0.3"]
    if model:
        command += ["--model", model]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip() or f"exit code {done.returncode}")
    return json.loads(done.stdout)


def summarise(name, kind, data, truth, result):
    aucs = {score["name"]: score["auc"] for score in result["scores"]}
    baselines = {key: aucs[key] for key in (TRUTH_BASELINES if kind == "truth" else HOLDOUT_BASELINES)}
    best = max(baselines, key=baselines.get)
    row = {
        "set": name,
        "kind": kind,
        "data": data,
        "truth": truth,
        "pairs": result["candidates"],
        "positives": result["positives"],
        "strength_auc": aucs["strength"],
        "baselines": baselines,
        "best_baseline": {"name": best, "auc": baselines[best]},
        "margin": aucs["strength"] - baselines[best],
        "base_rate": result["positives"] / result["candidates"],
        "genuine_precision": None,
        "strong_precision": None,
        "medium_precision": None,
        "result": result,
    }
    if kind == "truth":
        bands = result["bands"]
        row["genuine_precision"] = bands["genuine"]["precision"]
        row["strong_precision"] = bands["strong"]["precision"]
        row["medium_precision"] = bands["medium"]["precision"]
    return row


def figure(value, digits=3):
    return "-" if value is None else f"{value:.{digits}f}"


def table_cells(row):
    if "error" in row:
        return [row["set"], row["kind"], row["error"]]
    cells = [row["set"], row["kind"], f"{row['pairs']} ({row['positives']})", figure(row["strength_auc"])]
    cells += [figure(row["baselines"].get(key)) for _, key in COLUMNS]
    best = row["best_baseline"]
    cells += [f"{best['name']} {best['auc']:.3f}", f"{row['margin']:+.3f}"]
    if row["kind"] != "truth":
        cells.append("-")
    elif row["genuine_precision"] is None:
        cells.append(f"none genuine / {row['base_rate']:.3f}")
    else:
        cells.append(f"{row['genuine_precision']:.3f} / {row['base_rate']:.3f}")
    return cells


def print_table(rows):
    header = ["set", "kind", "pairs (true)", "strength"] + [label for label, _ in COLUMNS]
    header += ["best baseline", "margin", "genuine prec. / base rate"]
    lines = [header] + [table_cells(row) for row in rows]
    full = [line for line in lines if len(line) == len(header)]
    widths = [max(len(line[i]) for line in full) for i in range(len(header))]
    for i in (0, 1):  # set and kind line up on every line
        widths[i] = max(len(line[i]) for line in lines)
    for line in lines:
        # An absent or failed set says so after its set and kind.
        cells = zip(line, widths if len(line) == len(header) else widths[:2] + [0])
        print("  ".join(cell.ljust(width) for cell, width in cells).rstrip())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", default=os.environ.get("WARMPATH_DATASETS", "../shared/datasets"))
    parser.add_argument("--binary", default="target/release/warmpath")
    parser.add_argument("--model", help="a model TOML file, passed to every evaluation")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    args = parser.parse_args()
    if not os.path.isdir(args.datasets):
        print(f"skipped: {args.datasets} is absent (pass --datasets DIR or set WARMPATH_DATASETS)")
        return 0
    if not os.path.isfile(args.binary):
        print(f"error: no warmpath binary at {args.binary}; run `cargo build --release` "
              "or pass --binary PATH", file=sys.stderr)
        return 2
    rows = []
    failed = False
    with tempfile.TemporaryDirectory() as workdir:
        for name, kind, relative, truth_of in SETS:
            data = os.path.join(args.datasets, relative)
            if not os.path.exists(data):
                rows.append({"set": name, "kind": kind, "error": f"absent ({data})"})
                continue
            folder = data if os.path.isdir(data) else os.path.dirname(data)
            if truth_of is None:
                truth = shown_truth = None
            elif callable(truth_of):
                truth = truth_of(folder, workdir)
                shown_truth = "same household (person,group written from the contact files)"
            else:
                truth = shown_truth = os.path.join(folder, truth_of)
            try:
                result = evaluate(args.binary, data, truth, args.model)
            except (RuntimeError, json.JSONDecodeError) as error:
                failed = True
                rows.append({"set": name, "kind": kind, "error": f"failed: {error}"})
                continue
            rows.append(summarise(name, kind, data, shown_truth, result))
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=2)
        print()
    else:
        print_table(rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
