"""Action configs from the goal: message texts, questions, tags, menus, saved messages."""

from __future__ import annotations

import re
from typing import Any

from agent.providers.offline import line_messages, values
from agent.providers.offline.goal import Goal
from agent.providers.offline.lexicon import content_kind
from agent.providers.offline.linking import Link, find_links
from agent.providers.offline.plan import Step
from agent.providers.offline.resources import find_by_name, mentioned
from agent.providers.offline.speech import indirect_question
from agent.providers.offline.text import attribute_name
from engine.messages import builders as line

DEFAULT_TEXTS = {
    "coupon": ("Here is your coupon, {{friend.display_name}}! [coupon code / offer]",
               "{{friend.display_name}}さんへクーポンをお届けします！［クーポンコード・特典内容］"),
    "welcome": ("Thanks for adding us, {{friend.display_name}}! We're glad you're here.",
                "{{friend.display_name}}さん、友だち追加ありがとうございます！"),
    "thanks": ("Thank you, {{friend.display_name}}! We really appreciate it.",
               "{{friend.display_name}}さん、ありがとうございます！"),
    "reminder": ("Just a friendly reminder, {{friend.display_name}}. Reply here if you have any "
                 "questions!",
                 "{{friend.display_name}}さん、リマインドのご連絡です。"
                 "ご不明な点はお気軽にどうぞ。"),
    "cart": ("You left something in your cart, {{friend.display_name}}! Complete your order "
             "here: [link]",
             "{{friend.display_name}}さん、カートに商品が残っています！"
             "ご購入はこちら：［リンク］"),
    "review": ("Would you share a quick review of your experience with us? It helps a lot!",
               "よろしければご利用の感想・レビューをお聞かせください！"),
    "hours": ("Our opening hours: [your opening hours]", "営業時間：［営業時間］"),
}
# Saved messages that say what a content kind is about, by their names in either language.
# Details to put in the message, said after it: 「500円引きで、期限は3月31日まで、と書いておいて」,
# "mention that it's 500 yen off until 3/31"
_ADDENDUM = re.compile(r"(?:^|(?<=[。.!?！？]))\s*(?P<c>[^。「」\n]{2,120}?)[、,]?\s*と"
                       r"(?:書いて|書いておいて|書き添えて|添えて|記載して|入れて|伝えて)|\b(?:mention|say|note|add|write)\s+"
                       r"that\s+(?P<c2>[^.\n]{2,120})", re.I)
# "give them the coupon", 「いつものクーポン」: one the shop has; "send a coupon": a new text
_THE_COUPON = re.compile(r"\b(?:the|our|your|that|saved|usual|existing)\s+(?:[\w-]+\s+)?"
                         r"(?:coupons?|discount)\b|(?:保存(?:して|済み|した)|登録(?:済み|した)|いつもの|"
                         r"例の|あの|用意(?:して|した)|作っ(?:て|た))\S{0,8}(?:クーポン|割引)",
                         re.I)
SAVED_FOR = {"coupon": r"coupon|クーポン|割引", "hours": r"\bhours\b|営業時間|opening|営業"}
# A coupon or promo code said in a goal: capitals and digits ("CART300", "HANA-10").
_CODE = re.compile(r"(?<![A-Za-z0-9])(?=[A-Z0-9\-]*\d)(?=[A-Z0-9\-]*[A-Z])[A-Z][A-Z0-9\-]{3,20}"
                   r"(?![A-Za-z0-9])")
PLACEHOLDER_TEXT = ("[Write your message here]", "［メッセージ本文をここに］")
CONTENT_LABELS = {
    "coupon": ("coupon", "クーポン"),
    "welcome": ("welcome", "あいさつ"),
    "thanks": ("thank-you", "お礼"),
    "reminder": ("reminder", "リマインド"),
    "cart": ("cart reminder", "カゴ落ちリマインド"),
    "review": ("review request", "レビュー依頼"),
    "hours": ("opening hours", "営業時間"),
}
_IMAGE = re.compile(r"https://\S+?\.(?:png|jpe?g)(?:\?\S*)?(?=[\s,)]|$)", re.I)
_TAG_NAME_EN = [
    re.compile(r"\btag(?:ged)?\s+(?:them|him|her|people|friends?|users?|customers?|those|everyone|"
               r"the friend|the user|the customer|it)?\s*as\s+(?:an?\s+|the\s+)?"
               r"([a-z][\w\-]*(?:\s+(?!and\b|then\b|if\b|when\b|after\b|with\b|to\b|in\b|on\b)"
               r"[a-z][\w\-]*){1,2})(?=\s*(?:[.,;!]|$|\s+(?:and|then|if|when|after)\b))"),
    re.compile(r"\btag(?:ged)?\s+(?:them|him|her|people|friends?|users?|customers?|those|everyone|"
               r"the friend|the user|the customer|it)?\s*(?:as|with)\s+(?:the\s+|a\s+)?"
               r"(?:tag\s+)?([A-Za-z0-9][\w\-]*)", re.I),
    re.compile(r"\b(?:the|a)\s+([A-Za-z0-9][\w\-]*)\s+tag\b", re.I),
    re.compile(r"\btag\s+(?:named|called)\s+([A-Za-z0-9][\w\-]*)", re.I),
    re.compile(r"\btag\s+(?:them|him|her|people|friends?|users?|customers?|those|everyone)\s+"
               r"((?-i:[A-Z0-9])[\w\-]*)", re.I),
    re.compile(r"\b(?:mark|label|flag)\s+(?:them|him|her|people|friends?|users?|customers?|those|"
               r"everyone|buyers)\s+(?:as\s+|with\s+)?(?:an?\s+|the\s+)?((?-i:[A-Z0-9])[\w\-]*)",
               re.I),
    re.compile(r"\b(?:give|get|gets|apply|assign|add)\s+(?:them\s+|him\s+|her\s+)?(?:the\s+|a\s+)?"
               r"tag\s+((?-i:[A-Z0-9])[\w\-]*)", re.I),
]
_TAG_NAME_JA = [re.compile(r"([^\s、。,「」\ue000をにがはのと]{1,30}?)タグ"),
                re.compile(r"タグ(?:名)?(?:は|:)?\s*([^\s、。,「」\ue000をにがは]{1,30}?)(?:を|に|と|で|$)")]
