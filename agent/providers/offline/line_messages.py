"""LINE's richer message types read from a send step's words: stickers, buttons (postback or
link), videos with a tracking id, locations.

A send step's plain texts come from `actions.send_step`; this module finds what else the
marketer asked for in the same words and makes LINE message objects with
`engine.messages.builders`, so a draft carries what LINE's own tools would make. What it reads
is taken from the goal (quotes used as button labels or postback data, URLs used as a video or
a link button), so it is not also sent as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from agent.providers.offline.goal import Goal
from agent.providers.offline.text import Quote
from engine.messages import builders as line

_I = re.I
# LINE's basic sticker set (package 446) is available to every account.
DEFAULT_STICKER = ("446", "1988")
LABEL_MAX = 20  # LINE: an action label is at most 20 characters
BUTTONS_MAX = 4  # LINE: a buttons template has at most 4 actions

_STICKER = re.compile(r"\bstickers?\b|スタンプ(?!カード|ラリー|を押|\s*\d+\s*個)", _I)
_STICKER_PAIR = re.compile(r"(?:stickers?|スタンプ)[^\d\n。.]{0,24}?(?P<p>\d{1,12})\s*[/／:]\s*"
                           r"(?P<s>\d{1,12})", _I)
_PACKAGE_ID = re.compile(r"(?:package\s*[_-]?\s*(?:id)?|パッケージ\s*ID)\s*(?:is\s+|は)?[:：=]?\s*"
                         r"(?P<v>\d{1,12})", _I)
_STICKER_ID = re.compile(r"(?:sticker\s*[_-]?\s*id|スタンプ\s*ID)\s*(?:is\s+|は)?[:：=]?\s*"
                         r"(?P<v>\d{1,12})", _I)

_BUTTON = re.compile(r"\bbuttons?\b|ボタン", _I)
_VIDEO_WORD = re.compile(r"\bvideos?\b|\bmovies?\b|\bclips?\b|動画|ムービー", _I)
_VIDEO_URL = re.compile(r"https://\S+?\.(?:mp4|m4v|mov)(?:\?[^\s,)）、。]*)?(?=[\s,)）、。]|$)", _I)
_IMAGE_URL = re.compile(r"https://\S+?\.(?:png|jpe?g)(?:\?[^\s,)）、。]*)?(?=[\s,)）、。]|$)", _I)
_ANY_URL = re.compile(r"https?://[^\s,、。)）\]」』”\"']+", _I)
_TRACK_AS = re.compile(r"\btrack(?:ed|ing)?(?:\s+(?:its\s+|the\s+)?(?:views?|plays?|it|them|"
                       r"watches))?\s+(?:as|with|under)\s+(?P<v>[A-Za-z0-9][A-Za-z0-9_.\-]*)",
                       _I)
_TRACKING_CHARS = re.compile(r"[A-Za-z0-9\-.=,+*()%$&;:@{}!?<>\[\]]{1,100}")
_NOT_TRACKING_CHAR = re.compile(r"[^A-Za-z0-9\-.=,+*()%$&;:@{}!?<>\[\]]")
_TRACKING = re.compile(r"(?:tracking[ _-]?id|トラッキング\s*ID)\s*(?:is\s+|は|=|:|：)?\s*"
                       r"(?P<v>[A-Za-z0-9][A-Za-z0-9_.\-]*)", _I)

_LOCATION = re.compile(r"\blocation\b|\bmap pin\b|位置情報|地図", _I)
_COORDS = re.compile(r"(?P<lat>-?\d{1,2}\.\d+)\s*[,、，/]\s*(?P<lng>-?\d{1,3}\.\d+)")
_LAT = re.compile(r"(?:\blat(?:itude)?|緯度)\s*[:：=]?\s*(?P<v>-?\d{1,2}\.\d+)", _I)
_LNG = re.compile(r"(?:\bl(?:ng|on|ong|ongitude)|経度)\s*[:：=]?\s*(?P<v>-?\d{1,3}\.\d+)", _I)

# Postback data as marketers write it: key=value, several joined by &.
_DATA = re.compile(r"(?<![\w/.])[A-Za-z0-9_.\-]+=[A-Za-z0-9_.\-]+(?:&[A-Za-z0-9_.\-]+="
                   r"[A-Za-z0-9_.\-]+)*")
# Words that may stand between button labels and the word "button": separators and the
# phrases that introduce an action's details ("that opens …", "posts back …").
_GAP_WORDS = re.compile(
    r"[\s,、，・/／:：()（）\-–→]|\b(?:and|or|with|labell?ed|called|named|saying|the|a|an|two|"
    r"three|four|2|3|4|that|which|opens?|links?|linking|goes|go|to|sends?|sent|posts?|back|"
    r"postback|data|as|its|of|tap(?:ping)?|link)\b|という|と|や|の|を|開く|ポストバック|データ|"
    r"リンク|付き|で", _I)
_SENTENCE_LIKE = re.compile(r"(?:ます|です|ください|ません|でしょう|ね|よ|[!！。.])\s*$|"
                            r"\s\S+\s\S+\s")
_YES_NO = re.compile(r"\byes\s*/?\s*(?:or\s+|and\s+)?no\b|はい.{0,3}いいえ", _I)
_END = re.compile(r"(?<!\d)[.](?=\s|$)|[;!?。！？\n]|\b(?:then|after that|afterwards)\b|そのあと|"
                  r"その後", _I)


@dataclass
class Extras:
    """What a send step's words ask for besides plain text."""

    buttons: list[dict[str, Any]] = field(default_factory=list)  # LINE actions
    sticker: tuple[str, str] | None = None
    sticker_default: bool = False
    video: dict[str, Any] | None = None
    location: dict[str, Any] | None = None
    used_urls: set[str] = field(default_factory=set)  # not to be sent again as links/images

    def __bool__(self) -> bool:
        return bool(self.buttons or self.sticker or self.video or self.location)


