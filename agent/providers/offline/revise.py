"""Revising the current draft from an instruction: "make it 5 days instead", 「5日後に変更」,
"change the message to '…'", "use the tag 'VIP' instead", "remove the delay", "also tag them
'X'", "trigger it on friend add instead", "call it '…'"."""

from __future__ import annotations

import copy
import re
from typing import Any

from agent.marketing.account import Snapshot
from agent.providers.offline.builder import name_for, proposal
from agent.providers.offline.conversation import looks_like_goal
from agent.providers.offline.durations import find_durations
from agent.providers.offline.goal import Goal
from agent.providers.offline.lexicon import find_triggers, match_type
from agent.providers.offline.parser import parse_goal
from agent.providers.offline.plan import CannotPlan, Clarify, Outcome, Plan
from agent.providers.offline.resources import TagBook, find_by_name, mentioned
from agent.providers.offline.text import is_japanese
from agent.providers.offline.triggers import trigger_config

UNIT_WORDS = {"minutes": ("minute", "分"), "hours": ("hour", "時間"), "days": ("day", "日"),
              "weeks": ("week", "週間")}
_ADD = re.compile(r"\b(?:also|additionally|and then|at the end|afterwards|after that|add a step|"
                  r"add an? (?:action|step))\b|さらに|追加で|最後に|あと(?:で)?|加えて", re.I)
_REMOVE_DELAY = re.compile(r"\b(?:remove|delete|drop|skip|no|without|don't)\b.{0,15}"
                           r"\b(?:delay|wait(?:ing)?)\b|(?:待機|遅延|待ち時間)(?:を|は)?(?:削除|なくし|無くし|消し|"
                           r"不要|なし)", re.I)
_REMOVE_STEP = re.compile(r"\b(?:remove|delete|drop)\s+(?:the\s+)?(?P<what>message|tag|question|"
                          r"menu|rich menu|survey)\s+(?:step|node|action)\b|"
                          r"\bdon't send the message\b|"
                          r"(?P<ja>メッセージ|タグ|質問|アンケート)(?:の)?(?:ステップ|アクション)"
                          r"を(?:削除|消し)", re.I)
_RENAME = re.compile(r"\b(?:call it|name it|rename it(?: to)?|rename to|title it)\s+(?P<n>.+)$|"
                     r"名前を(?P<j>.+?)に(?:変更|して|する)", re.I)
_MESSAGE = re.compile(r"\b(?:message|text|say|says|saying|wording|copy|reply)\b|文面|メッセージ|"
                      r"内容|返信|と送", re.I)
_QUESTION = re.compile(r"\bask\b|\bquestion\b|質問|聞く", re.I)
_TRIGGER_SWITCH = re.compile(r"\binstead\b|\btrigger(?:ed)?\b|\bstart(?:s|ing)?\b|代わり|"
                             r"きっかけ|トリガー|開始", re.I)
_EDIT_WORDS = re.compile(r"\b(?:instead|change|make it|also|remove|replace|rather|revise|edit|"
                         r"update|add|use)\b|変更|代わり|さらに|追加|削除|修正|にして", re.I)
_ORDINALS = {"first": 0, "second": 1, "third": 2, "last": -1, "最初": 0, "1つ目": 0, "2つ目": 1,
             "3つ目": 2, "最後": -1}

STEP_TYPES = {"send": "action.send_message", "message": "action.send_message",
              "tag": "action.tag", "question": "action.question", "survey": "action.question",
              "menu": "action.rich_menu", "rich menu": "action.rich_menu",
              "メッセージ": "action.send_message", "タグ": "action.tag", "質問": "action.question",
              "アンケート": "action.question"}


