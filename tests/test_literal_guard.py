"""Necessary-literal guards (core/literal_guard.py): a guard may only skip scans that find nothing.

Every guard in use is checked three ways: on strings generated to match its pattern (case
changes and Unicode case twins included), on every sentence of the sample corpus and the dev
packs, and against the derivation's contract on hand-written patterns."""

from __future__ import annotations

import random
import re
import re._constants as C  # noqa: N812
import re._parser as P  # noqa: N812
from pathlib import Path

import pytest

from policydesk.core import clause_logic, condition_reading, dates, definitions, numwords, reading
from policydesk.core.literal_guard import CASE_TWINS, GuardedPattern, fold, guarded, passes, required_literals
from policydesk.core.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]


def _guarded_in_use() -> list[tuple[str, re.Pattern[str], tuple]]:
    """(name, compiled pattern, guard) of every guard the reader uses."""
    out = []
    for kind in ("reject", "restrict", "approve"):
        out += [(f"reading.{kind}[{i}]", p, (frozenset(first),) + rest) for i, (first, rest, p) in enumerate(reading._cue_table(kind))]
    for mod in (reading, condition_reading, numwords, clause_logic, dates, definitions):
        for name, value in vars(mod).items():
            values = value if isinstance(value, tuple) else (value,)
            for i, v in enumerate(values):
                v = v[1] if isinstance(v, tuple) and len(v) == 2 else v
                if isinstance(v, GuardedPattern):
                    out.append((f"{mod.__name__.split('.')[-1]}.{name}[{i}]", v.compiled, v.guard))
    return out


GUARDS = _guarded_in_use()


def test_guards_are_in_use():
    assert len(GUARDS) > 100
    # The decision cues all have a guard: each names at least one word it cannot match without.
    assert all(g for name, _, g in GUARDS if name.startswith("reading.") and "[" in name)


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\bprohibited\b", re.I, [{"prohibited"}]),
        (r"\bprohibits?\b", re.I, [{"prohibit"}]),
        (r"\bnot (?:be )?(?:allowed|permitted)\b", re.I, [{"allowed", "permitted"}, {"not allowed", "not permitted", "not be allowed", "not be permitted"}]),
        (r"\bnot acceptable\b|\bunacceptable\b", re.I, [{"not acceptable", "unacceptable"}]),
        (r"\b\d{1,2}\+", 0, [{"+"}, set("0123456789")]),
        (r"(?-i:\bmay\b|^May\b)(?! not)", re.I, [{"may"}]),  # lower-cased: the text is folded too
        (r"\w+ing\b", 0, [{"ing"}]),
        (r"\w+|only", 0, []),  # a branch that needs nothing makes the whole need nothing
        (r"(?:must )?comply", 0, [{"comply"}]),  # an optional word is not required
        (r"[^a]+", 0, []),
    ],
)
def test_derivation(pattern, flags, expected):
    assert [set(c) for c in required_literals(pattern, flags)] == expected


def test_case_twins_are_every_non_ascii_character_an_ascii_letter_matches():
    """With IGNORECASE an ASCII letter also matches a few characters outside ASCII; `fold`
    must refuse every text holding one, so the table is checked against every code point."""
    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    twins = {ch for letter in "abcdefghijklmnopqrstuvwxyz" for ch in re.findall(letter, every, re.IGNORECASE)}
    assert twins == set(CASE_TWINS)


def test_fold_refuses_texts_a_guard_cannot_judge():
    assert fold("Ads MUST not") == "ads must not"
    assert fold("“Quoted” — dash") == "“quoted” — dash"  # other non-ASCII characters are fine
    assert fold("PROHİBİTED") is None  # İ matches i under IGNORECASE, but lowers to two characters
    assert fold("muſt not") is None
    assert fold("aged ١٨ or over") is None  # \d matches Arabic-Indic digits
    assert re.search(r"\bprohibited\b", "PROHİBİTED", re.I)  # why: the regex does match it
    assert passes(required_literals(r"\bprohibited\b", re.I), fold("PROHİBİTED"))


