"""Routing: the store's auto threshold (default, calibration.json, explicit setting) and the
route every ask gets from the real chain, whatever the back end."""

from __future__ import annotations

import json

import pytest

from policydesk.assistant.chain import ask, stream_ask
from policydesk.core.calibration import (
    Calibration,
    auto_threshold,
    calibration_path,
    load_calibration,
    route_for,
    route_reason,
    save_calibration,
)
from policydesk.core.errors import InputError
from policydesk.core.settings import Settings
from policydesk.core.types import Answer, Citation, Filters


def made(verdict="reject", source="declared", confidence=0.95) -> Answer:
    return Answer(question="q", verdict=verdict, verdict_source=source, answer="a", confidence=confidence)


@pytest.mark.parametrize(
    ("verdict", "source", "confidence", "threshold", "route"),
    [
        ("reject", "declared", 0.95, 0.9, "auto"),
        ("reject", "declared", 0.9, 0.9, "auto"),  # at the threshold is auto
        ("reject", "declared", 0.89, 0.9, "review"),
        ("restrict", "inferred", 0.99, 0.9, "auto"),
        ("approve", "declared", 0.99, 0.9, "auto"),
        ("approve", "inferred", 1.0, 0.0, "review"),  # an inferred approve is never auto
        ("escalate", "none", 1.0, 0.0, "review"),  # nor is an escalation
        ("reject", "declared", 0.0, 0.9, "review"),
        ("reject", "declared", 1.0, None, "review"),  # a store with no measured threshold enforces nothing
    ],
)
def test_route_for(verdict, source, confidence, threshold, route):
    assert route_for(made(verdict, source, confidence), threshold) == route


def test_threshold_default_then_calibration_then_explicit_setting(tmp_path, monkeypatch):
    monkeypatch.delenv("POLICYDESK_AUTO_THRESHOLD", raising=False)
    s = Settings(store=tmp_path / "store")
    assert load_calibration(s) is None and auto_threshold(s) is None
    assert "no measured auto threshold" in route_reason(made(confidence=0.99), auto_threshold(s))
    path = save_calibration(s, Calibration(threshold=0.72, target_precision=0.95, golden_path="g.jsonl", n_auto=30))
    assert path == calibration_path(s) and json.loads(path.read_text())["threshold"] == 0.72
    assert auto_threshold(s) == 0.72
    assert auto_threshold(Settings(store=tmp_path / "store", auto_threshold=0.99)) == 0.99
    monkeypatch.setenv("POLICYDESK_AUTO_THRESHOLD", "0.8")
    assert auto_threshold(Settings(store=tmp_path / "store")) == 0.8


def test_a_broken_calibration_file_says_what_to_do(tmp_path):
    s = Settings(store=tmp_path / "store")
    calibration_path(s).parent.mkdir(parents=True)
    calibration_path(s).write_text('{"threshold": 7}')
    with pytest.raises(InputError, match=r"calibration\.json: not a valid calibration.*--calibrate"):
        auto_threshold(s)


class Confident:
    """A back end that is sure: a declared reject at 0.97 citing the first passage."""

    def answer(self, question, chunks, filters):
        c = chunks[0].chunk
        cite = Citation(n=1, source=c.source, text=c.text, quote=c.text[:40], chunk_id=c.id)
        return Answer(question=question, verdict="reject", verdict_source="declared", answer="No [1].",
                      citations=[cite], confidence=0.97)


class InferredApprove(Confident):
    def answer(self, question, chunks, filters):
        a = super().answer(question, chunks, filters)
        return a.model_copy(update={"verdict": "approve", "verdict_source": "inferred"})


def test_real_chain_routes_every_answer(sample_store, monkeypatch):
    monkeypatch.delenv("POLICYDESK_AUTO_THRESHOLD", raising=False)
    q = "Can a casino advertise in Singapore?"
    real = ask(q, settings=sample_store)  # the executing answerer's own confidence
    assert 0.0 <= real.confidence <= 1.0
    assert real.route == "review" and real.to_json()["route"] == real.route  # the sample store is not calibrated
    at_its_confidence = sample_store.model_copy(update={"auto_threshold": real.confidence})
    may = real.verdict != "escalate" and not (real.verdict == "approve" and real.verdict_source == "inferred")
    assert ask(q, settings=at_its_confidence).route == ("auto" if may else "review")
    if real.confidence < 1.0:
        just_above = sample_store.model_copy(update={"auto_threshold": min(1.0, real.confidence + 0.001)})
        assert ask(q, settings=just_above).route == "review"
    assert ask(q, settings=sample_store, answerer=Confident()).route == "review"
    routed_at_09 = sample_store.model_copy(update={"auto_threshold": 0.9})
    sure = ask(q, settings=routed_at_09, answerer=Confident())
    assert sure.route == "auto" and sure.to_json()["route"] == "auto" and sure.to_json()["confidence"] == 0.97
    strict = sample_store.model_copy(update={"auto_threshold": 0.98})
    assert ask(q, settings=strict, answerer=Confident()).route == "review"
    assert ask(q, settings=sample_store, answerer=InferredApprove()).route == "review"
    *_, final = stream_ask(q, Filters(), routed_at_09, answerer=Confident())
    assert isinstance(final, Answer) and final.route == "auto"
    *_, streamed = stream_ask(q, Filters(), at_its_confidence)
    assert streamed.route == ("auto" if may else "review")


def test_query_log_keeps_confidence_route_and_trace(tmp_path, monkeypatch):
    import io

    from policydesk.core import querylog
    from policydesk.core.types import Trace

    monkeypatch.delenv("POLICYDESK_DATABASE_URL", raising=False)
    s = Settings(store=tmp_path / "store")
    querylog.log_answer(s, made(confidence=0.3))  # an answer as logged before it was traced
    a = made(confidence=0.93).model_copy(update={"trace": Trace(decided_by="ALC-2", reason="under 18")})
    a.route = route_for(a, 0.9)
    qid = querylog.log_answer(s, a)
    old, new = list(querylog.iter_log(s))
    assert (old.confidence, old.route, old.trace) == (0.3, "review", None)
    assert (new.id, new.confidence, new.route, new.trace["decided_by"]) == (qid, 0.93, "auto", "ALC-2")
    assert querylog.get_entry(s, qid).trace["reason"] == "under 18"
    out = io.StringIO()
    querylog.export_log(s, out, "csv")
    header, first, last = out.getvalue().splitlines()
    assert header.endswith(",confidence,route") and first.endswith(",0.3,review") and last.endswith(",0.93,auto")