_TAG_STOP = {"the", "a", "an", "new", "this", "that", "them", "their", "tag", "tags", "and",
             "to", "of", "survey", "with", "as", "so", "for", "our", "your", "people", "who",
             "friends", "friend", "customers", "everyone", "users", "it",
             "が", "の", "を", "新しい", "その", "この", "同じ", "対象"}
_OPTIONS_EN = re.compile(r"\b(?:options?|choices?|answers?|buttons?)\s*"
                         r"(?:are|:|of|like|such as)?\s*"
                         r"(?P<list>[^.;\n→]+)", re.I)
_PREFER_EN = re.compile(r"\b(?:(?:whether|if|which)\s+(?:they|you)\s+(?:prefer|like|want|"
                        r"choose|would like)|to (?:pick|choose|select)(?: between)?)\s+"
                        r"(?P<list>[^.;,\n]+?\s+or\s+[^.;,\n]+?)(?=[.;,\n]|$| and "
                        r"| then )", re.I)
_ASK_TOPIC_EN = re.compile(r"\bask\s+(?:them\s+|the friend\s+|people\s+|customers\s+|"
                           r"(?:new\s+|our\s+)?(?:friends|followers|buyers|members|shoppers)\s+)?"
                           r"(?:for|about|what)?\s*(?:their|his|her)\s+(?P<topic>[a-z][a-z ]{1,30"
                           r"}?)"
                           r"(?=[.,;\n]|$| and | then | with | if | so )", re.I)
_JA_TOPICS = {
    "年齢": ("age", "年齢を教えてください。"),
    "性別": ("gender", "性別を教えてください。"),
    "誕生日": ("birthday", "誕生日を教えてください。"),
    "誕生月": ("birth_month", "誕生月を教えてください。"),
    "地域": ("area", "お住まいの地域を教えてください。"),
    "お住まい": ("area", "お住まいの地域を教えてください。"),
    "満足度": ("satisfaction", "満足度を教えてください。"),
    "好きな": ("favorite", None),
    "興味": ("interest", "ご興味のあるものを教えてください。"),
    "職業": ("job", "ご職業を教えてください。"),
}
KLAVIYO_LIST_PLACEHOLDER = "KLAVIYO_LIST_ID"
KLAVIYO_EVENT_PLACEHOLDER = "EVENT_NAME"
# "the CartRescue list", 「KlaviyoのリストLINE2026」
_LIST_NAMED = re.compile(r"\b(?:the|our|a)\s+(?!klaviyo\b)([A-Za-z0-9][\w\-]*)\s+list\b(?!\s+id)|"
                         r"リスト(?:ID)?[「:：]?\s*([A-Za-z0-9][A-Za-z0-9_\-]{1,99})", re.I)
_LIST_ID = re.compile(r"\blist\s+(?!in\b|on\b|at\b|for\b|of\b|to\b|from\b|with\b|and\b)"
                      r"(?:id\s+)?(?:named\s+|called\s+)?([A-Za-z0-9_\-]{2,100})", re.I)
