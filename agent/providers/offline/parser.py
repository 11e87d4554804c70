"""Goal text → Plan, a clarifying question, or an honest "cannot", in English or Japanese."""

from __future__ import annotations

import re
from typing import Any

from agent.marketing.account import Snapshot
from agent.providers.offline import actions as act
from agent.providers.offline import values, verbatim
from agent.providers.offline.durations import Duration, find_durations
from agent.providers.offline.goal import Cannot, Goal, NeedClarification
from agent.providers.offline.handoff import find_handoff
from agent.providers.offline.lexicon import (
    ACTIONS,
    Mention,
    find_actions,
    find_noun_actions,
    find_triggers,
)
from agent.providers.offline.limits import Limit, limits, other_account
from agent.providers.offline.linking import KIND_WORDS, find_links
from agent.providers.offline.markers import Marker, find_markers
from agent.providers.offline.plan import Arm, Outcome, Plan, Step
from agent.providers.offline.resources import mentioned
from agent.providers.offline.split import ab_split_step
from agent.providers.offline.text import MASK, Quote
from agent.providers.offline.triggers import BARE_KEYWORD_AFTER_VERB, trigger_config
from engine.nodes import NODE_TYPES

TRIGGER_OPTIONS = [
    ("When someone adds us as a friend", "友だち追加されたとき"),
    ("When a friend sends a keyword", "キーワードを受信したとき"),
    ("When someone scans a QR code", "QRコードが読み取られたとき"),
    ("After a purchase", "購入が完了したとき"),
    ("When a cart is abandoned", "カゴ落ちしたとき"),
    ("When a friend blocks us", "ブロックされたとき"),
]
ACTION_OPTIONS = [("Send a message", "メッセージを送る"), ("Add a tag", "タグを付ける"),
                  ("Ask a question", "質問する"),
                  ("Switch the rich menu", "リッチメニューを切り替える")]
EXAMPLES = [("Send a coupon 3 days after someone adds us as a friend",
             "友だち追加の3日後にクーポンを送る"),
            ("Reply when a friend sends the keyword “price”", "「料金」と送られたら自動返信する"),
            ("Ask new friends a survey question and tag those who answer",
             "新しい友だちにアンケートを送り、回答した人にタグを付ける")]
QUOTED_TRIGGERS = ("trigger.message_received", "trigger.postback", "trigger.video_viewed",
                   "trigger.qr_scan")
UNIT_JA = {"minutes": "分", "hours": "時間", "days": "日", "weeks": "週間"}
_SEPARATOR = re.compile(r"[,.;、。→\n]|->|=>|\bthen\b|\band\b|そして|その後", re.I)
_CLAUSE_BREAK = re.compile(r"[.;!?。！？\n、,→]|->|\bthen\b|\band\b|その後|そして", re.I)
_CLAUSE_SEP = re.compile(r"[,.;、。]|\bthen\b|\band\b|そして|その後", re.I)
MESSAGING = {"send", "question", "customer_agent", "auto_message"}
_OR = re.compile(r"\bor\b|または|もしくは|か、|や")


def parse_goal(text: str, snapshot: Snapshot, answers: dict[str, str] | None = None,
               lang: str | None = None) -> Outcome:
    goal = Goal.read(text, snapshot, answers, lang)
    try:
        return verbatim.restore(_parse(goal), verbatim.originals(text))
    except NeedClarification as exc:
        return exc.clarify
    except Cannot as exc:
        return exc.outcome


def _select_triggers(found: list[Mention], goal: Goal) -> list[Mention]:
    if not found:
        return []
    chosen = [found[0]]
    for m in found[1:]:
        between = goal.masked[chosen[-1].end:m.start]
        if len(between) <= 40 and _OR.search(between):
            chosen.append(m)
    return chosen


_GAP_FILLER = re.compile(r"\b(?:them|him|her|us|the|our|my|their|saved|new|friends?|people|"
                         r"customers?|a|an|this|that)\b", re.I)


_TAG_VERB_JA = re.compile(r"(?:扱い)?(?:を|に)(?:つけ|付け|付与|追加|する|して|しておい|"
                          r"登録|分類|入れ)")
# "give them the VIP tag", "add them to VIP", "mark them as customer", "put them in newsletter".
_TAG_VERB = re.compile(r"\b(?:add|adds|give|gives|apply|put|puts|tag|tags|mark|marks|label|labels)"
                       r"\s+(?:them\s+|him\s+|her\s+|those\s+people\s+)?"
                       r"(?:(?:to|into|in|on|as|with)\s+)?(?:the\s+|a\s+|an\s+)?$", re.I)


def _named_actions(goal: Goal) -> list[Mention]:
    """Saved messages and rich menus named outside quotes (or quoted beside their kind's word:
    "the 'Order status' message") are steps of their own; so is "add リピーター", "tag
    customer": a tag verb right before one of the account's tags."""
    out = []
    for lk in find_links(goal.text, goal.snapshot, "tags"):
        verb = _TAG_VERB.search(goal.masked, max(0, lk.start - 20), lk.start)
        after = _TAG_VERB_JA.match(goal.masked, lk.end) if goal.ja else None
        if verb and not any(q.start <= lk.start < q.end for q in goal.quotes):
            out.append(Mention("tag_add", verb.start(), lk.end))
        elif after and not any(q.start <= lk.start < q.end for q in goal.quotes):
            # 「newsletterをつける」「customerにする」「VIP扱いにして」: the verb after the tag.
            out.append(Mention("tag_add", lk.start, after.end()))
    for lk in goal.links:
        if lk.kind not in ("auto_messages", "rich_menus"):
            continue
        quoted = next((q for q in goal.quotes if q.start <= lk.start < q.end), None)
        if quoted is not None and not _kind_word_beside(goal, lk.kind, quoted):
            continue
        if lk.kind == "rich_menus" and _where_a_button_is(goal, lk.start, lk.end):
            continue  # "tap 'Back' on the Sale menu": where the button is, not a step
        kind = "auto_message" if lk.kind == "auto_messages" else "rich_menu"
        out.append(Mention(kind, lk.start, lk.end, {"link": lk}))
    return out


# 「お礼の一言と、保存してあるクーポンを送って」: a message named before another, joined by と
_JA_LISTED_MESSAGE = re.compile(r"(?:お礼|あいさつ|挨拶|ウェルカムメッセージ|リマインド|お知らせ)"
                                r"(?:の(?:一言|メッセージ|言葉|文|連絡))?(?=と[、,]?)")


def _listed_before_verb(goal: Goal, actions: list[Mention]) -> list[Mention]:
    out = list(actions)
    for i, a in enumerate(actions):
        if a.kind not in ("send", "auto_message"):
            continue
        lo = actions[i - 1].end if i else 0
        for m in _JA_LISTED_MESSAGE.finditer(goal.masked, lo, a.start):
            if not any(b.start <= m.start() < b.end for b in out):
                out.append(Mention("send", m.start(), m.end()))
    return sorted(out, key=lambda m: m.start)


_STOP = r"\s、。,「」\ue000をにがはでもの"  # what ends a bare Japanese keyword
_BEFORE_TTE = re.compile(r"(?<![^" + _STOP + r"])[^" + _STOP + r"]{1,15}$")


def _bare_keywords(goal: Goal, triggers: list[Mention]) -> list[Mention]:
    """「質問って送ってきたら」: the word before って is the keyword, not a step ("ask")."""
    out = []
    for t in triggers:
        if t.kind == "trigger.message_received" and goal.masked.startswith(("って", "と"),
                                                                            t.start):
            m = _BEFORE_TTE.search(goal.masked, max(0, t.start - 15), t.start)
            if m:
                out.append(Mention("keyword", m.start(), m.end()))
    return out


