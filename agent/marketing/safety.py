"""Screening what the marketer types, before any model sees it.

Refused outright: requests for the system prompt, for other shops' / accounts' data, and
prompt injection. Requests to activate, delete or send are refused when that is all the
message asks; inside a real goal they are dropped with a note (the agent only drafts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.providers.offline.lexicon import find_triggers
from agent.providers.offline.text import find_quotes, is_japanese, mask_quotes, normalise

_I = re.I
SYSTEM_PROMPT = re.compile(
    r"system\s*prompt|(?:your|the)\s+(?:hidden\s+|initial\s+|original\s+|secret\s+)?"
    # ("with the instructions 'Only answer …'": instructions given to the Customer Agent)
    r"(?:instructions|prompt|rules|guidelines|configuration)\b(?!\s*(?:are|is|:|：)?\s*"
    r"[\"'“‘「\ue000])|(?:reveal|print|show|repeat|"
    r"display|output|dump|leak)\b.{0,30}\b(?:prompt|instructions)|developer message|"
    r"システムプロンプト|プロンプト(?:を|の)(?:見せ|教え|表示|出力|公開)|(?:あなたへの|内部の|隠された)指示|"
    r"指示(?:内容)?を(?:見せ|教え|表示|出力)", _I)
OTHER_ACCOUNTS = re.compile(
    r"\b(?:other|another|different|all(?: the)?|every|someone else's|competitors?'?)\s+"
    r"(?:shops?|stores?|accounts?|organi[sz]ations?|orgs?|compan(?:y|ies)|brands?|tenants?|"
    r"businesses|clients?|merchants?|users?'? accounts?)'?s?\b|\bother (?:people|users)'s? "
    r"(?:data|friends|accounts?)|\bcross[- ]tenant\b|"
    r"他の(?:店舗|お店|ショップ|アカウント|会社|組織|企業|ブランド|テナント)|他社|別の(?:店舗|アカウント|会社|組織)|"
    r"全(?:店舗|アカウント|組織)の", _I)
INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\b.{0,40}\b(?:instructions?|rules|prompts?|"
    r"guidelines|restrictions|polic(?:y|ies)|above|previous)|\byou are now\b|\bact as\b.{0,30}"
    r"\b(?:admin|root|developer|system)\b|\bdeveloper mode\b|\bjailbreak\b|\bDAN\b|"
    r"\bpretend (?:you|to be)\b|\bsudo\b|\bas an? (?:admin|administrator|superuser)\b|"
    r"(?:これまでの|以前の|前の|上記の|すべての|全ての)?(?:指示|命令|ルール|制約)を(?:無視|忘れ)|制限を解除|"
    r"管理者(?:として|モード)|開発者モード", _I)
_ASKS_PROMPT = re.compile(r"\b(?:reveal|print|show|repeat|display|output|dump|leak|tell|share)\b"
                          r".{0,30}\b(?:prompt|instructions|rules)|システムプロンプト|プロンプト",
                          _I)
# "the Matcha fans tag from Osaka Tea House": a resource of a shop named by its name (another
# shop's, unless the name is one of the organisation's own accounts).
FOREIGN_SOURCE = re.compile(
    r"\b(?:tags?|menus?|rich menus?|messages?|friends?|lists?|data|segments?|qr codes?|"
    r"coupons?|workflows?)\s+(?:from|of|at|in|belonging to|owned by)\s+(?:the\s+)?"
    r"(?P<name>(?-i:[A-Z][\w&'’-]*)(?:\s+(?-i:[A-Z][\w&'’-]*)){1,4})"
    r"(?:\s+(?:account|shop|store|organi[sz]ation|org))?", _I)
FORBIDDEN = re.compile(
    r"\b(?:activate|enable|turn on|publish|go live|launch|start running|switch on|unpause|"
    r"resume)\b|\b(?:delete|erase|wipe|destroy)\b.{0,30}\b(?:workflows?|friends?|accounts?|"
    r"everything|all)\b|\bremove\b.{0,20}\b(?:workflows?|accounts?|all (?:the |our |my )?friends|"
    r"everything)\b|\b(?:send|push|blast|broadcast)\b.{0,40}\b(?:to everyone|to all(?: (?:of )?"
    r"(?:our|my))? (?:friends|users|customers))\b|\bbroadcast\b|有効化|有効に(?:して|する)|"
    r"公開して|稼働させ|オンにして|(?:ワークフロー|友だち|アカウント|全部|すべて)を?削除|一斉(?:送信|配信)|"
    r"全員に(?:送|配信)", _I)
# "Send it now": a send request — unless it is about a draft's step ("send it right away
# instead" while revising: no wait before the message).
SEND_NOW = re.compile(r"\b(?:send|push|blast)\b.{0,40}\b(?:now|right now|immediately|"
                      r"right away)\b|今すぐ(?:送|配信)", _I)


REPLIES = {
    "injection": (
        "I can't do that. I only draft workflows for you to review; I never activate, delete "
        "or send anything, and I keep my instructions.",
        "それはできません。私はワークフローの下書きを作るだけで、"
        "有効化・削除・送信は行いません。"),
    "system_prompt": (
        "I can't share my instructions or prompts. I can draft a workflow for you: tell me "
        "what should start it and what it should do.",
        "内部の指示やプロンプトはお見せできません。"
        "ワークフローの下書きならお手伝いできます。きっかけと動きを教えてください。"),
    "other_accounts": (
        "I can only work with your own organisation's account. I can't see or share other "
        "shops' or accounts' friends or data.",
        "ご自身の組織のアカウントのみ扱えます。"
        "他の店舗やアカウントの友だち・データは参照も共有もできません。"),
    "forbidden_action": (
        "I can't activate, delete or send anything. I only draft workflows: approving saves a "
        "draft that you can activate yourself in the editor.",
        "有効化・削除・送信はできません。私が作るのは下書きだけです。"
        "承認すると下書きとして保存され、エディターからご自身で有効化できます。"),
    "forbidden_note": (
        "I only draft: I won't activate, delete or send anything. Approve saves a draft you "
        "can activate yourself.",
        "下書きの作成のみ行います（有効化・削除・送信はしません）。"
        "承認後、ご自身で有効化してください。"),
}
CHECKS = (("injection", INJECTION), ("system_prompt", SYSTEM_PROMPT),
          ("other_accounts", OTHER_ACCOUNTS))


@dataclass
class Screening:
    refusal: str | None = None  # answer this instead of planning
    note: str | None = None  # plan, and say this too
    kind: str = ""


def _foreign(masked: str, own: list[str]) -> bool:
    mine = {re.sub(r"\W+", " ", n).strip().casefold() for n in own}
    for m in FOREIGN_SOURCE.finditer(masked):
        name = re.sub(r"\W+", " ", m.group("name")).strip().casefold()
        if not any(name == n or name in n or n in name for n in mine if n):
            return True
    return False


def screen(text: str, revising: bool = False, own: list[str] | None = None) -> Screening:
    """`own`: the names of the organisation's own accounts (a shop named that is not one of
    them is another shop)."""
    clean = normalise(text)
    lang = 1 if is_japanese(clean) else 0
    masked = mask_quotes(clean, find_quotes(clean))
    for kind, pattern in CHECKS:
        if pattern.search(masked):
            if kind == "injection" and find_triggers(masked) and not OTHER_ACCOUNTS.search(
                    masked) and not _ASKS_PROMPT.search(masked):
                # A real goal with an injected order: draft the goal, drop the order
                return Screening(note=REPLIES["injection"][lang], kind="injection")
            return Screening(REPLIES[kind][lang], kind=kind)
    if _foreign(masked, own or []):
        return Screening(REPLIES["other_accounts"][lang], kind="other_accounts")
    if FORBIDDEN.search(masked) or (SEND_NOW.search(masked) and not revising):
        if not find_triggers(masked):
            return Screening(REPLIES["forbidden_action"][lang], kind="forbidden_action")
        return Screening(note=REPLIES["forbidden_note"][lang], kind="forbidden_action")
    return Screening()
