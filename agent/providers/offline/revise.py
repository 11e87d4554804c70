"""Revising the current draft from an instruction: "make it 5 days instead", 「5日後に変更」,
"change the message to '…'", "use the tag 'VIP' instead", "remove the delay", "also tag them
'X'", "trigger it on friend add instead", "call it '…'"."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from agent.marketing.account import Snapshot
from agent.providers.offline import line_messages
from agent.providers.offline.builder import name_for, proposal
from agent.providers.offline.conversation import looks_like_goal
from agent.providers.offline.durations import find_durations
from agent.providers.offline.goal import Goal
from agent.providers.offline.handoff import find_handoff
from agent.providers.offline.lexicon import find_actions, find_triggers, match_type
from agent.providers.offline.linking import find_links
from agent.providers.offline.markers import find_markers
from agent.providers.offline.parser import parse_goal
from agent.providers.offline.plan import CannotPlan, Clarify, Outcome, Plan
from agent.providers.offline.resources import TagBook, find_by_name, mentioned
from agent.providers.offline.text import is_japanese
from agent.providers.offline.triggers import trigger_config
from agent.providers.offline.variants import RATIO

UNIT_WORDS = {"minutes": ("minute", "分"), "hours": ("hour", "時間"), "days": ("day", "日"),
              "weeks": ("week", "週間")}
_ADD = re.compile(r"\b(?:also|additionally|and then|at the end|afterwards|after that|add a step|"
                  r"add an? (?:action|step))\b|^\s*(?:and|then|plus|after that|next)\b|"
                  r"さらに|追加で|最後に|あと(?:で)?|加えて|それから|その後|それと|あわせて|"
                  r"もう一度|もう1通|(?=(?:メッセージ|タグ)も)|"
                  r"(?<=\ue000)も(?=送|付け|追加|返)", re.I)
_FIRST = re.compile(r"\b(?:before (?:that|this|it|everything|the (?:first )?(?:message|step))|"
                    r"first of all|at the (?:start|beginning)|right after (?:the trigger|they "
                    r"add us)|as the first step)\b|その前に|最初に|先に", re.I)
_REMOVE_DELAY = re.compile(r"\b(?:remove|delete|drop|skip|no|without|don't)\b.{0,15}"
                           r"\b(?:delay|wait(?:ing)?)\b|(?:待機|遅延|待ち時間)(?:を|は)?(?:削除|なくし|無くし|消し|"
                           r"不要|なし)|\b(?:right away|immediately|straight away|at once|"
                           r"without (?:a )?(?:delay|wait(?:ing)?)|no wait)\b|すぐに|すぐ送|即時",
                           re.I)
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
_TRIGGER_SWITCH = re.compile(r"\binstead\b|\btrigger(?:ed)?\b|\bstart(?:s|ing)?\b|\bactually\b|"
                             r"\brather\b|\bmake it (?:for|when|on|run)\b|"
                             r"\brun it (?:for|when|on)\b|"
                             r"代わり|きっかけ|トリガー|開始|ではなく|じゃなくて", re.I)
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

    def head(self) -> tuple[str, str, str] | None:
        """Where the main line starts: (trigger, handle, first step)."""
        trigger = next((n for n in self.definition.get("nodes", [])
                        if n["type"].startswith("trigger.")), None)
        first = next((e for e in self.edges if trigger and e["source"] == trigger["id"]), None)
        if trigger is None or first is None:
            return None
        return trigger["id"], first.get("source_handle", "out"), first["target"]

    def after(self, node_id: str) -> tuple[str, str, str] | None:
        """(node, handle, next step) right after a step of the main line."""
        node = next((n for n in self.definition["nodes"] if n["id"] == node_id), None)
        if node is None:
            return None
        handle = "answered" if node["type"] == "action.question" else "out"
        nxt = next((e for e in self.edges if e["source"] == node_id
                    and e.get("source_handle", "out") == handle), None)
        return (node_id, handle, nxt["target"]) if nxt else None

    def graft(self, plan_args: dict[str, Any], first: bool = False,
              after: str | None = None, at: tuple[str, str] | None = None) -> bool:
        """Add the actions of a parsed fragment at the end of the main line, (`first`)
        between the trigger and its first step, right after the step `after`, or on the
        free handle `at` (a new arm)."""
        head = self.after(after) if after else self.head() if first else None
        end = at or ((head[0], head[1]) if head else self.tail())
        if end is None:
            return False
        before = head[2] if head else None
        if head and after:
            self.edges[:] = [e for e in self.edges if not (
                e["source"] == head[0] and e.get("source_handle", "out") == head[1])]
        elif head:  # the trigger's edges now lead to the fragment; its last step leads on
            for e in [e for e in self.edges if e["source"] in self._trigger_ids()]:
                self.edges.remove(e)
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
        if before is not None:
            sources = {e["source"] for e in g["edges"]}
            tails = [renamed[n["id"]] for n in g["nodes"] if n["id"] not in sources
                     and n["type"] != "start" and n["id"] not in trigger_ids]
            if tails:
                handle = "answered" if any(n["id"] == tails[-1] and n["type"] ==
                                           "action.question" for n in self.definition["nodes"]) \
                    else "out"
                self.edges.append({"id": f"e-{tails[-1]}-{handle}-{before}",
                                   "source": tails[-1], "source_handle": handle,
                                   "target": before})
            for t in (self._trigger_ids() - {end[0]}) if not after else set():
                self.edges.append({"id": f"e-{t}-out-{renamed_first(g, renamed)}",
                                   "source": t, "source_handle": "out",
                                   "target": renamed_first(g, renamed)})
        self.changed = True
        return True

    def _trigger_ids(self) -> set[str]:
        return {n["id"] for n in self.definition.get("nodes", [])
                if n["type"].startswith("trigger.")}

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


def renamed_first(g: dict[str, Any], renamed: dict[str, str]) -> str:
    """The fragment's first step (what its trigger leads to), renamed."""
    triggers = {n["id"] for n in g["nodes"] if n["type"].startswith("trigger.")}
    return renamed[next(e["target"] for e in g["edges"] if e["source"] in triggers)]


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
    if not delays and (goal.quotes or goal.links or (re.match(
            r"\s*(?:and|then|also|plus)\b", goal.text, re.I) and find_actions(
                goal.masked, find_triggers(goal.scan)))):
        return False  # "and after a week send the coupon": a new step, added elsewhere
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
    keywords = {str(k).casefold() for n in d.nodes("trigger.message_received")
                for k in n["config"].get("keywords") or []}
    quotes = [q for q in goal.quotes if q.start not in goal.used
              and q.text.casefold() not in keywords]
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
        target["config"] = {"messages": [{"type": "text", "text": goal.take_quote(q)[:5000]}
                                         for q in quotes][:5]}
        d.changed = True
        return True
    return False


