"""What a workflow cannot do, said honestly instead of guessed.

Each limit has a scope:
- `always`: the goal is declined whatever else it asks (broadcasts, deleting friends, using
  another account's resources);
- `channel`: a channel Lumo does not have (e-mail, SMS, phone, other social networks, post).
  Messaging steps asked in the same clause are dropped; when nothing else is left to build the
  goal is declined, otherwise the rest is drafted with a note;
- `note`: declined when nothing starts the workflow, else drafted with a note (recurring
  schedules, calendar dates, payments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.I | re.A  # ASCII \b: Japanese letters are \w too


@dataclass(frozen=True)
class Limit:
    scope: str  # always | channel | note
    en: str
    ja: str
    start: int
    end: int


_NETWORKS = (r"(?:instagram|insta|facebook|fb|messenger|twitter|tiktok|whatsapp|wechat|"
             r"telegram|linkedin|youtube|snapchat|threads)\b")

_LIMITS: list[tuple[str, re.Pattern[str], str, str]] = [
    ("note", re.compile(
        r"\bevery (?:day|week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|"
        r"sunday|morning|evening|night)\b|\bdaily\b|\bweekly\b|\bmonthly\b|\byearly\b|"
        r"\bannually\b|\bon (?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|"
        r"sundays)\b|毎日|毎週|毎月|毎年|毎朝|定期的|曜日に", _I),
     "recurring schedules (“every day / every Monday”)",
     "繰り返しのスケジュール（毎日・毎週など）"),
    ("note", re.compile(
        r"\bon (?:their|his|her|your|each (?:friend|customer|member)'s|the (?:friend|customer)'s|"
        r"a (?:friend|customer)'s) (?:birthday|anniversary)\b|\bbirthday (?:comes|arrives)\b|"
        r"誕生日(?:当日)?に(?:送|配信|届)|誕生日を迎え|記念日に", _I),
     "calendar-date triggers (birthdays, anniversaries)",
     "日付をきっかけにした配信（誕生日・記念日など）"),
    ("always", re.compile(
        r"\b(?:broadcast|blast|mass message|to all (?:of )?(?:our |my )?friends)\b|"
        r"\b(?:send|message|text|push)\s+(?:it\s+|this\s+)?(?:to\s+)?(?:everyone|everybody|"
        r"all (?:of )?(?:our |my |the )?(?:friends|followers|customers|users|members))\b"
        r"(?!\s+(?:who|that|whose|which|when|after|once|with|tagged|in)\b)|"
        r"一斉(?:送信|配信)|全員に(?:送|配信)|全友だちに|友だち全員に|全員へ", _I),
     "broadcasts to everyone at once", "全員への一斉配信"),
    ("always", re.compile(
        r"\b(?:show|give|list|export|download|send|tell|share)\s+(?:me\s+|us\s+)?(?:all\s+|the\s+|"
        r"our\s+|their\s+|every\s+)*(?:\w+\s+){0,2}?(?:phone numbers?|(?:home |e-?mail )?addresses|"
        r"personal (?:data|details|information)|contact details|chat (?:history|histories|logs)|"
        r"conversations|messages they sent|birthdays)\b|トーク履歴|会話履歴|個人情報|電話番号|"
        r"住所(?:を|の)|メッセージ履歴", _I),
     "reading friends' private data (chats, phone numbers, addresses)",
     "友だちの個人情報やトーク履歴の閲覧"),
    ("always", re.compile(
        r"\b(?:delete|remove|erase|purge|wipe|kick(?: out)?|ban)\s+(?:all\s+|the\s+|every\s+|"
        r"those\s+|these\s+|our\s+|inactive\s+|old\s+|dormant\s+)*(?:friends|followers|users|"
        r"customers|members|contacts)\b|友だち(?:を)?(?:削除|消|退会させ)", _I),
     "deleting friends", "友だちの削除"),
    ("note", re.compile(
        r"\bon (?:january|february|march|april|may|june|july|august|september|october|"
        r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.? \d{1,2}\b|"
        r"\bon \d{1,2}(?:st|nd|rd|th)? (?:of )?(?:january|february|march|april|may|june|july|"
        r"august|september|october|november|december)\b|\bon \d{1,2}/\d{1,2}\b|"
        r"(?<![\d/])\d{1,2}月\d{1,2}日(?:の\d{1,2}時)?に(?:送|配信|一斉)", _I),
     "sending on a calendar date", "日付を指定した配信"),
    ("always", re.compile(r"\b(?:refunds?|refunded|refunding|charge them|invoice them|bill them)\b|"
                          r"返金|請求書", _I),
     "refunds and charges", "返金・請求"),
    ("always", re.compile(
        r"\bwithin \d+\s?(?:m|km|meters?|metres?|miles?)\b|\bwhen (?:they|someone|people) "
        r"(?:walk|walks|come|comes|are) (?:by|near|past|close to)\b|\bgeo-?fenc|"
        # the friend's whereabouts; sending the shop's location (位置情報を送信) is a message
        r"(?:友だち|お客様|ユーザー|相手)の位置情報|位置情報(?:を|が|で|に)?(?:使|もと|元|基|"
        r"きっかけ|取得|応じ|よって|から|検知|判定|分か|わか)|"
        r"近くに来たら|近くを通ったら", _I),
     "location-based triggers (LINE does not share a friend's location)",
     "位置情報をきっかけにした配信（LINEは友だちの位置を共有しません）"),
    ("always", re.compile(
        r"\b(?:who|that) (?:haven't|have not|hasn't|has not|didn't|did not) (?:yet )?(?:added|"
        r"followed|friended) us\b|\bnon-?friends\b|\bnot (?:yet )?(?:our )?friends\b|"
        r"友だち(?:追加|登録)?していない|友だちではない", _I),
     "messages to people who are not friends of the account", "友だちではない人への配信"),
    ("note", re.compile(r"\b(?:payment|invoice)\b|決済", _I),
     "payments and refunds", "決済・返金"),
    ("channel", re.compile(
        r"\be-?mails?\b(?!\s*(?:address|addresses))|\bnewsletter e-?mail\b|\bsms\b|"
        r"\bphone calls?\b|\bon the phone\b|\b(?:call|phone|ring)\s+(?:them|him|her|customers|"
        r"people|friends|buyers|users|everyone|the (?:customer|friend|buyer)s?)\b|"
        # A network named as an answer option ("Instagram, Friend or Store") is no channel.
        r"\b(?:on|via|through|using|by|to|in|into)\s+(?:our\s+|their\s+|the\s+|a\s+)?"
        + _NETWORKS + r"|" + _NETWORKS + r"\s+(?:posts?|stor(?:y|ies)|dms?|direct messages?|"
        r"messages?|page|feed|account)\b|\btweets?\b|"
        r"\bsnail mail\b|\bby (?:post|mail)\b|\bpostal mail\b|\bpostcards?\b|"
        r"\bfax\b|\bpush notifications?\b|"
        r"メール(?!アドレス)|メルマガ|SMS|ショートメッセージ|電話|"
        r"(?:インスタ(?:グラム)?|Instagram|Facebook|フェイスブック|Twitter|ツイッター|WhatsApp|TikTok)"
        r"(?:ページ|アカウント|のストーリー)?(?:に|で|へ|から)|ツイート|郵送|ハガキ|はがき|葉書|FAX|"
        r"ファックス|プッシュ通知", _I),
     "e-mails, SMS, phone calls, other social networks or post (only LINE messages)",
     "メール・SMS・電話・他のSNS・郵送（送れるのはLINEのメッセージだけです）"),
]
_OTHER_ACCOUNT = re.compile(
    r"\b(?:copy|import|clone|reuse|take|bring|borrow|use|get)\b.{0,60}?\bfrom\s+(?:the\s+|their\s+|"
    r"another\s+)?(?P<name>[^.,;]{1,40}?)\s+(?:account|shop|store|organi[sz]ation|org|tenant)\b|"
    r"(?P<ja>[^\s、。]{1,30}?)(?:の)?(?:アカウント|店舗|お店)から"
    r"(?:コピー|流用|持って|引用|借り)", _I)


def limits(text: str) -> list[Limit]:
    """Every limit the (quote-masked) goal runs into, in order of appearance."""
    out = []
    for scope, pattern, en, ja in _LIMITS:
        for m in pattern.finditer(text):
            out.append(Limit(scope, en, ja, m.start(), m.end()))
    return sorted(out, key=lambda lim: lim.start)


def other_account(text: str, own_accounts: list[str]) -> str | None:
    """The name of another account the goal wants to take resources from, if any."""
    own = [a.casefold() for a in own_accounts]
    for m in _OTHER_ACCOUNT.finditer(text):
        name = (m.group("name") or m.group("ja") or "").strip()
        low = name.casefold()
        if not name or low in ("this", "our", "my", "the same", "same", "この", "自分の", "当"):
            continue
        if any(low in o or o in low for o in own if o):
            continue
        return name
    return None