def _said_twice(actions: list[Mention]) -> list[Mention]:
    """A saved message or menu named bare and again with its verb (「営業時間のことを聞かれる
    ので…Opening hoursの自動送信メッセージを返す」): one step, the one with the verb."""
    def lid(a: Mention) -> Any:
        link = a.data.get("link")
        return (a.kind, link.id) if link is not None else None

    def bare(a: Mention) -> bool:
        link = a.data.get("link")
        return link is not None and (a.start, a.end) == (link.start, link.end)

    return [a for a in actions if not (bare(a) and any(
        b is not a and lid(b) == lid(a) and not bare(b) for b in actions))]


_KEYWORD_LIST_GAP = re.compile(r"(?:[\s、,・/]|か|と|や|\bor\b|\band\b|" + MASK + r")*", re.I)


def _a_keyword(goal: Goal, a: Mention, triggers: list[Mention]) -> bool:
    """A saved message's name said as a keyword (「「定休日」か「営業時間」が入ってたら」): the
    trigger's, not a step."""
    link = a.data.get("link")
    q = next((q for q in goal.quotes if link is not None and q.start <= a.start < q.end), None)
    return q is not None and any(
        t.kind == "trigger.message_received" and (
            (t.start >= q.end and _KEYWORD_LIST_GAP.fullmatch(goal.masked[q.end:t.start])) or
            (t.end <= q.start and _KEYWORD_LIST_GAP.fullmatch(goal.masked[t.end:q.start])))
        for t in triggers)


def _where_a_button_is(goal: Goal, start: int, end: int) -> bool:
    return bool(_WHERE_A_BUTTON_IS.search(goal.masked[max(0, start - 70):start] + "\ue002" +
                                          goal.masked[end:end + 30]))


_TAPPED = re.compile(r"\b(?:taps?|tapped|press(?:es|ed)?|clicks?|clicked)\b|押し|タップ", re.I)
# Around a menu's name (\ue002 stands for it): the menu a tapped button is on.
_WHERE_A_BUTTON_IS = re.compile(
    r"\b(?:taps?|tapped|tapping|press(?:es|ed)?|clicks?|clicked|hits?)\b[^.;!?。]{0,50}?\b(?:on|in|"
    r"from)\s+(?:the\s+|our\s+|their\s+|a\s+)?\ue002|"
    r"\ue002\s*(?:にある|の中の|上の|の)[^、。]{0,20}?ボタン", re.I)


def _kind_word_beside(goal: Goal, kind: str, q: Quote) -> bool:
    words = KIND_WORDS[kind]
    return bool(re.match(r"\s*(?:" + words + ")", goal.text[q.end:q.end + 16], re.I) or
                re.search(r"(?:" + words + r")\s*[:：]?\s*$", goal.text[max(0, q.start - 16):
                                                                    q.start], re.I))


def _merge(actions: list[Mention], goal: Goal) -> list[Mention]:
    """"Send a survey" / 「アンケートを送る」 is one question, not a message and a question;
    「自動応答メッセージ「X」を送る」 is one saved message."""
    out: list[Mention] = []
    for m in actions:
        prev = out[-1] if out else None
        pair = {prev.kind, m.kind} if prev else set()
        # English says the verb first ("send our saved message"); Japanese after 「…を送る」.
        verb_first = prev is not None and (prev.kind == "send" or goal.ja or m.kind != "send")
        if prev and verb_first and (pair in ({"send", "question"}, {"send", "auto_message"},
                                             {"send", "rich_menu"}) or (
                prev.kind == m.kind and m.kind in ("auto_message", "rich_menu"))):
            # 「自動応答メッセージ「X」を送る」, "send our saved message", "the Members menu"
            # (a name and its kind's word), 「予約用リッチメニューに切り替え」: one step.
            raw_gap = goal.masked[prev.end:m.start]
            gap = _GAP_FILLER.sub("", raw_gap)
            quoted_text = any(not goal.links_of("auto_messages", q.start, q.end) and
                              not goal.links_of("rich_menus", q.start, q.end)
                              for q in goal.quotes_in(prev.end, m.start, take=False))
            if pair & {"auto_message", "rich_menu"}:  # a quoted name may sit between
                gap = gap.replace(MASK, "")
            # "Reply to any message containing 'order' with the saved Order Status message"
            with_named = prev.kind == "send" and m.data.get("link") is not None and \
                re.search(r"\bwith\s+(?:the\s+|our\s+)?(?:saved\s+)?$", raw_gap, re.I)
            if pair == {"send", "rich_menu"} and quoted_text:
                pass  # 「メニューを変えてから「…」と返信」: the quoted text is a message of its own
            elif with_named or (len(gap) <= 12 and not _SEPARATOR.search(gap)):
                keep = m if prev.kind == "send" else prev if m.kind == "send" else \
                    (m if m.data.get("link") else prev)
                out[-1] = Mention(keep.kind, min(prev.start, m.start), max(prev.end, m.end),
                                  keep.data)
                continue
        if prev and prev.kind == m.kind == "auto_message" and (prev.data.get("link") or
                                                              m.data.get("link")) and \
                len(goal.masked[prev.end:m.start]) <= 30 and not _SEPARATOR.search(
                    re.sub(r"[(（][^)）]*", "", goal.masked[prev.end:m.start])):
            # "the welcome coupon (the auto-send one we already have)": one saved message
            out[-1] = prev if prev.data.get("link") else m
            continue
        if prev and prev.kind == m.kind == "send" and re.fullmatch(
                r"\s*(?:with|w/|:|-|—)?\s*(?:(?:a|an|the|our|this)\s+)?",
                goal.masked[prev.end:m.start], re.I):
            out[-1] = Mention("send", prev.start, m.end, prev.data)  # "message with '…'"
            continue
        if prev and prev.kind == m.kind == "send" and not goal.ja and re.fullmatch(
                r"(?:(?![.;!?]\s).){0,80}?\s(?:as|in)\s+(?:a|the|an)\s+",
                goal.masked[prev.end:m.start]):
            out[-1] = Mention("send", prev.start, m.end, prev.data)  # "get X as a reply"
            continue
        if prev and prev.kind == m.kind == "send" and goal.ja and \
                len(re.sub(r"[（(][^）)]*[)）]", "", goal.masked[prev.end:m.start])) <= 2:
            out[-1] = Mention("send", prev.start, m.end, prev.data)  # 「リマインドを送る」
            continue
        if prev and prev.kind == "auto_message" and prev.data.get("link") and m.kind == "send" \
                and re.fullmatch(r"\s*(?:auto[- ]?)?(?:repl(?:y|ies)|messages?|texts?)",
                                 goal.masked[prev.end:m.end], re.I):
            out[-1] = Mention(prev.kind, prev.start, m.end, prev.data)  # "… auto reply"
            continue
        if prev and prev.kind == m.kind == "question" and \
                len(_GAP_FILLER.sub("", goal.masked[prev.end:m.start]).strip()) <= 16 and \
                not re.search(r"[,.;:、。→\ue000]|\d|\bthen\b|\band\b",
                              goal.masked[prev.end:m.start]):
            out[-1] = Mention("question", prev.start, m.end, prev.data)  # "ask them a question"
            continue
        if prev and prev.kind == m.kind and m.kind in ("hubspot", "klaviyo") and \
                not re.search(r"\b(?:and|then|also)\b|[.;]", goal.masked[prev.end:m.start]):
            continue  # "into our HubSpot CRM", "update the HubSpot contact": one step
        if prev and prev.kind == "send" and m.kind == "klaviyo" and re.search(
                r"\bevent\b", goal.masked[prev.end:m.end + 12], re.I) and \
                len(goal.masked[prev.end:m.start]) <= 40:
            out[-1] = Mention("klaviyo", prev.start, m.end, m.data)  # "send a 'X' event to …"
            continue
        if prev and prev.kind == "customer_agent" and m.kind == "send" and \
                len(_GAP_FILLER.sub("", goal.masked[prev.end:m.start]).strip()) <= 8:
            continue  # 「カスタマーエージェントが自動で返答し」: the agent's reply is the step
        if prev and prev.kind == "klaviyo" and m.kind == "send" and re.search(
                r"イベント|\bevent\b", goal.masked[prev.end:m.start], re.I) and \
                len(goal.masked[prev.end:m.start]) <= 30:
            continue  # 「Klaviyoに「…」イベントを送信」: the Klaviyo step sends it
        if m.kind == "hubspot" and any(o.kind == "hubspot" for o in out):
            continue  # a HubSpot step has nothing to tell two apart
        out.append(m)
    return out