_NEW_TEXT = re.compile(r"\b(?:change|set|make|update|replace|edit)\s+(?:the\s+)?"
                       r"(?:first\s+|second\s+|last\s+)?(?:message|text|wording|copy|reply)\s+(?:to|into|as|with)\s*[:：]?"
                       r"\s*(?P<t>\S.*)$", re.I)


def _change_text_unquoted(d: Draft, goal: Goal) -> bool:
    """"Change the text to: Welcome to Hana Coffee!" (no quotes): the rest is the new text."""
    m = _NEW_TEXT.search(goal.text)
    if m is None or goal.quotes:
        return False
    sends = d.nodes("action.send_message")
    target = _pick(sends, goal.text[:m.start("t")])
    if target is None:
        return False
    target["config"] = {"messages": [{"type": "text", "text": m.group("t").strip()[:5000]}]}
    d.changed = True
    return True


_NEW_CODE = re.compile(r"\b(?:change|make|set|update)\s+(?:the\s+)?"
                       r"(?:coupon\s+|promo\s+|discount\s+)?code\s+(?:to|into)\s+(?P<c>[A-Za-z0-9_\-]{3,30})\b|"
                       r"(?:コード|クーポンコード)を\s*(?P<j>[A-Za-z0-9_\-]{3,30})\s*に", re.I)
_CODE_IN_TEXT = re.compile(r"(?<![A-Za-z0-9])(?=[A-Z0-9_\-]*\d)(?=[A-Z0-9_\-]*[A-Z])"
                           r"[A-Z0-9_\-]{3,30}(?![A-Za-z0-9])")


_BARE_SENT = re.compile(r"\b(?:send|sends|type|types|say|says|text|texts|write|writes|message|"
                        r"messages)\s+(?P<k>(?!us\b|it\b|them\b|a\b|an\b|the\b)[A-Za-z0-9#_\-]{2,30}"
                        r"(?:\s*(?:,|\bor\b|\band\b)\s*[A-Za-z0-9#_\-]{2,30})*)\s*[.!]?\s*$", re.I)
_NEW_AMOUNT = re.compile(r"\b(?:amount|price|discount|value)\s+(?:to|into)\s+"
                         r"(?P<a>[¥$€£]\s?\d[\d,]*|\d[\d,]*\s*(?:yen|円)|\d+\s*%)", re.I)
_CURRENCY = re.compile(r"[¥$€£]\s?\d[\d,]*|\d[\d,]*\s*(?:yen|円)|\d+\s*%")
_MIN_AMOUNT = re.compile(r"\b(?:over|above|at least|more than|of)\s+(?P<n>[¥$]?\s?\d[\d,]*)"
                         r"\s*(?:yen|円)?|(?P<j>\d[\d,]*)\s*円以上|"
                         r"(?P<m>[¥$]?\s?\d[\d,]*)\s*(?:yen|dollars?)?\s*"
                         r"(?:or more|or above|and up|and above|\+|minimum)", re.I)
_BARE_MONEY = re.compile(r"(?P<n>[¥$]\s?\d[\d,]*|\d[\d,]*(?=\s*(?:yen|dollars?)\b))|"
                         r"(?P<j>\d[\d,]*)\s*円", re.I)
_NEW_HANDOFF = re.compile(r"\bhand-?off (?:word|keyword)\s+(?:should be|to|is|:)\s*[「\"']?"
                          r"(?P<w>[^\s,.」\"']+)|(?:引き継ぎ|引継ぎ|交代|ハンドオフ|有人対応|人への切り替え)"
                          r"(?:の|する|用の)?(?:キーワード|ワード|言葉|合言葉)(?:を|は|が)[「\"']?"
                          r"(?P<j>[^\s、。」\"']+)", re.I)


def _change_amount(d: Draft, goal: Goal) -> bool:
    """"… and the amount to ¥200": the first amount in the message's text."""
    m = _NEW_AMOUNT.search(goal.text)
    if m is None:
        return False
    for node in d.nodes("action.send_message"):
        for msg in node["config"].get("messages") or []:
            text = str(msg.get("text") or "")
            if _CURRENCY.search(text):
                msg["text"] = _CURRENCY.sub(m.group("a").replace("\\", ""), text, count=1)
                d.changed = True
                return True
    return False


def _change_minimum(d: Draft, goal: Goal) -> bool:
    """"Only for carts over 8000 yen", "orders of ¥5,000 or more": the trigger's minimum."""
    m = _MIN_AMOUNT.search(goal.text)
    target = (d.nodes("trigger.cart_abandoned"), "min_cart_value") if d.nodes(
        "trigger.cart_abandoned") else (d.nodes("trigger.purchase_completed"), "min_amount")
    if m is None and target[0] and target[0][0]["config"].get(target[1]) is not None and not any(
            _CURRENCY.search(str(msg.get("text") or "")) for node in
            d.nodes("action.send_message") for msg in node["config"].get("messages") or []):
        # "make it 8000 yen": the only amount in the draft is the trigger's minimum
        m = _BARE_MONEY.search(goal.text)
    elif m is not None and not re.search(r"\bcarts?\b|\borders?\b|\bpurchases?\b|"
                                         r"\bbuy|カート|注文|購入", goal.masked, re.I):
        m = None
    if m is None or not target[0]:
        return False
    raw = (m.group("n") or m.group("j") or m.groupdict().get("m") or "")
    raw = raw.replace(",", "").replace("¥", "").replace("$", "").strip()
    target[0][0]["config"][target[1]] = float(raw)
    d.changed = True
    return True