_EVENT = re.compile(r"\b(?:track|record|log|send|fire|push)\s+(?:an?\s+|the\s+)?(?:event\s+)?"
                    # an identifier is an event's name: "log line_blocked as a Klaviyo event"
                    r"((?-i:[A-Za-z][A-Za-z0-9]*[_\-.][A-Za-z0-9_\-.]*[A-Za-z0-9]))\b|"
                    r"([A-Za-z][A-Za-z0-9_\-.]*)\s*(?:という|って|の)?イベント|"
                    r"\bevent[ _-]?name\s*(?:is\s+|[:=：]\s*)?"
                    r"([A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,3}?)"
                    r"(?=\s*(?:$|[.,;)）]|\s+(?:and|then|when|if|every|each)\b))|"
                    r"イベント名\s*(?:は|：|:)?\s*([A-Za-z][\w\- ]{0,40}?)\s*"
                    r"(?:で|と|です|$|。|、)|"
                    r"\bevent\s+(?:called\s+|named\s+)?(?-i:(?=[A-Z]))"
                    r"([A-Za-z][\w\-]*(?:\s+[a-z][\w\-]*){0,3}?)(?=\s*(?:$|[.,;]))|"
                    r"\bevent\s+(?:called|named)\s+"
                    r"([A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,3}?)(?=\s*(?:$|[.,;]|\s+(?:and|then|when|if|after|for)\b))|"
                    r"\b(?:track|record|log)\s+(?!(?:an?\s+|the\s+)?klaviyo\b)(?:an?\s+|the\s+)?"
                    r"(?:event\s+)?(?:called\s+|named\s+)?([A-Za-z][\w \-]{1,60}?)\s*"
                    r"(?:event\b|$|[.,;])", re.I)


def _after_question_quote(goal: Goal, start: int, end: int) -> int:
    """Where the words after the question's quoted text start ("'Coffee or tea?' (A / B)")."""
    quotes = goal.quotes_in(start, end, take=False)
    return quotes[0].end if quotes else len(goal.text)


def _split_list(raw: str) -> list[str]:
    raw = re.sub(r"\b(?:and|or)\b|、|・|/|,|か(?=\S)|(?<=[^\x00-\x7f])と(?=[^\x00-\x7f])", ",",
                 raw)
    items = [re.sub(r"^(?:either|the)\s+", "", i.strip(" .?!\"'“”「」"), flags=re.I)
             for i in raw.split(",")]
    return [i[:20] for i in items if i and len(i) <= 20][:13]


def _outside_quotes(goal: Goal, start: int, end: int) -> str:
    """The goal's own words in [start, end), quoted parts blanked (a URL inside a quote is
    already in the message)."""
    return "".join(" " if goal.masked[i] == "\ue000" else goal.text[i] for i in range(start, end))


_CONTENT_IS = [
    re.compile(r"\b(?:the|our|my)\s+(?P<w>thank[- ]?you|thanks|welcome|greeting|coupon|reminder|"
               r"review(?: request)?)(?:\s+(?:message|text|note|msg|one))?\s+(?:is|should be|says|"
               r"should say|reads|will be|=|:)\s*(?P<q>\ue000)", re.I),
    re.compile(r"(?P<w>お礼|あいさつ|挨拶|ウェルカム|クーポン|リマインド)(?:の)?(?:文|文面|メッセージ|一言|"
               r"言葉|内容)?\s*(?:は|：|:)\s*(?P<q>\ue000)"),
]


def reserve_content_texts(goal: Goal) -> None:
    """"I want to say thank you … the thank you is '…'": the quote is that step's text, kept
    for it (and not taken by a step said nearer to it)."""
    for pattern in _CONTENT_IS:
        for m in pattern.finditer(goal.masked):
            kind = content_kind(m.group("w"))
            q = next((q for q in goal.quotes if q.start == m.start("q")), None)
            if kind and q is not None and q.start not in goal.used:
                goal.content_texts.setdefault(kind, goal.take_quote(q))


