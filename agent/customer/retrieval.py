"""BM25 over FAQ entries (question weighted above answer), with a coverage-based confidence.

BM25 scores are not comparable across queries, so "do we know this?" is decided by coverage:
the share of the query's information (IDF-weighted terms) that the best entry contains. A
query whose rare words appear nowhere in the FAQ has low coverage however high its score.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from agent.customer.text import tokens

K1 = 1.2
B = 0.75
QUESTION_WEIGHT = 2  # a match in the question says more than one in the answer
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class Entry:
    id: int
    question: str
    answer: str


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float
    coverage: float

    @property
    def confident(self) -> bool:
        return self.coverage >= MIN_COVERAGE


class FaqIndex:
    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.docs: list[Counter[str]] = []
        for e in entries:
            tf: Counter[str] = Counter()
            for t in tokens(e.question):
                tf[t] += QUESTION_WEIGHT
            tf.update(tokens(e.answer))
            self.docs.append(tf)
        self.lengths = [sum(d.values()) for d in self.docs]
        self.avg_len = (sum(self.lengths) / len(self.lengths)) if self.lengths else 0.0
        df: Counter[str] = Counter()
        for d in self.docs:
            df.update(d.keys())
        self.df = df

    def idf(self, term: str) -> float:
        n = len(self.docs)
        return math.log(1 + (n - self.df.get(term, 0) + 0.5) / (self.df.get(term, 0) + 0.5))

    def _weight(self, term: str) -> float:
        # A lone kanji is usually a verb stem (知りたい → 知, 使えますか → 使): it should not
        # decide on its own whether the FAQ covers a question.
        return self.idf(term) * (0.3 if len(term) == 1 else 1.0)

    def _score(self, query: list[str], i: int) -> float:
        doc, length = self.docs[i], self.lengths[i]
        score = 0.0
        for term in query:
            tf = doc.get(term, 0)
            if tf:
                norm = tf + K1 * (1 - B + B * length / (self.avg_len or 1))
                score += self.idf(term) * tf * (K1 + 1) / norm
        return score

    def search(self, text: str, limit: int = 3) -> list[Hit]:
        query = list(dict.fromkeys(tokens(text)))  # each term once: repetition is not meaning
        if not query or not self.docs:
            return []
        total = sum(self._weight(t) for t in query)
        hits = []
        for i, entry in enumerate(self.entries):
            score = self._score(query, i)
            if score <= 0:
                continue
            covered = sum(self._weight(t) for t in query if t in self.docs[i])
            hits.append(Hit(entry, score, covered / total if total else 0.0))
        hits.sort(key=lambda h: (h.score, h.coverage), reverse=True)
        return hits[:limit]
