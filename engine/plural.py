"""English counts that agree with their noun: "1 day", "2 days", "1 branch", "3 branches".

Japanese needs no plural, so the bilingual texts only ask this for their English half.
"""

from __future__ import annotations


def plural(n: int | float, one: str, other: str | None = None) -> str:
    """The noun for `n`: `one` for exactly 1 (English's only singular count), else `other`
    (by default `one` + "s")."""
    return one if n == 1 else (other if other is not None else one + "s")


def counted(n: int | float, one: str, other: str | None = None) -> str:
    """`n` and its noun: counted(1, "day") == "1 day", counted(2, "branch", "branches")."""
    return f"{n} {plural(n, one, other)}"