def send_step(goal: Goal, start: int, end: int, trigger: str | None, single: bool) -> Step:
    window_quotes = goal.quotes_in(start, end, take=False)
    masked = goal.masked[start:end]
    # A saved auto-send message named in the goal is sent as it is.
    for q in window_quotes:
        hit = find_by_name(goal.snapshot, "auto_messages", q.text, partial=False)
        if hit:
            goal.take_quote(q)
            return Step("action.auto_message", {"auto_message_id": hit["id"]}, start,
                        goal.t(f"send “{hit['name']}”", f"「{hit['name']}」送信"))
    named = mentioned(goal.snapshot, "auto_messages", masked)
    if named:
        return Step("action.auto_message", {"auto_message_id": named[0]["id"]}, start,
                    goal.t(f"send “{named[0]['name']}”", f"「{named[0]['name']}」送信"))
    # Stickers, buttons, a video, a location: read first, so a button's label or a video's
    # URL is not also sent as text.
    extras = line_messages.read_extras(goal, start, end, trigger)
    window_quotes = goal.quotes_in(start, end, take=False)
    messages: list[dict[str, Any]] = [{"type": "text", "text": goal.take_quote(q)[:5000]}
                                      for q in window_quotes]
    for url in _IMAGE.findall(goal.text[start:end]):
        if url not in extras.used_urls:
            messages.append(line.image(url))
    kind = content_kind(masked) or (content_kind(goal.masked) if single else None)
    if not messages and kind in goal.content_texts:
        messages = [{"type": "text", "text": goal.content_texts.pop(kind)[:5000]}]
    if trigger == "trigger.cart_abandoned" and kind in (None, "reminder"):
        kind = "cart"
    if not messages and goal.answers.get("message_text"):
        messages = [{"type": "text", "text": goal.answers["message_text"][:5000]}]
    code = _CODE.search(goal.masked, start, end)
    if not messages and not extras and code:
        # "remind with code CART300", 「LATTE100のクーポンを送って」: the code is the point
        said = goal.text[code.start():end].strip(" ,.、。") if not goal.ja else code.group(0)
        lead = goal.t("Just a reminder! " if kind in ("reminder", "cart") else "",
                      "リマインドです。" if kind in ("reminder", "cart") else "")
        text = goal.t(f"{lead}Your code: {said}", f"{lead}クーポンコード：{said}")
        more = _ADDENDUM.search(goal.text, end)
        if more and not goal.quotes_in(more.start(), more.end(), take=False):
            # 「…コードを送信。500円引きで、期限は3月31日まで、と書いておいて」: the details too
            said_more = (more.group("c") or more.group("c2")).strip(" 、,")
            text += goal.t(f" — {said_more}", f"（{said_more}）")
        messages = [{"type": "text", "text": text[:5000]}]
    if not messages and not extras and kind in SAVED_FOR and (
            kind != "coupon" or _THE_COUPON.search(goal.masked, max(0, start - 40), end + 10)):
        # "send a coupon" with a saved coupon message, 「営業時間を返信」 with a saved "Opening
        # hours": the saved message, in either language.
        saved = [m for m in goal.snapshot["auto_messages"]
                 if re.search(SAVED_FOR[kind], m["name"], re.I)]
        choice = goal.answers.get("auto_message")
        if choice:
            hit = find_by_name(goal.snapshot, "auto_messages", choice)
            saved = [hit] if hit else []
        label = CONTENT_LABELS[kind]
        if len(saved) == 1:
            goal.note(f"I used your saved auto-send message “{saved[0]['name']}” for the "
                      f"{label[0]}.",
                      f"{label[1]}には保存済みの自動送信メッセージ「{saved[0]['name']}」を使いました。")
            return Step("action.auto_message", {"auto_message_id": saved[0]["id"]}, start,
                        goal.t(f"send {label[0]}", f"{label[1]}送信"))
        if len(saved) > 1 and not choice:
            others = ", ".join(f"“{m['name']}”" for m in saved[1:6])
            goal.note(f"I assumed your saved {label[0]} message “{saved[0]['name']}”; tell me "
                      f"if it should be another ({others}) or a new text.",
                      f"{label[1]}は保存済みの「{saved[0]['name']}」を仮に選びました。"
                      f"別のもの（{others}）や新しい文面なら教えてください。")
            return Step("action.auto_message", {"auto_message_id": saved[0]["id"]}, start,
                        goal.t(f"send {label[0]}", f"{label[1]}送信"))
    offer = values.offer(masked) or (values.offer(goal.masked) if single else None)
    if not messages and not extras and kind == "coupon" and offer:
        messages = [{"type": "text", "text": goal.t(
            f"Here is your {offer}{'' if offer.startswith('free') else ' off'} coupon, "
            "{{friend.display_name}}! [coupon code]",
            f"{{{{friend.display_name}}}}さんへ{offer}{'' if '割' in offer else 'オフ'}"
            "クーポンをお届けします！［クーポンコード］")}]
        goal.note("The coupon text is a placeholder: add the code or change it (e.g. revise: "
                  "change the message to \"…\").",
                  "クーポンの文面は仮のものです。コードなどを教えてください（例：メッセージを「…」に変更）。")
    if not messages and not extras and kind:
        en, ja = DEFAULT_TEXTS[kind]
        messages = [{"type": "text", "text": goal.t(en, ja)}]
        goal.note(f"The {CONTENT_LABELS[kind][0]} text is a placeholder: tell me what it should "
                  "say (e.g. revise: change the message to \"…\").",
                  f"{CONTENT_LABELS[kind][1]}の文面は仮のものです。内容を教えてください"
                  "（例：メッセージを「…」に変更）。")
    links = [u for u in values.links(_outside_quotes(goal, start, end))
             if not _IMAGE.fullmatch(u) and u not in extras.used_urls
             and not any(u in str(m.get("text", "")) for m in messages)]
    texts = [m for m in messages if m["type"] == "text"]
    for url in links[:3]:
        # "send our booking page https://…": the link goes into the message.
        if texts:
            texts[-1]["text"] = f"{texts[-1]['text']}\n{url}"[:5000]
        else:
            texts.append({"type": "text", "text": goal.t(f"Here is the link: {url}",
                                                         f"こちらをご覧ください：{url}")})
            messages.insert(0, texts[-1])
    if extras:
        messages = line_messages.compose(
            goal, [m for m in messages if m["type"] == "text"],
            [m for m in messages if m["type"] != "text"], extras)
    if not messages:
        # Draft first: a placeholder the marketer can see and replace.
        messages = [{"type": "text", "text": goal.t(*PLACEHOLDER_TEXT)}]
        goal.note("The message text is a placeholder: tell me what it should say (e.g. “change "
                  "the message to \"…\"”), or edit it in the editor.",
                  "メッセージ本文は仮のものです。内容を教えてください（例：メッセージを「…」に変更）。")
    label = CONTENT_LABELS[kind] if kind else ("send message", "メッセージ送信")
    return Step("action.send_message", {"messages": messages[:5]}, start,
                goal.t(f"send {label[0]}" if kind else label[0],
                       f"{label[1]}送信" if kind else label[1]))


