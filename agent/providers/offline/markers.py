"""Where a goal branches: answer arms, tag arms, "otherwise", and the no-answer path."""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.providers.offline.goal import Goal
from agent.providers.offline.text import MASK
from agent.providers.offline.variants import AB_INTENT, find_variants

_SUBJ = r"(?:they|the friend|the user|someone|friends?|he|she|the customer|people|you|the sender)"
_NEG = r"(?:don't|do not|doesn't|does not|didn't|did not|haven't|hasn't|never)"
_VAL = r"(?P<val>" + MASK + r"+|[\w\-]+)"
_STOP_VALUES = {"the", "a", "an", "our", "your", "it", "within", "in", "at", "to", "by", "on",
                "after", "any", "something", "anything", "question", "questions", "survey",
                "quiz", "poll", "all", "them", "us", "exactly", "only", "just", "the word",
                "word", "keyword", "hi", "hello"}

TIMEOUT = [
    re.compile(r"\bif\s+" + _SUBJ + r"?\s*" + _NEG + r"\s+(?:answer|reply|respond)", re.I),
    re.compile(r"\bif (?:there is |there's |there was )?no (?:answer|reply|response)", re.I),
    re.compile(r"\bno (?:answer|reply|response) (?:within|after|in)\b", re.I),
    re.compile(r"\bif (?:they|it) times? out\b|\bon timeout\b", re.I),
    re.compile(r"(?:回答|返信|返事|答え)(?:が)?(?:ない|無い|なかった|なけれ)|答えなかった|"
               r"(?:回答|返信)(?:され|し)なかった|未回答"),
]
ANSWER = [
    re.compile(r"\b(?:if|when|for those who|those who|people who|anyone who|whoever)\s+"
               + _SUBJ + r"?\s*(?:answers?|answered|chooses?|chose|picks?|picked|selects?|"
               r"selected|says?|said|repl(?:y|ies|ied)|votes?|voted|taps?|tapped)\s+"
               r"(?:with\s+)?" + _VAL, re.I),
    re.compile(r"\b(?:for those who|those who|people who|anyone who|whoever|friends who|"
               r"customers who)\s+(?:prefers?|preferred|likes?|liked|loves?|loved|wants?|wanted|"
               r"picks?|chooses?)\s+" + _VAL, re.I),
    re.compile(r"\b(?:if|when|for)\s+(?:the answer is\s+)?(?P<val>yes|no)\b", re.I),
    # "…, if tea tag them tea": an option said alone, the step right after it
    re.compile(r"\b(?:if|for)\s+(?P<val>" + MASK + r"+|[\w\-]+(?:\s+[\w\-]+){0,2}?)\s+"
               r"(?=(?:tag|send|give|reply|show|add|ask|remove|switch|then)\b)", re.I),
    re.compile(r"(?:^|(?<=[.;,/]\s)|(?<=[.;,/]))\s*(?P<val>" + MASK
               + r"+|[\w\-]+(?:\s+[\w\-]+){0,2})\s*(?:→|->|=>)", re.I),
    # "… (Loved it / Not for me) → Loved it: tag VIP": an option, a colon, its step
    re.compile(r"(?:→|->|=>|[.;]\s)\s*(?P<val>" + MASK + r"+|[\w\-]+(?:\s+[\w\-]+){0,2}?)\s*:\s*"
               r"(?=\S)", re.I),
    re.compile(r"(?:(?<=[、。,\s（(：:／/])|^)(?P<val>[^\s、。,「」()（）／/：:]{1,12}?)"
               r"(?:なら|だったら|を選んだ(?:ら|人)|と答えた(?:ら|人))"),
    re.compile(r"(?P<val>" + MASK + r"+|はい|いいえ)(?:の(?:人|方|場合)(?:に|は)?|なら|だったら|"
               r"を選んだ(?:ら|人))"),
    re.compile(r"(?P<val>" + MASK + r"+|[^\s、。,]+?)(?:と|を)"
               r"(?:答え|回答し|選ん|選択し|押し|タップし)(?:た|だ)?(?:ら|人|方|場合|とき|時)"),
]
TAG_ARM = [
    re.compile(r"\bif\s+" + _SUBJ + r"\s+(?P<neg>" + _NEG + r"\s+)?(?:already\s+)?(?:have|has)"
               r"\s+(?:the\s+|a\s+)?(?:tag\s+)?" + _VAL + r"\s+tag\b", re.I),
    re.compile(r"\bif\s+" + _SUBJ + r"\s+(?P<neg>" + _NEG + r"\s+)?(?:already\s+)?(?:have|has)"
               r"\s+(?:the\s+|a\s+)tag\s+" + _VAL, re.I),
    re.compile(r"\bif\s+" + _SUBJ + r"\s*(?:'re|are|is|were)\s+(?P<neg>not\s+)?(?:already\s+)?"
               r"tagged\s+(?:as\s+|with\s+)?(?:the\s+)?" + _VAL, re.I),
    re.compile(r"\b(?:only\s+)?(?:for|to)\s+(?:friends|people|those|members|customers|users)\s+"
               r"(?:who are |who're |who have |that have |with )?(?P<neg>not\s+)?"
               r"(?:tagged\s+(?:as\s+|with\s+)?|the tag\s+)(?:the\s+)?" + _VAL, re.I),
    # "Only for friends with the VIP tag", "people having the customer tag"
    re.compile(r"\b(?:only\s+)?(?:for|to)\s+(?:friends|people|those|members|customers|users|"
               r"buyers|anyone|everyone)\s+(?:(?:who|that)\s+)?(?:with|having|have|has|carrying)"
               r"\s+(?:the\s+|a\s+)?" + _VAL + r"\s+tag\b", re.I),
    # "has customer tag? yes → …": the condition asked as a question, then its yes arm
    re.compile(r"\b(?:(?:has|have|already has|tagged)\s+(?:the\s+|a\s+)?(?:tag\s+)?)"
               + _VAL + r"(?:\s+tag)?\s*\?\s*(?:yes|y)\s*(?:→|->|=>|:)", re.I),
    re.compile(r"(?P<val>" + MASK + r"+|[^\s、。,はがをにの]+?)タグ(?:が|の)"
               r"(?:(?P<neg>付いていない|ついていない|付いてない|ついてない|無い|ない)|付いている|"
               r"ついている|付いてる|ついてる|付いた|ついた|ある)(?:人|方|場合|なら|友だち)"),
    # "if tagged VIP …", "if not tagged with newsletter": the subject left out.
    re.compile(r"\b(?:if|when)\s+(?P<neg>not\s+)?(?:already\s+)?tagged\s+(?:as\s+|with\s+)?"
               r"(?:the\s+)?" + _VAL, re.I),
    re.compile(r"\bif\s+(?:a\s+|the\s+)?(?:friend|customer|user|buyer|someone|member)\s+"
               r"(?:who is\s+|who's\s+|that is\s+)?(?P<neg>not\s+)?tagged\s+(?:as\s+|with\s+)?"
               r"(?:the\s+)?" + _VAL, re.I),
    re.compile(r"\b(?:friends|people|those|members|customers|users|buyers|anyone|everyone)\s+"
               r"(?:who are|who're|who have|that have|that are|who)\s+(?:already\s+)?"
               r"(?P<neg>not\s+)?(?:tagged\s+(?:as\s+|with\s+)?|(?:got|have|has)\s+(?:the\s+|a\s+)?)"
               r"(?:the\s+)?" + _VAL + r"(?:\s+tag)?", re.I),
    re.compile(r"(?P<val>" + MASK + r"+|[^\s、。,はがをにの]+?)タグ(?:持ち|あり|付き)"
               r"(?:の人|の方|なら|の場合)"),
]
# Conditions that name a tag without the word "tag": they count only when the account has a tag
# of that name ("only for VIP friends", "if they're VIP", 「VIPの人だけ」).
TAG_NAMED = [
    re.compile(r"\b(?:only\s+)?(?:for|to)\s+(?:our\s+|the\s+)?(?P<val>" + MASK + r"+|[\w\-]+)\s+"
               r"(?:friends|members|customers|people|users|followers|buyers|ones)\b", re.I),
    re.compile(r"\bif\s+" + _SUBJ + r"\s*(?:(?:'re|are|is|were)\s+(?P<neg>not\s+)?|"
               r"(?P<neg2>isn't|aren't|wasn't|weren't|'re not)\s+)(?:a\s+|an\s+)?"
               r"(?:already\s+)?(?P<val>" + MASK + r"+|[\w\-]+)\b", re.I),
    # "If a VIP-tagged friend sends …": the tag said as the friend's adjective
    re.compile(r"\b(?:a|an|the|any)\s+(?P<val>[\w]+)-tagged\s+(?:friend|customer|user|member|"
               r"buyer|person)s?\b", re.I),
    re.compile(r"\b(?P<val>" + MASK + r"+|[\w\-]+)\s+(?:friends|members|customers\s+)?only\b",
               re.I),
    re.compile(r"(?P<val>" + MASK + r"+|[^\s、。,はがをにの]+?)(?:の)?(?:人|方|友だち|会員|お客様)"
               r"(?:だけ|のみ|に(?:は|だけ)?|限定|なら|であれば|の場合)"),
    # "People who already bought from us (customer tag) get …": the tag in
    # brackets, when the account has it
    re.compile(r"\b(?:friends|people|those|members|customers|users|buyers|anyone|everyone)\s+"
               r"(?:who|that)\s+[^().;]{1,50}?\(\s*(?:the\s+)?" + _VAL + r"(?:\s+tag)?\s*\)", re.I),
    re.compile(r"(?:人|方|お客さん|友だち)\s*[（(]\s*(?P<val>" + MASK + r"+|[^\s（()）、。]+?)"
               r"(?:タグ)?\s*[）)]\s*(?:に(?:は)?|は)"),
    # "check whether they have the customer tag. If they don't, send …"
    re.compile(r"\bcheck\s+(?:whether|if)\s+" + _SUBJ + r"\s+(?:have|has|carry|carries)\s+"
               r"(?:the\s+|a\s+)?(?P<val>" + MASK + r"+|[\w\-]+)\s+tag\b[^.;]{0,30}[.;,]\s*"
               r"if\s+(?:they|so|not|he|she)?\s*(?P<neg>don't|do not|doesn't|does not|haven't|"
               r"have not|hasn't|not)?\b(?:\s+(?:have it|do|does))?\s*,?", re.I),
    # 「customerタグが付いていない人に」: who does (not) have the tag
    re.compile(r"(?P<val>" + MASK + r"+|[^\s、。,はがをにのも「」]+?)\s*タグ(?:が|の)?"
               r"(?:付いて|ついて|付与されて)(?:い)?(?P<neg>ない)?(?:人|方|友だち)(?:に(?:は)?|は|だけ)"),
]
# "tag coffee lovers 'coffee' and tea lovers 'tea'": answer arms said by who answers what. They
# count when two or more are said, or when the value is an option said elsewhere.
SOFT_ANSWER = re.compile(r"\b(?P<val>[a-z][\w\-]*)\s+(?:lovers?|fans?|drinkers?|people|folks|"
                         r"types?|enthusiasts?|persons?|ones)\b|(?P<valj>[^\s、。,はがをにの「」]{1,10}?)"
                         r"(?:派|好き)の(?:人|方)", re.I)
