"""Node F1 and graph F1 between an expected and a produced workflow graph (after WorFBench).

Nodes are compared by kind (node type). The node matching is a maximum bipartite matching
between expected and produced nodes of the same kind; among the maximum matchings we take one
that keeps the most edges (exact search; graphs here are small). An expected edge
(a, handle, b) counts when a and b are matched and the produced graph has the same edge between
their partners, through the same output handle (so a swapped branch arm is an error).

- node F1: precision = matched / produced nodes, recall = matched / expected nodes.
- graph F1: the same over nodes and edges together, so structure and content both count.
The Start node and its edges are left out: every workflow has them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

Edge = tuple[str, str, str]  # source id, source handle, target id
SEARCH_LIMIT = 200_000  # states explored before settling for the best matching found


@dataclass
class Graph:
    nodes: dict[str, str] = field(default_factory=dict)  # id -> kind
    edges: set[Edge] = field(default_factory=set)

    @classmethod
    def from_definition(cls, definition: dict[str, Any] | None) -> Graph:
        graph = cls()
        if not definition:
            return graph
        starts = set()
        for node in definition.get("nodes") or []:
            if not isinstance(node, dict):
                continue
            if node.get("type") == "start":
                starts.add(str(node.get("id")))
                continue
            graph.nodes[str(node.get("id"))] = str(node.get("type"))
        for edge in definition.get("edges") or []:
            if not isinstance(edge, dict) or str(edge.get("source")) in starts:
                continue
            src, dst = str(edge.get("source")), str(edge.get("target"))
            if src in graph.nodes and dst in graph.nodes:
                graph.edges.add((src, str(edge.get("source_handle") or "out"), dst))
        return graph


@dataclass
class Match:
    pairs: dict[str, str]  # expected id -> produced id
    edges: int  # expected edges kept under the matching


def f1(matched: int, produced: int, expected: int) -> float:
    if produced == 0 and expected == 0:
        return 1.0
    if matched == 0:
        return 0.0
    precision, recall = matched / produced, matched / expected
    return 2 * precision * recall / (precision + recall)


def _order(graph: Graph) -> list[str]:
    """Expected nodes in BFS order from the roots: neighbours are decided close together,
    which lets the edge bound prune early."""
    targets = {d for _s, _h, d in graph.edges}
    roots = [n for n in graph.nodes if n not in targets] or list(graph.nodes)
    children: dict[str, list[str]] = {}
    for s, _h, d in sorted(graph.edges):
        children.setdefault(s, []).append(d)
    seen: list[str] = []
    queue = list(roots)
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.append(current)
        queue.extend(children.get(current, []))
    return seen + [n for n in graph.nodes if n not in seen]


def match(expected: Graph, produced: Graph) -> Match:
    """A maximum same-kind matching that keeps the most expected edges."""
    order = _order(expected)
    by_kind: dict[str, list[str]] = {}
    for pid, kind in produced.nodes.items():
        by_kind.setdefault(kind, []).append(pid)
    # A maximum matching matches min(expected, produced) nodes of every kind.
    need = {k: min(c, len(by_kind.get(k, []))) for k, c in Counter(expected.nodes.values()).items()}
    left = Counter(expected.nodes.values())  # expected nodes of each kind not yet decided
    incident: dict[str, list[Edge]] = {n: [] for n in expected.nodes}
    for e in expected.edges:
        incident[e[0]].append(e)
        if e[2] != e[0]:
            incident[e[2]].append(e)
    position = {n: i for i, n in enumerate(order)}

    best = Match({}, -1)
    pairs: dict[str, str] = {}
    used: set[str] = set()
    explored = 0

    def gained(eid: str, pid: str) -> int:
        """Edges between eid (as pid) and decided nodes that the produced graph also has."""
        count = 0
        for s, h, d in incident[eid]:
            other = d if s == eid else s
            if other != eid and (position[other] > position[eid] or other not in pairs):
                continue
            ps = pid if s == eid else pairs[s]
            pd = pid if d == eid else pairs[d]
            if (ps, h, pd) in produced.edges:
                count += 1
        return count

    def search(i: int, kept: int, open_edges: int) -> None:
        nonlocal best, explored
        explored += 1
        if kept + open_edges <= best.edges or (explored > SEARCH_LIMIT and best.edges >= 0):
            return
        if i == len(order):
            best = Match(dict(pairs), kept)
            return
        eid = order[i]
        kind = expected.nodes[eid]
        later = sum(1 for e in incident[eid]
                    if position[e[2] if e[0] == eid else e[0]] > i or e[0] == e[2])
        decided = len(incident[eid]) - later
        left[kind] -= 1
        # Partners that keep the most edges first: the first complete matching is the greedy
        # structural one, and it makes the bound prune hard.
        options = sorted(((gained(eid, pid), pid) for pid in by_kind.get(kind, [])
                          if pid not in used), key=lambda o: -o[0]) if need[kind] else []
        for gain, pid in options:
            pairs[eid], need[kind] = pid, need[kind] - 1
            used.add(pid)
            search(i + 1, kept + gain, open_edges - decided)
            used.discard(pid)
            del pairs[eid]
            need[kind] += 1
        if left[kind] >= need[kind]:  # leaving it unmatched still allows a maximum matching
            search(i + 1, kept, open_edges - decided)
        left[kind] += 1

    search(0, 0, len(expected.edges))
    return best if best.edges >= 0 else Match({}, 0)


@dataclass
class GraphScore:
    node_f1: float
    graph_f1: float
    matched_nodes: int
    matched_edges: int
    expected_nodes: int
    expected_edges: int
    produced_nodes: int
    produced_edges: int
    pairs: dict[str, str]


def score(expected: Graph, produced: Graph) -> GraphScore:
    m = match(expected, produced)
    nodes = len(m.pairs)
    return GraphScore(
        node_f1=f1(nodes, len(produced.nodes), len(expected.nodes)),
        graph_f1=f1(nodes + m.edges, len(produced.nodes) + len(produced.edges),
                    len(expected.nodes) + len(expected.edges)),
        matched_nodes=nodes, matched_edges=m.edges, expected_nodes=len(expected.nodes),
        expected_edges=len(expected.edges), produced_nodes=len(produced.nodes),
        produced_edges=len(produced.edges), pairs=m.pairs)
