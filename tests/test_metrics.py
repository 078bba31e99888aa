"""Metrics and root-cause labels on hand-built cases whose right answers are worked out by hand."""

from __future__ import annotations

import pytest

from policydesk.core.types import Answer, Chunk, Citation, ScoredChunk
from policydesk.evals.golden import GoldenCase
from policydesk.evals.metrics import (
    METRIC_NAMES,
    Neighbours,
    aggregate,
    answer_similarities,
    cohen_kappa,
    confusion,
    per_source,
    per_tag,
    quote_in_passage,
    score_case,
)
from policydesk.evals.rootcause import CorpusIndex, count_causes, mark_corpus, root_causes


def chunk(cid, source, text, position=0):
    return Chunk(id=cid, text=text, source=source, position=position)


A0 = chunk("a0", "alcohol.md", "Alcohol ads must not target users under the legal drinking age.", 0)
A1 = chunk("a1", "alcohol.md", "In Singapore, ads that promote happy-hour deals are not", 1)
A2 = chunk("a2", "alcohol.md", "allowed under any circumstances. Free flow packages too.", 2)
G0 = chunk("g0", "gambling.md", "Gambling ads need a licence in every market.", 0)
FILLER = [chunk(f"f{i}", "dating.md", f"Dating filler passage number {i}.", i) for i in range(10)]
CORPUS = [A0, A1, A2, G0, *FILLER]
NB = Neighbours(CORPUS)
CORPUS_INDEX = CorpusIndex(CORPUS)


def case(cid, decision, evidence=(), tags=(), ref=""):
    return GoldenCase(
        id=cid,
        question=f"question {cid}",
        expected_decision=decision,
        expected_evidence=[{"source": s, "quote": q} for s, q in evidence],
        reference_answer=ref,
        tags=list(tags),
    )


def ranked(*chunks):
    return [ScoredChunk(chunk=c, score=1.0 / (i + 1), rank=i + 1) for i, c in enumerate(chunks)]


def cite(c, quote, n=1):
    return Citation(n=n, source=c.source, text=c.text, quote=quote, chunk_id=c.id)


def answer(verdict, citations=(), text="answer"):
    return Answer(question="q", verdict=verdict, verdict_source="declared", answer=text, citations=list(citations))


def scored(c, ans, retrieved, latency=10.0):
    s = score_case(c, ans, retrieved, latency, neighbours=NB, chunk_texts={x.id: x.text for x in CORPUS})
    return mark_corpus(s, CORPUS_INDEX)


# ----------------------------------------------------------------------------- matching


def test_quote_matching_folds_case_whitespace_and_typography():
    assert quote_in_passage("MUST  not\ntarget users", "Ads must **not** target users under 18")
    assert quote_in_passage("can’t run", "Ads can't run here")
    assert not quote_in_passage("must target", "Ads must not target users")
    assert not quote_in_passage("", "anything")


def test_quote_from_a_page_table_matches_the_pipe_table_ingest_wrote():
    """An HTML/PDF table is stored as a Markdown pipe table; a quote copied from the page's
    text (cells separated by spaces) is in it, and a Markdown quote with its bars still is."""
    stored = "| Market | Credential | Age |\n|---|---|---|\n| Norway (NO) | Harbour pilot certificate | 18 |"
    assert quote_in_passage("Norway (NO) Harbour pilot certificate 18", stored)
    assert quote_in_passage("| Norway (NO) | Harbour pilot certificate |", stored)
    assert not quote_in_passage("Norway (NO) Harbour pilot certificate 21", stored)


def test_quote_split_across_adjacent_chunks_credits_the_larger_part():
    quote = "happy-hour deals are not allowed under any"  # 30 chars in A1, 11 in A2
    assert quote_in_passage(quote, A1.text, next_text=A2.text)
    assert not quote_in_passage(quote, A2.text, prev_text=A1.text)
    assert not quote_in_passage(quote, A1.text)  # without its neighbour only whole quotes count
    assert CORPUS_INDEX.holds("alcohol.md", quote)
    assert not CORPUS_INDEX.holds("alcohol.md", "happy-hour deals are always allowed")


# ----------------------------------------------------------------------------- per case + labels


def test_perfect_case_passes_with_no_label():
    c = case("ok", "reject", [("alcohol.md", "must not target users under")], ["alcohol"])
    s = scored(c, answer("reject", [cite(A0, "Alcohol ads must not target users under the legal drinking age.")]), ranked(A0, G0))
    assert s.decision_correct and s.evidence[0].rank == 1 and s.evidence[0].cited and s.evidence[0].in_corpus
    assert (s.evidence_found_at_5, s.reciprocal_rank, s.citations, s.citations_relevant, s.quotes_verbatim) == (1, 1.0, 1, 1, 1)
    assert root_causes(s) == []