_URL = re.compile(r"https?://[^\s\"'<>「」（）()、。]+")
_LINK_WORD = re.compile(r"\b(?:link|url|address|page|site)s?\b|リンク|URL|アドレス|ページ", re.I)


def _walk_urls(obj: Any, replace: Callable[[str], str]) -> bool:
    """Every URL in a message's texts and actions, through `replace`; True when one changed."""
    changed = False
    if isinstance(obj, dict):
        for key, value in obj.items():
            if isinstance(value, str) and _URL.search(value):
                new = _URL.sub(lambda m: replace(m.group(0)), value)
                changed |= new != value
                obj[key] = new
            else:
                changed |= _walk_urls(value, replace)
    elif isinstance(obj, list):
        for item in obj:
            changed |= _walk_urls(item, replace)
    return changed


def _change_link(d: Draft, goal: Goal) -> bool:
    """"Change the link to https://…": the draft's link (the one it has, or the one said
    first: "https://a → https://b") becomes the new one."""
    said = _URL.findall(goal.text)
    if not said or not _LINK_WORD.search(goal.text) or not _EDIT_WORDS.search(goal.masked):
        return False
    new = said[-1].rstrip(".,!?")
    old = said[0].rstrip(".,!?") if len(said) >= 2 else None
    seen: list[str] = []
    for node in d.nodes("action.send_message") + d.nodes("action.question"):
        _walk_urls(node["config"], lambda u: seen.append(u) or u)
    targets = {old} if old and old in seen else set(dict.fromkeys(seen)) if len(
        set(seen)) == 1 else set()
    if not targets:
        return False
    for node in d.nodes("action.send_message") + d.nodes("action.question"):
        d.changed |= _walk_urls(node["config"], lambda u: new if u in targets else u)
    return d.changed


def _change_handoff(d: Draft, goal: Goal) -> bool:
    """"The hand-off word should be スタッフ, not human", "if they type 'staff', hand over to
    a human"."""
    m = _NEW_HANDOFF.search(goal.text)
    agents = d.nodes("action.customer_agent")
    said = find_handoff(goal) if agents and m is None else None
    if (m is None and said is None) or not agents:
        return False
    word = (m.group("w") or m.group("j")) if m else said.keyword  # type: ignore[union-attr]
    agents[0]["config"]["handoff_keyword"] = word[:50]
    d.changed = True
    return True


def _change_code(d: Draft, goal: Goal) -> bool:
    """"Change the code to LATTE20": the code in the message's text (LATTE15 → LATTE20)."""
    m = _NEW_CODE.search(goal.text)
    if m is None:
        return False
    code = m.group("c") or m.group("j")
    for node in d.nodes("action.send_message"):
        for msg in node["config"].get("messages") or []:
            text = str(msg.get("text") or "")
            if _CODE_IN_TEXT.search(text):
                msg["text"] = _CODE_IN_TEXT.sub(code, text, count=1)
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
    current = menus[0]["config"].get("rich_menu_id") if menus else None
    # "not the sale menu, the members menu": the menu named that the draft does not use yet
    named = [m for m in named if m["id"] != current] or named
    if menus and named:
        menus[0]["config"] = {"operation": "link", "rich_menu_id": named[0]["id"]}
        d.changed = True
        return True
    return False


def _change_trigger(d: Draft, goal: Goal) -> bool:
    found = find_triggers(goal.scan)
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


_REMOVE_NAMED = re.compile(
    r"\b(?:don't|do not|no need to|stop)\s+(?P<verb>tag|tagging|ask|asking|switch|change)\b|"
    r"\b(?:remove|delete|drop|take out|get rid of|cut|skip|no need for|don't send|do not send|"
    r"no more)\s+(?:the\s+|that\s+|this\s+|our\s+|my\s+)?(?P<what>[^.;!?]+)|"
    r"(?P<ja>[^、。]+?)(?:の(?:ステップ|アクション|メッセージ))?(?:のほう)?(?:を|は)(?:やっぱり)?"
    r"(?:削除|消して|消す|なくして|外して|取って|不要|いらない|要らない|なしで)", re.I)
_KIND_WORDS = {
    "action.send_message": r"messages?|texts?|replies|reply|メッセージ|返信|文面",
    "action.auto_message": r"(?:auto[- ]?)?messages?|saved messages?|メッセージ",
    "action.tag": r"tags?|tagging|タグ",
    "action.question": r"questions?|survey|ask(?:ing)?|質問|アンケート",
    "action.rich_menu": r"(?:rich )?menus?|switch|change|メニュー",
    "action.delay": r"delay|wait(?:ing)?|待機|待ち",
    "action.branch": r"branch|condition|check|分岐|条件",
    "action.customer_agent": r"ai|agent|bot|AI",
    "action.hubspot": r"hubspot|crm", "action.klaviyo": r"klaviyo",
    "action.ab_split": r"split|a/b|ab test|ABテスト",
}
_STOP = {"the", "a", "an", "step", "node", "action", "one", "part", "that", "this", "please",
         "and", "then", "it", "from", "workflow", "draft", "to", "of", "our", "them", "we",
         "send", "sent", "sending"}


def _node_words(d: Draft, node: dict[str, Any]) -> str:
    """What a marketer may call a step: its content and its resource's name."""
    c = node.get("config") or {}
    parts: list[str] = []
    for m in c.get("messages") or []:
        parts.append(str(m.get("text") or m.get("altText") or ""))
    parts.append(str(c.get("text") or ""))
    ref = {"action.tag": ("tags", c.get("tag_id")),
           "action.auto_message": ("auto_messages", c.get("auto_message_id")),
           "action.rich_menu": ("rich_menus", c.get("rich_menu_id"))}.get(node["type"])
    if ref:
        rows = d.snapshot.get(ref[0], [])
        if ref[0] == "tags":
            rows = [*rows, *({"id": t["placeholder_id"], "name": t["name"]}
                             for t in d.tags.new_tags)]
        parts += [str(r["name"]) for r in rows if r["id"] == ref[1]]
    return " ".join(parts).casefold()


