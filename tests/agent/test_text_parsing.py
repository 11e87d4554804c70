"""Durations, numbers and quotes as the offline planner reads them."""

from __future__ import annotations

import pytest

from agent.providers.offline.durations import find_durations
from agent.providers.offline.text import find_quotes, parse_number


@pytest.mark.parametrize(("text", "amount", "unit", "intro"), [
    ("three days after someone adds us", 3, "days", "since"),
    ("a week later", 1, "weeks", "later"),
    ("wait 2 hours then send", 2, "hours", "wait"),
    ("after 45 minutes", 45, "minutes", "after"),
    ("in 30 minutes", 30, "minutes", "in"),
    ("half an hour later", 30, "minutes", "later"),
    ("a couple of days later", 2, "days", "later"),
    ("the next day", 1, "days", "later"),
    ("if no answer within 2 days", 2, "days", "within"),
    ("1 month later", 30, "days", "later"),
    ("三日後", 3, "days", "later"),
    ("3日後", 3, "days", "later"),
    ("1週間後", 1, "weeks", "later"),
    ("30分後", 30, "minutes", "later"),
    ("2時間後", 2, "hours", "later"),
    ("十日後", 10, "days", "later"),
    ("翌日", 1, "days", "later"),
    ("3日以内に回答がなければ", 3, "days", "within"),
    ("３日後", 3, "days", "later"),
])
def test_durations(text: str, amount: int, unit: str, intro: str) -> None:
    from agent.providers.offline.text import normalise

    found = find_durations(normalise(text))
    assert [(d.amount, d.unit, d.intro) for d in found] == [(amount, unit, intro)]


def test_no_duration_in_plain_text() -> None:
    assert find_durations("send a message to a friend") == []


@pytest.mark.parametrize(("word", "n"), [("三", 3), ("十", 10), ("二十四", 24), ("three", 3),
                                         ("12", 12), ("百", 100)])
def test_numbers(word: str, n: int) -> None:
    assert parse_number(word) == n


def test_quotes_keep_apostrophes_as_text() -> None:
    quotes = find_quotes("don't send 'VIP' to friend's “list” or 「クーポン」")
    assert [q.text for q in quotes] == ["VIP", "list", "クーポン"]
