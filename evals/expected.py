"""The expected graph of a case: trigger → actions (with their outputs), as a metrics.Graph."""

from __future__ import annotations

from evals.metrics import Graph
from evals.suite import Expectation, ExpectedStep


def expected_graph(expect: Expectation) -> Graph:
    graph = Graph()
    if expect.trigger is None:
        return graph
    graph.nodes["trigger"] = expect.trigger
    counter = [0]

    def add(steps: list[ExpectedStep], source: str, handle: str) -> None:
        for step in steps:
            counter[0] += 1
            node_id = f"e{counter[0]}-{step.type.split('.', 1)[1]}"
            graph.nodes[node_id] = step.type
            graph.edges.add((source, handle, node_id))
            for out, arm in step.outputs.items():
                add(arm, node_id, out)
            source, handle = node_id, step.first_output

    add(expect.actions, "trigger", "out")
    return graph


def outline(graph: Graph) -> list[str]:
    """An indented, readable outline of a graph (for the HTML diff): one line per edge path."""
    targets = {d for _s, _h, d in graph.edges}
    roots = sorted(n for n in graph.nodes if n not in targets)
    children: dict[str, list[tuple[str, str]]] = {}
    for s, h, d in sorted(graph.edges):
        children.setdefault(s, []).append((h, d))
    lines: list[str] = []
    seen: set[str] = set()

    def walk(node: str, depth: int, via: str) -> None:
        label = graph.nodes[node] + (" (again)" if node in seen else "")
        lines.append("  " * depth + (f"[{via}] " if via and via != "out" else "") + label)
        if node in seen:
            return
        seen.add(node)
        outs = children.get(node, [])
        for h, d in outs:
            # A single "out" continues at the same depth, like a list of steps.
            walk(d, depth + (0 if len(outs) == 1 and h == "out" else 1), h)

    for root in roots:
        walk(root, 0, "")
    for node in graph.nodes:
        if node not in seen:  # unreachable from a root (a cycle): still show it
            walk(node, 0, "")
    return lines
