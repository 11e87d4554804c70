"""What a marketer says a message should say without quoting it, kept word for word.

"reply that we are open 10:00-19:00 every day", "send them a message saying thanks for
visiting", "tell them the shop opens at 9", 「営業時間は10時〜19時ですと返信」: the words become
an implicit quote, so they are masked like a quoted text (a "every day" inside them is no
schedule, an "order" inside them is no purchase) and end up verbatim in the draft.
"ask them how they heard about us" becomes a direct question with the pronouns turned round.
"""

from __future__ import annotations

import re

from agent.providers.offline.text import Quote

_I = re.I
_NOT_SUBJECT = r"(?<!they )(?<!someone )(?<!he )(?<!she )(?<!who )(?<!friend )(?<!customer )"
_EN_INTRO = [
    re.compile(r"\b(?:saying|that says|which says|that reads|reading|with the (?:text|words?|"
               r"message)|with (?:a|the) (?:message|note|text) (?:saying|that says|of))"
               r"\s*[:,]?\s+(?P<c>\S)", _I),
    re.compile(_NOT_SUBJECT + r"\b(?:reply|respond|answer|write back|message them|text them)"
               r"(?:\s+(?:to\s+)?(?:them|him|her|back))?\s+(?:that|with\s*:|:)\s*(?P<c>\S)", _I),
    re.compile(_NOT_SUBJECT + r"\b(?:tell|inform|remind)\s+(?:them|him|her|the (?:friend|customer|"
               r"buyer|user)s?|people|everyone)\s+(?:that\s+)?"
               # "remind people who abandon their carts": who they are, not what is said
               r"(?P<c>(?!to\b|about\b|of\b|with\b|who\b|whose\b|when\b|if\b|after\b|once\b|"
               r"before\b|in\b|on\b|at\b|\d)\S)", _I),
    # "tell everyone who joins that we are open 9-5": the words after "that"
    re.compile(r"\b(?:tell|inform)\s+(?:everyone|people|friends|customers|anyone|those|buyers|"
               r"new friends)\s+who\s+[^,.;:\"'“「]{1,40}?\s+that\s+(?P<c>\S)", _I),
    re.compile(r"\blet (?:them|him|her) know\s+(?:that\s+)?(?P<c>(?!about\b)\S)", _I),
    re.compile(r"\b(?:send|reply with|push)\s+(?:them\s+)?(?:a|the|this)?\s*(?:message|text|"
               r"reply|note)\s*[:：]\s*(?P<c>\S)", _I),
    # "msg with code CTR100 (¥100 off next drink)", "message them - free cookie with code FLY26"
    re.compile(r"\b(?:message|text|reminder|nudge|reply|note)\s+(?:them\s+)?with\s+"
               r"(?P<c>(?:the\s+)?(?:code|coupon code|promo code|link)\b)",
               _I),
    re.compile(r"\b(?:message|text|tell|send|remind)\s+(?:them\s+)?[-—–]\s*(?P<c>\S)", _I),
    # A/B variants said unquoted: "A: Welcome! 10% off with HANA10 / B: Welcome! Free cookie"
    # ("B: link Sale menu", "B: tag them VIP": a step, not words)
    re.compile(r"(?:(?<=[\s→>/(,])|^)(?-i:[AB])\s*[:：=]\s*(?P<c>(?!our\b|the\b|saved\b|text\b|"
               r"auto\b|(?:link|show|switch|tag|untag|remove|add|ask|wait|hand|send them the)\b)"
               r"\S)", _I),
    # "Auto reply for 'holiday hours' -> We are open 11:00-17:00 …": a sentence after an arrow
    re.compile(r"(?:→|->|=>)\s*(?P<c>(?-i:We|Our|Thank|Thanks|Hello|Hi|Welcome|Please|You|"
               r"Sorry|Happy|Dear|See you)\b)", _I),
    # "they should receive: …", "then say: …", "send back: …", "message them: …"
    re.compile(_NOT_SUBJECT + r"\b(?:receive|receives|get|gets|say|says|send|sends|send back|"
               r"reply back|write back|answer back|answer with|reply with|respond with|message|"
               r"text|message them|text them|send them|tell them|reply|respond|answer)\s*[:：]\s*"
               r"(?P<c>\S)", _I),
]
# Where the words end: the end of the sentence, or the next step ("…, then tag them").
_EN_END = re.compile(
    r"[.;!?](?=\s|$)|\n|,?\s+(?:and\s+)?then\b|,\s*(?:and\s+)?(?=(?:tag|add|wait|send|ask|switch|"
    r"remove|give|show|notify|remind|if|otherwise|unless|after|also)\b)|\s+and\s+(?=(?:tag|add|"
    r"wait|ask|switch|remove|give|show)\s)|\s+(?:if|when|unless|after|once)\s+(?:they|the "
    r"friend|someone|he|she)\b", _I)
# After a colon the words run to the end of the line or the next step, "!" and "?" included.
_COLON_END = re.compile(r"\n|\s+/\s+(?=[AB]\s*[:：=])|,\s*(?=[AB]\s*[:：=])|,?\s+(?:and\s+)?then\b|"
                        r"[.;]\s+(?=(?:then|and|tag|wait|send|ask|"
                        r"switch|remove|after|also)\b)", _I)
