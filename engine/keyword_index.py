"""Keyword triggers matched in time linear in the message, not in the number of workflows.

- equals: one dict lookup of the normalised text;
- starts_with / ends_with: a dict lookup per prefix / suffix length that some keyword has;
- contains: an Aho-Corasick automaton (pyahocorasick) over all "contains" keywords;
- no keyword: fires on every text message.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import ahocorasick

from engine.matching import normalise


class KeywordIndex:
    def __init__(self, entries: Sequence[tuple[Any, Sequence[str], str]]):
        """entries: (payload, keywords, match type), in priority order."""
        self.payloads = [payload for payload, _, _ in entries]
        self.any: list[int] = []
        self.equals: dict[str, list[int]] = defaultdict(list)
        self.starts: dict[str, list[int]] = defaultdict(list)
        self.ends: dict[str, list[int]] = defaultdict(list)
        self._contains = ahocorasick.Automaton()
        contains: dict[str, list[int]] = defaultdict(list)
        for i, (_, keywords, match_type) in enumerate(entries):
            normalised = [k for k in (normalise(k) for k in keywords) if k]
            if not keywords:
                self.any.append(i)
            for k in normalised:
                {"equals": self.equals, "starts_with": self.starts, "ends_with": self.ends,
                 "contains": contains}[match_type][k].append(i)
        for k, ids in contains.items():
            self._contains.add_word(k, ids)
        self._has_contains = bool(contains)
        if self._has_contains:
            self._contains.make_automaton()
        self.start_lengths = sorted({len(k) for k in self.starts})
        self.end_lengths = sorted({len(k) for k in self.ends})

    def match(self, text: str) -> list[Any]:
        t = normalise(text)
        hits: set[int] = set(self.any)
        hits.update(self.equals.get(t, ()))
        for n in self.start_lengths:
            if n > len(t):
                break
            hits.update(self.starts.get(t[:n], ()))
        for n in self.end_lengths:
            if n > len(t):
                break
            hits.update(self.ends.get(t[-n:], ()))
        if self._has_contains and t:
            for _, ids in self._contains.iter(t):
                hits.update(ids)
        return [self.payloads[i] for i in sorted(hits)]
