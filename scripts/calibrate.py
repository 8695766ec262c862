#!/usr/bin/env python3
"""Calibrate warmpath's tie-strength defaults on real interaction data.

Coordinate search over the model parameters that the data can speak to,
maximising the strength's ROC AUC in a temporal hold-out, by calling
`warmpath evaluate --format json --model FILE.toml`.

Guard against overfitting:
  * calibration set: CollegeMsg truncated at 70 % of its time span, split at
    the half of that window (evidence: first 35 % of the time, outcomes: the
    next 35 %) — the published test window (after 70 %) is never seen;
  * test: CollegeMsg split at 70 % of time (`--holdout 0.3`), as published;
  * check: SocioPatterns workplace 2015 split at 70 %, a different domain
    (face-to-face meetings with durations) — it only confirms, it never chooses,
    except for `hours_saturation` and `weights.time_together` which only a
    dataset with durations can speak to (chosen on SocioPatterns' own first
    35 % → 70 % window, never on its published split).

Usage (from the repository root, after `cargo build --release`):
    python3 scripts/calibrate.py [--datasets ../shared/datasets] [--binary target/release/warmpath]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

# What the search may change, and the values it tries. Channel weights and
# group dilution are absent on purpose: each dataset has one channel and only
# one-to-one contacts, so no choice of them changes any ranking here.
GRID = {
    "half_life_days": [3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 180],
    "memory_half_life_factor": [1, 2, 4, 8],
    "longevity_scale_days": [7, 30, 90, 180, 365],
    "volume_saturation": [1, 2, 4, 6, 10, 20, 50],
    "confidence_events": [0.5, 1, 2, 4, 8],
    "one_way_cap": [0.05, 0.12, 0.2, 0.3, 0.5, 1.0],
    "attention_capacity": [10, 20, 50, 100, 1000000],
    "attention_exponent": [0, 0.25, 0.5, 1],
    "weights.recency": [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7],
    "weights.longevity": [0, 0.05, 0.1, 0.2, 0.3],
    "weights.frequency": [0, 0.1, 0.2, 0.25, 0.3, 0.5],
    "weights.depth": [0, 0.05, 0.1, 0.2],
}
DURATION_GRID = {
    "hours_saturation": [0.5, 1, 2, 5, 10, 20],
    "weights.time_together": [0, 0.05, 0.1, 0.15, 0.2, 0.3],
}
MIN_GAIN = 0.0005  # an AUC gain smaller than this keeps the current value


def toml_text(params):
    top, tables = [], {}
    for key, value in sorted(params.items()):
        if "." in key:
            table, field = key.split(".", 1)
            tables.setdefault(table, []).append(f"{field} = {float(value)!r}")
        else:
            top.append(f"{key} = {float(value)!r}")
    text = "\n".join(top) + "\n"
    for table, lines in tables.items():
        text += f"\n[{table}]\n" + "\n".join(lines) + "\n"
    return text


def evaluate(binary, data, params, holdout, workdir):
    model = os.path.join(workdir, "model.toml")
    with open(model, "w") as handle:
        handle.write(toml_text(params))
    output = subprocess.run(
        [binary, "evaluate", "--data", data, "--holdout", str(holdout), "--quiet",
         "--format", "json", "--model", model],
        check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def auc_of(result, name="strength"):
    return next(s["auc"] for s in result["scores"] if s["name"] == name)


def truncate_collegemsg(source, target, fraction):
    """The first `fraction` of CollegeMsg's time span, same format."""
    rows = [line.split() for line in open(source) if line.strip()]
    times = [int(row[2]) for row in rows]
    cut = min(times) + (max(times) - min(times)) * fraction
    with open(target, "w") as handle:
        for row in rows:
            if int(row[2]) <= cut:
                handle.write(" ".join(row) + "\n")


def truncate_sociopatterns(source_dir, target_dir, fraction):
    os.makedirs(target_dir, exist_ok=True)
    for name in os.listdir(source_dir):
        path = os.path.join(source_dir, name)
        if name.startswith("metadata_"):
            with open(path) as src, open(os.path.join(target_dir, name), "w") as dst:
                dst.write(src.read())
        elif name.startswith("tij_"):
            rows = [line.split() for line in open(path) if line.strip()]
            times = [int(row[0]) for row in rows]
            cut = min(times) + (max(times) - min(times)) * fraction
            with open(os.path.join(target_dir, name), "w") as handle:
                for row in rows:
                    if int(row[0]) <= cut:
                        handle.write(" ".join(row) + "\n")


def coordinate_search(grid, objective, params, passes=3):
    best = objective(params)
    print(f"start: AUC {best:.4f}", file=sys.stderr)
    for round_ in range(passes):
        changed = False
        for key, values in grid.items():
            for value in values:
                if value == params[key]:
                    continue
                trial = dict(params, **{key: value})
                score = objective(trial)
                if score > best + MIN_GAIN:
                    best, params, changed = score, trial, True
                    print(f"pass {round_ + 1}: {key} = {value} → AUC {best:.4f}",
                          file=sys.stderr)
        if not changed:
            break
    return params, best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="../shared/datasets")
    parser.add_argument("--binary", default="target/release/warmpath")
    parser.add_argument("--fix", action="append", default=[], metavar="KEY=VALUE",
                        help="hold a parameter at a value (e.g. half_life_days=60)")
    args = parser.parse_args()
    fixed = {key: float(value) for key, value in (item.split("=", 1) for item in args.fix)}
    college = os.path.join(args.datasets, "collegemsg", "CollegeMsg.txt")
    socio = os.path.join(args.datasets, "sociopatterns-workplace-2015")

    start = {  # the foundation's hand-set defaults
        "half_life_days": 90, "memory_half_life_factor": 2, "longevity_scale_days": 365,
        "volume_saturation": 6, "confidence_events": 2, "one_way_cap": 0.12,
        "attention_capacity": 50, "attention_exponent": 0.5, "weights.recency": 0.3,
        "weights.longevity": 0.2, "weights.frequency": 0.25, "weights.depth": 0.1,
        "hours_saturation": 10, "weights.time_together": 0.15,
    }
    start.update(fixed)
    for key in fixed:
        GRID.pop(key, None)
        DURATION_GRID.pop(key, None)
    with tempfile.TemporaryDirectory() as workdir:
        college_first = os.path.join(workdir, "CollegeMsg-first70.txt")
        truncate_collegemsg(college, college_first, 0.7)
        socio_first = os.path.join(workdir, "socio-first70")
        truncate_sociopatterns(socio, socio_first, 0.7)

        def calibration(params):
            return auc_of(evaluate(args.binary, college_first, params, 0.5, workdir))

        def duration_calibration(params):
            return auc_of(evaluate(args.binary, socio_first, params, 0.5, workdir))

        params, best = coordinate_search(GRID, calibration, dict(start))
        params, best_duration = coordinate_search(DURATION_GRID, duration_calibration, params)

        print("\nchosen parameters (calibration AUCs: CollegeMsg first 70 %% %.4f, "
              "SocioPatterns first 70 %% %.4f):" % (best, best_duration))
        print(toml_text(params))
        print("published splits (70 % of time), strength vs baselines:")
        for label, data in (("CollegeMsg", college), ("SocioPatterns", socio)):
            for name, model in (("start", start), ("calibrated", params)):
                result = evaluate(args.binary, data, model, 0.3, workdir)
                aucs = "  ".join(f"{s['name']} {s['auc']:.3f}" for s in result["scores"])
                print(f"  {label:13} {name:10} {aucs}")


if __name__ == "__main__":
    main()
