"""Node F1 and graph F1 on hand-made graphs whose scores are worked out by hand."""

from __future__ import annotations

import pytest

from evals.expected import expected_graph
from evals.metrics import Graph, f1, score
from evals.suite import Expectation

T, S, D, TAG, B = ("trigger.friend_add", "action.send_message", "action.delay", "action.tag",
                   "action.branch")


def graph(nodes: dict[str, str], *edges: tuple[str, str, str]) -> Graph:
    return Graph(nodes=dict(nodes), edges=set(edges))


def test_identical_graphs_score_one() -> None:
    g = graph({"t": T, "d": D, "s": S}, ("t", "out", "d"), ("d", "out", "s"))
    other = graph({"x": T, "y": D, "z": S}, ("x", "out", "y"), ("y", "out", "z"))
    result = score(g, other)
    assert (result.node_f1, result.graph_f1) == (1.0, 1.0)
    assert result.pairs == {"t": "x", "d": "y", "s": "z"}


def test_missing_delay() -> None:
    # expected t→d→s (3 nodes, 2 edges); produced t→s (2 nodes, 1 edge that is not expected).
    expected = graph({"t": T, "d": D, "s": S}, ("t", "out", "d"), ("d", "out", "s"))
    produced = graph({"t": T, "s": S}, ("t", "out", "s"))
    result = score(expected, produced)
    # nodes: P = 2/2, R = 2/3 → 0.8; graph: P = 2/3, R = 2/5 → 0.5
    assert result.node_f1 == pytest.approx(0.8)
    assert result.graph_f1 == pytest.approx(0.5)
    assert result.matched_edges == 0


def test_matching_keeps_the_edges_not_the_first_same_kind_node() -> None:
    # expected t→s1→d→s2; produced t→d→s. s must pair with s2 (keeps d→s): 1 edge, not 0.
    expected = graph({"t": T, "s1": S, "d": D, "s2": S},
                     ("t", "out", "s1"), ("s1", "out", "d"), ("d", "out", "s2"))
    produced = graph({"t": T, "d": D, "s": S}, ("t", "out", "d"), ("d", "out", "s"))
    result = score(expected, produced)
    assert result.pairs["s2"] == "s" and result.matched_edges == 1
    assert result.node_f1 == pytest.approx(6 / 7)  # P 1, R 3/4
    assert result.graph_f1 == pytest.approx(2 / 3)  # P 4/5, R 4/7


def test_swapped_branch_arms_lose_their_edges() -> None:
    expected = graph({"t": T, "b": B, "tag": TAG, "s": S},
                     ("t", "out", "b"), ("b", "branch-1", "tag"), ("b", "else", "s"))
    produced = graph({"t": T, "b": B, "tag": TAG, "s": S},
                     ("t", "out", "b"), ("b", "branch-1", "s"), ("b", "else", "tag"))
    result = score(expected, produced)
    assert result.node_f1 == 1.0
    assert result.matched_edges == 1
    assert result.graph_f1 == pytest.approx(5 / 7)


def test_extra_nodes_cost_precision_only() -> None:
    expected = graph({"t": T, "s": S}, ("t", "out", "s"))
    produced = graph({"t": T, "s": S, "x": TAG}, ("t", "out", "s"), ("s", "out", "x"))
    result = score(expected, produced)
    assert result.node_f1 == pytest.approx(0.8)  # P 2/3, R 1
    assert result.graph_f1 == pytest.approx(2 * (3 / 5) / (3 / 5 + 1))  # P 3/5, R 3/3


def test_no_draft_scores_zero_and_nothing_expected_scores_one() -> None:
    expected = graph({"t": T, "s": S}, ("t", "out", "s"))
    assert (score(expected, Graph()).node_f1, score(expected, Graph()).graph_f1) == (0.0, 0.0)
    assert score(Graph(), Graph()).graph_f1 == 1.0
    assert f1(0, 3, 0) == 0.0


def test_from_definition_leaves_out_start_and_reads_handles() -> None:
    definition = {"nodes": [{"id": "start", "type": "start"}, {"id": "f", "type": T},
                            {"id": "q", "type": "action.question"}, {"id": "x", "type": TAG}],
                  "edges": [{"source": "start", "target": "f"},
                            {"source": "f", "target": "q"},
                            {"source": "q", "source_handle": "timeout", "target": "x"}]}
    g = Graph.from_definition(definition)
    assert g.nodes == {"f": T, "q": "action.question", "x": TAG}
    assert g.edges == {("f", "out", "q"), ("q", "timeout", "x")}


def test_expected_graph_from_steps_with_arms() -> None:
    expect = Expectation.model_validate({"trigger": T, "actions": [
        {"action.question": {"answered": [{"action.branch": {
            "branch-1": ["action.tag"], "branch-2": ["action.tag"]}}]}},
    ]})
    g = expected_graph(expect)
    assert sorted(g.nodes.values()) == sorted([T, "action.question", B, TAG, TAG])
    handles = sorted(h for _s, h, _d in g.edges)
    assert handles == ["answered", "branch-1", "branch-2", "out"]
    # A produced graph with the answer arms wired to "timeout" keeps nodes, loses 3 edges.
    produced = graph({"f": T, "q": "action.question", "b": B, "x": TAG, "y": TAG},
                     ("f", "out", "q"), ("q", "timeout", "b"), ("b", "branch-1", "x"),
                     ("b", "branch-2", "y"))
    result = score(g, produced)
    assert result.node_f1 == 1.0 and result.matched_edges == 3
    assert result.graph_f1 == pytest.approx(8 / 9)


def test_long_chains_with_one_kind_stay_fast_and_exact() -> None:
    n = 16
    expected = graph({"t": T, **{f"e{i}": S for i in range(n)}},
                     *[(("t" if i == 0 else f"e{i - 1}"), "out", f"e{i}") for i in range(n)])
    names = [f"p{i}" for i in reversed(range(n))]  # listed in the opposite order
    produced = graph({"t": T, **{p: S for p in names}},
                     *[(("t" if i == 0 else f"p{i - 1}"), "out", f"p{i}") for i in range(n)
                       if i != 5 and i != 6])  # p5 dropped: p4→p5 and p5→p6 missing
    del produced.nodes["p5"]
    result = score(expected, produced)
    assert result.matched_edges == n - 2
