"""validate(definition, account_context): errors block activation, warnings inform."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.graph import DefinitionError, parse_definition
from engine.nodes import NODE_TYPES
from engine.templates import TEMPLATES
from engine.validation import AccountContext, Issue, ValidationReport, validate

ACCOUNT, OTHER_ACCOUNT = 1, 2
VIP, NEWCOMER = 10, 11
CTX = AccountContext(account_ids={ACCOUNT, OTHER_ACCOUNT}, tag_ids={VIP, NEWCOMER},
                     auto_message_ids={20}, rich_menu_ids={30}, qr_code_ids={40})


def start(*accounts: int) -> dict[str, Any]:
    return {"id": "start", "type": "start", "config": {"account_ids": list(accounts)}}


def node(node_id: str, type_: str, config: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"id": node_id, "type": type_, "config": config or {}}


def edge(source: str, target: str, handle: str = "out") -> dict[str, Any]:
    return {"source": source, "source_handle": handle, "target": target}


def flow(*nodes: dict[str, Any], edges: Sequence[tuple[str, ...]] = (),
         accounts: tuple[int, ...] = (ACCOUNT,)) -> dict[str, Any]:
    """Start (with accounts) + nodes; edges as (source, target) or (source, target, handle)."""
    return {"nodes": [start(*accounts), *nodes], "edges": [edge(*e) for e in edges]}


def friend_add() -> dict[str, Any]:
    return node("trigger", "trigger.friend_add")


def send(node_id: str = "send", body: str = "Hello") -> dict[str, Any]:
    return node(node_id, "action.send_message", {"messages": [{"type": "text", "text": body}]})


def codes(issues: list[Issue]) -> list[str]:
    return [i.code for i in issues]


def one(issues: list[Issue], code: str) -> Issue:
    found = [i for i in issues if i.code == code]
    assert len(found) == 1, issues
    return found[0]


def coupon_flow() -> dict[str, Any]:
    return flow(friend_add(), node("wait", "action.delay", {"amount": 3, "unit": "days"}),
                send("coupon", "Here is your 10% coupon: WELCOME10"),
                edges=[("start", "trigger"), ("trigger", "wait"), ("wait", "coupon")])


# --- a valid flow ---------------------------------------------------------------------------


def test_friend_add_delay_coupon_flow_is_valid() -> None:
    for given_definition in (coupon_flow(), parse_definition(coupon_flow())):
        report = validate(given_definition, CTX)
        assert report.errors == [] and report.warnings == []
        assert report.valid and report.as_dict()["valid"] is True


# --- warnings ---------------------------------------------------------------------------------


def test_unconnected_node_is_a_warning_naming_it() -> None:
    data = coupon_flow()
    data["nodes"].append(node("forgotten", "action.send_message"))  # no messages either
    data["nodes"].append(node("island_tag", "action.tag", {"tag_id": 999}))
    data["edges"].append(edge("forgotten", "island_tag"))
    report = validate(data, CTX)
    assert report.errors == [], "gaps in nodes that never run must not block activation"
    unconnected = [w for w in report.warnings if w.code == "unconnected"]
    assert {w.node_id for w in unconnected} == {"forgotten", "island_tag"}
    for w in unconnected:
        assert w.node_id in w.message and w.severity == "warning"
    gaps = {(w.code, w.field) for w in report.warnings if w.code != "unconnected"}
    assert gaps == {("missing_field", "/nodes/4/config/messages"),
                    ("unknown_tag", "/nodes/5/config/tag_id")}
    assert all(w.severity == "warning" for w in report.warnings)


def test_trigger_not_below_start_is_unconnected() -> None:
    report = validate(flow(friend_add(), send(), edges=[("trigger", "send")]), CTX)
    assert codes(report.errors) == ["no_trigger"]
    assert {w.node_id for w in report.warnings if w.code == "unconnected"} == {"trigger",
                                                                              "send"}


# --- missing and invalid fields ----------------------------------------------------------------


@pytest.mark.parametrize(("trigger", "action", "pointer"), [
    (friend_add(), node("send", "action.send_message"), "/nodes/2/config/messages"),
    (friend_add(), node("tag", "action.tag", {"operation": "add"}), "/nodes/2/config/tag_id"),
    (friend_add(), node("ask", "action.question", {"text": "Size?"}),
     "/nodes/2/config/attribute"),
    (friend_add(), node("auto", "action.auto_message"), "/nodes/2/config/auto_message_id"),
    (node("video", "trigger.video_viewed"), send(), "/nodes/1/config/tracking_id"),
    (node("pb", "trigger.postback"), send(), "/nodes/1/config/data"),
])
def test_missing_required_field_on_connected_node_is_an_error(
        trigger: dict[str, Any], action: dict[str, Any], pointer: str) -> None:
    report = validate(flow(trigger, action, edges=[("start", trigger["id"]),
                                                   (trigger["id"], action["id"])]), CTX)
    assert len(report.errors) == 1, report.errors
    issue = report.errors[0]
    field_name = pointer.rsplit("/", 1)[-1]
    bad_node = trigger if pointer.startswith("/nodes/1") else action
    assert (issue.code, issue.field, issue.node_id) == ("missing_field", pointer,
                                                        bad_node["id"])
    assert bad_node["id"] in issue.message and field_name in issue.message
    assert issue.severity == "error" and report.warnings == []


def test_empty_message_list_is_an_error_on_messages() -> None:
    report = validate(flow(friend_add(), node("send", "action.send_message", {"messages": []}),
                           edges=[("start", "trigger"), ("trigger", "send")]), CTX)
    assert [(i.node_id, i.field) for i in report.errors] == [("send",
                                                              "/nodes/2/config/messages")]


@pytest.mark.parametrize(("action", "pointer"), [
    (node("send", "action.send_message",
          {"messages": [{"type": "text", "text": "ok"}, {"type": "text"}]}),
     "/nodes/2/config/messages/1/text"),
    (node("route", "action.branch", {"branches": [{"conditions": [{"kind": "tag"}]}]}),
     "/nodes/2/config/branches/0/conditions/0/tag_id"),
])
def test_pointer_into_a_list_item_names_the_real_field(action: dict[str, Any],
                                                       pointer: str) -> None:
    """The pointer must resolve in the saved JSON (no pydantic union tag in the path)."""
    data = flow(friend_add(), action, edges=[("start", "trigger"), ("trigger", action["id"])])
    report = validate(data, CTX)
    assert [(i.code, i.field) for i in report.errors] == [("missing_field", pointer)]
    assert _resolve(data, pointer[: pointer.rfind("/")]) is not None


def _resolve(document: Any, pointer: str) -> Any:
    for part in pointer.lstrip("/").split("/"):
        document = document[int(part)] if isinstance(document, list) else document.get(part)
        if document is None:
            return None
    return document


def test_cross_field_rules_are_errors() -> None:
    data = flow(node("kw", "trigger.message_received", {"keywords": ["sale", "  "]}),
                node("menu", "action.rich_menu", {"operation": "link"}),
                node("ask", "action.question",
                     {"text": "Colour?", "attribute": "colour", "options": ["Red", "Red"]}),
                edges=[("start", "kw"), ("kw", "menu"), ("menu", "ask")])
    report = validate(data, CTX)
    assert {(i.node_id, i.field) for i in report.errors} == {
        ("kw", "/nodes/1/config/keywords/1"),
        ("menu", "/nodes/2/config/rich_menu_id"),
        ("ask", "/nodes/3/config/options")}


def test_malformed_dict_input_is_reported_not_raised() -> None:
    data = flow(friend_add(), node("x", "action.send_fax"), edges=[("start", "trigger")])
    report = validate(data, CTX)
    assert [(i.code, i.field) for i in report.errors] == [("malformed", "/nodes/2/type")]


# --- references to the account's resources --------------------------------------------------


def test_unknown_tag_is_an_error_at_tag_id() -> None:
    data = flow(friend_add(), node("tag", "action.tag", {"tag_id": 999}),
                edges=[("start", "trigger"), ("trigger", "tag")])
    issue = one(validate(data, CTX).errors, "unknown_tag")
    assert (issue.node_id, issue.field) == ("tag", "/nodes/2/config/tag_id")
    assert "999" in issue.message
    data["nodes"][2]["config"]["tag_id"] = VIP
    assert validate(data, CTX).errors == []


def test_unknown_tag_inside_branch_conditions() -> None:
    branch = node("route", "action.branch", {"branches": [
        {"conditions": [{"kind": "attribute", "attribute": "interest", "value": "Sale"}]},
        {"match": "any", "conditions": [{"kind": "tag", "tag_id": VIP},
                                        {"kind": "tag", "tag_id": 404, "op": "has_not"}]}]})
    data = flow(friend_add(), branch, edges=[("start", "trigger"), ("trigger", "route")])
    report = validate(data, CTX)
    assert [(i.code, i.node_id, i.field) for i in report.errors] == [
        ("unknown_tag", "route", "/nodes/2/config/branches/1/conditions/1/tag_id")]
    assert "404" in report.errors[0].message


@pytest.mark.parametrize(("position", "item", "code", "pointer"), [
    ("action", node("auto", "action.auto_message", {"auto_message_id": 21}),
     "unknown_auto_message", "/nodes/2/config/auto_message_id"),
    ("action", node("menu", "action.rich_menu", {"operation": "link", "rich_menu_id": 31}),
     "unknown_rich_menu", "/nodes/2/config/rich_menu_id"),
    ("trigger", node("qr", "trigger.qr_scan", {"qr_code_id": 41}),
     "unknown_qr_code", "/nodes/1/config/qr_code_id"),
])
def test_unknown_saved_resource_is_an_error(position: str, item: dict[str, Any], code: str,
                                            pointer: str) -> None:
    if position == "action":
        data = flow(friend_add(), item, edges=[("start", "trigger"), ("trigger", item["id"])])
    else:
        data = flow(item, send(), edges=[("start", item["id"]), (item["id"], "send")])
    issue = one(validate(data, CTX).errors, code)
    assert (issue.node_id, issue.field) == (item["id"], pointer)
    # The same reference to an existing resource (20 / 30 / 40) is fine.
    key = pointer.rsplit("/", 1)[-1]
    item["config"][key] -= 1
    assert validate(data, CTX).errors == []


def test_without_context_references_are_not_checked() -> None:
    data = flow(friend_add(), node("tag", "action.tag", {"tag_id": 999}),
                edges=[("start", "trigger"), ("trigger", "tag")])
    assert validate(data).errors == []


# --- Start node ---------------------------------------------------------------------------------


def test_no_trigger() -> None:
    report = validate(flow(), CTX)
    issue = one(report.errors, "no_trigger")
    assert issue.node_id == "start" and codes(report.errors) == ["no_trigger"]


def test_no_account() -> None:
    data = coupon_flow()
    data["nodes"][0]["config"]["account_ids"] = []
    report = validate(data, CTX)
    assert codes(report.errors) == ["no_account"]
    assert report.errors[0].field == "/nodes/0/config/account_ids"
    assert report.errors[0].node_id == "start"


def test_start_without_config_has_no_account() -> None:
    data = coupon_flow()
    data["nodes"][0]["config"] = {}
    assert codes(validate(data, CTX).errors) == ["no_account"]


def test_unknown_account() -> None:
    data = coupon_flow()
    data["nodes"][0]["config"]["account_ids"] = [ACCOUNT, 77]
    issue = one(validate(data, CTX).errors, "unknown_account")
    assert issue.field == "/nodes/0/config/account_ids/1" and "77" in issue.message


def test_missing_or_second_start_node() -> None:
    data = coupon_flow()
    del data["nodes"][0]
    data["edges"] = data["edges"][1:]
    assert "no_start" in codes(validate(data, CTX).errors)
    twice = coupon_flow()
    twice["nodes"].append({**start(ACCOUNT), "id": "start2"})
    issue = one(validate(twice, CTX).errors, "multiple_starts")
    assert issue.node_id == "start2"


# --- edges ----------------------------------------------------------------------------------------


def test_unknown_handle() -> None:
    ask = node("ask", "action.question", {"text": "Like it?", "attribute": "liked",
                                          "options": ["yes", "no"]})
    data = flow(friend_add(), ask, send("thanks"),
                edges=[("start", "trigger"), ("trigger", "ask"), ("ask", "thanks", "yes")])
    issue = one(validate(data, CTX).errors, "unknown_handle")
    assert (issue.node_id, issue.field) == ("ask", "/edges/2/source_handle")
    assert "yes" in issue.message and "answered" in issue.message
    data["edges"][2]["source_handle"] = "answered"
    report = validate(data, CTX)
    assert report.errors == [] and report.warnings == []


def test_start_connected_directly_to_an_action() -> None:
    data = flow(send(), edges=[("start", "send")])
    report = validate(data, CTX)
    issue = one(report.errors, "start_needs_trigger")
    assert issue.node_id == "send" and issue.field == "/edges/0"


def test_trigger_after_an_action() -> None:
    data = flow(friend_add(), send(), node("kw", "trigger.message_received"),
                edges=[("start", "trigger"), ("trigger", "send"), ("send", "kw")])
    issue = one(validate(data, CTX).errors, "trigger_not_after_start")
    assert issue.node_id == "kw" and issue.field == "/edges/2"


def test_edge_into_start() -> None:
    data = flow(friend_add(), edges=[("start", "trigger"), ("trigger", "start")])
    assert one(validate(data, CTX).errors, "edge_into_start").field == "/edges/1"


def test_cycle() -> None:
    data = flow(friend_add(), send("a"), node("wait", "action.delay", {"amount": 1}), send("b"),
                edges=[("start", "trigger"), ("trigger", "a"), ("a", "wait"), ("wait", "b"),
                       ("b", "a")])
    issue = one(validate(data, CTX).errors, "cycle")
    for node_id in ("a", "wait", "b"):
        assert node_id in issue.message
    assert "trigger" not in issue.message.split("(")[1]


def test_diamond_is_not_a_cycle() -> None:
    branch = node("route", "action.branch", {"branches": [
        {"conditions": [{"kind": "tag", "tag_id": VIP}]}]})
    data = flow(friend_add(), branch, send("vip"), send("other"), send("after"),
                edges=[("start", "trigger"), ("trigger", "route"), ("route", "vip", "branch-1"),
                       ("route", "other", "else"), ("vip", "after"), ("other", "after")])
    report = validate(data, CTX)
    assert report.errors == [] and report.warnings == []


def test_branch_handles_follow_its_arms() -> None:
    config = {"branches": [
        {"label": "VIP", "conditions": [{"kind": "tag", "tag_id": VIP}]},
        {"conditions": [{"kind": "attribute", "attribute": "city", "value": "Tokyo"}]}]}
    spec = NODE_TYPES["action.branch"]
    assert spec.output_ids(spec.config_model.model_validate(config)) == [
        "branch-1", "branch-2", "else"]
    data = flow(friend_add(), node("route", "action.branch", config),
                send("s1"), send("s2"), send("s3"),
                edges=[("start", "trigger"), ("trigger", "route"), ("route", "s1", "branch-1"),
                       ("route", "s2", "branch-2"), ("route", "s3", "else")])
    report = validate(data, CTX)
    assert report.errors == [] and report.warnings == []
    data["edges"][2]["source_handle"] = "branch-3"
    issue = one(validate(data, CTX).errors, "unknown_handle")
    assert issue.field == "/edges/2/source_handle" and "branch-3" in issue.message


# --- integrations ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("node_type", "config", "integration"), [
    ("action.hubspot", {}, "hubspot"),
    ("action.klaviyo", {"operation": "add_to_list", "list_id": "L1"}, "klaviyo"),
])
def test_integration_nodes_need_the_integration_connected(node_type: str, config: dict,
                                                          integration: str) -> None:
    data = flow(friend_add(), node("sync", node_type, config),
                edges=[("start", "trigger"), ("trigger", "sync")])
    issue = one(validate(data, CTX).errors, "integration_not_connected")
    assert issue.node_id == "sync" and issue.field == "/nodes/2"
    assert integration in issue.message.lower()
    connected = copy.deepcopy(CTX)
    connected.integrations = {integration}
    assert validate(data, connected).errors == []
    other = copy.deepcopy(CTX)
    other.integrations = {"hubspot", "klaviyo"} - {integration}
    assert codes(validate(data, other).errors) == ["integration_not_connected"]


# --- templates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("template_id", sorted(TEMPLATES))
def test_template_needs_only_the_account_and_tags(template_id: str) -> None:
    template = TEMPLATES[template_id].definition()
    report = validate(template, CTX)
    tag_nodes = [i for i, n in enumerate(template.nodes) if n.type == "action.tag"]
    expected = {("no_account", "/nodes/0/config/account_ids")} | {
        ("missing_field", f"/nodes/{i}/config/tag_id") for i in tag_nodes}
    assert {(i.code, i.field) for i in report.errors} == expected
    assert len(report.errors) == len(expected)
    assert report.warnings == []
    assert bool(tag_nodes) == (template_id == "survey_and_tag")

    filled = template.model_dump(mode="json")
    filled["nodes"][0]["config"]["account_ids"] = [ACCOUNT]
    for i, tag_id in zip(tag_nodes, (VIP, NEWCOMER), strict=False):
        filled["nodes"][i]["config"]["tag_id"] = tag_id
    report = validate(filled, CTX)
    assert report.errors == [] and report.warnings == []
    assert validate(parse_definition(filled), CTX).valid


# --- property: validate never raises ---------------------------------------------------------

# One complete config per node type: random drafts drop, replace or add keys from these, so
# many random graphs get past parse_definition and exercise the whole validator.
EXAMPLES: dict[str, dict[str, Any]] = {
    "start": {"account_ids": [1, 2]},
    "trigger.friend_add": {"include_unblocked": False},
    "trigger.message_received": {"keywords": ["sale", " "], "match_type": "starts_with"},
    "trigger.postback": {"data": "action=buy", "match_type": "equals"},
    "trigger.qr_scan": {"qr_code_id": 40},
    "trigger.video_viewed": {"tracking_id": "promo-1"},
    "trigger.block": {},
    "trigger.purchase_completed": {"min_amount": 1000, "product_sku": "SKU-1"},
    "trigger.cart_abandoned": {"min_cart_value": 5000},
    "action.send_message": {"messages": [
        {"type": "text", "text": "Hi {{friend.display_name}}"},
        {"type": "image", "originalContentUrl": "https://cdn.example.com/a.png",
         "previewImageUrl": "https://cdn.example.com/p.png"}]},
    "action.auto_message": {"auto_message_id": 20},
    "action.question": {"text": "Size?", "options": ["S", "M", "S"], "attribute": "size",
                        "timeout_seconds": 3600},
    "action.branch": {"branches": [
        {"label": "VIP", "match": "any", "conditions": [
            {"kind": "tag", "tag_id": 10, "op": "has_not"},
            {"kind": "attribute", "attribute": "spent", "op": "gte", "value": "many"}]},
        {"conditions": [{"kind": "attribute", "attribute": "size", "op": "equals"}]}]},
    "action.delay": {"amount": 400, "unit": "days",
                     "send_window": {"start": "09:00", "end": "09:00"}},
    "action.tag": {"operation": "remove", "tag_id": 11},
    "action.rich_menu": {"operation": "link", "rich_menu_id": 31},
    "action.customer_agent": {"greeting": "Hello", "idle_timeout_minutes": 60},
    "action.hubspot": {"properties": {"firstname": "display_name", "a/b": "nope"}},
    "action.klaviyo": {"operation": "track_event", "event_name": ""},
    "action.ab_split": {"variants": [{"label": "A", "percent": 60}, {"percent": 30}]},
}
FIELD_NAMES = sorted({key for example in EXAMPLES.values() for key in example} | {
    "kind", "text", "conditions", "op", "value", "start", "end", "bogus"})
HANDLES = ["out", "answered", "timeout", "branch-1", "branch-2", "branch-3", "else", "yes", "",
           "variant-1", "variant-3"]
SCALARS = (st.none() | st.booleans() | st.integers(-5, 600_000) | st.floats(allow_nan=True)
           | st.text(max_size=6)
           | st.sampled_from(["days", "weeks", "add", "link", "unlink", "tag", "attribute",
                              "text", "image", "equals", "gt", "is_set", "10",
                              "http://cdn.example.com/a.png", "display_name", "09:00"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=3),
                      max_leaves=6)


@st.composite
def node_config(draw: st.DrawFn, node_type: str, broken: bool = False) -> dict[str, Any]:
    example = EXAMPLES[node_type]
    keys = draw(st.lists(st.sampled_from(sorted(example)), unique=True)) if example else []
    config = {k: copy.deepcopy(example[k]) for k in keys}
    if broken and draw(st.booleans()):  # a wrong value or an unknown key
        config[draw(st.sampled_from(FIELD_NAMES))] = draw(VALUES)
    return config


@st.composite
def random_graph(draw: st.DrawFn) -> dict[str, Any]:
    # About a third of the graphs are malformed (parse_definition refuses them).
    broken = draw(st.integers(0, 2)) == 0
    ids = draw(st.lists(st.sampled_from("abcdefg"), min_size=0, max_size=7, unique=True))
    if broken and ids and draw(st.booleans()):
        ids.append(ids[0])  # a duplicate id
    nodes = [{"id": "start", "type": "start", "config": draw(node_config("start"))}
             ] if draw(st.integers(0, 4)) else []
    for node_id in ids:
        node_type = draw(st.sampled_from(sorted(NODE_TYPES)))
        nodes.append({"id": node_id, "type": node_type,
                      "config": draw(node_config(node_type, broken))})
    names = [n["id"] for n in nodes] or ["start"]
    edges = []
    for _ in range(draw(st.integers(0, 12))):
        source = draw(st.sampled_from(names))
        others = [n for n in names if n != source]
        if not others or (broken and draw(st.integers(0, 3)) == 0):  # dangling or self-loop
            target = draw(st.sampled_from([source, "ghost"]))
        else:
            target = draw(st.sampled_from(others))
        edges.append(edge(source, target, draw(st.sampled_from(HANDLES))))
    return {"nodes": nodes, "edges": edges}


CONTEXTS = st.none() | st.builds(
    AccountContext,
    account_ids=st.sets(st.integers(0, 3), max_size=2),
    tag_ids=st.sets(st.integers(9, 12), max_size=3),
    auto_message_ids=st.sets(st.integers(19, 21), max_size=2),
    rich_menu_ids=st.sets(st.integers(29, 31), max_size=2),
    qr_code_ids=st.sets(st.integers(39, 41), max_size=2),
    integrations=st.sets(st.sampled_from(["hubspot", "klaviyo"])),
)


def _well_formed(report: ValidationReport) -> None:
    for issue in [*report.errors, *report.warnings]:
        assert issue.code and issue.message
        assert issue.field is None or issue.field.startswith("/")
    assert all(i.severity == "error" for i in report.errors)
    assert all(i.severity == "warning" for i in report.warnings)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=random_graph(), context=CONTEXTS)
def test_validate_never_raises_on_random_graphs(data: dict[str, Any],
                                                context: AccountContext | None) -> None:
    original = copy.deepcopy(data)
    report = validate(data, context)
    _well_formed(report)
    assert data == original, "validate must not change its input"
    try:
        parsed = parse_definition(data)
    except DefinitionError:
        assert not report.valid, "a refused definition must not look valid"
    else:
        # The editor (dict) and activation (parsed) must see the same report.
        assert validate(parsed, context) == report


# --- more properties (issue 9): any JSON at all, order, and what an extra node may change ----

ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["nodes", "edges", "id", "type", "config", "source",
                                       "target", "source_handle", "x"]) | st.text(max_size=6),
                      inner, max_size=4), max_leaves=15)


@settings(max_examples=300, deadline=None)
@given(data=ANY_JSON, context=CONTEXTS)
def test_validate_refuses_any_json_without_raising(data: Any,
                                                   context: AccountContext | None) -> None:
    """Whatever a client (or a model) sends — a list, a number, nested junk — is a report."""
    report = validate(data, context)
    _well_formed(report)
    assert not report.valid


def _fingerprint(report: ValidationReport) -> tuple[list[tuple[str, str | None]], ...]:
    # JSON pointers name list positions, which move when the lists are reordered.
    return tuple(sorted((i.code, i.node_id) for i in issues)
                 for issues in (report.errors, report.warnings))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=random_graph(), context=CONTEXTS, seed=st.randoms(use_true_random=False))
def test_the_order_of_nodes_and_edges_does_not_matter(data: dict[str, Any],
                                                      context: AccountContext | None,
                                                      seed: Any) -> None:
    from hypothesis import assume

    # With two Start nodes (or two nodes of one id) "the first one" is the one reported.
    ids = [n["id"] for n in data["nodes"]]
    assume(len(set(ids)) == len(ids) and [n["type"] for n in data["nodes"]].count("start") <= 1)
    shuffled = copy.deepcopy(data)
    seed.shuffle(shuffled["nodes"])
    seed.shuffle(shuffled["edges"])
    a, b = validate(data, context), validate(shuffled, context)
    assert a.valid == b.valid
    assert _fingerprint(a) == _fingerprint(b)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(node_type=st.sampled_from(sorted(t for t in NODE_TYPES if t != "start")),
       data=st.data())
def test_an_unconnected_node_never_breaks_a_valid_flow(node_type: str,
                                                       data: st.DataObject) -> None:
    """Dropping a node on the canvas (unconnected) only warns: the flow still activates."""
    config = data.draw(node_config(node_type))
    definition = coupon_flow()
    definition["nodes"].append({"id": "loose", "type": node_type, "config": config})
    report = validate(definition, CTX)
    assert report.valid, report.errors
    assert "unconnected" in {i.code for i in report.warnings if i.node_id == "loose"}