_SOFT_STOP = {"new", "the", "all", "other", "those", "these", "some", "many", "vip", "most",
              "young", "old", "real", "our", "your", "their", "more", "busy", "local",
              # verbs before "people": "ask people who…", "tag people…"
              "ask", "tag", "send", "give", "tell", "invite", "thank", "remind", "message", "text",
              "notify", "welcome", "greet", "for", "to", "and", "with", "of", "when", "if", "let",
              "help", "show", "get", "only", "any", "every", "such", "which", "what", "that",
              "answer", "they", "we", "you", "he", "she", "it", "them", "who", "people"}
CONTRAST_TAG = re.compile(r"\b(?P<val>[\w\-]+?)s?\s+(?:get|gets|receive|receives|should get)\b",
                          re.I)
_BARE_OPTION = re.compile(r"\b(?:if|for)\s+(?P<val>" + MASK + r"+|[\w\-]+)\s*[,:]|"
                          r"\bif\s+(?P<val2>[\w\-]+(?:\s+[\w\-]+){1,2}?)\s*[,:]", re.I)
SOFT_OPTION_JA = re.compile(r"(?:(?<=[、。,\s（(：:／/])|^)"
                            r"(?P<val>[^\s、。,「」()（）／/：:\ue000]{1,12}?)の(?:人|方)(?:は|には|に)")