def _question_text(goal: Goal, masked: str, start: int) -> tuple[str | None, str, list[str]]:
    """(question text or None, attribute, options) from the goal's words."""
    options: list[str] = []
    m = _PREFER_EN.search(masked)
    if m:
        options = _split_list(m.group("list"))
        if len(options) >= 2:
            return (f"Which do you prefer: {' or '.join(options)}?", "preference", options)
    bare = re.search(r"\bquestion\s*[:：]?\s*(?P<q>[A-Z][^?？\ue000\n]{1,80}[?？])", masked)
    if bare:  # "question Coffee or tea? options …": the question said unquoted
        return (goal.text[start + bare.start("q"):start + bare.end("q")], "answer", options)
    indirect = indirect_question(masked, goal.text[start:start + len(masked)])
    if indirect:
        return (indirect, "answer", options)
    m = _ASK_TOPIC_EN.search(masked)
    if m:
        topic = m.group("topic").strip()
        return (f"What is your {topic}?", attribute_name(topic), options)
    for word, (attr, text) in _JA_TOPICS.items():
        if word in masked:
            if text is None:
                after = re.search(r"好きな([^\s、。をはがの]{1,15})", masked)
                thing = after.group(1) if after else "もの"
                return (f"好きな{thing}を教えてください。", attr, options)
            return (text, attr, options)
    return (None, "", options)


def question_step(goal: Goal, start: int, end: int) -> Step:
    masked = goal.masked[start:end]
    quotes = goal.quotes_in(start, end, take=False)
    text, attr, options = _question_text(goal, masked, start)
    ja_options = (r"(?:選択肢|ボタン)(?:は|:)?\s*(?P<list>[^。\n)）]+?)"
                  r"(?=の\d|の[二三四]つ|[。\n)）]|、(?:答え|回答)|$)")
    opt_match = _OPTIONS_EN.search(masked) or re.search(ja_options, masked) or (
        re.search(ja_options, goal.masked[end:end + 60]) if goal.ja else None)
    if opt_match is not None and opt_match.string is not masked:
        options = _split_list(opt_match.group("list"))  # 「…と質問して（選択肢：A／B）」
        opt_match = None
    option_quotes = [q for q in quotes if opt_match and q.start >= start + opt_match.start()]
    question_quotes = [q for q in quotes if q not in option_quotes]
    after = question_quotes[0].end if question_quotes else _after_question_quote(goal, start, end)
    if question_quotes:
        text = goal.take_quote(question_quotes[0])[:5000]
        if len(question_quotes) > 1 and not option_quotes:
            option_quotes = question_quotes[1:]
    if option_quotes:
        options = [goal.take_quote(q)[:20] for q in option_quotes][:13]
    elif opt_match and not options:
        options = _split_list(opt_match.group("list"))
    if not options:
        # "'Coffee or tea?' (Coffee / Tea)": options in brackets after the question
        listed = re.match(r"\s*[(（]\s*(?P<list>[^()（）\ue000]{1,80}?(?:/|、|,|・)"
                          r"[^()（）]{1,80}?)\s*[)）]", goal.masked[after:])
        if listed:
            options = _split_list(listed.group("list"))
    if not options and text:
        # "Coffee or tea?", "…: morning or evening?", 「コーヒー派？紅茶派？」
        inline = re.search(r"[:：]\s*([^?？]+?\s+or\s+[^?？]+)\?", text) or \
            re.fullmatch(r"\s*((?:\w+\s+){0,1}\w+\s+or\s+\w+(?:\s+\w+)?)\s*[?？]\s*", text)
        if inline:
            options = _split_list(inline.group(1))
        elif re.fullmatch(r"(?:[^?？、。]{1,8}[?？]){2,4}", text):
            options = [re.sub(r"派$", "", o) for o in re.findall(r"([^?？]+)[?？]", text)]
    survey = bool(re.search(r"survey|questionnaire|poll|アンケート", goal.masked, re.I))
    if not attr:
        save_as = re.search(r"\bsave (?:it|the answer|their answer|answers?) (?:as|in|to)\s+"
                            r"([A-Za-z][\w ]{0,30})", goal.text, re.I)
        attr = attribute_name(save_as.group(1)) if save_as else (
            "survey_answer" if survey else "answer")
    if not text:
        text = goal.t("Quick survey: [write your question here]",
                      "アンケート：［質問文をここに］") \
            if survey else goal.t("[Write your question here]", "［質問文をここに］")
        goal.note("The question text is a placeholder: tell me what to ask "
                  "(e.g. revise: ask \"…\").",
                  "質問文は仮のものです。何を聞くか教えてください（例：質問を「…」に変更）。")
    config: dict[str, Any] = {"text": text, "attribute": attr}
    if options:
        config["options"] = list(dict.fromkeys(options))
    return Step("action.question", config, start,
                goal.t("survey" if survey else "question", "アンケート" if survey else "質問"))


