"""A prohibited kind named by words before its head (assistant/unnamed_classifier.py): a case
naming the head and none of those words is bound as what must hold (restrict); a case naming
one of them is the banned kind (reject). Invented policy wording, real reading and execution."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters

BAN = "We don't allow the following:\n\n- Boat title loans and logbook loans, where a person hands over a boat's papers as security for a cash loan."


def _decision(question):
    chunk = Chunk(id="c1", text=BAN, source="boats.md", policy_id="P", title="Boat sales and marine finance", markets=[])
    facts = read_case_facts(question, Filters(market=None))
    runs = [run_rule(r, "prose", chunk, 0, facts, question_terms=terms(question)) for r in read_clause_logic(chunk)]
    return decide(runs).decision, runs


def test_head_without_its_kind_word_restricts():
    decision, runs = _decision("Can we promote boat loans for people with poor credit?")
    assert decision == "restrict"
    assert any(k.result == "unknown" and "title loans" in k.requirement for r in runs for k in r.checks)


def test_the_kind_word_named_rejects():
    assert _decision("Can we promote logbook loans for boats?")[0] == "reject"
    assert _decision("We offer boat title loans, can we advertise?")[0] == "reject"


def test_a_list_items_number_narrows_nothing():
    from policydesk.assistant.unnamed_classifier import unnamed_classifier

    class T:
        def __init__(self, head, phrase):
            self.head, self.phrase = head, phrase

    q = terms("UK creator paid by an exchange to do a sponsored video")
    assert unnamed_classifier([T("creators", "5.1 creators")], q, set()) is None
    assert unnamed_classifier([T("creators", "crypto creators")], q, set()) == "crypto creators"