# "tag the Loved it people as VIP": an option said elsewhere, named as who
SOFT_OPTION = re.compile(r"\b(?:the|those)\s+(?P<val>[\w\-]+(?:\s+[\w\-]+){0,2}?)\s+"
                         r"(?:people|ones|folks|answerers|group|crowd)\b", re.I)
ELSE = [
    # ("nothing else in the message", "anything else": no otherwise)
    re.compile(r"(?<!nothing )(?<!anything )(?<!something )(?<!what )(?<!who )"
               r"\b(?:otherwise|or else|else|if not|everyone else|everybody else|for (?:everyone|"
               r"the) (?:else|rest)|for others|for the others|all (?:the\s+)?others|the rest)\b",
               re.I),
    re.compile(r"(?<=[/;,|])\s*no\s*(?=→|->|=>|:)|"  # "… ? yes → A / no → B"
               r"\bif\s+" + _SUBJ + r"\s+" + _NEG + r"\s+have\s+(?:the|that|this|it|a)\s+tag\b|"
               r"\bfirst[- ]time (?:buyers|customers|visitors)\b|"
               r"\bnew (?:buyers|customers)\b(?=\s+get)", re.I),
    re.compile(r"それ以外|そうでなければ|そうじゃなければ|そうじゃない(?:場合|人|なら)|"
               r"そうでない(?:場合|人)|その他の人|上記以外|"
               r"(?:じゃない|ではない|でない|以外の|(?:が)?(?:付いて|ついて)いない)(?:人|方|友だち)|"
               r"まだの(?:人|方|お客さん)"),
]