def _sample(node_list, rng: random.Random, flags: int) -> str:
    out = []
    for op, av in node_list:
        if op is C.LITERAL:
            ch = chr(av)
            choices = [ch]
            if flags & re.I:
                choices += [ch.upper(), ch.lower()] + [t for t in CASE_TWINS if re.fullmatch(re.escape(ch), t, re.I)]
            out.append(rng.choice(choices))
        elif op is C.NOT_LITERAL:
            out.append(rng.choice([c for c in "xq ,.-7" if ord(c) != av]))
        elif op is C.ANY:
            out.append(rng.choice("ab ,.1-"))
        elif op is C.IN:
            members = [m for m in av if m[0] is not C.NEGATE]
            if len(members) < len(av) or not members:
                out.append(rng.choice("zq ,.;:-9()"))
                continue
            kind, val = rng.choice(members)
            if kind is C.LITERAL:
                out.append(chr(val))
            elif kind is C.RANGE:
                out.append(chr(rng.randint(*val)))
            elif val is C.CATEGORY_DIGIT:
                out.append(rng.choice("0123456789\u0663"))
            elif val is C.CATEGORY_SPACE:
                out.append(" ")
            else:
                out.append(rng.choice("abcXYZ_9"))
        elif op is C.BRANCH:
            out.append(_sample(rng.choice(av[1]), rng, flags))
        elif op is C.SUBPATTERN:
            out.append(_sample(av[-1], rng, (flags | (av[1] or 0)) & ~(av[2] or 0)))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            n = rng.randint(lo, min(hi, lo + 3))
            out.extend(_sample(sub, rng, flags) for _ in range(n))
        elif op is C.CATEGORY:
            out.append({C.CATEGORY_DIGIT: "5", C.CATEGORY_SPACE: " "}.get(av, "w"))
        elif op is C.ASSERT and av[0] == 1:
            out.append(_sample(av[1], rng, flags))  # a lookahead's text follows the match
        # AT, lookbehinds, ASSERT_NOT: zero width; the match check keeps what satisfies them
    return "".join(out)


def test_every_guard_passes_on_strings_generated_to_match_its_pattern():
    rng = random.Random(16)
    for name, pattern, guard in GUARDS:
        tree = P.parse(pattern.pattern, pattern.flags)
        matched = 0
        for k in range(150):
            text = _sample(tree, rng, pattern.flags)
            if k % 2:  # in a sentence (half the time bare, for anchored patterns)
                text = rng.choice(["", "The ", "x. ", "In France, "]) + text + rng.choice(["", " ads.", ", and so on"])
            if pattern.search(text):
                matched += 1
                assert passes(guard, fold(text)), (name, text, guard)
        assert matched, f"{name}: no generated string matched, so its guard went untested"


def _sentences() -> list[str]:
    dirs = [ROOT / "corpus"] + [ROOT / "tests" / "fixtures" / d / "policies" for d in ("blind_dev", "blind_dev2", "blind_dev3", "blind_dev4", "blind_dev5", "blind_dev6", "blind_dev7")]
    texts = []
    for d in dirs:
        for f in sorted(d.rglob("*")):
            if f.suffix in (".md", ".txt", ".html"):
                texts += [s.text for s in split_sentences(f.read_text(encoding="utf-8"))]
    return texts


def test_guards_never_skip_a_match_in_the_corpus_and_dev_packs():
    sentences = _sentences()
    assert len(sentences) > 500
    hits = 0
    for name, pattern, guard in GUARDS:
        for s in sentences:
            for text in (s, s.lower(), " ".join(s.split())):
                if pattern.search(text):
                    hits += 1
                    assert passes(guard, fold(text)), (name, text, guard)
    assert hits > 1000


def test_a_guarded_pattern_finds_what_its_pattern_finds():
    sentences = _sentences()[:400]
    for raw in (r"\b(?:must|may) not\b", r"(\d+)\s*(?:days|%)", r"\baged? (\d{1,2})\+?"):
        g, p = guarded(raw, re.I), re.compile(raw, re.I)
        for s in sentences:
            assert [m.span() for m in g.finditer(s)] == [m.span() for m in p.finditer(s)]
            assert g.sub("#", s) == p.sub("#", s)
            assert bool(g.search(s, 3)) == bool(p.search(s, 3))
            assert g.findall(s) == p.findall(s)
    assert guarded(r"\bmust\b").pattern == r"\bmust\b"
