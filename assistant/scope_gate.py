"""The scope gate after execution (issue 13, design 4): a clause answers only when the
question's subject falls in its scope.

The relevance gate (assistant/ranking.py) lets a clause answer when it is close to the
question in embedding space; execution then runs each of its rules against the case, and a
rule whose subject the case does not name is set aside (assistant/scope_reason.py `scope_reason`).
When every rule executed was set aside so, the verdict used to fall back on the clause's
wording ("We don't allow home improvement ads that include any of the following" answered a
question about home insurance as a rejection). That is a verdict the policy never gave: the
executed logic said, rule by rule, that the case is about something else. Unless the question
names something the policy itself says it governs (a topic of its title or the clause's
heading, a topic its scope statement lists, a member the clause lists ("This includes kratom"), a member of a
category it defines, wording it quotes), no ingested policy covers the case's subject, and
the answer is `escalate`, naming that subject.

The evidence it asks is a statement of scope, not shared words: a share of the question's
subject words the clause holds (the relevance band's evidence for a question quoting ad copy,
assistant/ranking.py `scope_evidence`) does not count here, since the clause's own rules, run
one by one, have already weighed the words it shares with the case and set every one aside
("'Pay in 4, interest free' buy now pay later promo" shares "pay" and "buy" with a ban on
draws one must pay or buy to enter). Measured (issue 13, 2026-11-30, same stores): dev 0.708
-> 0.722 (that case), dev2, dev3, sample, validation unchanged (esc P/R too).

Right by construction: it adds no reading of its own; it only refuses to let a clause's
wording decide where the clause's own executed rules and the policy's own statements of scope
all say the subject is not theirs.

Measured (2026-11-29, fresh stores): sample 0.825 unchanged, dev 0.542 -> 0.556, dev2 0.597 ->
0.625, dev3 0.514 unchanged (one wrong answer, a restrict case, is now a wrong escalate),
validation 0.661 -> 0.667, esc P/R 0.793/0.767 -> 0.800/0.800, unsafe unchanged. Measured and
dropped: the same gate also over applicable rules that name none of the case's words (a rule
written for the whole policy): recall rose (dev 0.54 -> 0.77) but sample fell 0.825 -> 0.757,
in-scope questions in the advertiser's words ("Lager campaign in Thailand" under the Alcohol
policy) naming no topic the policy states; that needs knowing that lager is alcohol.

Measured and dropped (issue 13, 2026-11-30): a head-noun gate. The advertised thing read as a
noun phrase with its head (core/casefacts.py `read_advertised`: "Pet insurance ads" is
insurance), escalating when a modifier of it is a word the answering policy governs and its
head is not ("pet insurance" under a pet-products policy). With "governs" as the subject words
of the policy's sentences, titles, headings, scope statements and definitions: sample 0.825 ->
0.751, dev 0.569 -> 0.472, dev2 0.639 -> 0.542 (esc P sample .679 -> .432). With "governs" as
any word of the policy's text, about twenty in-scope questions still escalated: the advertiser
names the thing by a member or a seller of what the policy governs ("diet pills", "meal
replacement shakes", "online roulette", "gacha RPG", "fireworks shop", "social casino app",
"debt management plan provider"), which no word of the policy states; "pet insurance" has the
same shape. Telling them apart needs knowing what kind of thing the head is. Of the dev packs'
escalation misses, most are not of this shape: no word of "payday loan" or "term life
insurance" is one a pensions policy governs (nothing matched), and "insurance" and "lease" are
words the car and solar policies govern. Also dropped: an outright allowance ("Test drives ...
may be advertised without restriction") allowing only the things it names, head to head:
sample 0.825 -> 0.791. What was kept of the reader: a referral that names the advertised thing
head to head sends it to people (assistant/verdict_steps.py `_referral_naming`).

A requirement set aside because the case lacks what triggers it ("Dog breeders who advertise
puppies for sale must hold a breeding licence" and a dog cloning service: assistant/rule_trigger.py
`trigger_reason`, `RuleRun.untriggered`) says nothing of the case's subject either way: it no
longer keeps the gate shut when the other rules set themselves aside as about another subject
(at least one must). Measured (2026-11-30, session 16, fresh stores): dev3 0.833 -> 0.847 (that
case), dev 0.861, dev2 0.889, sample 0.870, validation 0.690 unchanged (no per-case change;
unsafe, esc P/R too).

A rule set aside for its market (written for other markets) is asked about its subject too
(assistant/execute.py `run_rule`): its market says nothing about whether the case is about what
it governs, and until session 14 one such rule kept the gate shut ("VPN app ads" under a
telecoms policy whose only other rule was written for the US: the clause's "Such ads must not
be shown to consumers" answered reject). Measured (2026-11-30, same stores): dev 0.736
unchanged, dev2 0.764 -> 0.792, dev3 0.708 -> 0.722, sample 0.836 unchanged (no per-case change),
validation 0.690 unchanged (unsafe unchanged; esc P 0.774 -> 0.750, R 0.800: one wrong answer
is now a wrong escalate).

A heading or title topic the question names only by the head of its advertised thing is no
evidence when a classifying noun modifier of that thing ("car" of "electric car lease") is
written nowhere in the clause, its heading or its policy's title (`_without_bare_head`, the
gate's side of assistant/qualified_head.py). Measured (2026-11-30, same stores, with the
qualifier read through the sentence a rule points back to): dev3 0.736 -> 0.750 (that case),
dev, dev2, sample, validation unchanged (esc P/R and unsafe too).

Kind-of knowledge (assistant/kind_scope.py, WordNet's hypernyms) now keeps a rule whose subject
the advertised thing is a kind of in scope ("sparkler" under "fireworks"), and counts as scope
evidence here through `scope_evidence`, of a topic the policy states (its title, the clause's
heading, a scope statement) and no longer of a word of its rules' subjects: every rule was run
and set itself aside (its own kind test included), and a word such as "debt" of a ban on promises
of "debt written off" is no statement that the policy governs every debt (a payday loan is a
kind of debt). Measured (2026-11-30, session 16, fresh stores): dev 0.847 -> 0.861 (that case),
dev2, dev3, sample, validation unchanged (no per-case change; unsafe, esc P/R too). Used the other way, as a gate escalating a thing no
policy names by name or kind, it was measured and dropped (see that module)."""
from __future__ import annotations

