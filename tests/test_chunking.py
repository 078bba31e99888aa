"""Chunking of long prose sections along their own paragraphs, on real loaded files."""

from __future__ import annotations

from policydesk.ingest.chunking import SPLIT_TARGET, chunk_document, chunk_id, embedding_text
from policydesk.ingest.loaders import load_document


def _para(i: int, n: int = 4) -> str:
    return " ".join(f"Paragraph {i} rule {j}: advertisers must keep record {i}-{j} for audit." for j in range(n))


def _load(tmp_path, body: str, name: str = "privacy.txt"):
    f = tmp_path / name
    f.write_text(f"Privacy Policy\n\n{body}\n", encoding="utf-8")
    return load_document(f, tmp_path)


def test_long_section_is_cut_on_paragraph_boundaries(tmp_path):
    paras = [_para(i, n=2 + i % 3) for i in range(12)]  # 150-300 chars each, 2.6k in all
    doc = _load(tmp_path, "\n\n".join(paras))
    (section,) = doc.sections
    chunks = chunk_document(doc)
    assert len(chunks) >= 4
    for c in chunks:
        assert c.text in section.text, "chunks are verbatim slices (citations quote them)"
        assert len(c.text) <= SPLIT_TARGET
        # every line of a chunk is a whole paragraph: none starts or ends mid-paragraph
        assert all(line.strip() in paras for line in c.text.split("\n"))
    # every paragraph lands in exactly one chunk, in order, without overlap
    assert [p for c in chunks for p in c.text.split("\n")] == paras
    # greedy grouping: no two neighbours would have fitted in one chunk
    for a, b in zip(chunks, chunks[1:]):
        assert len(a.text) + 1 + len(b.text.split("\n")[0]) > SPLIT_TARGET


def test_overlong_paragraph_is_cut_alone_between_sentences(tmp_path):
    short_before, short_after = _para(0, 1), _para(99, 1)
    long_para = _para(1, 40)  # ~2.9k characters, one paragraph
    doc = _load(tmp_path, "\n\n".join([short_before, long_para, short_after]))
    chunks = chunk_document(doc)
    texts = [c.text for c in chunks]
    assert texts[0] == short_before and texts[-1] == short_after, "short paragraphs are not glued to fragments"
    middle = texts[1:-1]
    assert len(middle) >= 4 and all(len(t) <= SPLIT_TARGET for t in middle)
    assert all(t in long_para and t.endswith(".") for t in middle), "cuts fall between sentences"


def test_section_that_fits_keeps_its_single_chunk_and_id(tmp_path):
    f = tmp_path / "short.md"
    f.write_text("# Short Policy\n## Rule {#S-1 decision=reject}\nAds for fireworks are not allowed.\n")
    doc = load_document(f, tmp_path)
    a = chunk_document(doc)
    b = chunk_document(doc, split_target=200)
    assert [c.id for c in a] == [c.id for c in b], "the split target only matters for long sections"
    (rule,) = [c for c in a if c.clause_id == "S-1"]
    assert rule.text == "Ads for fireworks are not allowed."
    assert rule.id == chunk_id("short.md", embedding_text(rule), 0)


def test_split_target_never_exceeds_chunk_size(tmp_path):
    doc = _load(tmp_path, "\n\n".join(_para(i, 3) for i in range(10)))
    chunks = chunk_document(doc, chunk_size=300, chunk_overlap=30)
    assert chunks and all(len(c.text) <= 300 for c in chunks)
    assert [c.position for c in chunks] == list(range(len(chunks)))