def _gap_ok(text: str) -> bool:
    rest = _DATA.sub(" ", _ANY_URL.sub(" ", text))
    return not _GAP_WORDS.sub("", rest).strip()


def _clause_end(goal: Goal, pos: int, end: int) -> int:
    m = _END.search(goal.masked, pos, end)
    return m.start() if m else end


def _labels(goal: Goal, start: int, end: int) -> tuple[list[Quote], list[str], int, int]:
    """The quotes (or unquoted words) that are button labels, and the span they cover."""
    words = list(_BUTTON.finditer(goal.masked, start, end))
    if not words:
        return [], [], 0, 0
    quotes = [q for q in goal.quotes_in(start, end, take=False) if not q.implicit]

    def label_like(q: Quote) -> bool:
        t = q.text.strip()
        return 0 < len(t) <= LABEL_MAX and not t.endswith(("?", "？")) and not _DATA.fullmatch(t) \
            and "://" not in t

    chosen: list[Quote] = []
    lo = hi = words[0].start()
    for w in words:
        # labels said before the word: 「はい」「いいえ」のボタン, 'Going' and 'Not going' buttons
        before = [q for q in quotes if q.end <= w.start()]
        pos = w.start()
        run: list[Quote] = []
        for q in reversed(before):
            gap = goal.text[q.end:pos]
            if not label_like(q) or not _gap_ok(gap) or re.search(r"\bwith\b", gap, _I):
                break
            run.insert(0, q)
            pos = q.start
        # labels said after it: "buttons 'Yes' and 'No'", "a button 'Subscribe' that sends …"
        stop = _clause_end(goal, w.end(), end)
        pos = w.end()
        after: list[Quote] = []
        for q in [q for q in quotes if w.end() <= q.start and q.end <= max(stop, w.end())]:
            if not _gap_ok(goal.text[pos:q.start]):
                break
            if label_like(q):
                after.append(q)
            pos = q.end
        for q in run + after:
            if q not in chosen:
                chosen.append(q)
        lo = min(lo, run[0].start if run else w.start())
        hi = max(hi, stop)
    chosen.sort(key=lambda q: q.start)
    body_said = any(q not in chosen and not label_like(q) for q in quotes)
    if len(chosen) >= 2 and not body_said and _SENTENCE_LIKE.search(chosen[0].text):
        # 「オンラインで予約できます」と「予約する」ボタン: the first is the text
        chosen = chosen[1:]
    if chosen:
        return chosen, [q.text.strip() for q in chosen], lo, hi
    return [], _unquoted_labels(goal, words, end), words[0].start(), \
        _clause_end(goal, words[-1].end(), end)


