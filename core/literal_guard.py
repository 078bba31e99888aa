"""Necessary-literal guards: skip a regex scan when the text lacks a word the regex cannot match without.

Why: clause logic is read at ingest on a thread beside the encoder, and most of its cost was
regex scans that find nothing (67 decision cues per unit, ~40 condition patterns per
sentence; issue 16). `\\bprohibited\\b` cannot match a sentence that does not contain
"prohibited", and a substring test is far cheaper than a scan. Nothing here changes what a
pattern matches: a guard only ever skips a scan that would have found nothing.

How: `required_literals(pattern)` reads the pattern's parse tree (the `re` module's own parser)
and derives, with no list written by hand, a conjunction of disjunctions of lower-case ASCII
strings: every match of the pattern contains, for each clause, one of its strings. Literal
runs (with small character classes and optional words expanded, "(?:be )?allowed" ->
"allowed"), alternations (the union of one clause per branch) and repeats of at least one
are read; anything else (\\w, ., a negated class, a lookaround) requires nothing. The text is
lower-cased once for all of a unit's patterns (`fold`).

Why lower-casing is enough: with `re.IGNORECASE` an ASCII letter of a pattern matches its
other case and, in Unicode, four more characters (U+0130 İ, U+0131 ı, U+017F ſ and U+212A
Kelvin sign), and `\\d` matches every Unicode decimal digit; `fold` returns None for a text
holding any of those (or a non-ASCII digit) and callers then scan as before. For every other
text a matching substring is made of ASCII characters that `str.lower` maps one to one.
`tests/test_literal_guard.py` checks the derivation, that table against every code point, and
the guards against every pattern's matches in the corpus and dev packs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import re._constants as C  # noqa: N812 - the parser's opcode names
import re._parser as P  # noqa: N812

# Characters outside ASCII that an IGNORECASE ASCII letter matches (see the module docstring).
CASE_TWINS = frozenset("\u0130\u0131\u017f\u212a")
_MAX_EXACT = 64  # alternatives kept while expanding a literal run
_DIGITS = frozenset("0123456789")

Clause = frozenset  # of str: one of them must occur
Guard = tuple  # of Clause: all must hold


_last_fold: tuple[str, str | None] = ("", "")


def fold(text: str) -> str | None:
    """`text` lower-cased for guard tests, or None when a guard cannot be trusted on it.

    The last answer is kept: a reader tries several patterns on one string in a row. (One
    tuple, read and replaced whole, so threads may share it.)"""
    global _last_fold
    last = _last_fold
    if last[0] is text:
        return last[1]
    if text.isascii():
        low: str | None = text.lower()
    elif any(ch in CASE_TWINS or (ord(ch) > 127 and ch.isdigit()) for ch in set(text)):
        low = None
    else:
        low = text.lower()
    _last_fold = (text, low)
    return low


@dataclass
class _Info:
    exact: frozenset[str] | None  # every string the node can match, when few and known
    clauses: list[frozenset[str]]  # what any match must contain, each a clause (AND of ORs)

    def as_clauses(self) -> list[frozenset[str]]:
        own = [self.exact] if self.exact is not None and "" not in self.exact else []
        return own + [c for c in self.clauses if "" not in c]


_EMPTY = _Info(frozenset({""}), [])
_ANY = _Info(None, [])


def _char(code: int) -> str | None:
    return chr(code).lower() if code < 128 else None


def _in(items: list) -> _Info:
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            ch = _char(av)
            if ch is None:
                return _ANY
            chars.add(ch)
        elif op is C.RANGE:
            lo, hi = av
            if hi >= 128 or hi - lo > 26:
                return _ANY
            chars.update(chr(c).lower() for c in range(lo, hi + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            chars.update(_DIGITS)
        else:  # NEGATE, other categories
            return _ANY
    return _Info(frozenset(chars), []) if len(chars) <= 10 else _ANY


def _product(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    if len(a) * len(b) > _MAX_EXACT:
        return None
    return frozenset(x + y for x in a for y in b)


def _score(clause: frozenset[str]) -> tuple[bool, int, int]:
    """How good a clause is as a guard: a few strings (each is one substring test), then long
    strings (rare in prose) up to a point, then fewer strings."""
    return (len(clause) <= 6, min(min(len(s) for s in clause), 6), -len(clause))


def _best(clauses: list[frozenset[str]]) -> frozenset[str] | None:
    return max(clauses, key=_score) if clauses else None


def _seq(items: Iterable) -> _Info:
    """A concatenation: the run of known strings it can match, and every clause any part needs."""
    run: frozenset[str] | None = frozenset({""})  # all strings of the items so far, while few
    all_exact = True
    clauses: list[frozenset[str]] = []
    word = ""  # consecutive plain characters: a necessary string by itself
    for item in items:
        info = _node(item)
        if item[0] is C.LITERAL and info.exact is not None:
            word += next(iter(info.exact))
        else:
            if word:
                clauses.append(frozenset({word}))
            word = ""
            clauses += info.as_clauses()
        joined = _product(run, info.exact) if run is not None and info.exact is not None else None
        if joined is not None:
            run = joined
            continue
        # The run ends here: what it must contain is one clause; a new run may start.
        all_exact = False
        if run is not None and "" not in run:
            clauses.append(run)
        run = info.exact if info.exact is not None else frozenset({""})
    if word:
        clauses.append(frozenset({word}))
    if all_exact:
        return _Info(run, clauses)
    if run is not None and "" not in run:
        clauses.append(run)
    return _Info(None, clauses)


def _branch(alternatives: Sequence) -> _Info:
    infos = [_seq(alt) for alt in alternatives]
    picked: set[str] = set()
    for info in infos:
        best = _best(info.as_clauses())
        if best is None:
            picked = set()
            break
        picked |= best
    clauses = [frozenset(picked)] if picked else []
    if all(i.exact is not None for i in infos):
        union = frozenset().union(*(i.exact for i in infos))
        if len(union) <= _MAX_EXACT:
            return _Info(union, clauses)
    return _Info(None, clauses)


def _repeat(lo: int, hi: int, item) -> _Info:
    info = _seq(item)
    if lo == 0:
        if hi == 1 and info.exact is not None:
            return _Info(info.exact | {""}, [])
        return _ANY
    if info.exact is not None and lo == hi and lo <= 3:
        out: frozenset[str] | None = frozenset({""})
        for _ in range(lo):
            out = _product(out, info.exact) if out is not None else None
        if out is not None:
            return _Info(out, info.clauses)
    return _Info(None, info.as_clauses())


def _node(item) -> _Info:
    op, av = item
    if op is C.LITERAL:
        ch = _char(av)
        return _Info(frozenset({ch}), []) if ch is not None else _ANY
    if op is C.IN:
        return _in(av)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return _EMPTY  # zero width: consumes nothing, so contributes nothing
    if op is C.SUBPATTERN:
        return _seq(av[-1])
    if op is C.BRANCH:
        return _branch(av[1])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        return _repeat(lo, hi, sub)
    if op is C.ATOMIC_GROUP:
        return _seq(av)
    return _ANY  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, conditional groups …


def _minimal(clause: frozenset[str]) -> frozenset[str]:
    """Drop strings that contain another of the clause's strings (implied by it)."""
    return frozenset(s for s in clause if not any(o != s and o in s for o in clause))