def _windows(mentions: list[Mention], goal: Goal) -> dict[int, tuple[int, int, int, int]]:
    """Per mention start: (primary start, end, fallback start, end). English objects follow
    their verb; Japanese objects come before it."""
    out = {}
    ordered = sorted(mentions, key=lambda m: m.start)
    n = len(goal.text)
    for i, m in enumerate(ordered):
        prev_end = ordered[i - 1].end if i else 0
        later = ordered[i + 1:]
        if not goal.ja and not m.is_trigger:
            # "Ask new friends '…'", "tag every new friend with X": a trigger phrase can sit
            # between an English verb and its object.
            later = [x for x in later if not x.is_trigger]
        next_start = later[0].start if later else n
        if goal.ja:
            out[m.start] = (prev_end, m.end, m.end, next_start)
        else:
            out[m.start] = (m.start, next_start, prev_end, m.start)
    return out


def _bind_delays(steps: list[Step], durations: list[Duration], goal: Goal,
                 keep_alone: bool = False) -> list[Step]:
    """Each delay before the step it delays. `keep_alone`: a delay with no step of its own
    stays (「友だち追加の1週間後に、VIPの人だけに…」: the wait comes before the check)."""
    before: dict[int, list[Step]] = {}
    trailing: list[Step] = []
    for d in durations:
        prev = [s for s in steps if s.pos < d.start]
        nxt = [s for s in steps if s.pos >= d.end]
        target: Step | None
        named = _SINCE_NAMED.match(goal.masked, d.end) if d.intro == "since" else None
        if named and len(nxt) >= 2 and nxt[0].pos <= named.end() + 2:
            # "Three days after the welcome message ('A'), … 'B'": the wait counts from A
            target = nxt[1]
        elif goal.ja or d.intro in ("after", "wait", "in"):
            target = nxt[0] if nxt else (prev[-1] if prev else None)
        else:
            same_clause = bool(prev) and not _SEPARATOR.search(
                goal.masked[prev[-1].pos:d.start][3:])
            target = prev[-1] if same_clause else (nxt[0] if nxt else
                                                    (prev[-1] if prev else None))
        delay = Step("action.delay", {"amount": d.amount, "unit": d.unit}, d.start,
                     goal.t(f"wait {d.amount} {d.unit[:-1] if d.amount == 1 else d.unit}",
                            f"{d.amount}{UNIT_JA[d.unit]}待機"))
        if target is None:
            trailing.append(delay)
        else:
            before.setdefault(id(target), []).append(delay)
    out: list[Step] = []
    for s in steps:
        out.extend(before.get(id(s), []))
        out.append(s)
    return out + (trailing if out or keep_alone else [])


_WHO_ANSWER = re.compile(r"\bwho (?:answers?|answered|respond|responds|responded|repl(?:y|ies|ied)|"
                         r"completes?|completed|fills? (?:in|out)|takes?|took)\b|"
                         r"(?:回答|返信|返答)(?:した|してくれた)(?:人|方|友だち)|答えた(?:人|方)",
                         re.I)


def _answers_first(steps: list[Step], goal: Goal) -> list[Step]:
    """"Tag people who answer a survey": the tag follows the question it depends on."""
    question = next((s for s in steps if s.kind == "action.question"), None)
    if question is None:
        return steps
    later = [s for s in steps if s.pos < question.pos and s.kind != "action.delay"
             and _WHO_ANSWER.search(goal.masked[s.pos:question.pos + 1] if not goal.ja
                                    else goal.masked[question.pos:s.pos + 1])]
    if not later:
        return steps
    rest = [s for s in steps if s not in later]
    i = rest.index(question) + 1
    return rest[:i] + later + rest[i:]


def _action_step(m: Mention, goal: Goal, win: tuple[int, int, int, int], trigger: str | None,
                 single_send: bool) -> Step:
    start, end, fb_start, fb_end = win
    if m.kind == "send" or (m.kind == "question" and _buttons_asked(goal, start, end)):
        if goal.ja and m.kind == "send":
            # 「…と送って、「受け取る」ボタンを付けて」: what is attached belongs to this message
            attach = _ATTACHED.match(goal.masked, end, fb_end)
            end = attach.end() if attach else end
        step = act.send_step(goal, start, end, trigger, single_send)
    elif m.kind == "question":
        step = act.question_step(goal, min(start, fb_start) if goal.ja else start, end)
    elif m.kind == "tag_add" and _BY_ANSWER.search(goal.masked, max(0, m.start - 30),
                                                  min(len(goal.text), end + 40)):
        # "tag them by their answer": one tag per answer, made once the question is known;
        # 「答えに応じてcoffeeかteaのタグを付ける」 names them in the answers' order.
        names = _listed_names(goal.masked[max(0, m.start - 30):m.start]) if goal.ja else []
        step = Step("by_answer", {"operation": "add", "names": names}, m.start)
    elif m.kind in ("tag_add", "tag_remove"):
        step = act.tag_step(goal, start, end, m.kind == "tag_remove", trigger)
    elif m.kind == "rich_menu":
        step = act.rich_menu_step(goal, start, end, lookbehind=max(fb_start, m.start - 25),
                                  link=m.data.get("link"),  # type: ignore[arg-type]
                                  at=m.end)
    elif m.kind == "auto_message":
        step = act.auto_message_step(goal, start, end,
                                     link=m.data.get("link"))  # type: ignore[arg-type]
    elif m.kind == "customer_agent":
        step = act.customer_agent_step(goal, start, end)
    elif m.kind == "hubspot":
        act.integration_note(goal, "hubspot")
        step = Step("action.hubspot", {}, m.start, "HubSpot")
    else:
        act.integration_note(goal, "klaviyo")
        step = act.klaviyo_step(goal, start, end)
    step.pos = m.start
    return step


_ATTACHED = re.compile(r"[、,。\s]*[^。.!?！？]*?(?:ボタン|スタンプ|動画|位置情報|クーポン|コード)"
                       r"[^。.!?！？]*?"
                       r"(?:付け|つけ|添え|追加)[^、。]*")
_BUTTON_WORDS = re.compile(r"\bbuttons?\b|ボタン", re.I)


