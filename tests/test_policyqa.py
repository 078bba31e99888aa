"""PolicyQA benchmark plumbing on a tiny hand-made SQuAD file, through both real pipelines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policydesk.cli.main import app
from policydesk.core.errors import InputError
from policydesk.evals.policyqa import hits, load_squad, sample_questions

TINY = Path(__file__).parent / "fixtures" / "evals" / "tiny_squad.json"


def test_load_squad_joins_paragraphs_per_policy():
    s = load_squad(TINY)
    assert [p.title for p in s.policies] == ["shop.example", "news.example"]
    assert s.policies[0].text.count("\n\n") == 1  # two paragraphs, one blank line between
    assert len(s.questions) == 7 and {q.policy for q in s.questions} == {"shop.example", "news.example"}


def test_hit_is_span_within_the_character_budget():
    pieces = ["a" * 990, "The Answer\n  is   HERE", "tail"]
    assert hits(pieces, ["the answer is here"], (1000, 2000)) == {1000: False, 2000: True}
    assert hits(["x" * 5, "the answer is here"], ["The  answer is here"], (30,)) == {30: True}
    assert hits(["nothing"], ["absent"], (1000,)) == {1000: False}


def test_sampling_is_deterministic_and_in_file_order():
    qs = load_squad(TINY).questions
    a, b = sample_questions(qs, 4), sample_questions(qs, 4)
    assert [q.id for q in a] == [q.id for q in b]
    assert len(a) == 4 and [q.id for q in a] == sorted((q.id for q in a), key=lambda i: int(i[1:]))
    assert sample_questions(qs, None) == qs and sample_questions(qs, 100) == qs
    with pytest.raises(InputError):
        sample_questions(qs, 0)


@pytest.mark.parametrize(
    "content, message",
    [("{", "not valid JSON"), ('{"data": []}', "non-empty top-level `data`"), ('{"data": [{"paragraphs": []}]}', "needs `title`")],
)
def test_bad_files(tmp_path, content, message):
    p = tmp_path / "bad.json"
    p.write_text(content)
    with pytest.raises(InputError, match=message):
        load_squad(p)


def test_bench_cli_scores_both_pipelines(tmp_path):
    out = tmp_path / "pq.json"
    r = CliRunner().invoke(app, ["bench", "policyqa", str(TINY), "--out", str(out), "--limit", "5"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text())
    assert data["n_questions"] == 5 and data["n_policies"] == 2 and data["seconds"] > 0
    for side in ("policydesk", "langchain_baseline"):
        rates = data[side]
        assert list(rates) == ["hit@1000", "hit@2000", "hit@4000"]
        assert rates["hit@1000"] <= rates["hit@2000"] <= rates["hit@4000"]
        # Each policy is shorter than 700 characters, so restricted to its own policy every
        # answer span fits in the first 1000 characters (a leaking filter could push some out).
        assert rates["hit@1000"] == 1.0, (side, rates)
    assert "policydesk" in r.output and "LangChain baseline" in r.output


def _hit(cid: str, text: str, rank: int):
    from policydesk.core.types import Chunk, ScoredChunk

    return ScoredChunk(chunk=Chunk(id=cid, text=text, source=f"{cid}.txt", title="T"), score=1.0 / rank, rank=rank)


def test_packing_puts_the_answering_sentence_of_a_lower_chunk_first():
    from policydesk.assistant.packing import pack_sentences
    from policydesk.core.embedding import embedder_for
    from policydesk.core.settings import Settings

    embedder = embedder_for(Settings())
    first = (
        "We update this policy from time to time. The site uses a modern design. "
        "Our offices are open on weekdays. We keep your cookies for thirty days."
    )
    second = "Questions about this page go to our help desk. We keep your cookies for thirty days."
    hits_ = [_hit("a", first, 1), _hit("b", second, 2)]
    packed = pack_sentences("How long do you keep cookies?", hits_, lambda t: embedder.encode(t, threads=1))
    texts = [p.text for p in packed]
    assert texts[0] == "We keep your cookies for thirty days."
    assert texts.count("We keep your cookies for thirty days.") == 1, "a sentence repeated by overlapping chunks is kept once"
    assert len(packed) == 5
    by_id = {h.chunk.id: h.chunk.text for h in hits_}
    assert all(by_id[p.chunk_id][p.start : p.end] == p.text for p in packed), "pieces are verbatim spans of their chunk"
