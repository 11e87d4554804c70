"""The words of resource names in both languages, so a name links in either language:
"Welcome coupon" ↔ 「ウェルカムクーポン」, "Members menu" ↔ 「会員メニュー」, "Opening hours" ↔
「営業時間」, 「リピーター」 ↔ "repeat buyers", 「新商品のお知らせ」 ↔ "new product news".

Each entry: an English word or phrase (lower case) → the ways Japanese marketers write it. A
name gets a translated alias only when every one of its words has a rendering.
"""

from __future__ import annotations

import itertools
import re

EN_JA: dict[str, list[str]] = {
    "welcome": ["ウェルカム", "ようこそ", "歓迎"],
    "coupon": ["クーポン"], "coupons": ["クーポン"],
    "menu": ["メニュー"], "rich menu": ["リッチメニュー"],
    "member": ["会員", "メンバー"], "members": ["会員", "メンバー"],
    "membership": ["会員"], "vip": ["VIP"],
    "reservation": ["予約"], "reservations": ["予約"], "booking": ["予約"],
    "sale": ["セール"], "sales": ["セール"], "default": ["デフォルト", "通常", "標準"],
    "opening hours": ["営業時間"], "business hours": ["営業時間"], "hours": ["営業時間"],
    "order": ["注文", "オーダー"], "orders": ["注文", "オーダー"], "status": ["状況", "ステータス"],
    "shipping": ["配送", "発送"], "delivery": ["配送", "配達"],
    "news": ["お知らせ", "ニュース"], "newsletter": ["ニュースレター", "メルマガ"],
    "new": ["新"], "product": ["商品"], "products": ["商品"], "item": ["商品"],
    "new product": ["新商品", "新製品"], "new products": ["新商品", "新製品"],
    "event": ["イベント"], "flyer": ["チラシ", "フライヤー"], "leaflet": ["チラシ"],
    "counter": ["店頭", "カウンター", "レジ"], "store": ["店舗", "店頭", "お店"],
    "shop": ["店舗", "ショップ", "お店"], "front": ["店頭"], "poster": ["ポスター"],
    "customer": ["お客様", "顧客"], "customers": ["お客様", "顧客"],
    "repeat buyer": ["リピーター"], "repeat buyers": ["リピーター"],
    "repeater": ["リピーター"], "repeat customer": ["リピーター"], "regular": ["常連"],
    "regulars": ["常連"], "coffee": ["コーヒー"], "tea": ["紅茶", "お茶"],
    "survey": ["アンケート"], "surveyed": ["アンケート回答済み", "回答済み"],
    "birthday": ["誕生日", "バースデー"], "campaign": ["キャンペーン"],
    "spring": ["春"], "summer": ["夏"], "autumn": ["秋"], "fall": ["秋"], "winter": ["冬"],
    "thanks": ["お礼", "サンクス"], "thank you": ["お礼", "ありがとう"],
    "gift": ["ギフト", "プレゼント"], "point": ["ポイント"], "points": ["ポイント"],
    "card": ["カード"], "stamp": ["スタンプ"], "limited": ["限定"],
    "main": ["メイン"], "top": ["トップ"], "home": ["ホーム"], "shop info": ["店舗情報"],
    "access": ["アクセス"], "info": ["情報", "案内"], "information": ["情報", "案内"],
}
_JA_EN: dict[str, list[str]] = {}
for _en, _jas in EN_JA.items():
    for _ja in _jas:
        _JA_EN.setdefault(_ja, []).append(_en)
_MAX_ALIASES = 12


def _segments_en(name: str) -> list[list[str]] | None:
    """The renderings of each part of an English name (longest phrases first)."""
    words = re.findall(r"[a-z0-9]+", name.casefold())
    out: list[list[str]] = []
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            phrase = " ".join(words[i:i + size])
            if len(words[i:i + size]) == size and phrase in EN_JA:
                out.append(EN_JA[phrase])
                i += size
                break
        else:
            if words[i].isdigit():
                out.append([words[i]])
                i += 1
                continue
            return None
    return out or None


def japanese_names(name: str) -> list[str]:
    """「ウェルカムクーポン」 for "Welcome coupon" (and the other renderings)."""
    if not name.isascii():
        return []
    parts = _segments_en(name)
    if not parts:
        return []
    combos = itertools.islice(itertools.product(*parts), _MAX_ALIASES)
    out = []
    for combo in combos:
        for joiner in ("", "の"):
            alias = joiner.join(combo)
            if alias not in out:
                out.append(alias)
            if len(combo) == 1:
                break
    return out[:_MAX_ALIASES]


def english_names(name: str) -> list[str]:
    """"repeat buyer" for 「リピーター」, "new product news" for 「新商品のお知らせ」."""
    if name.isascii():
        return []
    rest = name.replace("の", "")
    pieces: list[list[str]] = []
    while rest:
        for size in range(min(len(rest), 8), 0, -1):
            head = rest[:size]
            if head in _JA_EN:
                pieces.append(_JA_EN[head])
                rest = rest[size:]
                break
        else:
            return []
    combos = itertools.islice(itertools.product(*pieces), _MAX_ALIASES)
    return list(dict.fromkeys(" ".join(c) for c in combos))[:_MAX_ALIASES]