_TRAILING_TIME = re.compile(r"\s+(?:(?:in|after|about|around)\s+)?(?:\d+|a|an|one|two|three|"
                            r"four|five|six|seven|a couple of)\s+(?:minutes?|hours?|days?|weeks?)"
                            r"(?:\s+later|\s+after(?:wards)?)?\s*$|\s+(?:right away|immediately|"
                            r"straight away|later)\s*$", _I)
# 「…」 is how Japanese marketers quote; unquoted, the words sit between the condition and と.
_JA = re.compile(r"(?:たら|れば|なら|とき|時|場合|人に|方に|人には|方には|てから|た後|たあと|に)"
                 r"(?:は)?[、,]\s*"
                 r"(?P<c>[^。「」\n]{2,160}?)[、,]?\s*(?:と|って)(?:いう(?:メッセージ|文面)を)?"
                 r"(?:返信|返す|返して|返し|送|伝え|案内|自動返信|メッセージ)")
# 「味どうでした？って質問して」: an unquoted question
_JA_QUESTION = re.compile(r"(?:^|(?<=[、,。\s]))(?P<c>[^、。「」\n]{2,40}?[?？])\s*(?:って|と)"
                          r"(?:質問|聞|尋ね)")


def implicit_quotes(text: str, quotes: list[Quote]) -> list[Quote]:
    """Unquoted message words in `text` (not overlapping the real quotes)."""
    out: list[Quote] = []

    def free(start: int, end: int) -> bool:
        return not any(start < q.end and q.start < end for q in [*quotes, *out])

    for pattern in _EN_INTRO:
        for m in pattern.finditer(text):
            start = m.start("c")
            if any(q.start <= start < q.end for q in quotes) or text[start] in "\"'“‘「":
                continue  # quoted anyway
            colon = text[:start].rstrip().endswith((":", "："))
            end_m = (_COLON_END if colon else _EN_END).search(text, start)
            end = end_m.start() if end_m else len(text)
            if end_m and text[end_m.start():end_m.start() + 1] in "!?":
                end += 1  # "Thanks for coming!" keeps its mark
            words = text[start:end].rstrip(" ,")
            if not colon:
                words = second_person(words)  # "tell them we miss them": "We miss you"
            if colon and words.endswith("."):
                words = words[:-1]
            if not colon and not re.search(r"\bthat\s+$", text[:start], _I):
                words = _TRAILING_TIME.sub("", words)  # "…that it ships in 2 days" is words
            end = start + len(words)
            if len(words.split()) >= 2 and free(start, end):
                out.append(Quote(_capitalise(words), start, end, implicit=True))
    for m in _JA_QUESTION.finditer(text):
        start, end = m.start("c"), m.end("c")
        if free(start, end):
            out.append(Quote(m.group("c"), start, end, implicit=True))
    for m in _JA.finditer(text):
        start, end = m.start("c"), m.end("c")
        if free(start, end) and not re.search(r"(?:送|返信|配信)(?:し|する)", m.group("c")):
            out.append(Quote(m.group("c"), start, end, implicit=True))
    return out


def _capitalise(words: str) -> str:
    return words[:1].upper() + words[1:]


_PRONOUNS = [(r"\bthey're\b", "you're"), (r"\bthey've\b", "you've"), (r"\bthey'd\b", "you'd"),
             (r"\bthey'll\b", "you'll"), (r"\bthemselves\b", "yourself"),
             (r"\btheirs\b", "yours"), (r"\btheir\b", "your"), (r"\bthem\b", "you"),
             (r"\bthey\b", "you")]
_YES_NO = [(r"^you (?:are|'re)\b", "Are you"), (r"^you would like\b", "Would you like"),
           (r"^you'd like\b", "Would you like"), (r"^you can\b", "Can you"),
           (r"^you will\b", "Will you"),
           (r"^you have (?=been|ever|already|[a-z]+ed\b)", "Have you "),
           (r"^you (?=[a-z]+\b)", "Do you ")]


def second_person(words: str) -> str:
    for pattern, repl in _PRONOUNS:
        words = re.sub(pattern, repl, words, flags=re.I)
    return words


_INDIRECT = re.compile(
    r"\bask\s+(?:them|him|her|people|friends|customers|buyers|new friends|everyone|the "
    r"(?:friend|customer|buyer|user)s?)?\s*(?P<w>how|what|which|where|when|why|who|whether|if)"
    r"\s+(?P<rest>[^.;!?\n]+?)(?=\s+(?:and|then)\s+(?:tag|send|wait|save|store|add|if|give)\b|"
    r"\s*,\s*(?:then|and|if|otherwise)\b|[.;!?\n]|$)", _I)


def indirect_question(masked: str, text: str) -> str | None:
    """"ask them how they heard about us" → "Could you tell us how you heard about us?";
    "ask whether they have visited before" → "Have you visited before?"."""
    m = _INDIRECT.search(masked)
    if m is None:
        return None
    rest = second_person(text[m.start("rest"):m.end("rest")].strip())
    wh = m.group("w").lower()
    if wh == "what" and re.match(r"your\b", rest, re.I):
        return None  # "what their favourite drink is": a topic, read elsewhere
    if wh in ("whether", "if"):
        if re.match(r"you [a-z]+ed\b", rest, re.I):
            return f"Could you tell us whether {rest}?"
        for pattern, repl in _YES_NO:
            if re.match(pattern, rest, re.I):
                return re.sub(pattern, repl, rest, count=1, flags=re.I).strip() + "?"
        return f"Could you tell us whether {rest}?"
    return f"Could you tell us {wh} {rest}?"