class Draft:
    def __init__(self, current: dict[str, Any], snapshot: Snapshot):
        self.name: str = str(current.get("name") or "")
        self.definition: dict[str, Any] = copy.deepcopy(current.get("definition") or {})
        self.tags = TagBook(snapshot, current.get("new_tags") or [])
        self.snapshot = snapshot
        self.changed = False

    def nodes(self, node_type: str) -> list[dict[str, Any]]:
        return [n for n in self.definition.get("nodes", []) if n.get("type") == node_type]

    @property
    def edges(self) -> list[dict[str, Any]]:
        return self.definition.setdefault("edges", [])

    def remove_node(self, node_id: str) -> None:
        """Remove a node and connect what came before it to what came after it."""
        incoming = [e for e in self.edges if e["target"] == node_id]
        outgoing = [e for e in self.edges if e["source"] == node_id]
        keep = [e for e in self.edges if node_id not in (e["source"], e["target"])]
        for i in incoming:
            for o in outgoing:
                keep.append({"id": f"e-{i['source']}-{i.get('source_handle', 'out')}-"
                                   f"{o['target']}", "source": i["source"],
                             "source_handle": i.get("source_handle", "out"),
                             "target": o["target"]})
        self.definition["edges"] = keep
        self.definition["nodes"] = [n for n in self.definition["nodes"] if n["id"] != node_id]
        self.changed = True

    def tail(self) -> tuple[str, str] | None:
        """Where the main line ends: the last node (and its handle) with nothing after it."""
        nodes = {n["id"]: n for n in self.definition.get("nodes", [])}
        start = next((n for n in nodes.values() if n.get("type") == "start"), None)
        if start is None:
            return None
        current, handle = start["id"], "out"
        seen = set()
        while current not in seen:
            seen.add(current)
            nxt = [e for e in self.edges if e["source"] == current
                   and e.get("source_handle", "out") == handle]
            if not nxt:
                return current, handle
            current = nxt[0]["target"]
            node_type = nodes.get(current, {}).get("type", "")
            if node_type == "action.branch":
                return None
            handle = "answered" if node_type == "action.question" else "out"
        return None

    def graft(self, plan_args: dict[str, Any]) -> bool:
        """Append the actions of a parsed fragment at the end of the main line."""
        end = self.tail()
        if end is None:
            return False
        g = plan_args["definition"]
        trigger_ids = {n["id"] for n in g["nodes"] if n["type"].startswith("trigger.")}
        prefix = f"r{len(self.definition.get('nodes', []))}-"
        renamed = {n["id"]: prefix + n["id"] for n in g["nodes"]}
        placeholder_map = {t["placeholder_id"]: self.tags.ref(t["name"])
                           for t in plan_args["new_tags"]}
        for n in g["nodes"]:
            if n["type"] == "start" or n["id"] in trigger_ids:
                continue
            node = copy.deepcopy(n)
            node["id"] = renamed[n["id"]]
            _replace_tags(node.get("config"), placeholder_map)
            self.definition["nodes"].append(node)
        for e in g["edges"]:
            if e["source"] == "start":
                continue
            source = end[0] if e["source"] in trigger_ids else renamed[e["source"]]
            handle = end[1] if e["source"] in trigger_ids else e.get("source_handle", "out")
            self.edges.append({"id": f"e-{source}-{handle}-{renamed[e['target']]}",
                               "source": source, "source_handle": handle,
                               "target": renamed[e["target"]]})
        self.changed = True
        return True

    def args(self, renamed: bool = False) -> dict[str, Any]:
        used: set[int] = set()
        _collect_tags(self.definition, used)
        if not renamed:
            names = {t["id"]: t["name"] for t in self.snapshot["tags"]}
            names.update({t["placeholder_id"]: t["name"] for t in self.tags.new_tags})
            self.name = name_for(self.definition, "ja" if is_japanese(self.name) else "en",
                                 names)
        return {"name": self.name, "summary": self.name, "definition": self.definition,
                "new_tags": [t for t in self.tags.new_tags if t["placeholder_id"] in used]}


def _replace_tags(obj: Any, mapping: dict[int, int]) -> None:
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "tag_id" and v in mapping:
                obj[k] = mapping[v]
            else:
                _replace_tags(v, mapping)
    elif isinstance(obj, list):
        for item in obj:
            _replace_tags(item, mapping)


def _collect_tags(obj: Any, out: set[int]) -> None:
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "tag_id" and isinstance(v, int):
                out.add(v)
            else:
                _collect_tags(v, out)
    elif isinstance(obj, list):
        for item in obj:
            _collect_tags(item, out)


def _pick(nodes: list[dict[str, Any]], text: str) -> dict[str, Any] | None:
    if not nodes:
        return None
    for word, index in _ORDINALS.items():
        if re.search(rf"\b{word}\b" if word.isascii() else word, text, re.I):
            try:
                return nodes[index]
            except IndexError:
                return nodes[-1]
    return nodes[0]