GUARD_CLAUSES = 2  # the best clause, then one more tested only when the first holds


def required_literals(pattern: str | re.Pattern[str], flags: int = 0) -> Guard:
    """What every match of `pattern` contains, as clauses of lower-case strings (every clause
    holds: one string of each occurs); () when nothing can be said."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    candidates = {_minimal(c) for c in _seq(P.parse(pattern, flags)).as_clauses() if c}
    ranked = sorted(candidates, key=lambda c: (_score(c), sorted(c)), reverse=True)
    # A later clause is tested only when the ones before it hold; a long one costs more than it saves.
    return tuple(ranked[:1] + [c for c in ranked[1:GUARD_CLAUSES] if len(c) <= 12])


def passes(guard: Guard, low: str | None) -> bool:
    """May the pattern match the text whose `fold` is `low`? (None: cannot tell, so yes.)"""
    if low is None:
        return True
    for clause in guard:
        for s in clause:
            if s in low:
                break
        else:
            return False
    return True


class GuardedPattern:
    """A compiled pattern that skips its scan when its guard fails; same results as the pattern.

    `search`, `match`, `finditer`, `findall` and `sub` are guarded (on the whole string, so
    also with `pos`/`endpos`: a match inside a slice is a substring of the string); any other
    attribute is the compiled pattern's. The guard is derived on first use, not at import."""

    __slots__ = ("_re", "_guard")

    def __init__(self, pattern: str | re.Pattern[str], flags: int = 0) -> None:
        self._re = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
        self._guard: Guard | None = None

    @property
    def guard(self) -> Guard:
        if self._guard is None:
            self._guard = required_literals(self._re)
        return self._guard

    @property
    def compiled(self) -> re.Pattern[str]:
        return self._re

    def may_match(self, text: str) -> bool:
        guard = self._guard if self._guard is not None else self.guard
        if not guard:
            return True
        last = _last_fold  # `fold`'s kept answer, read inline: this runs for every scan
        low = last[1] if last[0] is text else fold(text)
        if low is None:
            return True
        for clause in guard:  # `passes`, inlined
            for s in clause:
                if s in low:
                    break
            else:
                return False
        return True

    # `search` and `finditer` are most of the reader's scans (~130,000 of ~170,000 on the
    # benchmark corpus): each carries `may_match`'s body itself rather than calling it, one
    # Python call less per scan (same test, same result).
    def search(self, text: str, *args):
        guard = self._guard if self._guard is not None else self.guard
        if guard:
            last = _last_fold
            low = last[1] if last[0] is text else fold(text)
            if low is not None:
                for clause in guard:
                    for s in clause:
                        if s in low:
                            break
                    else:
                        return None
        return self._re.search(text, *args)

    def match(self, text: str, *args):
        return self._re.match(text, *args) if self.may_match(text) else None

    def finditer(self, text: str, *args):
        guard = self._guard if self._guard is not None else self.guard
        if guard:
            last = _last_fold
            low = last[1] if last[0] is text else fold(text)
            if low is not None:
                for clause in guard:
                    for s in clause:
                        if s in low:
                            break
                    else:
                        return iter(())
        return self._re.finditer(text, *args)

    def findall(self, text: str, *args):
        return self._re.findall(text, *args) if self.may_match(text) else []

    def sub(self, repl, text: str, count: int = 0):
        return self._re.sub(repl, text, count) if self.may_match(text) else text

    def __getattr__(self, name: str):
        return getattr(self._re, name)

    def __repr__(self) -> str:
        return f"guarded({self._re!r})"


def guarded(pattern: str, flags: int = 0) -> GuardedPattern:
    return GuardedPattern(pattern, flags)


__all__ = ["CASE_TWINS", "GuardedPattern", "fold", "guarded", "passes", "required_literals"]