def _named_node(d: Draft, what: str, kinds: list[str] | None = None) -> dict[str, Any] | None:
    """The one step `what` names ("the welcome message", "the VIP tag", 「クーポンのメッセージ」).
    """
    what = what.casefold()
    words = [w for w in re.findall(r"[a-z0-9%]+|[^\x00-\x7f]+", what) if w not in _STOP]
    scored: list[tuple[float, dict[str, Any]]] = []
    for node in d.definition.get("nodes", []):
        t = node.get("type", "")
        if not t.startswith("action.") or (kinds and t not in kinds):
            continue
        kind_hit = bool(re.search(r"(?:^|\b)(?:" + _KIND_WORDS.get(t, "$^") + r")(?:\b|$)", what,
                                  re.I))
        content = _node_words(d, node)
        hits = [w for w in words if not re.fullmatch(_KIND_WORDS.get(t, "$^"), w, re.I)
                and (w in content if not w.isascii() else
                     re.search(r"\b" + re.escape(w), content))]
        if hits or kind_hit:
            scored.append((len(hits) * 2 + kind_hit, node))
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0])
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        ordinal = _pick([n for s_, n in scored if s_ == scored[0][0]], what)
        return ordinal if re.search(r"\b(?:first|second|third|last)\b|最初|最後|目", what) \
            else None
    return scored[0][1]


def _remove(d: Draft, goal: Goal) -> bool:
    m = _REMOVE_NAMED.search(goal.text)
    if m and not _REMOVE_DELAY.search(goal.masked):
        what = (m.group("what") or m.group("ja") or m.group("verb") or "").strip()
        what = re.split(r",?\s*\b(?:but |and )?keep\b|、", what)[0]  # "…, keep the coupon"
        target = _named_node(d, what)
        if target is not None and target["type"] != "action.branch":
            d.remove_node(target["id"])
            return True
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


_PLACEHOLDER = re.compile(r"\[[^\]]{2,60}\]|［[^］]{1,40}］")
_CHATTER = re.compile(r"^\W*(?:hmm+|umm*|uh+|ok(?:ay)?\b|not sure|maybe|i don't know|idk|no idea|"
                      r"what\b|why\b|how\b|can you|could you|is it|are you|thanks?\b\W*$|"
                      r"うーん|わからない|どうしよう|なるほど)|\?\s*$", re.I)
_CODE = re.compile(r"^(?:(?:the\s+)?(?:coupon\s+)?code\s*(?:is|:|=)?\s*)?"
                   r"(?P<c>[A-Za-z0-9_\-]{3,30})\W*$|"
                   r"(?:コード|クーポンコード)(?:は)?\s*(?P<j>[A-Za-z0-9_\-]{3,30})", re.I)


def _fill_placeholder(d: Draft, goal: Goal) -> bool:
    """An answer to "tell me what it should say": the text replaces a placeholder — the whole
    text of a message or question, or a code slot ("[coupon code]") when a code is given."""
    if _CHATTER.search(goal.text) or (find_triggers(goal.scan)
                                      and _EDIT_WORDS.search(goal.masked)):
        return False
    text = goal.quotes[0].text if len(goal.quotes) == 1 and \
        len(goal.quotes[0].text) >= len(goal.text) * 0.6 else goal.text.strip()
    code = _CODE.search(text)
    for node in d.definition.get("nodes", []):
        c = node.get("config") or {}
        if node.get("type") == "action.send_message":
            for m in c.get("messages") or []:
                if not isinstance(m.get("text"), str) or not _PLACEHOLDER.search(m["text"]):
                    continue
                if _PLACEHOLDER.fullmatch(m["text"].strip()):
                    m["text"] = text[:5000]
                elif code:
                    value = str(code.group("c") or code.group("j"))
                    m["text"] = _PLACEHOLDER.sub(value.replace("\\", r"\\"), m["text"],
                                                 count=1)[:5000]
                else:
                    continue
                d.changed = True
                return True
        if node.get("type") == "action.question" and _PLACEHOLDER.search(str(c.get("text"))):
            c["text"] = text[:5000]
            d.changed = True
            return True
    return False


# Identifiers the planner could not know, left as placeholders in a draft.
_ID_PLACEHOLDERS = {"VIDEO_TRACKING_ID": ("trigger.video_viewed", "tracking_id"),
                    "POSTBACK_DATA": ("trigger.postback", "data"),
                    "KLAVIYO_LIST_ID": ("action.klaviyo", "list_id"),
                    "EVENT_NAME": ("action.klaviyo", "event_name")}
_GIVEN_ID = re.compile(r"(?:tracking[ _-]?id|list[ _-]?id|event[ _-]?name|postback data|id|data|"
                       r"list|event|トラッキングID|データ|"
                       r"リスト|イベント)\s*(?:is|は|:|=)?\s*[「\"']?(?P<v>[A-Za-z0-9][\w=.\-]*)|"
                       r"^\s*[「\"']?(?P<w>[A-Za-z0-9][\w=.\-]*)[」\"']?\s*[.。]?\s*$", re.I)


def _fill_id_placeholder(d: Draft, goal: Goal) -> bool:
    """"promo-video", "the tracking id is spring_2026", "list ID XyZ123": the identifier a
    placeholder is waiting for."""
    m = _GIVEN_ID.search(goal.text)
    if m is None:
        return False
    value = m.group("v") or m.group("w")
    for placeholder, (node_type, field) in _ID_PLACEHOLDERS.items():
        for node in d.nodes(node_type):
            if node["config"].get(field) == placeholder:
                node["config"][field] = value[:100]
                d.changed = True
                return True
    return False


