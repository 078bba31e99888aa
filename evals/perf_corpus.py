"""Benchmark inputs: the sample corpus replicated into a bigger, varied corpus, and questions.

Replicas must not repeat a chunk: identical text would let a pipeline (or Chroma) take
shortcuts a real corpus never offers, and would flatter the "unchanged re-ingest" figure.
So every prose line of every replica gets its own seeded "reviewer note" sentence and every
replica its own policy ids. The PDF is kept once (as in the original folder): its text
cannot be edited without re-rendering it, and it is a small share of the chunks.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from policydesk.core.types import Filters

VOCAB = (
    "creative landing audience claim offer pricing disclaimer testimonial influencer banner video "
    "carousel retargeting geotargeting promotion voucher sponsorship endorsement comparison guarantee "
    "subscription trial refund checkout sweepstake loyalty bundle preview thumbnail caption hashtag "
    "storefront catalogue livestream podcast newsletter billboard kiosk partner affiliate reseller"
).split()
TEAMS = ("regional review", "escalations desk", "legal liaison", "market compliance", "trust and safety", "vendor QA")
MARKETS = ("SG", "MY", "TH", "ID", "PH", "VN", "JP", "KR", "AU", "GB", "DE", "FR", "US", "BR", "IN")

TEXT_SUFFIXES = (".md", ".txt", ".html", ".htm")
_HTML_CLOSE = re.compile(r"</(p|li)>")


@dataclass
class BenchQuestion:
    text: str
    filters: Filters | None


def _note(rng: random.Random, replica: int, k: int) -> str:
    words = rng.sample(VOCAB, 3)
    return (
        f"Reviewer note {replica}-{k}: {words[0]} and {words[1]} cases for {rng.choice(MARKETS)} "
        f"go to the {rng.choice(TEAMS)} team with the {words[2]} evidence."
    )


def vary_text(text: str, suffix: str, replica: int, rng: random.Random) -> str:
    """One replica of a policy file: a unique note on each prose line, its own policy id."""
    out: list[str] = []
    k = 0
    in_front = False
    for i, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if suffix == ".md" and ((i == 0 and stripped == "---") or (in_front and stripped in ("---", "..."))):
            in_front = i == 0
            out.append(line)
            continue
        if in_front:
            if stripped.startswith("policy_id:"):
                line = f"{line.rstrip()}-R{replica:03d}"
            out.append(line)
            continue
        if suffix in (".html", ".htm"):
            if _HTML_CLOSE.search(line) and not stripped.lower().startswith("<p>we use cookies"):
                k += 1
                line = _HTML_CLOSE.sub(lambda m: f" {_note(rng, replica, k)}</{m.group(1)}>", line, count=1)
            out.append(line)
            continue
        is_heading = stripped.startswith("#") or stripped.startswith("|") or len(stripped) < 40
        if not is_heading:
            k += 1
            line = f"{line.rstrip()} {_note(rng, replica, k)}"
        out.append(line)
    return "\n".join(out)


def replicate_corpus(src: Path, dest: Path, min_chunks: int, settings, seed: int = 7) -> int:
    """Fill `dest` with varied replicas of `src` until they make `min_chunks` chunks; returns the count.

    Replica 0 also keeps the files that cannot be varied (the PDF). Even replica 0's text is
    varied: the sample corpus itself repeats clauses between two versions of one policy.
    """
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    rng = random.Random(seed)
    total = 0
    r = 0
    while total < min_chunks:
        rdir = dest / f"r{r:03d}"
        rdir.mkdir()
        for f in sorted(src.iterdir()):
            if not f.is_file():
                continue
            if f.suffix.lower() in TEXT_SUFFIXES:
                (rdir / f.name).write_text(vary_text(f.read_text(encoding="utf-8"), f.suffix.lower(), r, rng), encoding="utf-8")
            elif r == 0:
                shutil.copy2(f, rdir / f.name)
        total += count_chunks(rdir, settings)
        r += 1
    return total


def count_chunks(src: Path, settings) -> int:
    """Chunks one copy of `src` makes (load + chunk only, no model), to size the replication."""
    from policydesk.ingest.chunking import chunk_document
    from policydesk.ingest.loaders import is_supported, load_document

    n = 0
    for f in sorted(src.rglob("*")):
        if f.is_file() and is_supported(f):
            n += len(chunk_document(load_document(f, src), settings.chunk_size, settings.chunk_overlap))
    return n


# --------------------------------------------------------------------------- questions

TEMPLATES = (
    "Can an ad about {topic} run?",
    "Is {topic} allowed in ads?",
    "What are the rules for {topic}?",
    "An advertiser wants to promote {topic} to young adults. Is that ok?",
    "Do we accept creatives that mention {topic}?",
    "What does the policy say on {topic} in landing pages?",
    "Which restrictions apply to {topic}?",
    "Moderator question: {topic} with a discount offer, approve or reject?",
)


def make_questions(topics: list[tuple[str, str]], n: int, seed: int = 11) -> list[BenchQuestion]:
    """`n` varied questions from (topic, policy_id) pairs; about half carry filters.

    Filters cycle through a market, a policy id, a market plus business line and an as-of
    date, so both the cheap (common) and the expensive (rare) filter paths are timed.
    """
    rng = random.Random(seed)
    out: list[BenchQuestion] = []
    seen: set[str] = set()
    attempts = 0
    while len(out) < n and attempts < n * 50:
        attempts += 1
        topic, policy_id = rng.choice(topics)
        text = rng.choice(TEMPLATES).format(topic=topic.lower())
        if rng.random() < 0.3:
            text = f"{text} The campaign targets {rng.choice(MARKETS)}."
        if text in seen:
            continue
        seen.add(text)
        kind = len(out) % 8
        filters = None
        if kind == 1 or kind == 5:
            filters = Filters(market=rng.choice(MARKETS))
        elif kind == 3:
            filters = Filters(policy_id=policy_id)
        elif kind == 7:
            filters = Filters(market=rng.choice(MARKETS), business_line="ads", as_of=date(2025, 6, 1))
        out.append(BenchQuestion(text, filters))
    return out


def topics_from_chunks(chunks) -> list[tuple[str, str]]:
    """Question topics: the last heading of each section (what moderators ask about)."""
    seen: dict[str, str] = {}
    for c in chunks:
        label = (c.section.split(" > ")[-1] if c.section else c.title).strip()
        label = re.sub(r"^\d+(\.\d+)*\.?\s*", "", label)
        if 3 <= len(label) <= 80 and label not in seen:
            seen[label] = c.policy_id
    return sorted(seen.items())