def _tag_name(goal: Goal, start: int, end: int) -> str | None:
    masked = goal.masked[start:end]
    for q in goal.quotes_in(start, end, take=False):
        before = goal.masked[max(start, q.start - 30):q.start].lower()
        after = goal.masked[q.end:q.end + 12].lower()
        near = re.split(r"[,.;、。]|\bthen\b|\band\b", before)[-1]  # same clause only
        if "tag" in near or "タグ" in near or after.strip().startswith(("tag", "タグ")) or \
                re.search(r"\b(?:as|with)\s*$", before):
            return goal.take_quote(q)
    unquoted = re.search(r"\btag(?:ged)?\s+(?:them\s+|him\s+|her\s+)?(?:as|with)\s+(?:the\s+)?"
                         r"([A-Za-z0-9][\w\-]*)", masked, re.I)
    if unquoted and goal.tags is not None and \
            goal.tags.existing(unquoted.group(1), strict=True) is not None:
        return unquoted.group(1)  # "tag as coffee, then log a '…' event": coffee
    quotes = goal.quotes_in(start, end, take=False)
    if len(quotes) == 1 and not re.search(r"\b(?:send|saying|says)\b|と送|を送", masked, re.I):
        return goal.take_quote(quotes[0])
    named = mentioned(goal.snapshot, "tags", masked)
    if named:
        return str(named[0]["name"])
    for pattern in (_TAG_NAME_JA if goal.ja else _TAG_NAME_EN):
        for m in pattern.finditer(masked):
            name = re.sub(r"^.*(?:したら|されたら|ったら|たら|れば|なら|て|、)", "",
                          m.group(1).strip())
            if name and name.lower() not in _TAG_STOP and "\ue000" not in name:
                return name
    if not goal.ja:
        # "Tag anyone who answers our question '…' as surveyed": the name after the quote.
        lo, hi = values.sentence(goal, start, end)
        for m in re.finditer(r"\bas\s+(?:the\s+|a\s+)?([A-Za-z0-9][\w\-]*)", goal.masked[lo:hi]):
            if goal.tags is not None and goal.tags.existing(m.group(1), strict=True) is not None:
                return m.group(1)
    return None


def _default_tag_name(goal: Goal, trigger: str | None) -> str:
    if re.search(r"survey|questionnaire|アンケート", goal.masked, re.I):
        return goal.t("Survey answered", "アンケート回答済み")
    if trigger == "trigger.purchase_completed":
        return goal.t("Purchased", "購入者")
    if trigger == "trigger.qr_scan":
        return goal.t("QR scanned", "QR読み取り")
    if trigger == "trigger.video_viewed":
        return goal.t("Video watched", "動画視聴済み")
    if trigger == "trigger.block":
        return goal.t("Blocked", "ブロック")
    if trigger == "trigger.cart_abandoned":
        return goal.t("Cart abandoned", "カゴ落ち")
    if trigger == "trigger.friend_add":
        return goal.t("New friend", "新規友だち")
    if trigger == "trigger.message_received":
        return goal.t("Sent keyword", "キーワード送信")
    if trigger == "trigger.postback":
        return goal.t("Tapped button", "ボタンタップ")
    return ""


def tag_step(goal: Goal, start: int, end: int, remove: bool, trigger: str | None) -> Step:
    assert goal.tags is not None
    name = _tag_name(goal, start, end) or goal.answers.get("tag")
    if name:
        name = re.sub(r"^(?:new tag|新しいタグ)\s*[:：]?\s*", "", name, flags=re.I)
        name = name.strip(" “”「」\"")
    if not name:
        tags = [t["name"] for t in goal.snapshot["tags"]]
        if remove:
            goal.ask("tag", "Which tag should I remove?", "どのタグを外しますか？", tags)
        # Draft first: a new tag named after what happened, said in the reply.
        name = _default_tag_name(goal, trigger) or goal.t("Tagged", "タグ付け済み")
        yours = ", ".join(f"“{t}”" for t in tags[:8])
        goal.note(f"I assumed a new tag “{name}”; tell me which tag to use instead"
                  + (f" (yours: {yours})." if tags else "."),
                  f"タグは新しい「{name}」を仮に付けました。別のタグにするなら教えてください"
                  + (f"（既存：{yours}）。" if tags else "。"))
    if remove and goal.tags.existing(name) is None:
        goal.ask("tag", f"There is no tag “{name}” to remove. Which tag should I remove?",
                 f"外すタグ「{name}」が見つかりません。どのタグを外しますか？",
                 [t["name"] for t in goal.snapshot["tags"]])
    ref = goal.tags.ref(name)
    return Step("action.tag", {"operation": "remove" if remove else "add", "tag_id": ref}, start,
                goal.t(f"{'untag' if remove else 'tag'} {name}",
                       f"タグ「{name}」{'解除' if remove else '付与'}"))