def _change_tag(d: Draft, goal: Goal) -> bool:
    """"Use the VIP tag instead", "tag them customer", "the newsletter one"."""
    tags = d.nodes("action.tag")
    if not tags:
        return False
    named = find_links(goal.masked, d.snapshot, "tags")
    bare = len(goal.text.split()) <= 5
    if not named and not (bare or re.search(r"\btag|タグ", goal.masked, re.I)):
        return False
    row = named[0].row if named else find_by_name(d.snapshot, "tags", goal.text)
    if row is None:
        return False
    target = _pick(tags, goal.text)
    assert target is not None
    target["config"]["tag_id"] = int(row["id"])
    d.changed = True
    return True


def _change_qr(d: Draft, goal: Goal) -> bool:
    """"The counter one", 「チラシのQRです」: the QR code the trigger watches."""
    triggers = d.nodes("trigger.qr_scan")
    if not triggers:
        return False
    named = goal.links_of("qr_codes")
    row = named[0].row if named else (find_by_name(d.snapshot, "qr_codes", goal.text)
                                      if len(goal.text.split()) <= 5 or goal.ja else None)
    if row is None:
        return False
    triggers[0]["config"] = {"qr_code_id": row["id"]}
    d.changed = True
    return True


def _use_saved(d: Draft, goal: Goal) -> bool:
    """"Use our order status auto message instead of that text": the text step becomes the
    saved message."""
    named = goal.links_of("auto_messages")
    sends = d.nodes("action.send_message")
    if not named or not sends or d.nodes("action.auto_message"):
        return False
    target = _pick(sends, goal.text)
    assert target is not None
    target["type"] = "action.auto_message"
    target["config"] = {"auto_message_id": named[0].id}
    d.changed = True
    return True


def _change_split(d: Draft, goal: Goal) -> bool:
    """"Make it 70/30": the split's shares."""
    splits = d.nodes("action.ab_split")
    ratio = RATIO.search(goal.masked)
    if not splits or not ratio:
        return False
    parts = [int(x) for x in ratio.groups() if x]
    variants = splits[0]["config"].get("variants") or []
    if len(parts) != len(variants) or sum(parts) != 100:
        return False
    for v, p in zip(variants, parts, strict=True):
        v["percent"] = p
    d.changed = True
    return True


def _change_by_phrase(d: Draft, goal: Goal) -> bool:
    """A short answer that names one of the account's menus or saved messages."""
    if len(goal.text.split()) > 6 and not goal.ja:
        return False
    for kind, node_type, field in (("rich_menus", "action.rich_menu", "rich_menu_id"),
                                   ("auto_messages", "action.auto_message", "auto_message_id")):
        nodes = d.nodes(node_type)
        row = find_by_name(d.snapshot, kind, goal.text) if nodes else None
        if row is not None:
            nodes[0]["config"] = {**({"operation": "link"} if kind == "rich_menus" else {}),
                                  field: row["id"]}
            d.changed = True
            return True
    return False


_ALSO_KEYWORD = re.compile(r"\b(?:also|too|as well|or|another keyword|add (?:the )?keywords?|"
                           r"plus|react to|respond to|trigger on|listen for)\b|"
                           r"も(?:追加|反応|対象)|もキーワード|でも|に反応", re.I)


def _add_keyword(d: Draft, goal: Goal) -> bool:
    """"Also when they send 'open'", "add the keyword 'hours' too": another keyword."""
    triggers = d.nodes("trigger.message_received")
    quotes = [q for q in goal.quotes if q.start not in goal.used]
    bare = _BARE_SENT.search(goal.masked) if not quotes else None
    if not triggers or not (quotes or bare) or not _ALSO_KEYWORD.search(goal.masked):
        return False
    if bare:  # "also when they send open"
        config = triggers[0]["config"]
        words = [w for w in re.split(r"\s*,\s*|\s+or\s+|\s+and\s+", bare.group("k")) if w]
        config["keywords"] = list(dict.fromkeys([*config.get("keywords", []), *words]))[:50]
        d.changed = True
        return True
    said = [m.kind for m in find_triggers(goal.scan)]
    only_quotes = not find_actions(goal.masked, find_triggers(goal.scan))
    if "trigger.message_received" not in said and not only_quotes and not re.search(
            r"\bkeywords?\b|キーワード|\b(?:react|respond|trigger|listen)\b|反応", goal.masked,
            re.I):
        return False
    config = triggers[0]["config"]
    keywords = list(config.get("keywords") or [])
    for q in quotes:
        word = goal.take_quote(q)[:200]
        if word.casefold() not in (k.casefold() for k in keywords):
            keywords.append(word)
    config["keywords"] = keywords[:50]
    d.changed = True
    return True


_ONLY = re.compile(r"\bonly (?:for|to|if|when)\b|\bjust for\b|だけ|のみ", re.I)


def _restrict(d: Draft, goal: Goal) -> bool:
    """"Only for VIP": what follows the trigger runs for friends with that tag."""
    if not _ONLY.search(goal.masked):
        return False
    named = find_links(goal.text, d.snapshot, "tags")
    tag_said = re.search(r"\btag(?:s|ged)?\b|タグ", goal.masked, re.I)
    name = named[0].name if named else next(
        (q.text for q in goal.quotes if q.start not in goal.used), None) if tag_said else None
    if not name:
        return False
    trigger = next((n for n in d.definition["nodes"] if n["type"].startswith("trigger.")), None)
    first = next((e for e in d.edges if trigger and e["source"] == trigger["id"]), None)
    if first is None:
        return False
    # "one week after they add us send X" + "only for …": the tag is checked when the step is
    # due, after the waits that lead to it.
    kinds = {n["id"]: n["type"] for n in d.definition["nodes"]}
    while kinds.get(first["target"]) == "action.delay":
        onward = [e for e in d.edges if e["source"] == first["target"]]
        if len(onward) != 1:
            break
        first = onward[0]
    trigger = {"id": first["source"]}
    negative = bool(re.search(r"\b(?:not|without|don't|doesn't)\b|ない|以外", goal.masked, re.I))
    node_id = f"branch-{len(d.definition['nodes']) + 1}"
    d.definition["nodes"].append({"id": node_id, "type": "action.branch", "config": {
        "branches": [{"label": name[:50], "match": "all", "conditions": [
            {"kind": "tag", "tag_id": d.tags.ref(name),
             "op": "has_not" if negative else "has"}]}]}, "position": {"x": 0, "y": 0}})
    old_target = first["target"]
    for e in [e for e in d.edges if trigger and e["source"] == trigger["id"]]:
        e["target"] = node_id
        e["id"] = f"e-{trigger['id']}-out-{node_id}"
    d.edges.append({"id": f"e-{node_id}-branch-1-{old_target}", "source": node_id,
                    "source_handle": "branch-1", "target": old_target})
    d.changed = True
    return True