@dataclass
class Marker:
    kind: str  # timeout | answer | tag | else | variant (value: its percent, or "")
    start: int
    end: int
    value: str = ""
    negative: bool = False
    relative: bool = False  # names who ("coffee lovers"): a verb just before belongs to the arm


def _value(goal: Goal, m: re.Match[str], take: bool = True) -> str | None:
    raw = re.sub(r"^(?:ただし|但し|ただ|でも|もし)", "", m.group("val"))
    if raw.startswith(MASK):
        q = next((q for q in goal.quotes if q.start == m.start("val")), None)
        if q is None:
            return None
        if take:
            goal.used.add(q.start)
        return q.text
    return None if raw.lower() in _STOP_VALUES else raw


def _is_option(goal: Goal, m: re.Match[str]) -> bool:
    """An answer arm's value is quoted, yes/no, or said elsewhere too (an option)."""
    raw = m.group("val")
    if raw.startswith(MASK) or not raw.isascii() or raw.casefold() in ("yes", "no"):
        return True
    return len(re.findall(r"(?<![\w])" + re.escape(raw) + r"(?![\w])", goal.text, re.I)) > 1


_LISTED = re.compile(r"[(（]\s*(?P<list>[^()（）\ue000]{1,80}?(?:/|／|、|,|・|\bor\b)"
                     r"[^()（）\ue000]{1,80}?)\s*[)）]")


def listed_options(goal: Goal) -> list[str]:
    """Answer options listed in brackets anywhere in the goal: "(Loved it / Not great)"."""
    out: list[str] = []
    for m in _LISTED.finditer(goal.masked):
        said = re.split(r"/|／|、|,|・|\bor\b", m.group("list"))
        items = [i.strip(" .?!\"'“”「」") for i in said]
        if len(items) >= 2 and all(0 < len(i) <= 20 for i in items):
            out.extend(items)
    return out


# 「豆・カフェ・ギフトの3択で」, 「選択肢はA・B・C」: options listed unbracketed
_LISTED_JA = re.compile(r"(?P<list>[^\s、。,「」\ue000・]{1,12}"
                        r"(?:・[^\s、。,「」\ue000・]{1,12}){1,9})"
                        r"(?:の(?:\d|[二三四五])択|の(?:選択肢|中から|どれ|いずれ)|から選)")
