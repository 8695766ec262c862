#!/usr/bin/env bash
# Side-by-side: warmpath against networkx, python-igraph and networkit on the
# same generated weighted edge list. Each tool, as a separate process, loads
# the edge list and ranks the best introducers from the owner to a target
# within 3 hops; warmpath also builds a snapshot once and answers from it.
# Prints medians of wall time and peak memory (/usr/bin/time), the in-process
# query time, and ratios, with the machine named.
#
# Usage: benches/compare.sh [--quick] [--people N] [--runs R] [--skip LIB]...
#   --quick      20,000 people (a minute or two, for trying it)
#   --people N   network size (default 1,000,000 people ≈ 25M ties)
#   --runs R     runs per measurement (default 3)
#   --skip LIB   leave out networkx, igraph or networkit
# Needs: cargo, python3 (a venv in .venv is created and filled from PyPI).
set -euo pipefail

cd "$(dirname "$0")/.."
people=1000000
runs=3
seed=42
skip=" "
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) people=20000; shift ;;
        --people) people="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --skip) skip="$skip$2 "; shift 2 ;;
        *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
    esac
done

timer=/usr/bin/time
[[ -x $timer ]] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

echo "== building warmpath (release)" >&2
cargo build --release --quiet
warmpath=target/release/warmpath

if [[ ! -x .venv/bin/python ]]; then
    echo "== creating .venv with networkx, igraph, networkit" >&2
    python3 -m venv .venv
fi
.venv/bin/python -c "import networkx, igraph, networkit" 2>/dev/null \
    || .venv/bin/pip install --quiet networkx igraph networkit
python=.venv/bin/python

data="bench-data/ties-$people-$seed"
if [[ ! -f $data/relationships.csv ]]; then
    echo "== generating $people people (seed $seed) into $data" >&2
    "$warmpath" generate --people "$people" --seed "$seed" --ties-only --output "$data" -q --force >&2
fi
edges="$data/relationships.csv"
owner=$("$python" -c "import json,sys; print(json.load(open(sys.argv[1]))['owner'])" "$data/synthetic.json")
target=$("$python" -c "import json,sys; print(json.load(open(sys.argv[1]))['target'])" "$data/synthetic.json")
ties=$("$python" -c "import json,sys; print(json.load(open(sys.argv[1]))['ties'])" "$data/synthetic.json")
snapshot="$data/network.snap"

results=$(mktemp)
trap 'rm -f "$results" "$results.time" "$results.out"' EXIT
machine="$(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(uname -sr)"
printf '{"name":"meta","machine":"%s","dataset":"%s people, %s ties (%s MB edge list), owner %s, target %s, 3 hops"}\n' \
    "$machine" "$people" "$ties" "$(( $(stat -c %s "$edges") / 1000000 ))" "$owner" "$target" >> "$results"

# measure NAME COMMAND...: runs COMMAND, records wall time, peak RSS and any
# JSON line it prints on stdout.
measure() {
    local name="$1"; shift
    local status=0
    "$timer" -f '%e %M' -o "$results.time" "$@" > "$results.out" || status=$?
    # warmpath exits 1 when no path is genuine; that is an answer, not a failure.
    if (( status > 1 )); then echo "$name failed (exit $status)" >&2; exit 1; fi
    sed -i '/^Command exited with non-zero status/d' "$results.time"
    local wall rss extra
    read -r wall rss < "$results.time"
    extra=$(tail -n 1 "$results.out" | grep '^{' | sed 's/^{//; s/}$//' || true)
    printf '{"name":"%s","wall_secs":%s,"max_rss_kb":%s%s}\n' "$name" "$wall" "$rss" "${extra:+,$extra}" >> "$results"
    echo "   $name: ${wall}s, $(( rss / 1024 )) MB" >&2
}

echo "== warmpath" >&2
for _ in $(seq "$runs"); do
    measure "warmpath build (csv → snapshot)" "$warmpath" build --data "$data" --output "$snapshot" -q
done
for _ in $(seq "$runs"); do
    measure "warmpath intro (snapshot)" "$warmpath" intro "$target" --data "$snapshot" -q --format csv
done
for _ in $(seq "$runs"); do
    measure "warmpath intro (csv)" "$warmpath" intro "$target" --data "$data" -q --format csv
done
for _ in $(seq "$runs"); do
    measure "warmpath bench-query (snapshot)" "$warmpath" bench-query "$target" --data "$snapshot" -q
done

for library in networkit igraph networkx; do
    [[ $skip == *" $library "* ]] && continue
    echo "== $library" >&2
    for _ in $(seq "$runs"); do
        measure "$library load + query (csv)" "$python" benches/compare.py query "$library" "$edges" "$owner" "$target"
    done
done

echo
"$python" benches/compare.py table "$results"