def _pick(goal: Goal, kind: str, start: int, end: int, about: str, en_what: str,
          ja_what: str, link: Link | None = None) -> dict[str, Any]:
    """The saved resource a step uses: the one named at the step, in its words, anywhere in the
    goal, or given as an answer; else a draft-first guess said in the reply."""
    if link is not None:
        return link.row
    for q in goal.quotes_in(start, end, take=False):
        hit = find_by_name(goal.snapshot, kind, q.text)
        if hit:
            goal.take_quote(q)
            return hit
    near = goal.links_of(kind, start, end)
    if near:
        return near[0].row
    # Within the step's own words a name's core needs no kind word: "swap their menu to the
    # reservations one".
    own = find_links(goal.text[start:end], goal.snapshot, kind, cores_alone=True)
    if own:
        return own[0].row
    if goal.answers.get(about):
        hit = find_by_name(goal.snapshot, kind, goal.answers[about])
        if hit:
            return hit
    named = mentioned(goal.snapshot, kind, goal.text)
    if named:
        return named[0]
    for q in goal.quotes:
        hit = find_by_name(goal.snapshot, kind, q.text)
        if hit and q.start not in goal.used:
            goal.take_quote(q)
            return hit
    rows = goal.snapshot[kind]
    one = en_what[:-1] if en_what.endswith("s") else en_what
    if not rows:
        goal.cannot(f"This account has no {en_what} yet, so I cannot reference one. Create it "
                    "first, then ask me again.",
                    f"このアカウントには{ja_what}がまだありません。先に作成してから、もう一度お願いします。")
    if len(rows) == 1:
        goal.note(f"I used your only {one} “{rows[0]['name']}”.",
                  f"{ja_what}は唯一の「{rows[0]['name']}」を使いました。")
        return rows[0]
    others = "、".join(f"「{r['name']}」" for r in rows[1:6]) if goal.ja else \
        ", ".join(f"“{r['name']}”" for r in rows[1:6])
    goal.note(f"I assumed the {one} “{rows[0]['name']}”; tell me if it should be another one "
              f"({others}).",
              f"{ja_what}は「{rows[0]['name']}」を仮に選びました。別のもの（{others}）なら教えてください。")
    return rows[0]


def rich_menu_step(goal: Goal, start: int, end: int, lookbehind: int | None = None,
                   link: Link | None = None, at: int | None = None) -> Step:
    masked = goal.masked[min(start, lookbehind if lookbehind is not None else start):end]
    if goal.ja and at is not None:  # 「リッチメニューの紐付けを解除」: the verb follows
        masked += goal.masked[at:at + 16]
    if link is None and re.search(r"\b(?:unlink|remove|reset|default|back to|clear|detach)\b|"
                                  r"解除|戻|外|デフォルト", masked, re.I):
        return Step("action.rich_menu", {"operation": "unlink"}, start,
                    goal.t("reset menu", "メニュー解除"))
    menu = _pick(goal, "rich_menus", start, end, "rich_menu", "rich menus", "リッチメニュー",
                 link)
    return Step("action.rich_menu", {"operation": "link", "rich_menu_id": menu["id"]}, start,
                goal.t(f"menu “{menu['name']}”", f"メニュー「{menu['name']}」"))


def auto_message_step(goal: Goal, start: int, end: int, link: Link | None = None) -> Step:
    msg = _pick(goal, "auto_messages", start, end, "auto_message", "auto-send messages",
                "自動送信メッセージ", link)
    return Step("action.auto_message", {"auto_message_id": msg["id"]}, start,
                goal.t(f"send “{msg['name']}”", f"「{msg['name']}」送信"))


def customer_agent_step(goal: Goal, start: int, end: int) -> Step:
    config: dict[str, Any] = {}
    # "with the instructions '…'", 指示は「…」: the quoted instructions, word for word
    said = _AGENT_INSTRUCTIONS.search(goal.masked)
    told = next((q for q in goal.quotes if said and q.start == said.start("q")), None)
    if told is not None:
        config["instructions"] = goal.take_quote(told)[:2000]
    quotes = goal.quotes_in(start, end)
    if quotes:
        config["greeting"] = quotes[0].text[:1000]
    if goal.handoff_keyword:
        config["handoff_keyword"] = goal.handoff_keyword
    scope = AGENT_SCOPE_EN.search(goal.masked) or AGENT_SCOPE_JA.search(goal.masked)
    if scope and told is None:
        topic = goal.text[scope.start("t"):scope.end("t")].strip(" ,、")
        config["instructions"] = goal.t(f"Only talk about {topic}.",
                                        f"{topic}についてだけ答えてください。")[:2000]
    return Step("action.customer_agent", config, start, goal.t("AI agent", "AI応答"))


