"""Pure node logic: delay send windows and branch conditions."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from engine.nodes.branch import BranchConfig, choose
from engine.nodes.delay import DelayConfig, SendWindow, wake_time


def test_delay_wakes_after_duration() -> None:
    now = datetime(2026, 1, 1, 0, 0, tzinfo=UTC)
    assert wake_time(DelayConfig(amount=3, unit="days"), now, "Asia/Tokyo") == \
        datetime(2026, 1, 4, 0, 0, tzinfo=UTC)
    assert wake_time(DelayConfig(amount=90, unit="minutes"), now, "Asia/Tokyo") == \
        datetime(2026, 1, 1, 1, 30, tzinfo=UTC)


def test_delay_send_window_moves_to_next_opening_in_account_timezone() -> None:
    window = SendWindow(start="09:00", end="21:00")
    # 13:00 UTC + 10 h = 23:00 UTC = 08:00 JST: before opening → 09:00 JST (00:00 UTC).
    now = datetime(2026, 1, 1, 13, 0, tzinfo=UTC)
    wake = wake_time(DelayConfig(amount=10, unit="hours", send_window=window), now,
                     "Asia/Tokyo")
    assert wake == datetime(2026, 1, 2, 0, 0, tzinfo=UTC)
    # Inside the window: unchanged.
    now = datetime(2026, 1, 1, 1, 0, tzinfo=UTC)  # 10:00 JST
    wake = wake_time(DelayConfig(amount=1, unit="hours", send_window=window), now,
                     "Asia/Tokyo")
    assert wake == datetime(2026, 1, 1, 2, 0, tzinfo=UTC)
    # 22:00 JST: after closing → next day 09:00 JST.
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)  # 21:00 JST
    wake = wake_time(DelayConfig(amount=1, unit="hours", send_window=window), now,
                     "Asia/Tokyo")
    assert wake == datetime(2026, 1, 2, 0, 0, tzinfo=UTC)


def _friend(tags: list[int], **attributes: object) -> SimpleNamespace:
    return SimpleNamespace(tags=[SimpleNamespace(id=t) for t in tags], attributes=attributes,
                           display_name="Aiko")


def test_branch_picks_first_arm_that_holds() -> None:
    cfg = BranchConfig.model_validate({"branches": [
        {"label": "VIP", "conditions": [{"kind": "tag", "tag_id": 1, "op": "has"}]},
        {"label": "Big spender", "match": "all", "conditions": [
            {"kind": "attribute", "attribute": "spent", "op": "gte", "value": "10000"},
            {"kind": "attribute", "attribute": "city", "op": "equals", "value": "Tokyo"}]},
        {"label": "Answered", "match": "any", "conditions": [
            {"kind": "attribute", "attribute": "interest", "op": "contains", "value": "sale"},
            {"kind": "attribute", "attribute": "email", "op": "is_set"}]},
    ]})
    assert choose(cfg, _friend([1])) == "branch-1"  # type: ignore[arg-type]
    assert choose(cfg, _friend([], spent="12000", city="tokyo")) == "branch-2"  # type: ignore[arg-type]
    assert choose(cfg, _friend([], spent="900", city="Tokyo")) == "else"  # type: ignore[arg-type]
    assert choose(cfg, _friend([], spent="abc", city="Tokyo")) == "else"  # type: ignore[arg-type]
    assert choose(cfg, _friend([], interest="Summer SALE")) == "branch-3"  # type: ignore[arg-type]
    assert choose(cfg, _friend([], email="a@b.c")) == "branch-3"  # type: ignore[arg-type]
    assert choose(cfg, _friend([2])) == "else"  # type: ignore[arg-type]
    has_not = BranchConfig.model_validate({"branches": [
        {"conditions": [{"kind": "tag", "tag_id": 1, "op": "has_not"}]}]})
    assert choose(has_not, _friend([])) == "branch-1"  # type: ignore[arg-type]
    assert choose(has_not, _friend([1])) == "else"  # type: ignore[arg-type]
