#!/usr/bin/env bash
# Throughput of `warmpath batch intro` (targets per second) against workers
# and processes, beside the single-machine `intro --targets` on the same
# snapshot. Usage: benches/batch_throughput.sh [PEOPLE] [TARGETS] [SHARDS]
# (defaults 1000000, 200, 4). Needs a release build; writes under
# bench-data/ (ignored by git). Prints one Markdown table row per run.
set -euo pipefail
people=${1:-1000000}
count=${2:-200}
shards=${3:-4}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/target/release/warmpath"
work="$root/bench-data/batch-$people"
mkdir -p "$work"
if [ ! -f "$work/net/relationships.csv" ]; then
  "$bin" generate --people "$people" --output "$work/gen" --force >/dev/null
  mkdir -p "$work/net"
  mv "$work/gen/people.csv" "$work/gen/relationships.csv" "$work/gen/warmpath.toml" "$work/net/"
  rm -rf "$work/gen"
fi
[ -f "$work/net.snap" ] || "$bin" build --data "$work/net" -o "$work/net.snap" -q
[ -f "$work/shards/manifest.json" ] || "$bin" build --data "$work/net" --shards "$shards" -o "$work/shards" -q
# Targets: every (people/count)-th person by id, from the owner's far side.
awk -v n="$people" -v k="$count" 'BEGIN { for (i = 1; i <= k; i++) print "p" int(i * (n - 1) / k) }' > "$work/targets.txt"
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N); echo "$end - $start" | bc; }
row() { printf '| %s | %.2f s | %.1f |\n' "$1" "$2" "$(echo "$count / $2" | bc -l)"; }
echo "| run ($people people, $count targets, $shards shards) | wall | targets/s |"
echo "|---|---|---|"
row "intro --targets (snapshot, rayon)" "$(seconds "$bin" intro --targets "$work/targets.txt" --data "$work/net.snap" -q --format csv -o "$work/single.csv")"
row "batch intro -w 1" "$(seconds "$bin" batch intro --targets "$work/targets.txt" --data "$work/shards" -q -o "$work/w1.csv" -- -w 1)"
row "batch intro -w 2" "$(seconds "$bin" batch intro --targets "$work/targets.txt" --data "$work/shards" -q -o "$work/w2.csv" -- -w 2)"
ports=$(python3 -c 'import socket
s=[socket.socket() for _ in range(2)]
[x.bind(("127.0.0.1",0)) for x in s]
print(" ".join(str(x.getsockname()[1]) for x in s))')
set -- $ports
printf '127.0.0.1:%s\n127.0.0.1:%s\n' "$1" "$2" > "$work/hosts.txt"
two() {
  "$bin" batch intro --targets "$work/targets.txt" --data "$work/shards" -q -o "$work/p1.csv" -- -n 2 -p 1 -h "$work/hosts.txt" &
  "$bin" batch intro --targets "$work/targets.txt" --data "$work/shards" -q -o "$work/p0.csv" -- -n 2 -p 0 -h "$work/hosts.txt"
  wait
}
row "batch intro, 2 processes × 1 worker" "$(seconds two)"
for file in w1 w2 p0; do
  cmp -s "$work/single.csv" "$work/$file.csv" && echo "$file.csv = single.csv" || echo "$file.csv DIFFERS from single.csv"
done