import re
from dataclasses import replace

from policydesk.assistant.rule_run import RuleRun
from policydesk.assistant.qualified_head import classifying, kind_of_any
from policydesk.assistant.question import QuestionInfo
from policydesk.assistant.ranking import plain_candidate, scope_evidence
from policydesk.assistant.scope_evidence import listed_member, named_wording, quoted_wording
from policydesk.assistant.verdict_steps import Decided
from policydesk.core.corpus_facts import CorpusFacts
from policydesk.core.definitions import defined_terms
from policydesk.core.keyword import STOPWORDS
from policydesk.core.terms import stem, terms
from policydesk.core.types import Chunk


def uncovered(decided: Decided, info: QuestionInfo, corpus: CorpusFacts) -> bool:
    """True when no executed rule covers the case's subject and none of the executed clauses'
    policies names it among what they govern: the verdict must not come from wording."""
    verdict = decided.verdict
    if verdict.decision == "escalate" or (verdict.deciding is not None and not (
            verdict.decision == "approve" and _lifted_for_the_policy(verdict.deciding))):
        return False
    runs: list[RuleRun] = verdict.runs
    # A requirement set aside because the case lacks its trigger says nothing of the subject
    # either way, nor does a prohibition written for the whole policy that the case does not
    # break; at least one rule must have said the subject is another one.
    if not runs or not all(r.out_of_scope or r.untriggered or _lifted_for_the_policy(r) for r in runs) or not any(r.out_of_scope for r in runs):
        return False
    chunks = {r.chunk.id: r.chunk for r in runs}
    for chunk in chunks.values():
        asked = _without_bare_head(info, chunk)
        if scope_evidence(plain_candidate(chunk), asked, corpus, shares=False, kind_rules="none"):
            return False
        if listed_member(asked.all_terms, chunk.text) or quoted_wording(asked.text, chunk.text) or named_wording(asked.text, chunk.text):
            return False
        if defined_terms(corpus.definitions.get(chunk.source), asked.all_terms, asked.text):
            return False
    return True


def _lifted_for_the_policy(run: RuleRun) -> bool:
    """A prohibition written for the whole policy (no subject of its own: "Ads must not use
    cartoon characters … that appeal to people under 18") whose conditions the case meets: it
    does not bind the case, and says nothing of whether the case is about what the policy
    governs. An approval resting on it alone is no permission the policy gave the case's
    subject (a vape under a CBD policy once every CBD rule had set itself aside)."""
    return (run.applicable and run.outcome is None and run.by_fact and run.rule.decision == "reject"
            and not run.rule.scope and not run.named)


def _without_bare_head(info: QuestionInfo, chunk: Chunk) -> QuestionInfo:
    """The question as evidence of this clause's scope: without the head of its advertised
    thing when that thing is a kind of its head the clause never names (assistant/qualified_head.py):
    its classifying noun modifier ("car" of "electric car lease") is written nowhere in the
    clause, its heading or its policy's title. A heading's "Finance, leases and age targeting"
    under a solar policy names the leases the policy is about, not every lease; the clause's own
    rules, run one by one, have already set themselves aside."""
    # What the question names only to deny ("nicotine pouches (no caffeine)") is no topic of it.
    info = replace(info, all_terms=set(info.named))
    thing = info.advertised
    if thing is None or not thing.head or not thing.dependents:
        return info
    text = f"{chunk.title}\n{chunk.section}\n{chunk.text}"
    written = terms(text)
    nouns = tuple(sorted({w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)} - STOPWORDS))
    # A modifier that is a kind of a word the clause writes ("army" of "the armed forces")
    # names a thing the clause may be about.
    if not any("-" not in d and classifying(d) and not (terms(d) & written) and not kind_of_any(d, nouns) for d in thing.dependents):
        return info
    head = stem(thing.head)
    return replace(info, all_terms=info.all_terms - {head}, named=info.named - {head},
                   subject=info.subject - {head}, own_subject=info.own_subject - {head}, advertised=None)


__all__ = ["uncovered"]