# After an option said at the start of its clause: what it gets ("Cafe gets …", "豆→…").
_LED_BY_OPTION = re.compile(
    r"\s*(?:→|->|=>|[:：]\s*(?=\ue000)|(?:people|fans|lovers|folks|pickers)\b|"
    r"(?:should|will|would)?\s*(?:gets?|receives?|(?:is|are|be)\s+sent|sees?)\b|"
    r"(?:を選んだ|と答えた|の)?(?:人|方)(?:には|は|に|へ)|(?:には|は)(?=\s*\ue000))", re.I)
_CLAUSE_OPEN = re.compile(r"(?:^|[,.;、。\n]|\band\b|\bor\b|/)\s*(?:and\s+|while\s+)?$", re.I)


def _option_led(goal: Goal, options: list[str], free: object) -> list[Marker]:
    """"(Beans, Cafe, Gifts). Beans people get …, Cafe gets …", 「豆・カフェ・ギフトの3択…
    豆→「…」、カフェ→「…」」: each known option that opens a clause and is followed by what
    it gets starts an answer arm."""
    known = list(options)
    for m in _LISTED_JA.finditer(goal.masked):
        known += [o for o in m.group("list").split("・") if o]
    known = list(dict.fromkeys(o for o in known if 0 < len(o) <= 20))
    if len(known) < 2:
        return []
    is_free = free if callable(free) else (lambda _s, _e: True)
    found: list[Marker] = []
    for option in sorted(known, key=len, reverse=True):
        for m in re.finditer(r"(?<![\w])" + re.escape(option) + r"(?![\w])", goal.masked, re.I):
            led = _LED_BY_OPTION.match(goal.masked, m.end())
            if not led or not _CLAUSE_OPEN.search(goal.masked[max(0, m.start() - 12):m.start()]):
                continue
            end = led.end() if not led.group(0).strip().startswith((":", "：")) else m.end() + 1
            if is_free(m.start(), end) and not any(
                    f.start < end and m.start() < f.end for f in found):
                found.append(Marker("answer", m.start(), end, option))
    return found if len({mk.value for mk in found}) >= 2 else []


_SHARE = re.compile(r"\d{1,3}\s*%|\d割|半分|片方|half", re.I)