def _split(words: str) -> list[str]:
    words = re.sub(r"[(（][^)）]*[)）]", " ", words)
    parts = re.split(r"\s*(?:/|／|・|,|、|\bor\b|\band\b)\s*", words)
    out = [p.strip(" .:：'\"") for p in parts]
    out = [p for p in out if p and len(p) <= LABEL_MAX and len(p.split()) <= 3]
    said = [p for p in parts if p.strip()]
    return out if 2 <= len(out) <= BUTTONS_MAX and len(out) == len(said) else []


def _unquoted_labels(goal: Goal, words: list[re.Match[str]], end: int) -> list[str]:
    """"buttons Yes / No", "add Yes and No buttons", 「はい・いいえのボタン」."""
    for w in words:
        stop = _clause_end(goal, w.end(), end)
        tail = goal.masked[w.end():stop]
        tail = re.sub(r"^\s*(?:message\s*)?\ue000+\s*[:：]", "", tail)  # "buttons message 'X':"
        tail = re.sub(r"^\s*(?:with|labell?ed|saying|[:：])\s*", "", tail, flags=_I)
        if "\ue000" not in tail:
            got = _split(tail)
            if got:
                return got
        head = goal.masked[max(0, w.start() - 60):w.start()]
        m = re.search(r"(?:\b(?:add|with|show|include|send)\s+|^|[\s、])(?P<l>[^\ue000\s、。]+"
                      r"(?:\s*(?:/|／|・|\band\b|\bor\b)\s*[^\ue000\s、。]+){1,3})\s*(?:の)?$",
                      head.rstrip(), _I)
        if m:
            got = _split(m.group("l"))
            if got:
                return got
    return []


def _details(goal: Goal, labels: list[Quote], lo: int, hi: int) -> list[tuple[int, str, str]]:
    """(position, "data" | "uri", value) for each postback data or link said near buttons."""
    out: list[tuple[int, str, str]] = []
    spans = [(q.start, q.end) for q in labels]
    for m in _ANY_URL.finditer(goal.text, lo, hi):
        out.append((m.start(), "uri", m.group(0).rstrip(".")))
    for m in _DATA.finditer(goal.text, lo, hi):
        if not any(s <= m.start() < e for s, e in spans) and \
                not any(p <= m.start() < p + len(v) for p, k, v in out if k == "uri"):
            out.append((m.start(), "data", m.group(0)))
    return sorted(out)


def read_buttons(goal: Goal, start: int, end: int) -> tuple[list[dict[str, Any]], set[str]]:
    """LINE actions for the buttons said in [start, end): a postback per label (its data the
    said data, else the label, so a Postback workflow can answer it), or a link (uri action)."""
    quotes, labels, lo, hi = _labels(goal, start, end)
    if not _BUTTON.search(goal.masked, start, end):
        return [], set()
    details = _details(goal, quotes, lo, hi)
    if not labels:
        if any(k == "uri" for _, k, _ in details):
            labels = [goal.t("Open", "開く")]
        elif _YES_NO.search(goal.masked, start, end):
            labels = [goal.t("Yes", "はい"), goal.t("No", "いいえ")]
        else:
            return [], set()
    for q in quotes:
        goal.take_quote(q)
    for q in goal.quotes_in(lo, hi, take=False):
        if _DATA.fullmatch(q.text.strip()) or q.text.strip().startswith("http"):
            goal.take_quote(q)  # 'news=yes', a quoted link: details, not texts
    if len(labels) > BUTTONS_MAX:
        goal.note(f"LINE allows {BUTTONS_MAX} buttons on a message; I kept the first "
                  f"{BUTTONS_MAX}.",
                  f"LINEのボタンは{BUTTONS_MAX}個までなので、最初の{BUTTONS_MAX}個にしました。")
        labels = labels[:BUTTONS_MAX]
    mine: list[list[tuple[str, str]]] = [[] for _ in labels]
    for n, (pos, kind, value) in enumerate(details):
        if quotes:  # a detail belongs to the label said last before it
            i = max([j for j, q in enumerate(quotes[:len(labels)]) if q.start <= pos] or [0])
        else:  # unquoted "Subscribe (data news=yes) / No thanks (data news=no)": in order
            i = 0 if len(labels) == 1 else n
        if i < len(labels):
            mine[i].append((kind, value))
    actions: list[dict[str, Any]] = []
    used: set[str] = set()
    for label, said in zip(labels, mine, strict=True):
        uri = next((v for k, v in said if k == "uri"), None)
        data = next((v for k, v in said if k == "data"), None)
        if uri:
            used.add(uri)
            actions.append(line.uri(label, uri))
        else:
            actions.append(line.postback(label, data or label, display_text=label))
    return actions, used