def _rename(d: Draft, goal: Goal) -> bool:
    m = _RENAME.search(goal.text)
    if not m:
        return False
    name = (m.group("n") or m.group("j") or "").strip(" .。\"'“”「」")
    if name:
        d.name = name[:200]
        d.changed = True
    return bool(name)


_CLAUSES = re.compile(r"\s*(?:;|, and then |, then | and then |\. (?=[A-Z])|。|"
                      r"、(?:そして|それから)|,? and (?=(?:change|make|set|remove|delete|drop|add|"
                      r"use|send|tag|switch|replace|rename|call|wait|move)\b))\s*", re.I)


_LEAD_IN = re.compile(r"^\s*(?:(?:and|so|ok(?:ay)?|oh|sorry|actually|hmm|no|please)\b"
                      r"[\s,.!]*)+"
                      r"(?=(?:make|change|set|remove|delete|drop|use|switch|replace|rename|move|"
                      r"put|turn|wait)\b)", re.I)


def revise(instruction: str, current: dict[str, Any], snapshot: Snapshot) -> Outcome | dict:
    """The revised proposal's arguments, or a question / "cannot" when it is unclear. An
    instruction of several edits ("remove the tag and send 'Welcome!' instead", "make it 5 days
    and change the message to '…'") is applied one edit at a time."""
    # "and make the wait 3 days", "sorry, change …": the edit, without the lead-in
    instruction = _LEAD_IN.sub("", instruction, count=1)
    masked = Goal.read(instruction, snapshot).masked
    # "add a third option 'Both' and tag those people coffee": one edit, the option and its arm.
    cuts = [] if _NEW_OPTION.search(instruction) else list(_CLAUSES.finditer(masked))
    if cuts:
        parts, last = [], 0
        for m in cuts:
            parts.append(instruction[last:m.start()])
            last = m.end()
        parts.append(instruction[last:])
        parts = [p.strip() for p in parts if len(p.split()) >= 2 or (p.strip() and
                                                                   not p.strip().isascii())]
        if len(parts) >= 2:
            result: Any = current
            for part in parts:
                result = _revise_one(part, result, snapshot)
                if not isinstance(result, dict):
                    break
            else:
                return result
    return _revise_one(instruction, current, snapshot)


def _anchor(d: Draft, goal: Goal) -> tuple[str, re.Pattern[str]] | None:
    """"Between the two messages …", "after the welcome message, …", 「クーポンの前に…」: the step
    the new one follows."""
    m = _POSITION.search(goal.text)
    if m is None:
        return None
    if m.group("between"):
        steps = [n for n in d.definition["nodes"] if n["type"] in (
            "action.send_message", "action.auto_message")]
        return (steps[0]["id"], _POSITION) if len(steps) >= 2 else None
    node = _named_node(d, m.group("what") or m.group("jw") or "")
    if node is None:
        return None
    if (m.group("rel") or m.group("jr") or "").lower() in ("before", "前に", "の前に"):
        prev = next((e["source"] for e in d.edges if e["target"] == node["id"]), None)
        kinds = {n["id"]: n["type"] for n in d.definition["nodes"]}
        if prev is None or kinds.get(prev, "").startswith("trigger."):
            return None  # before the first step: the `first` rule does it
        return prev, _POSITION
    return node["id"], _POSITION


_POSITION = re.compile(
    r"\b(?P<between>between the (?:two|2) (?:messages|steps))\b\s*,?|"
    r"\b(?P<rel>before|after)\s+(?:the\s+|our\s+)?(?P<what>(?!that\b|this\b|it\b|a\b|an?\s)"
    r"[^,.;]{2,40}?(?:message|tag|question|menu|coupon|step|wait|delay|reply))\b\s*,?|"
    r"(?P<jw>[^、。]{1,20}?)(?P<jr>の前に|の後に|のあとに)", re.I)


_OPTION_ARM = re.compile(r"^\s*(?:and\s+|also\s+|then\s+)?(?:the\s+|for\s+(?:the\s+)?)?"
                         r"(?P<v>[^\s→>:]+(?:\s+[^\s→>:]+)?)\s+(?:answers?|people|ones|"
                         r"answerers)\s*(?:→|->|=>|:|get|gets|should get)\s*(?P<rest>.+)$", re.I)