def test_each_root_cause_label():
    ev = [("alcohol.md", "must not target users under")]
    right_cite = [cite(A0, "must not target users under")]
    # corpus_gap: the quote is nowhere in the corpus (also a source the corpus lacks)
    gap = scored(case("gap", "reject", [("alcohol.md", "never in any policy"), ("nope.md", "x")]), answer("reject"), ranked(A0))
    assert root_causes(gap) == ["corpus_gap"]
    # retrieval_miss: in the corpus, not among the candidates at all
    miss = scored(case("rm", "reject", ev), answer("reject"), ranked(G0, *FILLER))
    assert root_causes(miss) == ["retrieval_miss"] and miss.reciprocal_rank == 0.0
    # ranking_miss: among the candidates but below the top-5 cut
    low = scored(case("rk", "reject", ev), answer("reject"), ranked(*FILLER[:6], A0))
    assert low.evidence[0].rank == 7 and root_causes(low) == ["ranking_miss"]
    assert low.reciprocal_rank == pytest.approx(1 / 7)
    # citation_miss: in the top 5, right verdict, but not cited
    unc = scored(case("cm", "reject", ev), answer("reject", [cite(G0, "Gambling ads need a licence")]), ranked(G0, A0))
    assert root_causes(unc) == ["citation_miss"]
    # decision_miss: evidence in front of the answerer, wrong verdict
    dm = scored(case("dm", "reject", ev), answer("restrict", right_cite), ranked(A0))
    assert root_causes(dm) == ["decision_miss"]
    # wrong verdict explained by retrieval: no decision_miss on top of the evidence label
    assert root_causes(scored(case("dm2", "reject", ev), answer("approve"), ranked(G0))) == ["retrieval_miss"]
    # false_escalation and missed_escalation
    fe = scored(case("fe", "reject", ev), answer("escalate", right_cite), ranked(A0))
    assert root_causes(fe) == ["false_escalation"]
    me = scored(case("me", "escalate"), answer("approve"), ranked(G0))
    assert root_causes(me) == ["missed_escalation"]
    # a failed ask: wrong decision, nothing retrieved
    err = scored(case("err", "restrict"), None, [])
    assert err.actual_decision == "error" and root_causes(err) == ["decision_miss"]
    assert count_causes([root_causes(x) for x in (gap, miss, low, unc, dm, fe, me)]) == {
        "corpus_gap": 1, "retrieval_miss": 1, "ranking_miss": 1, "citation_miss": 1,
        "missed_escalation": 1, "false_escalation": 1, "scope_miss": 0, "condition_miss": 0, "decision_miss": 1,
    }


def test_quote_fidelity_checks_the_stored_passage_not_the_echoed_text():
    c = case("qf", "reject", [("alcohol.md", "must not target")])
    forged = Citation(n=1, source="alcohol.md", text="made up text says must not target", quote="says must not target", chunk_id="a0")
    s = scored(c, answer("reject", [cite(A0, "must not target users"), forged]), ranked(A0))
    assert s.citations == 2 and s.quotes_verbatim == 1
    lower = scored(c, answer("reject", [cite(A0, "alcohol ads must not")]), ranked(A0))
    assert lower.quotes_verbatim == 0  # verbatim keeps case


# ----------------------------------------------------------------------------- aggregates


def build_set():
    """Six cases with every figure below worked out by hand."""
    ev_a = ("alcohol.md", "must not target users under")
    ev_g = ("gambling.md", "need a licence")
    ev_split = ("alcohol.md", "happy-hour deals are not allowed under any")
    recs = [
        # 1 reject->reject, both items found (rank 1, 2) and cited; 2 citations both relevant
        scored(case("c1", "reject", [ev_a, ev_g], ["alcohol", "gambling"]),
               answer("reject", [cite(A0, "must not target users under"), cite(G0, "need a licence", 2)]), ranked(A0, G0), 10),
        # 2 restrict->approve (unsafe), split quote found at rank 3 via A1, not cited; 1 irrelevant citation
        scored(case("c2", "restrict", [ev_split], ["alcohol"]),
               answer("approve", [cite(G0, "need a licence")]), ranked(G0, A0, A1), 20),
        # 3 reject->reject, evidence at rank 6 (below the cut), no citations
        scored(case("c3", "reject", [ev_a], ["alcohol"]), answer("reject"), ranked(*FILLER[:5], A0), 30),
        # 4 escalate->escalate, no evidence
        scored(case("c4", "escalate", tags=["escalation"]), answer("escalate"), ranked(G0), 40),
        # 5 approve->escalate (false escalation), evidence not retrieved
        scored(case("c5", "approve", [ev_g]), answer("escalate"), ranked(A0), 50),
        # 6 escalate->approve (missed escalation), no evidence; one citation, quote not verbatim
        scored(case("c6", "escalate", tags=["escalation"]), answer("approve", [cite(A0, "paraphrased words")]), ranked(A0), 1000),
    ]
    return recs