def read_sticker(goal: Goal, start: int, end: int) -> tuple[tuple[str, str] | None, bool]:
    """(packageId, stickerId) when a sticker is asked for; True when the ids were not said."""
    if not _STICKER.search(goal.masked, start, end):
        return None, False
    m = _STICKER_PAIR.search(goal.text, start, end)
    if m:
        return (m.group("p"), m.group("s")), False
    p, s = _PACKAGE_ID.search(goal.text, start, end), _STICKER_ID.search(goal.text, start, end)
    if p and s:
        return (p.group("v"), s.group("v")), False
    return DEFAULT_STICKER, True


_PREVIEW_WORD = re.compile(r"\b(?:preview|thumbnail|cover)(?:\s+image)?\b|サムネ(?:イル)?|"
                           r"プレビュー", _I)


def _said_later(goal: Goal, pattern: re.Pattern[str], end: int) -> re.Match[str] | None:
    """A video's detail said in a sentence of its own after the step ("…を送って。トラッキング
    IDは intro-2026")."""
    return pattern.search(goal.text, end)


def read_video(goal: Goal, start: int, end: int, trigger: str | None = None
               ) -> tuple[dict[str, Any] | None, set[str]]:
    text = goal.text
    m = _VIDEO_URL.search(text, start, end)
    if m is None:
        word = _VIDEO_WORD.search(goal.masked, start, end)
        near = _ANY_URL.search(text, word.end(), min(end, word.end() + 40)) if word else None
        if near is None or _IMAGE_URL.fullmatch(near.group(0)):
            return None, set()
        m = near
    url = m.group(0).rstrip(".")
    preview = _IMAGE_URL.search(text, start, end)
    tracking = _TRACKING.search(text, start, end) or _TRACK_AS.search(text, start, end)
    if trigger != "trigger.video_viewed":  # else a later tracking id is the trigger's
        tracking = tracking or _said_later(goal, _TRACKING, end)
        if preview is None:
            word = _said_later(goal, _PREVIEW_WORD, end)
            preview = _IMAGE_URL.search(text, word.end(), word.end() + 30) if word else None
    used = {url}
    if preview:
        used.add(preview.group(0))
        preview_url = preview.group(0)
    else:
        preview_url = re.sub(r"\.(?:mp4|m4v|mov)(?=\?|$)", ".jpg", url, flags=_I)
        if preview_url == url:
            preview_url = url.rstrip("/") + "/preview.jpg"
        goal.note(f"LINE shows a preview image before the video plays; I assumed {preview_url}. "
                  "Tell me the right image URL if it is another.",
                  f"動画のプレビュー画像は {preview_url} と仮定しました。"
                  "違う場合は画像のURLを教えてください。")
    tracking_id = tracking.group("v").rstrip(".") if tracking else None
    for q in goal.quotes_in(start, end, take=False):
        if q.text.strip() in {url, tracking_id}:
            goal.take_quote(q)
    if tracking_id and not _TRACKING_CHARS.fullmatch(tracking_id):
        # LINE takes letters, digits and -.=,+*()%$&;:@{}!?<>[] only: "latte_art" cannot be set
        said, tracking_id = tracking_id, _NOT_TRACKING_CHAR.sub("-", tracking_id)[:100]
        goal.note(f"LINE's tracking ids cannot hold “_” or spaces, so the video is tracked as "
                  f"{tracking_id} (you said {said}); a Video watched trigger must use "
                  f"{tracking_id} too.",
                  f"LINEのトラッキングIDには「_」や空白を使えないため、{said} ではなく "
                  f"{tracking_id} にしました。動画視聴のきっかけにも {tracking_id} "
                  "を使ってください。")
    return line.video(url, preview_url, tracking_id=tracking_id), used


