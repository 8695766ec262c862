"""The peer-library side of benches/compare.sh.

`compare.py query LIB EDGES OWNER TARGET` loads the weighted edge list
(`a,b,strength`, integer ids, one header line) with LIB (networkx, igraph or
networkit) and ranks the best introducers from OWNER to TARGET within 3 hops,
the same work `warmpath intro` does: for each neighbour i of OWNER (not
TARGET), the best product of strengths over OWNER-i-TARGET and
OWNER-i-j-TARGET, never through OWNER again. Prints one JSON line.

`compare.py table RESULTS.jsonl` prints the comparison table.
"""

import json
import sys
import time


def load_networkx(path):
    import networkx as nx

    with open(path) as lines:
        next(lines)
        return nx.parse_edgelist(
            lines, delimiter=",", nodetype=int, data=(("weight", float),)
        )


def query_networkx(graph, owner, target):
    via = {j: d["weight"] for j, d in graph[target].items() if j != owner}
    scores = {}
    for i, d in graph[owner].items():
        if i == target:
            continue
        best = via.get(i, 0.0)
        for j, e in graph[i].items():
            if j in via and j != owner:
                best = max(best, e["weight"] * via[j])
        if best > 0:
            scores[i] = d["weight"] * best
    return scores


def load_igraph(path):
    import igraph as ig

    edges, weights, top = [], [], 0
    with open(path) as lines:
        next(lines)
        for line in lines:
            a, b, w = line.split(",")
            a, b = int(a), int(b)
            edges.append((a, b))
            weights.append(float(w))
            top = max(top, a, b)
    graph = ig.Graph(n=top + 1, edges=edges, directed=False)
    graph.es["weight"] = weights
    return graph


def query_igraph(graph, owner, target):
    def neighbours(node):
        for edge in graph.es[graph.incident(node)]:
            other = edge.target if edge.source == node else edge.source
            yield other, edge["weight"]

    via = {j: w for j, w in neighbours(target) if j != owner}
    scores = {}
    for i, w_si in neighbours(owner):
        if i == target:
            continue
        best = via.get(i, 0.0)
        for j, w in neighbours(i):
            if j in via and j != owner:
                best = max(best, w * via[j])
        if best > 0:
            scores[i] = w_si * best
    return scores


def load_networkit(path):
    import networkit as nk

    nk.engineering.setNumberOfThreads(2)
    # The header line starts with "a": skip it as a comment.
    reader = nk.graphio.EdgeListReader(",", 0, commentPrefix="a", continuous=True, directed=False)
    return reader.read(path)


def query_networkit(graph, owner, target):
    via = {j: w for j, w in graph.iterNeighborsWeights(target) if j != owner}
    scores = {}
    for i, w_si in graph.iterNeighborsWeights(owner):
        if i == target:
            continue
        best = via.get(i, 0.0)
        for j, w in graph.iterNeighborsWeights(i):
            if j in via and j != owner:
                best = max(best, w * via[j])
        if best > 0:
            scores[i] = w_si * best
    return scores


LIBRARIES = {
    "networkx": (load_networkx, query_networkx),
    "igraph": (load_igraph, query_igraph),
    "networkit": (load_networkit, query_networkit),
}


def run_query(library, path, owner, target):
    load, query = LIBRARIES[library]
    started = time.perf_counter()
    graph = load(path)
    loaded = time.perf_counter()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        scores = query(graph, int(owner), int(target))
        times.append(time.perf_counter() - start)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:10]
    times.sort()
    print(
        json.dumps(
            {
                "load_secs": loaded - started,
                "query_median_us": times[len(times) // 2] * 1e6,
                "best_introducer": str(ranked[0][0]) if ranked else None,
                "best_score": ranked[0][1] if ranked else None,
                "introducers": len(scores),
            }
        )
    )


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else None


def print_table(results_path):
    rows = [json.loads(line) for line in open(results_path) if line.strip()]
    by_name = {}
    for row in rows:
        by_name.setdefault(row["name"], []).append(row)
    meta = next((row for row in rows if row["name"] == "meta"), {})
    print(f"machine: {meta.get('machine', '?')}")
    print(f"dataset: {meta.get('dataset', '?')}")
    print()

    def wall(name):
        return median([row["wall_secs"] for row in by_name.get(name, [])])

    def rss(name):
        return median([row["max_rss_kb"] for row in by_name.get(name, [])])

    def field(name, key):
        return median([row[key] for row in by_name.get(name, []) if row.get(key) is not None])

    reference = wall("warmpath intro (snapshot)")
    header = f"{'what':38} {'median s':>9} {'peak MB':>8} {'query µs':>10} {'vs warmpath intro':>18}  best introducer"
    print(header)
    print("-" * len(header))
    for name in by_name:
        if name == "meta":
            continue
        seconds, memory = wall(name), rss(name)
        query = field(name, "query_median_us")
        ratio = f"{seconds / reference:.1f}×" if reference and seconds and name.startswith(("networkx", "igraph", "networkit")) else ""
        best = next((row.get("best_introducer") for row in by_name[name] if row.get("best_introducer")), "")
        score = field(name, "best_score")
        best_text = f"{best} ({score:.6f})" if best and score is not None else ""
        print(
            f"{name:38} {seconds:9.2f} {memory / 1024:8.0f} "
            f"{(f'{query:.1f}' if query is not None else ''):>10} {ratio:>18}  {best_text}"
        )
    load = field("warmpath bench-query (snapshot)", "load_secs")
    if load is not None:
        print()
        print(f"warmpath snapshot load in-process: {load:.3f} s")


if __name__ == "__main__":
    if sys.argv[1] == "query":
        run_query(*sys.argv[2:6])
    else:
        print_table(sys.argv[2])