def _duration_words(amount: int, unit: str, ja: bool) -> str:
    en, jp = UNIT_WORDS[unit]
    return f"{amount}{jp}" if ja else f"{amount} {en}{'' if amount == 1 else 's'}"


def _change_delay(d: Draft, goal: Goal) -> bool:
    durations = [x for x in find_durations(goal.masked) if not x.is_timeout]
    timeouts = [x for x in find_durations(goal.masked) if x.is_timeout]
    questions = d.nodes("action.question")
    if timeouts and questions:
        q = _pick(questions, goal.text)
        assert q is not None
        q["config"]["timeout_seconds"] = min(max(timeouts[0].seconds, 60), 30 * 86_400)
        d.changed = True
    if not durations:
        return bool(timeouts and questions)
    delays = d.nodes("action.delay")
    new = durations[-1]
    if not delays:
        start = next((n for n in d.definition["nodes"] if n["type"] == "start"), None)
        trigger_edge = next((e for e in d.edges if start and e["source"] != start["id"] and
                             any(n["id"] == e["source"] and n["type"].startswith("trigger.")
                                 for n in d.definition["nodes"])), None)
        if trigger_edge is None:
            return False
        node_id = f"delay-{len(d.definition['nodes']) + 1}"
        d.definition["nodes"].append({"id": node_id, "type": "action.delay",
                                      "config": {"amount": new.amount, "unit": new.unit},
                                      "position": {"x": 0, "y": 0}})
        d.edges.append({"id": f"e-{node_id}-out-{trigger_edge['target']}", "source": node_id,
                        "source_handle": "out", "target": trigger_edge["target"]})
        trigger_edge["target"] = node_id
        trigger_edge["id"] = f"e-{trigger_edge['source']}-out-{node_id}"
        d.changed = True
        return True
    target = None
    if len(durations) >= 2:
        old = durations[0]
        target = next((n for n in delays if n["config"].get("amount") == old.amount
                       and n["config"].get("unit") == old.unit), None)
    target = target or _pick(delays, goal.text)
    assert target is not None
    before = (target["config"].get("amount"), target["config"].get("unit"))
    target["config"]["amount"], target["config"]["unit"] = new.amount, new.unit
    if before[0] and before[1] in UNIT_WORDS:
        for ja in (False, True):
            d.name = d.name.replace(_duration_words(int(before[0]), before[1], ja),
                                    _duration_words(new.amount, new.unit, ja))
    d.changed = True
    return True


def _change_texts(d: Draft, goal: Goal) -> bool:
    quotes = [q for q in goal.quotes if q.start not in goal.used]
    if not quotes:
        return False
    masked = goal.masked
    if re.search(r"\bkeywords?\b|キーワード", masked, re.I):
        triggers = d.nodes("trigger.message_received")
        if triggers:
            triggers[0]["config"]["keywords"] = [goal.take_quote(q)[:200] for q in quotes][:50]
            d.changed = True
            return True
    if re.search(r"\btag\b|タグ", masked, re.I):
        tags = d.nodes("action.tag")
        name = goal.take_quote(quotes[0])
        if tags:
            target = _pick(tags, goal.text)
            assert target is not None
            target["config"]["tag_id"] = d.tags.ref(name)
            d.changed = True
            return True
    if _QUESTION.search(masked) and d.nodes("action.question"):
        q = _pick(d.nodes("action.question"), goal.text)
        assert q is not None
        q["config"]["text"] = goal.take_quote(quotes[0])[:5000]
        rest = [goal.take_quote(x)[:20] for x in quotes[1:]]
        if rest:
            q["config"]["options"] = rest[:13]
        d.changed = True
        return True
    if _MESSAGE.search(masked) or len(quotes) == 1:
        sends = d.nodes("action.send_message")
        if not sends:
            autos = d.nodes("action.auto_message")
            if not autos:
                return False
            autos[0]["type"] = "action.send_message"
            sends = [autos[0]]
        target = _pick(sends, goal.text)
        assert target is not None
        target["config"] = {"messages": [{"kind": "text", "text": goal.take_quote(q)[:5000]}
                                         for q in quotes][:5]}
        d.changed = True
        return True
    return False