_ADDRESS = re.compile(r"(?:住所|所在地)\s*(?:は|:|：)\s*(?P<a>[^、。\n(（]+)|"
                      r"\baddress(?:\s+is|\s*:)\s*(?P<a2>[^;\n(]+?)"
                      r"(?=\s*(?:\(|,?\s*(?:lat|coordinates)|\.\s|\.?$))", _I)
_TITLED = re.compile(r"\b(?:titled|named|called|labell?ed)\s+[\"'“]?(?P<t>[^\"'”,.;(\n]+?)[\"'”]?"
                     r"(?=\s*(?:$|[,.;(]|\band\b|\bwith\b))|(?:タイトル|名前|店名)\s*(?:は|:|：)\s*"
                     r"[「]?(?P<tj>[^、。」\n]+)", _I)
_JA_VERB_LEFT = re.compile(r"^(?:を|と)?(?:送|返|届|お送)|。")


def read_location(goal: Goal, start: int, end: int) -> dict[str, Any] | None:
    """A map pin when a location is asked for with its coordinates."""
    word = _LOCATION.search(goal.masked, start, end)
    if word is None:
        return None
    # "…の位置情報を送って。住所は…、緯度35.67、経度139.70": details in the next sentence
    c = _COORDS.search(goal.text, start, end) or _COORDS.search(goal.text, end, end + 160)
    lat_m, lng_m = _LAT.search(goal.text, start, end), _LNG.search(goal.text, start, end)
    if not c and not (lat_m and lng_m):
        lat_m, lng_m = _LAT.search(goal.text, end, end + 160), _LNG.search(goal.text, end,
                                                                           end + 160)
    if c:
        lat, lng, cut = float(c.group("lat")), float(c.group("lng")), c.start()
    elif lat_m and lng_m:
        lat, lng = float(lat_m.group("v")), float(lng_m.group("v"))
        cut = min(lat_m.start(), lng_m.start())
    else:
        goal.note("A LINE location message needs the latitude and longitude; tell me them to "
                  "send a map pin.", "位置情報メッセージには緯度と経度が必要です。教えてください。")
        return None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    # "location: Hana Coffee, 1-2-3 Jingumae, Shibuya (35.67, 139.70)": name, then address
    begin = word.end()
    said = goal.text[begin:cut]
    said = re.sub(r"^[^:：(（]*?[:：(（]", "", said, count=1) if re.search(r"[:：(（]", said) \
        else said
    said = re.sub(r"(?:\blat(?:itude)?|緯度)\s*[:：=]?\s*$", "", said.strip(" ,、(（)）"), flags=_I)
    parts = [p.strip() for p in re.split(r"[,、，]", said) if p.strip(" ()（）")]
    accounts = [str(a.get("name")) for a in goal.snapshot.get("accounts") or [] if a.get("name")]
    shop = accounts[0] if accounts else goal.t("Our shop", "店舗")
    title = (parts[0] if parts else shop).strip(" ()（）")[:100]
    address = ", ".join(parts[1:]).strip(" ()（）")[:100] if len(parts) > 1 else ""
    labelled = _ADDRESS.search(goal.text, start, end + 160)
    named = _TITLED.search(goal.text, start, end + 160)
    if labelled or named or _JA_VERB_LEFT.search(title):
        # "住所は東京都…", "address: …", "titled Hana Coffee": the fields said by name
        address = (labelled.group("a") or labelled.group("a2")).strip(" ()（）")[:100] \
            if labelled else ""
        title = ((named.group("t") or named.group("tj")).strip(" ()（）") if named
                 else shop)[:100]
    if not address:
        address = goal.t("[address]", "［住所］")
        goal.note("The location's address is a placeholder: tell me the address to show.",
                  "位置情報の住所は仮のものです。表示する住所を教えてください。")
    for q in goal.quotes_in(start, end, take=False):
        if q.implicit and q.start < cut + 30 and q.end > begin:
            goal.take_quote(q)  # the place's name and address, not a text to send
    return line.location(title, address, lat, lng)