def _add_arms(d: Draft, goal: Goal, instruction: str) -> bool:
    """"If they say coffee tag them coffee, if tea tag them tea" after a question: its answer
    arms, read with the question they answer."""
    questions = d.nodes("action.question")
    added = _NEW_OPTION.search(instruction)
    if len(questions) == 1 and added:
        # "add a third option 'Both' and tag those people coffee": the option, then its arm.
        value = (added.group("q") or added.group("w")).strip()
        rest = instruction[added.end():].strip(" ,、")
        rest = re.sub(r"^(?:and|then|と|して)\s*", "", rest, flags=re.I)
        rest = re.sub(r"\b(?:those|these|the)\s+(?:people|ones|friends)\b|\bthem\b", "them", rest,
                      flags=re.I)
        if not rest:
            questions[0]["config"]["options"] = [*questions[0]["config"].get("options", []),
                                                 value][:13]
            d.changed = True
            return True
        instruction = (f"「{value}」と答えた人に{rest}" if goal.ja
                       else f"if they answer '{value}', {rest}")
        goal = Goal.read(instruction, d.snapshot)
    said = _OPTION_ARM.match(instruction)
    if len(questions) == 1 and said:
        # "coffee answer → coffee tag", "the Tea people: tea tag": one arm, named by its option
        option = next((o for o in questions[0]["config"].get("options") or []
                       if o.casefold() == said.group("v").strip(" '\"「」").casefold()), None)
        if option is not None:
            instruction = f"if they answer '{option}', {said.group('rest')}"
            goal = Goal.read(instruction, d.snapshot)
    if len(questions) != 1 or not any(mk.kind == "answer" for mk in find_markers(goal)):
        return False
    q = questions[0]["config"]
    opts = q.get("options") or []
    choices = f"（選択肢：{'、'.join(opts)}）" if opts else ""
    options = f" with options {', '.join(opts)}" if opts else ""
    lead = f"友だち追加されたら「{q['text']}」と聞いて{choices}、" if goal.ja else \
        f"When someone adds us as a friend, ask '{q['text']}'{options}. "
    fragment = parse_goal(lead + instruction, d.snapshot)
    if not isinstance(fragment, Plan):
        return False
    args = proposal(fragment)
    g = args["definition"]
    fq = next((n for n in g["nodes"] if n["type"] == "action.question"), None)
    arm_edge = next((e for e in g["edges"] if fq and e["source"] == fq["id"]
                     and e.get("source_handle") == "answered"), None)
    if fq is None or arm_edge is None:
        return False
    keep = _reachable(g, arm_edge["target"])
    sub = {"nodes": [n for n in g["nodes"] if n["id"] in keep or n["type"] == "start"
                     or n["type"].startswith("trigger.")],
           "edges": [e for e in g["edges"] if e["source"] in keep or
                     (e["target"] == arm_edge["target"] and e["source"] == fq["id"])]}
    for e in sub["edges"]:
        if e["source"] == fq["id"]:
            e["source"] = next(n["id"] for n in g["nodes"] if n["type"].startswith("trigger."))
            e["source_handle"] = "out"
    end = d.tail()
    arms = _answer_branch(d, questions[0]["id"])
    if arms is not None and (end is None or end[0] != questions[0]["id"]):
        # The question has its arms already: the new ones join that branch.
        fb = next((n for n in g["nodes"] if n["id"] == arm_edge["target"]), None)
        if fb is None or fb["type"] != "action.branch":
            return False
        for i, branch in enumerate(fb["config"]["branches"], start=1):
            arms["config"]["branches"].append(branch)
            handle = f"branch-{len(arms['config']['branches'])}"
            first = next((e["target"] for e in g["edges"] if e["source"] == fb["id"]
                          and e.get("source_handle") == f"branch-{i}"), None)
            if first is None:
                continue
            keep = _reachable(g, first)
            arm = {"nodes": [n for n in g["nodes"] if n["id"] in keep or n["type"] == "start"
                             or n["type"].startswith("trigger.")],
                   "edges": [{**e, "source": fq["id"], "source_handle": "out"}
                             if e["source"] == fb["id"] and e["target"] == first else e
                             for e in g["edges"] if e["source"] in keep or
                             (e["source"] == fb["id"] and e["target"] == first)]}
            trigger = next(n["id"] for n in arm["nodes"] if n["type"].startswith("trigger."))
            for e in arm["edges"]:
                if e["source"] == fq["id"]:
                    e["source"] = trigger
            d.graft({"definition": arm, "new_tags": args["new_tags"]},
                    at=(arms["id"], handle))
        _merge_options(questions[0]["config"], fq["config"].get("options") or [])
        d.changed = True
        return True
    if end is None or d.nodes("action.question")[0]["id"] != end[0]:
        return False
    merged: dict[str, str] = {}
    for o in [*opts, *(fq["config"].get("options") or [])]:
        merged.setdefault(o.casefold(), o)
    questions[0]["config"]["options"] = list(merged.values())[:13]
    return d.graft({"definition": sub, "new_tags": args["new_tags"]})


def _add_timeout_arm(d: Draft, goal: Goal, instruction: str) -> bool:
    """"If they don't answer within a day, send '…'" after a question: what happens on its
    timeout, read with the question it belongs to."""
    questions = d.nodes("action.question")
    if len(questions) != 1 or not any(mk.kind == "timeout" for mk in find_markers(goal)) or any(
            e["source"] == questions[0]["id"] and e.get("source_handle") == "timeout"
            for e in d.edges):
        return False
    q = questions[0]["config"]
    lead = f"友だち追加されたら「{q['text']}」と聞いて、" if goal.ja else \
        f"When someone adds us as a friend, ask '{q['text']}'. "
    fragment = parse_goal(lead + instruction, d.snapshot)
    if not isinstance(fragment, Plan):
        return False
    args = proposal(fragment)
    g = args["definition"]
    fq = next((n for n in g["nodes"] if n["type"] == "action.question"), None)
    edge = next((e for e in g["edges"] if fq and e["source"] == fq["id"]
                 and e.get("source_handle") == "timeout"), None)
    if fq is None or edge is None:
        return False
    keep = _reachable(g, edge["target"])
    trigger = next(n["id"] for n in g["nodes"] if n["type"].startswith("trigger."))
    arm = {"nodes": [n for n in g["nodes"] if n["id"] in keep or n["type"] == "start"
                     or n["id"] == trigger],
           "edges": [{**e, "source": trigger, "source_handle": "out"} if e is edge else e
                     for e in g["edges"] if e["source"] in keep or e is edge]}
    if fq["config"].get("timeout_seconds"):
        q["timeout_seconds"] = fq["config"]["timeout_seconds"]
    return d.graft({"definition": arm, "new_tags": args["new_tags"]},
                   at=(questions[0]["id"], "timeout"))