def test_aggregate_figures_by_hand():
    m = aggregate(build_set())
    assert set(m) == set(METRIC_NAMES)
    assert m["n_cases"] == 6
    assert m["decision_accuracy"] == pytest.approx(3 / 6)
    # evidence items: c1 2, c2 1, c3 1, c5 1 = 5; found at <=5: c1 2 + c2 1 = 3
    assert m["evidence_recall_at_5"] == pytest.approx(3 / 5)
    # MRR over the 4 cases with evidence: 1, 1/3, 1/6, 0
    assert m["evidence_mrr"] == pytest.approx((1 + 1 / 3 + 1 / 6 + 0) / 4)
    assert m["citation_recall"] == pytest.approx(2 / 5)
    # citations in cases with evidence: c1 2 (2 relevant), c2 1 (0) -> 2/3 (c6 has no evidence)
    assert m["citation_precision"] == pytest.approx(2 / 3)
    # escalate: answered by c4, c5 -> 1 right; expected by c4, c6 -> 1 found
    assert m["escalation_precision"] == m["precision_escalate"] == pytest.approx(1 / 2)
    assert m["escalation_recall"] == m["recall_escalate"] == pytest.approx(1 / 2)
    assert m["precision_reject"] == 1.0 and m["recall_reject"] == 1.0
    assert m["precision_approve"] == 0.0 and m["recall_approve"] == 0.0
    assert m["precision_restrict"] is None and m["recall_restrict"] == 0.0
    # unsafe: expected reject/restrict = c1, c2, c3; c2 answered approve
    assert m["unsafe_approve_rate"] == pytest.approx(1 / 3)
    # quotes: c1 2 verbatim, c2 1 verbatim, c6 0 of 1
    assert m["quote_fidelity"] == pytest.approx(3 / 4)
    assert m["latency_p50_ms"] == pytest.approx(35.0)
    assert m["latency_p95_ms"] == pytest.approx(50 + 0.75 * 950)
    assert m["answer_similarity"] is None
    # kappa: expected [rej,res,rej,esc,app,esc], actual [rej,app,rej,esc,esc,app]
    p_o = 3 / 6
    p_e = (2 / 6) * (2 / 6) + (1 / 6) * 0 + (2 / 6) * (2 / 6) + (1 / 6) * (2 / 6)
    assert m["cohen_kappa"] == pytest.approx((p_o - p_e) / (1 - p_e))


def test_groups_and_confusion():
    recs = build_set()
    tags = per_tag(recs)
    assert set(tags) == {"alcohol", "gambling", "escalation"}
    assert tags["alcohol"]["n_cases"] == 3 and tags["alcohol"]["decision_accuracy"] == pytest.approx(2 / 3)
    assert tags["escalation"]["escalation_recall"] == pytest.approx(1 / 2)
    assert tags["escalation"]["evidence_recall_at_5"] is None  # no evidence in that group
    src = per_source(recs)
    assert src["gambling.md"]["n_cases"] == 2 and src["alcohol.md"]["n_cases"] == 3
    assert src["(no evidence)"]["n_cases"] == 2
    conf = confusion(recs)
    labels, mx = conf["labels"], conf["matrix"]
    assert labels == ["approve", "restrict", "reject", "escalate"]
    assert mx[labels.index("reject")][labels.index("reject")] == 2
    assert mx[labels.index("restrict")][labels.index("approve")] == 1
    assert sum(map(sum, mx)) == 6


def test_zero_cases_give_none_not_numbers():
    m = aggregate([])
    assert m["n_cases"] == 0
    assert all(v is None for k, v in m.items() if k != "n_cases")


def test_kappa_edges():
    assert cohen_kappa(["reject"] * 3, ["reject"] * 3) == 1.0
    assert cohen_kappa(["approve", "reject"], ["reject", "approve"]) == pytest.approx(-1.0)
    assert cohen_kappa([], []) is None


def test_answer_similarity_with_the_real_model():
    from policydesk.core.embedding import embedder_for
    from policydesk.core.settings import Settings

    enc = embedder_for(Settings()).encode
    sims = answer_similarities(
        ["Reject [1]: alcohol ads must not target people under the drinking age.", "The weather is sunny today.", ""],
        ["Reject: alcohol ads may not be aimed at users below the legal drinking age."] * 2 + ["x"],
        enc,
    )
    assert sims[0] > 0.7 and sims[1] < 0.3 and sims[2] is None
    recs = [s.model_copy(update={"answer_similarity": v}) for s, v in zip(build_set(), sims + [None] * 3)]
    assert aggregate(recs)["answer_similarity"] == pytest.approx((sims[0] + sims[1]) / 2)