def _buttons_asked(goal: Goal, start: int, end: int) -> bool:
    """"Ask 'Coming?' with buttons Yes / No": a buttons message, unless the answers lead
    somewhere ("if yes …"), which is a Question's job."""
    return bool(_BUTTON_WORDS.search(goal.masked, start, end)) and \
        not any(mk.kind == "answer" for mk in find_markers(goal))


def _vague(goal: Goal) -> None:
    goal.ask("goal", "What should the workflow do? Tell me what starts it and what should "
             "happen, for example:",
             "どんなワークフローにしますか？きっかけと、その後の動きを教えてください。例：",
             [goal.t(en, ja) for en, ja in EXAMPLES])


def _decline(goal: Goal, lim: Limit) -> None:
    goal.cannot(f"I can't build that: {lim.en} are not something a Lumo workflow can do. I "
                "draft workflows that react to what a friend does (adds you, sends a keyword, "
                "scans a QR code, buys…) and answer on LINE.",
                f"{lim.ja}はワークフローでは作れません。友だちの行動（友だち追加・キーワード送信・"
                "QR読み取り・購入など）をきっかけに、LINEで対応するワークフローを作れます。")


def _same_clause(goal: Goal, a: Mention, lim: Limit) -> bool:
    lo, hi = (a.end, lim.start) if a.start < lim.start else (lim.end, a.start)
    return hi - lo <= 80 and not _CLAUSE_BREAK.search(goal.masked[lo:hi])


def _apply_limits(goal: Goal, triggers: list[Mention], actions: list[Mention]) -> list[Mention]:
    """Decline what no workflow can do; drop messaging steps meant for another channel."""
    found = limits(goal.masked)
    if other_account(goal.masked, [a["name"] for a in goal.snapshot["accounts"]]):
        # The other account's name is not repeated: it may be another organisation's.
        goal.cannot("I can only use this account's own tags, messages and menus; I can't copy "
                    "or use anything from another account.",
                    "このアカウントのタグ・メッセージ・メニューだけを使えます。"
                    "他のアカウントのものはコピーも利用もできません。")
    for lim in found:
        if lim.scope == "always":
            _decline(goal, lim)
    channels = [lim for lim in found if lim.scope == "channel"]
    if channels:
        actions = [a for a in actions if a.kind not in MESSAGING
                   or not any(_same_clause(goal, a, lim) for lim in channels)]
        if not actions:
            _decline(goal, channels[0])
        goal.note(f"Note: {channels[0].en} are not possible; I drafted the rest.",
                  f"注意：{channels[0].ja}はできません。それ以外を下書きしました。")
    others = [lim for lim in found if lim.scope == "note"]
    if others and not triggers:
        _decline(goal, others[0])
    if others:
        goal.note(f"Note: {others[0].en} are not possible; this runs once for each friend who "
                  "triggers it.",
                  f"注意：{others[0].ja}はできません。きっかけごとに1回実行されます。")
    return actions


_RELATIVE = re.compile(r"(?:for\s+)?(?:those|people|anyone|friends|customers|users|whoever)\b",
                       re.I)
# An arm or else that names who by what they did: "Tag first-time buyers 'customer' and buyers
# who already have the customer tag 'リピーター'": the verb before it is the arm's.
_WHO_ARM = re.compile(r"(?:first[- ]time|new|repeat)\s+(?:buyers|customers|visitors)\b|"
                      r"(?:buyers|customers|people|friends|those|members|users|anyone|everyone)"
                      r"\s+(?:who|that|already)\b", re.I)


def _absorbed(goal: Goal, actions: list[Mention], markers: list[Marker]) -> dict[int, int]:
    """Actions that belong to the arm right after them: "Tag the people who answer Store …"
    (action start → marker index)."""
    out: dict[int, int] = {}
    for i, mk in enumerate(markers):
        if mk.kind == "variant" and not goal.ja:
            # "send 50% of them 'A' and the other 50% 'B'": the verb before the first share.
            across = [a for a in actions if a.start < mk.start < a.end]
            if across:  # "Send 70% of new friends the welcome coupon": verb, share, object
                out[across[0].start] = i
                continue
            before = [a for a in actions if a.end <= mk.start]
            if before and i == next(k for k, x in enumerate(markers) if x.kind == "variant"):
                a = before[-1]
                gap = _GAP_FILLER.sub("", goal.masked[a.end:mk.start])
                gap = re.sub(r"\b(?:randomly|at random|evenly)\b", "", gap, flags=re.I)
                if len(gap.strip()) <= 4 and not _SEPARATOR.search(gap) and \
                        not goal.quotes_in(a.end, mk.start, take=False):
                    out[a.start] = i
            continue
        who = mk.kind in ("tag", "else") and bool(_WHO_ARM.match(goal.masked, mk.start))
        if goal.ja or (mk.kind != "answer" and not who) or not (
                who or mk.relative or _RELATIVE.match(goal.masked, mk.start)):
            continue
        before = [a for a in actions if a.end <= mk.start and a.kind != "question"]
        if not before:
            continue
        a = before[-1]
        gap = goal.masked[a.end:mk.start]
        if len(gap) <= 30 and not _SEPARATOR.search(gap):
            out[a.start] = i
    return out


def _fill_elided(goal: Goal, arms: list[Arm], spans: dict[int, tuple[int, int]],
                 elided_models: list[Step | None] | None = None, lead_verb: str = "") -> None:
    """「「猫」と答えた人に「猫好き」タグ、「犬」と答えた人に「犬好き」タグを付ける」,
    "70% get the text '…'": an arm that only names its quote does what its siblings do (a tag
    when the quote is a tag name, else a message)."""
    kinds = [a.steps[0] for a in arms if a.steps]
    model = kinds[0] if kinds else None
    if model is None and lead_verb == "tag":
        model = Step("action.tag", {"operation": "add"}, 0)
    if model is None and all(not a.steps for a in arms):
        model = next((s for s in elided_models or [] if s is not None), None)
    for arm in arms:
        if arm.steps or id(arm) not in spans:
            continue
        lo, hi = spans[id(arm)]
        quotes = goal.quotes_in(lo, hi, take=False)
        if not quotes and model is not None and model.kind == "action.tag":
            # 「「コーヒー」と答えた人にcoffeeタグ、…にteaタグを付ける」: an unquoted tag name.
            named = re.search(r"([^\s、。,「」\ue000をにがは]{1,30}?)タグ", goal.masked[lo:hi]) if \
                goal.ja else re.search(r"\btag(?:ged)?\s+(?:them\s+)?(?:as\s+|with\s+)?"
                                       r"([A-Za-z0-9][\w\-]*)", goal.masked[lo:hi], re.I) or \
                re.match(r"\s*(?:(?:get|gets|receive|receives|should get)\s+)?(?:as\s+|with\s+)?"
                         r"(?:the\s+|a\s+)?(?!(?:get|gets|receive|receives|should)\b)"
                         r"([^\W_][\w\-]*)\b(?!\s+(?:lovers?|fans?|people))",
                         goal.masked[lo:hi])
            if named:
                assert goal.tags is not None
                name = named.group(1)
                arm.steps = [Step("action.tag", {"operation": model.config["operation"],
                                                 "tag_id": goal.tags.ref(name)}, lo,
                                  goal.t(f"tag {name}", f"タグ「{name}」"))]
            continue
        if not quotes:
            urls = values.links(goal.text[lo:hi])
            if urls and (model is None or model.kind == "action.send_message"):
                # 「よかったと答えた人にはレビューのURL（https://…）を」: the link is the message
                arm.steps = [Step("action.send_message", {"messages": [
                    {"type": "text", "text": goal.t(f"Here is the link: {urls[0]}",
                                                    f"こちらをご覧ください：{urls[0]}")}]}, lo,
                    goal.t("send message", "メッセージ送信"))]
            continue
        q = quotes[0]
        near = goal.masked[max(lo, q.start - 8):q.start] + goal.masked[q.end:q.end + 6]
        if model is not None and model.kind == "action.tag" and (
                re.search(r"tag|タグ", near, re.I) or len(q.text.split()) <= 3 or
                re.search(r"\b(?:with|as)\s*$", goal.masked[lo:q.start], re.I)):
            assert goal.tags is not None
            name = goal.take_quote(q)
            op = model.config["operation"]
            arm.steps = [Step("action.tag", {"operation": op, "tag_id": goal.tags.ref(name)},
                              q.start, goal.t(f"tag {name}", f"タグ「{name}」"))]
        else:
            texts = [{"type": "text", "text": goal.take_quote(x)[:5000]} for x in quotes[:5]]
            arm.steps = [Step("action.send_message", {"messages": texts}, q.start,
                              goal.t("send message", "メッセージ送信"))]