_OTHERWISE_LEAD = re.compile(
    r"^\s*(?:and\s+)?(?:otherwise|or else|else|if not|for (?:everyone|everybody) else|"
    r"everyone else|everybody else|for the (?:rest|others)|all (?:the\s+)?others)\b[\s,:]*|"
    r"^\s*(?:それ以外(?:の人)?|そうでなければ|そうでない(?:場合|人)|その他の人|上記以外)"
    r"(?:は|には|に|なら)?[、,\s]*", re.I)


def _add_otherwise(d: Draft, goal: Goal) -> bool:
    """"Otherwise send them the welcome coupon" after a condition: its else arm."""
    m = _OTHERWISE_LEAD.match(goal.text)
    branches = d.nodes("action.branch")
    if m is None or not branches or not goal.text[m.end():].strip():
        return False
    free = [b for b in branches if not any(e["source"] == b["id"] and
                                           e.get("source_handle") == "else" for e in d.edges)]
    if not free:
        return False
    prefix = "友だち追加されたら、" if goal.ja else "When someone adds us as a friend, "
    fragment = parse_goal(prefix + goal.text[m.end():], d.snapshot)
    if not isinstance(fragment, Plan) or not fragment.steps:
        return False
    return d.graft(proposal(fragment), at=(free[-1]["id"], "else"))


def _answer_branch(d: Draft, question_id: str) -> dict[str, Any] | None:
    """The branch on a question's answers, when the question leads straight to one."""
    target = next((e["target"] for e in d.edges if e["source"] == question_id
                   and e.get("source_handle") == "answered"), None)
    node = next((n for n in d.definition.get("nodes", []) if n["id"] == target), None)
    if node is None or node["type"] != "action.branch":
        return None
    conditions = [c for b in node["config"].get("branches", []) for c in b.get("conditions", [])]
    return node if conditions and all(c.get("kind") == "attribute" for c in conditions) else None


def _merge_options(config: dict[str, Any], more: list[str]) -> None:
    merged: dict[str, str] = {}
    for o in [*(config.get("options") or []), *more]:
        merged.setdefault(o.casefold(), o)
    config["options"] = list(merged.values())[:13]


_NEW_OPTION = re.compile(r"\badd\s+(?:a\s+|an\s+|one more\s+|another\s+)?(?:third\s+|fourth\s+|"
                         r"fifth\s+|new\s+)?(?:option|choice|answer)\s+(?:called\s+|named\s+)?"
                         r"(?:['\"“‘「](?P<q>[^'\"”’」]{1,20})['\"”’」]|(?P<w>[\w\-]+))", re.I)


def _reachable(g: dict[str, Any], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo += [e["target"] for e in g["edges"] if e["source"] == n]
    return seen


def _attach_to_message(d: Draft, goal: Goal) -> bool:
    """"add a sticker too", "add Yes and No buttons": into the last Send Message step."""
    nodes = d.nodes("action.send_message")
    if not nodes or find_triggers(goal.scan):
        return False
    node = nodes[-1]
    messages = line_messages.attach(goal, node["config"].get("messages") or [])
    if messages is None:
        return False
    node["config"] = {**node["config"], "messages": messages}
    d.changed = True
    return True


def _revise_one(instruction: str, current: dict[str, Any], snapshot: Snapshot
                ) -> Outcome | dict:
    goal = Goal.read(instruction, snapshot)
    d = Draft(current, snapshot)
    if _add_arms(d, goal, instruction) or _add_timeout_arm(d, goal, instruction) or \
            _add_otherwise(d, goal) or _change_handoff(d, goal):
        return d.args()
    if looks_like_goal(instruction) and not _EDIT_WORDS.search(goal.masked):
        fresh = parse_goal(instruction, snapshot)  # a whole new goal, not an edit
        if isinstance(fresh, Plan):
            return proposal(fresh)
    renamed = _rename(goal=goal, d=d)
    if renamed and not re.search(r"\b(?:and|also)\b|、", goal.text):
        return d.args(renamed=True)
    if _add_keyword(d, goal) or _restrict(d, goal) or _attach_to_message(d, goal):
        return d.args(renamed)
    first = _FIRST.search(goal.masked)
    anchor = _anchor(d, goal)
    if _ADD.search(goal.masked) or first or anchor:
        prefix = "友だち追加されたら、" if goal.ja else "When someone adds us as a friend, "
        cut = anchor[1] if anchor else (_FIRST if first else _ADD)
        words = cut.sub("", instruction, count=1).strip(" ,、")
        fragment = parse_goal(prefix + words, snapshot)
        if isinstance(fragment, Plan) and fragment.steps and d.graft(
                proposal(fragment), first=bool(first) and not anchor,
                after=anchor[0] if anchor else None):
            return d.args(renamed)
        if isinstance(fragment, Clarify) and fragment.about not in ("trigger", "goal") and not (
                fragment.about == "action" and find_durations(goal.masked)):
            return fragment  # ("wait 10 minutes before that": a wait, changed below)
    if _change_handoff(d, goal) or _change_minimum(d, goal) or _change_link(d, goal):
        return d.args(renamed)
    if _change_code(d, goal):
        _change_amount(d, goal)
        return d.args(renamed)
    if _change_amount(d, goal):
        return d.args(renamed)
    for change in (_remove, _change_trigger, _change_delay, _change_match, _change_split,
                   _change_qr, _use_saved, _change_texts, _change_text_unquoted, _change_menu):
        change(d, goal)
    if not d.changed:
        _fill_id_placeholder(d, goal) or _change_tag(d, goal) or \
            _change_by_phrase(d, goal) or _fill_placeholder(d, goal)
    if d.changed:
        return d.args(renamed)
    if find_actions(goal.masked, []) and not find_triggers(goal.scan) and (
            goal.quotes or goal.links or find_links(goal.text, snapshot, "tags")):
        # "send 'Welcome!' instead" after a removal: a step to add at the end
        prefix = "友だち追加されたら、" if goal.ja else "When someone adds us as a friend, "
        fragment = parse_goal(prefix + instruction, snapshot)
        if isinstance(fragment, Plan) and fragment.steps and d.graft(proposal(fragment)):
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
