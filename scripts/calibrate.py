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

The run behind the shipped defaults (about two minutes):
    python3 scripts/calibrate.py --keep-demo --fix weights.frequency=0.25 \
        --fix weights.time_together=0.15 --profile 14 21 30 45 60 90
Its best profile row was half_life_days = 45; the defaults take it with
volume_saturation = 20 instead of 50 (equal within 0.001 AUC).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

# What the search may change, and the values it tries. Left out on purpose,
# because these data cannot identify them: channel weights and group dilution
# (one channel per dataset, one-to-one contacts only), the depth weight (depth
# is constant in single-channel data, so `depth × memory` is just another
# recency curve) and the longevity weight and gain (no tie is older than the
# six-month window, so longevity too collapses into recency). A search that
# may move them uses them as extra recency terms, which fits these data and
# says nothing about LinkedIn-era ties; they keep their literature order.
GRID = {
    "half_life_days": [7, 14, 21, 30, 45, 60, 90, 180],
    "memory_half_life_factor": [1, 2, 4],
    "volume_saturation": [1, 2, 4, 6, 10, 20, 50],
    "confidence_events": [0.5, 1, 2, 4],
    # One-way contact must stay below genuine.min_link_strength (0.3): a
    # design rule (DESIGN.md), not something a hold-out can overrule.
    "one_way_cap": [0.05, 0.12, 0.2, 0.25],
    "attention_capacity": [20, 50, 100, 1000000],
    "attention_exponent": [0, 0.25, 0.5, 1],
    "weights.recency": [0.1, 0.2, 0.3, 0.4, 0.5, 0.7],
    "weights.frequency": [0, 0.1, 0.2, 0.25, 0.3, 0.5],
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


def demo_story(binary, params, workdir):
    """The demo's story under `params`: None when it holds, else what broke."""
    model = os.path.join(workdir, "demo-model.toml")
    with open(model, "w") as handle:
        handle.write(toml_text(params))

    def run(*command):
        done = subprocess.run([binary, *command, "--data", "data/demo", "--quiet",
                               "--format", "json", "--model", model],
                              capture_output=True, text=True)
        return json.loads(done.stdout)

    intro = run("intro", "Dana Whitfield")
    ranked = {entry["introducer"]["id"]: entry for entry in intro["introducers"]}
    rank = {who: entry["rank"] for who, entry in ranked.items()}
    broken = []
    if intro["introducers"][0]["introducer"]["id"] != "priya":
        broken.append("Priya Raman is not first")
    if not ranked["priya"]["genuine"]:
        broken.append("Priya Raman's path is not genuine")
    if not (rank["sam"] < rank["rex"] and rank["sam"] < rank["chris"]):
        broken.append("Sam Patel is not above Rex Tanaka and Chris Novak")
    if not ranked["sam"]["genuine"]:
        broken.append("Sam Patel's path is not genuine")
    chris = run("explain", "maya", "chris")
    gated = any(c["name"] == "reciprocity" and "one-way" in c["note"]
                for c in chris["components"])
    if ranked["chris"]["genuine"] or not gated:
        broken.append("Chris Novak's path is not tenuous through the one-way gate")
    if run("explain", "maya", "tom")["band"] != "dormant":
        broken.append("Tom Berg is not dormant")
    return "; ".join(broken) or None


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
    parser.add_argument("--profile", type=float, nargs="*", default=[7, 14, 30, 60, 90, 180],
                        help="half-lives (days) at which to re-search the other parameters")
    parser.add_argument("--keep-demo", action="store_true",
                        help="accept only parameter values under which the demo story holds")
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

        def story_allows(params):
            return not args.keep_demo or demo_story(args.binary, params, workdir) is None

        def calibration(params):
            if not story_allows(params):
                return float("-inf")
            return auc_of(evaluate(args.binary, college_first, params, 0.5, workdir))

        def duration_calibration(params):
            if not story_allows(params):
                return float("-inf")
            return auc_of(evaluate(args.binary, socio_first, params, 0.5, workdir))

        def report(label, model, auc, auc_duration):
            test = evaluate(args.binary, college, model, 0.3, workdir)
            check = evaluate(args.binary, socio, model, 0.3, workdir)
            story = demo_story(args.binary, model, workdir)
            print(f"\n== {label}: calibration AUC CollegeMsg {auc:.4f}, "
                  f"SocioPatterns {auc_duration:.4f}")
            print("  " + toml_text(model).replace("\n", "\n  ").rstrip())
            for name, result in (("CollegeMsg 70 %", test), ("SocioPatterns 70 %", check)):
                aucs = "  ".join(f"{s['name']} {s['auc']:.3f}" for s in result["scores"])
                print(f"  {name:18} {aucs}")
            print(f"  demo story: {story or 'holds'}")
            sys.stdout.flush()

        report("start (hand-set defaults)", start, calibration(start),
               duration_calibration(start))
        params, best = coordinate_search(GRID, calibration, dict(start))
        params, best_duration = coordinate_search(DURATION_GRID, duration_calibration, params)
        report("free search", params, best, best_duration)

        # The half-life profile: the best calibration AUC with the half-life
        # held at each value and every other parameter searched again.
        if "half_life_days" not in fixed and args.profile:
            grid = {k: v for k, v in GRID.items() if k != "half_life_days"}
            for half_life in args.profile:
                trial = dict(params, half_life_days=half_life)
                trial, auc = coordinate_search(grid, calibration, trial)
                trial, auc_d = coordinate_search(DURATION_GRID, duration_calibration, trial)
                report(f"half_life_days = {half_life:g}", trial, auc, auc_d)

        # The binary's built-in defaults (an empty model file).
        current = {}
        report("built-in defaults", current, calibration(current), duration_calibration(current))


if __name__ == "__main__":
    main()