_BY_ANSWER = re.compile(r"\bby (?:their|the|his|her) (?:answers?|choices?|repl(?:y|ies)|pick)\b|"
                        r"(?:回答|答え|選択)によって|"
                        r"\baccordingly\b|\bbased on (?:their|the|what they) (?:answers?|choices?|"
                        r"chose|picked|said)|\bwith (?:their|the) (?:answer|choice)\b|"
                        r"(?:答え|回答|選択)(?:に応じて|ごとに|別に|内容で|に合わせて)", re.I)


def _listed_names(words: str) -> list[str]:
    """「coffeeかteaの」 → ["coffee", "tea"]: names listed right before a tag verb."""
    m = re.search(r"([A-Za-z0-9][\w\-]*(?:\s*(?:か|、|・|や|と|/|or)\s*[A-Za-z0-9][\w\-]*)+)"
                  r"(?:の)?\s*$", words)
    return re.split(r"\s*(?:か|、|・|や|と|/|or)\s*", m.group(1)) if m else []


def _tags_by_answer(goal: Goal, main: list[Step], question: Step | None) -> list[Step]:
    """"Ask whether they prefer coffee or tea and tag them by their answer": a branch on the
    answer with one tag per option (the account's tag of that name, else a new one)."""
    i = next((k for k, s in enumerate(main) if s.kind == "by_answer"), None)
    if i is None:
        return main
    options = list((question.config.get("options") or []) if question else [])
    assert goal.tags is not None
    if not options:
        step = Step("action.tag", {"operation": "add", "tag_id": goal.tags.ref(
            goal.t("Answered", "回答済み"))}, main[i].pos, goal.t("tag", "タグ"))
        goal.note("The question has no options, so I tag everyone who answers; give me the "
                  "options to tag by answer.",
                  "質問に選択肢がないため、回答した人全員にタグを付けます。選択肢を教えてください。")
        return [*main[:i], step, *main[i + 1:]]
    attribute = question.config["attribute"] if question else "answer"
    rest = main[i + 1:]
    names = main[i].config.get("names") or []
    if len(names) != len(options):
        names = options
    arms = [Arm(o[:50], [{"kind": "attribute", "attribute": attribute, "op": "equals",
                          "value": o}],
                [Step("action.tag", {"operation": "add", "tag_id": goal.tags.ref(n)},
                      main[i].pos, goal.t(f"tag {n}", f"タグ「{n}」")), *rest])
            for o, n in zip(options[:10], names[:10], strict=False)]
    return [*main[:i], Step("action.branch", {}, main[i].pos, goal.t("branch", "分岐"),
                            arms=arms)]


_WELCOME = re.compile(r"\bwelcome(?:\s+(?:message|flow|series|sequence|journey))?\b|\bonboarding\b|"
                      r"ウェルカム(?:メッセージ)?|あいさつメッセージ|ようこそ", re.I)
_PLACEHOLDER_TEXT = re.compile(r"\[[^\]]{2,60}\]|［[^］]{1,40}］|\{\{friend")
_SINCE_NAMED = re.compile(r"\s*(?:(?:after|since|from)\s+)?(?:the|our|their|your)\s+"
                          r"(?:[\w-]+\s+){0,2}?(?:message|text|greeting|note|welcome)"
                          r"(?:\s+(?:message|text|note))?\s*[(:（]?\s*",
                          re.I)
_LATER = re.compile(r"\b(?:later on|later|some time later|after a while|a bit later)\b(?!\s+than)|"
                    r"後日|しばらくして|少し後に|時間をおいて", re.I)
_CHAIN = re.compile(r"\s*(?:→|->|=>|⇒|＞|(?<=\s)>(?=\s)(?!\s*\d)|\n\s*(?:[-・•*]|\d+[.)])\s*)\s*")


def _chain_links(goal: Goal) -> list[tuple[int, int]]:
    """The links of "A → B → C" (or of a bulleted list), when the goal is written so."""
    cuts = list(_CHAIN.finditer(goal.masked))
    if not cuts:
        return []
    bounds = [0, *(x for m in cuts for x in (m.start(), m.end())), len(goal.text)]
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)
            if bounds[i + 1] > bounds[i]]


_ONLY = re.compile(r"\bonly\b|\bjust\b|だけ|のみ|限定", re.I)
_JA_ELIDED_SEND = re.compile(r"\s*(?:に|には|で)?\s*[、,]?\s*")
_JA_LIST_GO_ON = re.compile(r"\s*(?:[、,]|$)")
_JA_AFTER_STEP = re.compile(r"(?:て|で|して|し|た)?\s*[、,]?\s*")
_JA_SEND_VERB = re.compile(r"(?:送|返信|配信|届け)")


_AFTER_ING = re.compile(r"\b(?:after|once (?:you've|we've|we have))\s+(?:\w+ing)\b", re.I)


def _said_after(main: list[Step], goal: Goal) -> list[Step]:
    """"Send X …, after tagging them as customer": the step said with "after …ing" comes first.
    """
    for i, step in enumerate(main):
        if i and step.kind != "action.delay" and _AFTER_ING.search(
                goal.masked, max(0, step.pos - 8), step.pos + 12):
            prev = i - 1
            while prev > 0 and main[prev].kind == "action.delay":
                prev -= 1
            return [*main[:prev], step, *[s for s in main[prev:] if s is not step]]
    return main


def _condition_scope(goal: Goal, main: list[Step], mk: Marker) -> tuple[list[Step], list[Step]]:
    """(steps before the branch, steps inside it) for a tag condition with no steps of its own.
    """
    said_before = [s for s in main if s.pos < mk.start and s.kind != "action.delay"]
    if not said_before or _ONLY.search(goal.masked[max(0, mk.start - 12):mk.end]):
        lead = 0
        while lead < len(main) and main[lead].kind == "action.delay":
            lead += 1  # "7 days after an order, but only to VIPs": wait, then check
        return main[:lead], main[lead:]
    last = said_before[-1]
    seps = [m.end() for m in _CLAUSE_SEP.finditer(goal.masked, 0, last.pos)]
    clause_start = seps[-1] if seps else 0
    inside_ids = {id(s) for s in main if s.kind != "action.delay" and
                  clause_start <= s.pos < mk.start}
    first = next(i for i, s in enumerate(main) if id(s) in inside_ids)
    # Delays said in the clause before its first step stay before the check.
    return main[:first], main[first:]


