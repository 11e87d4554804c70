"""The offline Customer Agent's retrieval: Japanese-aware tokens and honest "don't know"."""

from __future__ import annotations

import pytest

from agent.customer.retrieval import Entry, FaqIndex
from agent.customer.text import tokens

INDEX = FaqIndex([
    Entry(1, "What are your business hours?", "We are open every day from 10:00 to 20:00."),
    Entry(2, "How much is shipping?", "Shipping is free on orders over 5,000 yen."),
    Entry(3, "Can I return an item?", "You can return unused items within 14 days."),
    Entry(4, "営業時間を教えてください", "毎日10時から20時まで営業しています。"),
    Entry(5, "送料はいくらですか？", "5,000円以上のご注文で送料無料です。"),
    Entry(6, "ポイントの使い方", "ポイントは1ポイント1円としてお会計時に使えます。"),
])


def test_tokens_are_japanese_aware() -> None:
    assert tokens("営業時間は何時ですか？") == ["営業", "業時", "時間", "何時"]
    assert tokens("ＳＨＩＰＰＩＮＧ costs") == ["ship", "cost"]  # NFKC, case, light stems
    assert tokens("What are your opening hours?") == ["open", "hour"]
    assert tokens("こんにちは") == ["こん", "んに", "にち", "ちは"]  # kana only if nothing else


@pytest.mark.parametrize(("question", "entry"), [
    ("When do you open?", 1), ("Is shipping free?", 2), ("How do I return something?", 3),
    ("営業時間は何時までですか", 4), ("送料について知りたい", 5), ("ポイントはいつ使えますか", 6),
])
def test_known_questions_find_their_entry(question: str, entry: int) -> None:
    best = INDEX.search(question)[0]
    assert best.entry.id == entry and best.confident


@pytest.mark.parametrize("question", ["Do you sell gift cards?", "駐車場はありますか",
                                      "what's the weather like", "Do you ship to Osaka?"])
def test_unknown_questions_are_not_answered(question: str) -> None:
    hits = INDEX.search(question)
    assert not hits or not hits[0].confident