def _change_match(d: Draft, goal: Goal) -> bool:
    mt = match_type(goal.masked)
    triggers = d.nodes("trigger.message_received") or d.nodes("trigger.postback")
    if mt and triggers and re.search(r"\bmatch|\bexact|\bstarts?|\bends?|\bcontain|一致|始まる|"
                                     r"終わる|含む", goal.masked, re.I):
        triggers[0]["config"]["match_type"] = mt
        d.changed = True
        return True
    return False


def _change_menu(d: Draft, goal: Goal) -> bool:
    menus = d.nodes("action.rich_menu")
    named = mentioned(d.snapshot, "rich_menus", goal.masked) or [
        hit for q in goal.quotes if (hit := find_by_name(d.snapshot, "rich_menus", q.text))]
    if menus and named:
        menus[0]["config"] = {"operation": "link", "rich_menu_id": named[0]["id"]}
        d.changed = True
        return True
    return False


def _change_trigger(d: Draft, goal: Goal) -> bool:
    found = find_triggers(goal.masked)
    if not found or not _TRIGGER_SWITCH.search(goal.masked):
        return False
    new = found[0]
    old = [n for n in d.definition["nodes"] if n["type"].startswith("trigger.")]
    if not old:
        return False
    config = trigger_config(new.kind, goal, 0, len(goal.text))
    old[0]["type"], old[0]["config"] = new.kind, config
    d.changed = True
    return True


def _remove(d: Draft, goal: Goal) -> bool:
    if _REMOVE_DELAY.search(goal.masked):
        delays = d.nodes("action.delay")
        target = _pick(delays, goal.text)
        if target:
            d.remove_node(target["id"])
            return True
    m = _REMOVE_STEP.search(goal.masked)
    if m:
        word = (m.group("what") or m.group("ja") or "message").lower()
        target = _pick(d.nodes(STEP_TYPES.get(word, "action.send_message")), goal.text)
        if target and target["type"] != "action.question":
            d.remove_node(target["id"])
            return True
    return False


def _rename(d: Draft, goal: Goal) -> bool:
    m = _RENAME.search(goal.text)
    if not m:
        return False
    name = (m.group("n") or m.group("j") or "").strip(" .。\"'“”「」")
    if name:
        d.name = name[:200]
        d.changed = True
    return bool(name)


def revise(instruction: str, current: dict[str, Any], snapshot: Snapshot) -> Outcome | dict:
    """The revised proposal's arguments, or a question / "cannot" when it is unclear."""
    goal = Goal.read(instruction, snapshot)
    d = Draft(current, snapshot)
    if looks_like_goal(instruction) and not _EDIT_WORDS.search(goal.masked):
        fresh = parse_goal(instruction, snapshot)  # a whole new goal, not an edit
        if isinstance(fresh, Plan):
            return proposal(fresh)
    renamed = _rename(goal=goal, d=d)
    if renamed and not re.search(r"\b(?:and|also)\b|、", goal.text):
        return d.args(renamed=True)
    if _ADD.search(goal.masked):
        prefix = "友だち追加されたら、" if goal.ja else "When someone adds us as a friend, "
        fragment = parse_goal(prefix + _ADD.sub("", instruction, count=1), snapshot)
        if isinstance(fragment, Plan) and fragment.steps and d.graft(proposal(fragment)):
            return d.args(renamed)
        if isinstance(fragment, Clarify) and fragment.about not in ("trigger", "goal"):
            return fragment
    for change in (_remove, _change_trigger, _change_delay, _change_match, _change_texts,
                   _change_menu):
        change(d, goal)
    if d.changed:
        return d.args(renamed)
    fresh = parse_goal(instruction, snapshot)
    if isinstance(fresh, Plan):
        return proposal(fresh)
    if isinstance(fresh, Clarify) and fresh.about not in ("goal", "trigger"):
        return fresh
    return CannotPlan(goal.t(
        "I couldn't tell what to change. You can say, for example: “make it 5 days instead”, "
        "“change the message to \"…\"”, “use the tag \"VIP\" instead”, “remove the delay”, "
        "“also tag them \"Clicked\"”.",
        "どこを変えるか分かりませんでした。例：「5日後に変更」「メッセージを「…」に変更」「タグを「VIP」に変更」"
        "「待機を削除」「さらに「クリック済み」タグを付ける」"))