def _parse(goal: Goal) -> Outcome:  # noqa: C901
    found = find_triggers(goal.scan)
    qr_links = goal.links_of("qr_codes")
    if qr_links and not any(t.kind == "trigger.qr_scan" for t in found):
        found = sorted([*found, Mention("trigger.qr_scan", qr_links[0].start, qr_links[0].end)],
                       key=lambda m: m.start)
    handoff = find_handoff(goal) if any(
        p.search(goal.masked) for p in ACTIONS["customer_agent"]) else None
    handoff_only: list[Mention] = []
    if handoff:  # "pass them to a person when they say human": the hand-off, not the trigger
        inside = [t for t in found if t.kind == "trigger.message_received"
                  and handoff.start <= t.start < handoff.end]
        if inside:
            # "… when they say human. … Kick it off when they message help": read past it
            blank = goal.scan[:handoff.start] + " " * (handoff.end - handoff.start) + \
                goal.scan[handoff.end:]
            found = find_triggers(blank) or [t for t in found if t not in inside]
            handoff_only = inside  # the trigger if nothing else starts it (no chain either)
    # "customers who type only ORDER": a word they type is the keyword, not a trigger of its own
    keyword_spans: list[tuple[int, int]] = []
    for t in [t for t in found if t.kind == "trigger.message_received"]:
        said = BARE_KEYWORD_AFTER_VERB.search(goal.masked, t.start)
        if said and said.start() <= t.end + 2:
            found = [m for m in found if m is t or not (said.start(1) <= m.start < said.end(1))]
            keyword_spans.append(said.span(1))
    triggers = _select_triggers(found, goal)
    act.reserve_content_texts(goal)
    markers = find_markers(goal)
    # "If someone says exactly 'STOP'" is the trigger, not an answer to a question.
    asked = any(p.search(goal.scan) for p in ACTIONS["question"])
    markers = [mk for mk in markers if asked or mk.kind != "answer" or mk.relative or
               not any(t.start < mk.end and mk.start < t.end for t in triggers)]
    if not asked and any(t.kind == "trigger.postback" for t in triggers):
        # "When they tap 'Back to normal' (postback data sale_end)": the tap is the trigger
        markers = [mk for mk in markers if mk.kind != "answer" or not _TAPPED.search(
            goal.masked, mk.start, mk.end)]
    if handoff:
        goal.handoff_keyword = handoff.keyword
        markers = [mk for mk in markers if mk.end <= handoff.start or mk.start >= handoff.end]
    marker_mentions = [Mention("marker." + k.kind, k.start, k.end) for k in markers]
    said = [Mention("handoff", handoff.start, handoff.end)] if handoff else []
    if goal.ja:
        said += _bare_keywords(goal, triggers)
    if any(p.search(goal.scan) for p in ACTIONS["customer_agent"]):
        for scope in (act.AGENT_SCOPE_EN, act.AGENT_SCOPE_JA):
            said += [Mention("scope", m.start(), m.end()) for m in scope.finditer(goal.masked)]
    actions = _merge(find_actions(goal.scan, triggers + marker_mentions + said,
                                  _named_actions(goal)), goal)
    actions = [a for a in actions if not _a_keyword(goal, a, triggers) and not any(
        lo <= a.start and a.end <= hi for lo, hi in keyword_spans)]  # 「配信停止」 is a word
    if goal.ja:
        actions = _listed_before_verb(goal, actions)
    actions = _said_twice(actions)
    if any(t.kind == "trigger.postback" for t in triggers):
        # "tap the button with data x=1 on the rich menu": the menu the button is on
        actions = [a for a in actions if a.kind != "rich_menu" or a.data.get("link") or
                   not _where_a_button_is(goal, a.start, a.end)]
    if triggers and not actions:
        # A quote right beside a keyword trigger ("sends 'vip'", 「vip」と送ってきたら) is its
        # keyword, not a message to send.
        keyword_ends = [t for t in triggers if t.kind in QUOTED_TRIGGERS]
        nouns = [n for n in find_noun_actions(goal.scan, triggers + marker_mentions + said)
                 if not (n.kind == "send" and MASK in goal.masked[n.start:n.end] and
                         not goal.masked[n.start:n.end].replace(MASK, "").strip() and any(
                             (t.end <= n.start and re.fullmatch(r"[\s:：]*",
                                                               goal.masked[t.end:n.start])) or
                             # 「Event flyer」のQRコード: the code's own name
                             (n.end <= t.start and re.fullmatch(MASK + r"*\s*(?:と|って|の)?",
                                                               goal.masked[n.end:t.start]))
                             for t in keyword_ends))]
        actions = _merge(nouns, goal)
    else:
        # "QR scanned → customer tag → msg with code …", bullet lists: a step said as a noun
        # in its own link of the chain.
        extra = []
        nouns = find_noun_actions(goal.scan, triggers + marker_mentions + said + actions)
        for lo, hi in _chain_links(goal):
            if any(lo <= a.start < hi for a in actions) or any(
                    lo <= t.start < hi for t in triggers):
                continue
            extra += [n for n in nouns if lo <= n.start < hi][:1]
        # "new friends get 'Welcome!' and after 2 days 'Here's 10% off'": a quote said after a
        # wait that follows a message already quoted is a message of its own.
        waits = find_durations(goal.masked)
        for n in nouns:
            prev = [a for a in actions if a.end <= n.start]
            if n.kind != "send" or not prev or prev[-1].kind != "send" or n in extra or \
                    goal.masked[n.start:n.end].replace(MASK, "").strip():
                continue
            gap = goal.masked[prev[-1].end:n.start]
            wait = next((d for d in waits if prev[-1].end <= d.start and d.end <= n.start), None)
            if wait is not None and MASK in goal.masked[prev[-1].end:wait.start] and \
                    not _GAP_FILLER.sub("", goal.masked[wait.end:n.start]).strip(" ,:") and \
                    _SEPARATOR.search(gap):
                extra.append(n)
            elif wait is not None and goal.ja and _JA_ELIDED_SEND.fullmatch(
                    goal.masked[wait.end:n.start]) and _JA_LIST_GO_ON.match(goal.masked, n.end):
                # 「「A」を送って、3日後に「B」、さらに…」: the verb said once, the quote listed
                extra.append(n)
        if goal.ja and _JA_SEND_VERB.search(goal.masked):
            # 「はいの人にはタグを付けて「A」、いいえの人には「B」って送って」: a quote listed
            # after another step, its send verb said once at the end
            # 「1時間後に「A」、その1日後に「B」を送って」: or listed after a wait
            for n in nouns:
                prev = [a for a in actions if a.end <= n.start]
                after_step = bool(prev) and prev[-1].kind in (
                    "tag_add", "tag_remove", "rich_menu") and bool(
                    _JA_AFTER_STEP.fullmatch(goal.masked[prev[-1].end:n.start]))
                after_wait = any(d.end <= n.start and _JA_ELIDED_SEND.fullmatch(
                    goal.masked[d.end:n.start]) for d in waits)
                if n.kind == "send" and n not in extra and (after_step or after_wait) and \
                        not goal.masked[n.start:n.end].replace(MASK, "").strip() and \
                        _JA_LIST_GO_ON.match(goal.masked, n.end) and \
                        not any(a.start <= n.start < a.end for a in actions):
                    extra.append(n)
        # "Three days after the welcome message ('Welcome!'), new friends get 'How was it?'":
        # the message the wait counts from, quoted where it is named, is a step too.
        for d in waits:
            for n in nouns:
                if n.kind == "send" and n not in extra and n.start >= d.end and \
                        not goal.masked[n.start:n.end].replace(MASK, "").strip() and \
                        _SINCE_NAMED.fullmatch(goal.masked[d.end:n.start]) and \
                        not any(a.start <= n.start < a.end for a in actions):
                    extra.append(n)
        if extra:
            actions = _merge(sorted([*actions, *extra], key=lambda m: m.start), goal)
    if markers and triggers:
        # "yes → リピーター tag / no → customer tag", "if they answer Coffee, coffee tag": an arm
        # whose step is said as a noun, or as a bare tag name after a tag condition
        ends = [*(mk.start for mk in markers[1:]), len(goal.text)]
        nouns = find_noun_actions(goal.scan, triggers + marker_mentions + said + actions)
        arm_nouns = []
        tagging = any(mk.kind == "tag" for mk in markers)
        for mk, hi in zip(markers, ends, strict=True):
            if mk.kind in ("timeout",) or any(mk.end <= a.start < hi for a in actions):
                continue
            # only tag nouns: a quote or link in an arm is usually the object of a verb said
            # before the marker ("Tag the people who answer Store with 'In-store'")
            noun = [n for n in nouns if mk.end <= n.start < hi and n.kind == "tag_add"][:1]
            bare = re.fullmatch(r"[\s/|,;→>-]*(?P<t>[^\s/|,;→]+(?:\s[^\s/|,;→]+)?)[\s/|,;.]*",
                                goal.masked[mk.end:hi])
            if not noun and tagging and bare and goal.tags is not None and \
                    goal.tags.existing(bare.group("t"), strict=True) is not None:
                noun = [Mention("tag_add", mk.end + bare.start("t"), mk.end + bare.end("t"))]
            arm_nouns += noun
        if arm_nouns:
            actions = _merge(sorted([*actions, *arm_nouns], key=lambda m: m.start), goal)
    if not triggers and actions:
        first = _chain_links(goal)[:1]
        word = re.fullmatch(r"\s*(?:keywords?\s*:?\s*)?(?:exact(?:ly)?(?: match)?\s+)?"
                            r"(?P<k>(?:\ue000+|[A-Za-z0-9#_\-]{2,30}|[\u3040-\u30ff\u4e00-\u9fff]{1,20})"
                            r"(?:\s*(?:,|\bor\b|/)\s*(?:\ue000+|[A-Za-z0-9#_\-]{2,30}|"
                            r"[\u3040-\u30ff\u4e00-\u9fff]{1,20}))*)\s*(?:\((?P<m>[^)]*)\))?\s*",
                            goal.masked[first[0][0]:first[0][1]]) if first else None
        if word:  # "subscribe (exact match) → newsletter tag → …": the chain starts on a word
            triggers = [Mention("trigger.message_received", first[0][0], first[0][1],
                                {"chain": True})]
            # "exact match menu or メニュー → …": the words of that link are keywords, not steps
            actions = [a for a in actions if not first[0][0] <= a.start < first[0][1]]
    if not triggers and handoff_only:
        triggers = handoff_only[:1]
    actions = _apply_limits(goal, triggers, actions)
    if not triggers and not actions:
        _vague(goal)
    if not triggers and actions and _WELCOME.search(goal.scan):
        # "A/B test the welcome: …": a welcome is what a new friend gets.
        triggers = [Mention("trigger.friend_add", 0, 0)]
        goal.note("I assumed it starts when someone adds you as a friend (a welcome); tell me "
                  "if it should start another way.",
                  "ウェルカムなので、友だち追加をきっかけにしました。別のきっかけなら教えてください。")
    if not triggers:
        goal.ask("trigger", "When should this start?", "いつ開始しますか？",
                 [goal.t(en, ja) for en, ja in TRIGGER_OPTIONS])
    if not actions and not any(mk.kind == "variant" for mk in markers):
        label = NODE_TYPES[triggers[0].kind].short_names()
        goal.ask("action", f"What should happen then ({label[0].lower()})?",
                 f"「{label[1]}」のあと、何をしますか？",
                 [goal.t(en, ja) for en, ja in ACTION_OPTIONS])

    windows = _windows(triggers + actions + marker_mentions, goal)
    bounds = [*(mk.start for mk in markers), len(goal.text)]
    absorbed = _absorbed(goal, actions, markers)
    for a_start, i in absorbed.items():
        # "Tag the people who answer Store with 'In-store'": the object follows the marker.
        windows[a_start] = (a_start, bounds[i + 1], a_start, a_start)
    primary = triggers[0].kind
    trigger_nodes = []
    for m in triggers:
        start, end, fb_start, fb_end = windows[m.start]
        if m.data.get("chain"):
            start, end = m.start, m.end  # the chain's first link is the whole trigger
        if goal.ja and m.kind in QUOTED_TRIGGERS and not goal.quotes_in(start, end, take=False):
            # キーワード「A」/ QRコード「A」: the value follows the noun.
            follow = next((q for q in goal.quotes if 0 <= q.start - m.end <= 3 and
                           not q.implicit), None)
            if follow is not None:
                start, end = m.end, follow.end
        if goal.ja and m.kind == "trigger.postback":
            end = max(end, fb_end)  # 「ポストバックデータがvip_joinのとき」: the data follows
        config = trigger_config(m.kind, goal, start, end, chain=bool(m.data.get("chain")))
        label = NODE_TYPES[m.kind].short_names()[1 if goal.ja else 0]
        if config.get("keywords"):
            first = config["keywords"][0]
            label = goal.t(f"Keyword “{first}”", f"キーワード「{first}」")
        trigger_nodes.append((m.kind, config, label))

    sends = sum(1 for a in actions if a.kind == "send")
    steps_by_mention = {a.start: _action_step(a, goal, windows[a.start], primary, sends == 1)
                        for a in actions}
    durations = [d for d in find_durations(goal.masked)
                 if not any(t.start <= d.start < t.end for t in triggers)]
    timeouts = [d for d in durations if d.is_timeout]
    delays = [d for d in durations if not d.is_timeout]
    if not delays and actions:
        # "buttons Yes and Later (data tasting=later)": a label or a value, not a wait
        later = next((m for m in _LATER.finditer(goal.masked) if goal.masked[m.start() - 1:
                      m.start()] not in ("=", "_", "-", "/") and not re.match(
                          r"\s*[(/|]", goal.masked[m.end():]) and not (
                          m.group(0)[0].isupper() and m.start() > 0 and
                          goal.masked[m.start() - 2:m.start()] not in (". ", "! ", "? "))), None)
        if later and later.start() > actions[0].start:
            # "remind them later": a wait of a day, said in the reply
            delays = [Duration(1, "days", later.start(), later.end(), "later", later.group(0))]
            goal.note("I assumed a wait of 1 day for “later”; tell me how long it should be.",
                      "「あとで」は1日後としました。待つ時間を教えてください。")

    main_end = bounds[0]
    main = [steps_by_mention[a.start] for a in actions
            if a.start < main_end and a.start not in absorbed]
    main = _bind_delays(main, [d for d in delays if d.start < main_end], goal,
                        keep_alone=bool(markers))

    def segment(i: int) -> list[Step]:
        lo, hi = markers[i].end, bounds[i + 1]
        steps = [steps_by_mention[a.start] for a in actions
                 if absorbed.get(a.start) == i or (lo <= a.start < hi and a.start not in absorbed)]
        return _bind_delays(steps, [d for d in delays if lo <= d.start < hi], goal)

    questions = [s for s in main if s.kind == "action.question"]
    if len(questions) > 1:
        keep = next((q for q in questions if not _PLACEHOLDER_TEXT.search(q.config["text"])),
                    questions[0])
        main = [s for s in main if s.kind != "action.question" or s is keep or
                not _PLACEHOLDER_TEXT.search(s.config["text"])]
    main = _answers_first(main, goal)
    main = _said_after(main, goal)
    question = next((s for s in reversed(main) if s.kind == "action.question"), None)
    answer_arms: list[Arm] = []
    tag_arms: list[Arm] = []
    variant_arms: list[Arm] = []
    spans: dict[int, tuple[int, int]] = {}  # id(arm) → its part of the goal
    otherwise: list[Step] | None = None
    last_arm_kind = None
    pending_else: list[Step] | None = None
    for i, mk in enumerate(markers):
        steps = segment(i)
        if mk.kind == "timeout":
            if question is None:
                continue
            question.timeout = steps
        elif mk.kind == "answer":
            attr = question.config["attribute"] if question else "answer"
            answer_arms.append(Arm(mk.value[:50], [{"kind": "attribute", "attribute": attr,
                                                    "op": "equals", "value": mk.value}], steps))
            last_arm_kind = "answer"
        elif mk.kind == "tag":
            assert goal.tags is not None
            ref = goal.tags.ref(mk.value)
            tag_arms.append(Arm(mk.value[:50], [{"kind": "tag", "tag_id": ref,
                                                 "op": "has_not" if mk.negative else "has"}],
                                steps))
            last_arm_kind = "tag"
        elif mk.kind == "variant":
            variant_arms.append(Arm(mk.value, [], steps))
        elif mk.kind == "else" and last_arm_kind:
            otherwise = steps
        elif mk.kind == "else":
            pending_else = steps  # "Tag first-time buyers X; people already tagged Y get Z"
        for arms in (answer_arms, tag_arms, variant_arms):
            if arms and id(arms[-1]) not in spans:
                spans[id(arms[-1])] = (mk.end, bounds[i + 1])
    if pending_else is not None and otherwise is None and last_arm_kind:
        otherwise = pending_else
    if otherwise is None and len(tag_arms) == 2 and \
            tag_arms[0].conditions[0].get("tag_id") == tag_arms[1].conditions[0].get("tag_id") \
            and {tag_arms[0].conditions[0]["op"], tag_arms[1].conditions[0]["op"]} == \
            {"has", "has_not"}:
        # "if they're VIP …, if they aren't VIP …": one condition and its otherwise
        if tag_arms[0].conditions[0]["op"] == "has_not":
            tag_arms.reverse()
        otherwise = tag_arms.pop().steps
    else_arm: Arm | None = None
    if otherwise is not None and not otherwise:
        # "reply 'A' if they're VIP, otherwise 'B'": the else only names its text.
        else_mk = next((i for i, mk in enumerate(markers) if mk.kind == "else"), None)
        if else_mk is not None:
            else_arm = Arm("else", [], [])
            spans[id(else_arm)] = (markers[else_mk].end, bounds[else_mk + 1])
    if question is None:
        # "Tag coffee lovers coffee …, based on a 'Coffee or tea?' question we send": the
        # question said after its arms is asked before them.
        for arm in answer_arms:
            q = next((s for s in arm.steps if s.kind == "action.question"), None)
            if q is not None:
                arm.steps.remove(q)
                question = q
                main.append(q)
                break
    for arms in (answer_arms, tag_arms, variant_arms):
        first = next((mk for mk in markers if arms and id(arms[0]) in spans
                      and mk.end == spans[id(arms[0])][0]), None)
        lead = goal.masked[max(0, first.start - 8):first.start] if first else ""
        _fill_elided(goal, arms + ([else_arm] if else_arm and arms else []), spans,
                     [otherwise[0]] if otherwise else [],
                     "tag" if re.search(r"\b(?:tag|label|mark)\s*$", lead, re.I) else "")
    if else_arm is not None and else_arm.steps:
        otherwise = else_arm.steps
    if question and timeouts:
        question.config["timeout_seconds"] = min(max(timeouts[0].seconds, 60), 30 * 86_400)
    main = _tags_by_answer(goal, main, question)
    if answer_arms and question is None and all(
            mk.relative for mk in markers if mk.kind == "answer"):
        # "tag coffee lovers 'coffee' and tea lovers 'tea'": who answers what needs a question.
        options = [a.conditions[0]["value"] for a in answer_arms][:13]
        question = Step("action.question", {
            "text": goal.t(f"Which do you prefer: {' or '.join(options)}?",
                           f"どちらがお好きですか？{'・'.join(options)}"),
            "attribute": "preference", "options": options}, main_end,
            goal.t("question", "質問"))
        for arm in answer_arms:
            arm.conditions[0]["attribute"] = "preference"
        main.append(question)
        goal.note("I added a question so friends can say which they prefer; change its wording "
                  "if you like.", "好みを聞く質問を追加しました。文面は自由に変えてください。")
    if answer_arms:
        if question and question.config.get("options") is not None or question and len(
                answer_arms) <= 13:
            opts = list(question.config.get("options") or [])
            said = {a.conditions[0]["value"].casefold() for a in answer_arms}
            if not opts and said <= {"yes", "no"}:
                opts = ["yes", "no"]  # "if yes, tag them": a yes/no question has both
            elif not opts and said <= {"はい", "いいえ"}:
                opts = ["はい", "いいえ"]
            for arm in answer_arms:
                value = arm.conditions[0]["value"]
                if value.casefold() not in {o.casefold() for o in opts} and len(opts) < 13 \
                        and len(value) <= 20:
                    opts.append(value)
            question.config["options"] = opts
        main.append(Step("action.branch", {}, main_end, goal.t("branch", "分岐"),
                         arms=answer_arms,
                         otherwise=(otherwise or []) if last_arm_kind == "answer" else []))
    if tag_arms:
        if all(not a.steps for a in tag_arms):
            # "only for friends tagged VIP": the whole flow runs inside the arm; "one week
            # later send X if they're tagged VIP": the condition said last holds for its own
            # clause, checked when that step is due.
            first_tag = next(mk for mk in markers if mk.kind == "tag")
            before, inside = _condition_scope(goal, main, first_tag)
            tag_arms[0].steps = inside
            main = before
        main.append(Step("action.branch", {}, main_end, goal.t("branch", "分岐"), arms=tag_arms,
                         otherwise=(otherwise or []) if last_arm_kind == "tag" else []))
    if variant_arms:
        # "A/B test the welcome message: 'A' vs 'B'": the message named before the split is
        # what is split, not a step of its own.
        while main and main[-1].kind == "action.send_message" and all(
                _PLACEHOLDER_TEXT.search(str(m.get("text", ""))) for m in
                main[-1].config.get("messages", [])):
            main.pop()
        main.append(ab_split_step(goal, variant_arms, main_end))
    if not main:
        goal.ask("action", "What should happen then?", "その後、何をしますか？",
                 [goal.t(en, ja) for en, ja in ACTION_OPTIONS])
    accounts = [a["id"] for a in mentioned(goal.snapshot, "accounts", goal.masked)]
    assert goal.tags is not None
    return Plan(triggers=trigger_nodes, steps=main, new_tags=goal.tags.new_tags,
                account_ids=accounts, lang=goal.lang, notes=goal.notes)
