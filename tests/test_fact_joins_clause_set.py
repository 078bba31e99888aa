"""Clauses a stated fact brings into the executed set (issue 13, session 17).

A prohibition of a policy already answering, whose age or numeric condition the case's own fact
breaks, is executed though it shares few of the question's words ("Anyone who appears in an
alcohol ad must be, and must look, at least 25" for "uses a 22-year-old model"), and a limit a
policy writes for the case's market on a number the case states is executed beside the general
one (assistant/verdict_steps.py `clause_set`). Built from real clause logic and candidates.
"""

from __future__ import annotations

import zlib

from policydesk.assistant.ranking import plain_candidate
from policydesk.assistant.verdict_steps import clause_set
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.types import Chunk, Filters

FLOOR = 0.35


def _cand(text: str, source: str, score: float, cos: float, overlap: float, decision: str | None = None, cid: str | None = None, section: str = ""):
    chunk = Chunk(id=f"{source}-{zlib.crc32(text.encode())}", text=text, source=source, title="Drinks Advertising Policy",
                  section=section, decision=decision, clause_id=cid)
    chunk.logic = read_clause_logic(chunk)
    c = plain_candidate(chunk)
    c.score, c.best_cos, c.subject_overlap = score, cos, overlap
    c.scored.dense_score = cos
    return c


BEST = "Online shops may advertise spirits only if they hold a valid liquor retail licence for each market targeted."
PEOPLE = "Anyone who appears in a spirits ad must be, and must look, at least 25 years old."


def _set(question: str, people_source: str = "drinks.md", people_cos: float = 0.45):
    best = _cand(BEST, "drinks.md", 0.62, 0.5, 0.5, "restrict", "DR-1")
    people = _cand(PEOPLE, people_source, 0.45, people_cos, 0.1, "reject", "DR-7")
    facts = read_case_facts(question, Filters(market="GB"))
    return [c.chunk.clause_id for c in clause_set(best, [best, people], facts, FLOOR)]


def test_a_prohibition_the_stated_fact_breaks_joins_the_set():
    assert "DR-7" in _set("Craft gin ad uses a 22-year-old model holding the bottle")


def test_it_stays_out_when_the_fact_keeps_to_it():
    assert "DR-7" not in _set("Craft gin ad uses a 30-year-old model holding the bottle")


def test_it_stays_out_when_the_case_states_no_such_fact():
    assert "DR-7" not in _set("Craft gin ad with a bottle on a bar")


def test_only_a_policy_already_answering_and_only_above_the_floor():
    assert "DR-7" not in _set("Craft gin ad uses a 22-year-old model", people_source="other.md")
    assert "DR-7" not in _set("Craft gin ad uses a 22-year-old model", people_cos=0.3)


GENERAL = "Ads for melatonin supplements must state the amount per serving and must not recommend a daily intake of more than 5 mg."
LOCAL = "- Australia: melatonin supplements must be listed on the national medicines register, and ads must not recommend a daily intake of more than 2 mg of melatonin."


def _market_set(question: str, market: str):
    best = _cand(GENERAL, "mel.md", 0.7, 0.6, 0.4)
    local = _cand(LOCAL, "mel.md", 0.5, 0.5, 0.3, section="Country notes")
    facts = read_case_facts(question, Filters(market=market))
    return [c.chunk.id for c in clause_set(best, [best, local], facts, FLOOR)], local.chunk.id


def test_a_market_limit_on_a_stated_number_joins_the_set():
    ids, local = _market_set("Melatonin gummies ad says 'take two 1.5mg gummies a day'", "AU")
    assert local in ids
    ids, local = _market_set("Melatonin gummies ad says 'take two 1.5mg gummies a day'", "US")
    assert local not in ids  # written for another market
    ids, local = _market_set("Melatonin gummies ad for adults", "AU")
    assert local not in ids  # no number the limit decides


LIMIT = "Ads can't promise or imply weight loss of more than 1 kg per week."


def _limit_set(best_text: str):
    best = _cand(best_text, "fit.md", 0.62, 0.5, 0.5)
    limit = _cand(LIMIT, "fit.md", 0.45, 0.45, 0.1)
    facts = read_case_facts("Weight-loss programme ad: patients typically lose about 1.5 kg a week.", Filters())
    return limit.chunk.id in [c.chunk.id for c in clause_set(best, [best, limit], facts, FLOOR)]


def test_not_when_the_set_already_speaks_of_the_broken_limit():
    # The answering clause lifts the limit for the case: bringing the limit in would let the
    # fact it breaks decide over the exemption.
    assert not _limit_set("The 1 kg per week limit doesn't apply to weight-loss programmes run by a licensed physician.")
    assert _limit_set("Weight-loss programmes must be run by a licensed physician and target people aged 18 or older.")