def find_markers(goal: Goal) -> list[Marker]:
    out: list[Marker] = []
    options = listed_options(goal)

    def free(start: int, end: int) -> bool:
        return not any(start < m.end and m.start < end for m in out)

    for p in TIMEOUT:
        for m in p.finditer(goal.masked):
            if free(m.start(), m.end()):
                out.append(Marker("timeout", m.start(), m.end()))
    for p in TAG_NAMED:
        for m in p.finditer(goal.masked):
            value = _value(goal, m, take=False)
            tag_id = goal.tags.existing(value, strict=True) if value and goal.tags else None
            if value and free(m.start(), m.end()) and tag_id is not None:
                _value(goal, m)
                name = next((t["name"] for t in goal.snapshot["tags"] if t["id"] == tag_id), value)
                out.append(Marker("tag", m.start(), m.end(), name,
                                  bool(m.groupdict().get("neg") or m.groupdict().get("neg2"))))
    if any(p.search(goal.masked) for p in ELSE):
        for m in CONTRAST_TAG.finditer(goal.masked):
            value = m.group("val")
            if free(m.start(), m.end()) and goal.tags is not None and \
                    goal.tags.existing(value, strict=True) is not None:
                out.append(Marker("tag", m.start(), m.start() + len(value), value))
    for kind, patterns in (("tag", TAG_ARM), ("answer", ANSWER)):
        for p in patterns:
            for m in p.finditer(goal.masked):
                if not free(m.start(), m.end()):
                    continue
                if kind == "answer" and not _is_option(goal, m):
                    continue  # "tag people who answer surveyed": no option, a tag name
                value = _value(goal, m)
                end = m.end()
                if value and kind == "answer" and not m.group("val").startswith(MASK):
                    # "pick Loved it": the option listed elsewhere ("(Loved it / Not great)")
                    # is the value, not its first word.
                    said = goal.text[m.start("val"):].casefold()
                    longer = [o for o in options if len(o) > len(value)
                              and said.startswith(o.casefold())
                              and not said[len(o):len(o) + 1].isalnum()]
                    if longer:
                        value = max(longer, key=len)
                        end = max(end, m.start("val") + len(value))
                if value:
                    neg = bool(m.groupdict().get("neg"))
                    out.append(Marker(kind, m.start(), end, value, neg))
    # "If Instagram, tag them …": a bare option said as a condition, when it is an option.
    for m in _BARE_OPTION.finditer(goal.masked):
        value = _value(goal, m, take=False) if m.group("val") else m.group("val2")
        if value and value.lower() not in _STOP_VALUES and free(m.start(), m.end()) and \
                len(re.findall(r"(?<![\w])" + re.escape(value) + r"(?![\w])", goal.text,
                               re.I)) > 1:
            if m.group("val"):
                _value(goal, m)
            out.append(Marker("answer", m.start(), m.end(), value))
    soft = []
    for m in SOFT_OPTION_JA.finditer(goal.masked):
        # 「コーヒーを選んだ人は…、紅茶の人は…」: an option said elsewhere, then の人は
        value = m.group("val")
        if free(m.start(), m.end()) and len(re.findall(re.escape(value), goal.text)) > 1 and \
                value not in ("その他", "それ以外", "ほか", "他"):
            out.append(Marker("answer", m.start(), m.end(), value))
    for m in SOFT_OPTION.finditer(goal.masked):
        value = m.group("val")
        if value.lower() not in _SOFT_STOP and free(m.start(), m.end()) and len(re.findall(
                r"(?<![\w])" + re.escape(value) + r"(?![\w])", goal.text, re.I)) > 1:
            soft.append(Marker("answer", m.start(), m.end(), value, relative=True))
    for m in SOFT_ANSWER.finditer(goal.masked):
        value = m.group("val") or m.group("valj")
        if value and value.lower() not in _SOFT_STOP and value.lower() not in _STOP_VALUES \
                and free(m.start(), m.end()):
            soft.append(Marker("answer", m.start(), m.end(), value, relative=True))
    # "Tag the yes people": both soft readings see one option; the first one is kept
    soft = [mk for i, mk in enumerate(soft)
            if not any(o.start < mk.end and mk.start < o.end for o in soft[:i])]
    elsewhere = [mk for mk in soft if len(re.findall(
        r"(?<![\w])" + re.escape(mk.value) + r"(?![\w])", goal.text, re.I)) > 1]
    if len({mk.value.lower() for mk in soft}) >= 2 or elsewhere:
        out.extend(soft if len({mk.value.lower() for mk in soft}) >= 2 else elsewhere)
    out.extend(_option_led(goal, options, free))
    # "Yes → …" alone is a step of a chain ("options Coffee, Tea → tag them"); arms come in pairs.
    arrows = [mk for mk in out if mk.kind == "answer" and
              re.match(r"\s*(?:→|->|=>)", goal.masked[mk.end - 3:mk.end + 1] or "")]
    arrows = [mk for mk in out if mk.kind == "answer" and
              re.search(r"(?:→|->|=>)\s*$", goal.masked[mk.start:mk.end])]
    if len(arrows) == 1 and not (
            arrows[0].value.casefold() in {o.casefold() for o in options} and re.search(
                r"(?:^|[.;。!?！？\n])\s*$",
                goal.masked[max(0, arrows[0].start - 4):arrows[0].start])):
        # unless it is a listed option opening its own sentence: "(Yes / No). Yes → tag them"
        out.remove(arrows[0])
    if AB_INTENT.search(goal.masked):
        # 「50%の方に…」: a share of an A/B split, not an answer to a question
        out[:] = [mk for mk in out if not (mk.kind == "answer" and _SHARE.fullmatch(mk.value))]
    for v in find_variants(goal.masked, free):
        out.append(Marker("variant", v.start, v.end, v.percent))
    for p in ELSE:
        for m in p.finditer(goal.masked):
            if free(m.start(), m.end()):
                out.append(Marker("else", m.start(), m.end()))
    return sorted(out, key=lambda m: m.start)
