"""A/B splits: "split new friends 70/30: 70% get …, 30% get …", "half get 'A', the other half
get 'B'", 「半分ずつに分けて、Aには「…」、Bには「…」を送る」 → an `action.ab_split` step."""

from __future__ import annotations

from agent.providers.offline.goal import Goal
from agent.providers.offline.plan import Arm, Step
from agent.providers.offline.variants import RATIO

_NAMES = "ABCDE"


def percents(goal: Goal, given: list[int | None]) -> list[int]:
    """The variants' shares: said per variant, from a ratio ("70/30"), or equal."""
    n = len(given)
    ratio = RATIO.search(goal.masked)
    if ratio:
        parts = [int(x) for x in ratio.groups() if x]
        if len(parts) == n and sum(parts) == 100 and all(p is None or p == q for p, q in
                                                          zip(given, parts, strict=True)):
            return parts
    known = sum(p for p in given if p is not None)
    missing = [i for i, p in enumerate(given) if p is None]
    out = [p or 0 for p in given]
    if missing:
        share, extra = divmod(100 - known, len(missing))
        for j, i in enumerate(missing):
            out[i] = share + (1 if j < extra else 0)
    if sum(out) != 100 or any(p <= 0 for p in out):
        said = " / ".join(f"{p}%" for p in out)
        goal.ask("ab_split", f"The split you gave ({said}) does not add up to 100%. How should "
                 "friends be split?",
                 f"指定の割合（{said}）の合計が100%になりません。どう分けますか？",
                 [" / ".join(["50%"] * 2) if n == 2 else " / ".join([f"{100 // n}%"] * n)])
    return out


def ab_split_step(goal: Goal, arms: list[Arm], pos: int) -> Step:
    if len(arms) < 2:
        goal.ask("ab_split", "How should friends be split, and what does each group get?",
                 "どのように分けて、それぞれに何を送りますか？")
    arms = arms[:5]
    given = [int(a.label) if a.label.isdigit() else None for a in arms]
    shares = percents(goal, given)
    variants = [{"label": goal.t(f"Variant {_NAMES[i]}", f"パターン{_NAMES[i]}"), "percent": p}
                for i, p in enumerate(shares)]
    for arm, v in zip(arms, variants, strict=True):
        arm.label = v["label"]
    goal.note("Each friend always gets the same variant; compare the variants' results in the "
              "execution history.",
              "友だちごとに同じパターンが送られます。結果は実行履歴で比べられます。")
    return Step("action.ab_split", {"variants": variants}, pos,
                goal.t("A/B " + "/".join(str(p) for p in shares),
                       "A/Bテスト " + "/".join(str(p) for p in shares)), arms=arms)