_LEADING_KIND = re.compile(r"(?:\bbuttons?|\bstickers?|\bvideos?|ボタン|スタンプ|動画)\s*$", _I)


def read_extras(goal: Goal, start: int, end: int, trigger: str | None = None) -> Extras:
    lead = _LEADING_KIND.search(goal.masked, max(0, start - 12), start)
    start = lead.start() if lead else start  # "buttons message '…'": the kind said first
    found = Extras()
    found.video, used = read_video(goal, start, end, trigger)
    found.used_urls |= used
    found.buttons, used = read_buttons(goal, start, end)
    found.used_urls |= used
    found.sticker, found.sticker_default = read_sticker(goal, start, end)
    found.location = read_location(goal, start, end)
    return found


def compose(goal: Goal, texts: list[dict[str, Any]], others: list[dict[str, Any]],
            extras: Extras) -> list[dict[str, Any]]:
    """The step's messages in the order a friend reads them: texts (the first becomes the
    buttons' message when buttons were asked for), images, video, location, sticker."""
    texts = list(texts)
    out: list[dict[str, Any]] = []
    if extras.buttons:
        body = texts.pop(0)["text"] if texts else goal.t("Please choose:", "お選びください：")
        if not texts and body in ("Please choose:", "お選びください："):
            goal.note("The buttons' message text is a placeholder: tell me what it should say.",
                      "ボタン付きメッセージの文面は仮のものです。内容を教えてください。")
        out.append(buttons_message(body, extras.buttons))
    out = [*out, *texts, *others]
    if extras.video:
        out.append(extras.video)
    if extras.location:
        out.append(extras.location)
    if extras.sticker:
        out.append(line.sticker(*extras.sticker))
        if extras.sticker_default:
            goal.note(f"I used LINE's sticker {'/'.join(DEFAULT_STICKER)} from its basic set; "
                      "tell me another package and sticker id if you prefer.",
                      f"スタンプはLINEの基本スタンプ（{'/'.join(DEFAULT_STICKER)}）にしました。"
                      "別のスタンプならパッケージIDとスタンプIDを教えてください。")
    return out[:5]


def buttons_message(body: str, actions: list[dict[str, Any]]) -> dict[str, Any]:
    """A buttons template, or a confirm template when two buttons need a longer text
    (LINE: buttons text ≤160 characters, confirm ≤240)."""
    if len(body) > 160 and len(actions) == 2:
        return line.confirm(body[:240], actions[0], actions[1])
    return line.buttons(body[:160], actions)


_ATTACH_WORD = re.compile(r"\b(?:add|attach|include|put|with|also|too|plus)\b|追加|付け|つけ|添え|"
                          r"も", _I)


def attach(goal: Goal, messages: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """A revision that adds to the step's message ("add a sticker too", "add Yes and No
    buttons", 「スタンプも追加して」): the new messages, or None when it says nothing of it."""
    if not _ATTACH_WORD.search(goal.masked):
        return None
    extras = read_extras(goal, 0, len(goal.text))
    if not extras or any(q.start not in goal.used for q in goal.quotes if not q.implicit):
        return None  # a quoted text of its own is a new message, not an addition
    out = [dict(m) for m in messages]
    if extras.buttons:
        at = next((i for i, m in enumerate(out) if m.get("type") == "template"), None)
        if at is None:
            at = next((i for i, m in reversed(list(enumerate(out))) if m.get("type") == "text"),
                      None)
        if at is None:
            out.insert(0, buttons_message(goal.t("Please choose:", "お選びください："),
                                          extras.buttons))
        else:
            m = out[at]
            body = str(m.get("text") or (m.get("template") or {}).get("text") or "")
            out[at] = buttons_message(body or goal.t("Please choose:", "お選びください："),
                                      extras.buttons)
    return compose(goal, [], out, Extras(sticker=extras.sticker,
                                         sticker_default=extras.sticker_default,
                                         video=extras.video, location=extras.location))