_AGENT_INSTRUCTIONS = re.compile(r"(?:\binstructions?|\bprompt|\bsystem prompt|指示(?:文)?|"
                                 r"プロンプト)\s*(?:is\s+|are\s+|should be\s+|=\s*|は|を|:|：)?"
                                 r"\s*(?P<q>\ue000)", re.I)
# "it should only talk about our beans and shipping", "(topics: beans and shipping only)",
# 「話題はコーヒー豆と配送についてだけ」, 「豆と配送の質問にだけ答える」
AGENT_SCOPE_EN = re.compile(
    r"\b(?:only (?:talk|answer|respond|chat|help) (?:about|with)|(?:should|must|may|can) only "
    r"(?:talk|answer|discuss|chat|help)(?: about| with)?|keep it to|topics?\s*:|stick to|"
    r"limited to|only about|only answer questions about|scope\s*:|only (?:questions|things|"
    r"topics) (?:about|on))\s*(?P<t>[^.;)\n]+?)"
    r"(?:\s+only)?(?=[.;)\n]|$|,\s*(?:and|then)\b)", re.I)
AGENT_SCOPE_JA = re.compile(r"(?:話題は|テーマは)?(?P<t>[^、。()（）「」]{2,40}?)"
                             r"(?:について|に関して|の質問)?"
                             r"(?:だけ|のみ)(?:に)?(?:答え|回答|対応|話|返答)?")


def klaviyo_step(goal: Goal, start: int, end: int) -> Step:
    lo, hi = values.sentence(goal, start, end)
    window = goal.text[lo:]
    quotes = goal.quotes_in(lo, len(goal.text), take=False)
    # "track an event", "log 'Watched tasting' in Klaviyo": an event; lists are joined. The
    # word nearest the Klaviyo mention decides ("tag Event 2026 and add them to Klaviyo list X");
    # linked names ("the Event flyer QR") are masked in `scan`.
    clause = goal.scan[lo:hi]
    said = [(abs(lo + m.start() - start), "list" if re.match(r"lists?|リスト", m.group(0), re.I)
             else "event") for m in re.finditer(
                r"\blists?\b|リスト|\bevents?\b|イベント|\b(?:track|record|log)s?\b", clause, re.I)]
    if said and min(said)[1] == "event":
        name = goal.take_quote(quotes[0]) if quotes else None
        m = None if name else _EVENT.search(window)
        name = name or (next(g for g in m.groups() if g).strip() if m else
                        goal.answers.get("klaviyo_event"))
        if not name:
            name = KLAVIYO_EVENT_PLACEHOLDER
            goal.note("The Klaviyo event name is a placeholder: tell me the event to track.",
                      "Klaviyoのイベント名は仮のものです。記録するイベント名を教えてください。")
        return Step("action.klaviyo", {"operation": "track_event", "event_name": str(name)[:100]},
                    start, "Klaviyo")
    list_id = values.explicit_id(goal, start, len(goal.text))
    if not list_id and quotes:
        list_id = goal.take_quote(quotes[0])
        goal.note(f"I used “{list_id}” as the Klaviyo list ID: if that is the list's name, give "
                  "me its ID.", f"「{list_id}」をKlaviyoのリストIDとして使いました。"
                  "リスト名の場合はIDを教えてください。")
    if not list_id:
        m = _LIST_ID.search(window) or _LIST_NAMED.search(window)
        list_id = next((g for g in m.groups() if g), "").strip() if m else \
            goal.answers.get("klaviyo_list")
    if not list_id:
        # Draft first: a placeholder the marketer replaces with the list's ID.
        list_id = KLAVIYO_LIST_PLACEHOLDER
        goal.note("The Klaviyo list ID is a placeholder: tell me the list's ID (in Klaviyo: "
                  "Lists & segments → the list → its ID).",
                  "KlaviyoのリストIDは仮のものです。リストのIDを教えてください。")
    return Step("action.klaviyo", {"operation": "add_to_list", "list_id": str(list_id)[:100]},
                start, "Klaviyo")


def integration_note(goal: Goal, kind: str) -> None:
    if kind not in goal.snapshot.get("integrations", []):
        name = "HubSpot" if kind == "hubspot" else "Klaviyo"
        goal.note(f"{name} is not connected yet: connect it under Integrations before you "
                  "activate this workflow.",
                  f"{name}がまだ連携されていません。有効化の前に連携してください。")
