"""Keyword matching as a marketer expects it, including Japanese full/half-width text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.events import from_line
from engine.matching import text_matches
from engine.nodes.message_received import MessageReceivedConfig, match


@pytest.mark.parametrize(("text", "keyword", "match_type", "expected"), [
    ("sale", "sale", "equals", True),
    ("Sale!", "sale", "equals", False),
    ("SALE", "sale", "equals", True),
    ("ＳＡＬＥ", "sale", "equals", True),          # full-width Latin
    ("ｾｰﾙ", "セール", "equals", True),            # half-width katakana
    ("今日のセール情報", "セール", "contains", True),
    ("今日のセール情報", "セール", "starts_with", False),
    ("セール情報", "セール", "starts_with", True),
    ("予約したい", "予約", "starts_with", True),
    ("クーポンください", "ください", "ends_with", True),
    ("クーポンください", "クーポン", "ends_with", False),
    ("  coupon  ", "coupon", "equals", True),
    ("anything", "", "contains", False),
])
def test_match_types(text: str, keyword: str, match_type: str, expected: bool) -> None:
    assert text_matches(text, keyword, match_type) is expected


def _message(text: str) -> dict[str, object]:
    return {"type": "message", "mode": "active", "timestamp": 1, "webhookEventId": "x",
            "source": {"type": "user", "userId": "U" + "0" * 32},
            "message": {"id": "1", "type": "text", "text": text}}


def test_trigger_with_several_keywords_and_any_message() -> None:
    cfg = MessageReceivedConfig(keywords=["price", "料金"], match_type="contains")
    assert match(cfg, from_line(_message("what is the PRICE?")))
    assert match(cfg, from_line(_message("料金を教えて")))
    assert not match(cfg, from_line(_message("hello")))
    assert match(MessageReceivedConfig(), from_line(_message("hello")))  # no keyword: any
    sticker = _message("x")
    sticker["message"] = {"id": "1", "type": "sticker", "packageId": "1", "stickerId": "1"}
    assert not match(MessageReceivedConfig(), from_line(sticker))


@given(st.text(max_size=50), st.text(max_size=10),
       st.sampled_from(["equals", "contains", "starts_with", "ends_with"]))
def test_matching_never_crashes_and_is_consistent(text: str, keyword: str,
                                                  match_type: str) -> None:
    result = text_matches(text, keyword, match_type)
    if result and match_type != "contains":
        assert text_matches(text, keyword, "contains")


@given(st.lists(st.tuples(st.lists(st.text(min_size=0, max_size=6), max_size=3),
                          st.sampled_from(["equals", "contains", "starts_with", "ends_with"])),
                max_size=12),
       st.text(max_size=30))
def test_keyword_index_agrees_with_the_plain_matcher(entries: list[tuple[list[str], str]],
                                                     text: str) -> None:
    """The indexed matcher (used for thousands of workflows) gives the per-trigger answer."""
    from engine.keyword_index import KeywordIndex

    index = KeywordIndex([(i, kws, mt) for i, (kws, mt) in enumerate(entries)])
    expected = [i for i, (kws, mt) in enumerate(entries)
                if not kws or any(text_matches(text, k, mt) for k in kws)]
    assert index.match(text) == expected


# --- more properties (issue 9): what marketers type vs what friends send ---------------------

MATCH_TYPES = st.sampled_from(["equals", "contains", "starts_with", "ends_with"])
ASCII = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=12)


def full_width(text: str) -> str:
    """What a Japanese keyboard in full-width mode produces for printable ASCII."""
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E else c for c in text)


@given(text=ASCII, keyword=ASCII, match_type=MATCH_TYPES)
def test_full_width_and_case_do_not_change_the_answer(text: str, keyword: str,
                                                      match_type: str) -> None:
    expected = text_matches(text, keyword, match_type)
    for variant in (full_width(text), text.upper(), text.lower(), f"  {text}\u3000"):
        assert text_matches(variant, keyword, match_type) is expected
    assert text_matches(text, full_width(keyword), match_type) is expected


@given(prefix=ASCII, keyword=ASCII.filter(lambda k: k.strip() != ""), suffix=ASCII)
def test_a_keyword_is_found_where_it_was_put(prefix: str, keyword: str, suffix: str) -> None:
    assert text_matches(keyword, keyword, "equals")
    assert text_matches(prefix + keyword + suffix, keyword, "contains")
    assert text_matches(keyword + suffix, keyword, "starts_with")
    assert text_matches(prefix + keyword, keyword, "ends_with")


@given(text=st.text(max_size=40), match_type=MATCH_TYPES,
       keywords=st.lists(st.text(max_size=8), max_size=4))
def test_a_keyword_trigger_is_any_of_its_keywords(text: str, match_type: str,
                                                  keywords: list[str]) -> None:
    """The trigger node's matcher agrees with the plain matcher for every keyword list."""
    from hypothesis import assume
    from pydantic import ValidationError

    try:
        cfg = MessageReceivedConfig(keywords=keywords, match_type=match_type)
    except ValidationError:
        assume(False)
        return
    expected = not cfg.keywords or any(text_matches(text, k, match_type) for k in cfg.keywords)
    assert match(cfg, from_line(_message(text))) is expected
