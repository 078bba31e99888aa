"""One rule executed for the case (`RuleRun`): the record every step of execution fills in.

Why a module of its own: execution (assistant/execute.py) writes it, the outcome of a
prohibition (assistant/prohibition_outcome.py) completes it, and precedence
(assistant/precedence.py), the scope gate (assistant/scope_gate.py) and the verdict steps
(assistant/verdict_steps.py) read it; as plain data it depends on none of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policydesk.core.types import Chunk, ConditionCheck, Decision, Rule

# How strict each outcome is, for the stricter of two (precedence) or of per-market answers.
STRICTNESS = {"approve": 0, "restrict": 1, "reject": 2, "escalate": 1}


Origin = str  # marker | sidecar | prose


@dataclass
class RuleRun:
    """One rule executed for the case."""

    rule: Rule
    origin: Origin
    chunk: Chunk
    clause_rank: int  # 0 = the clause that matches the question best
    match: float = 0.0  # how well the rule's sentence matches the question
    applicable: bool = True
    reason: str = ""
    checks: list[ConditionCheck] = field(default_factory=list)
    outcome: Decision | None = None  # None: not applicable or not triggered
    by_fact: bool = False  # an executed condition (met or unmet) decided the outcome
    specific: bool = False  # written for the case's market
    named: list[str] = field(default_factory=list)  # words of the rule's own subject the question names
    named_whole: list[str] = field(default_factory=list)  # ... not as a part of a compound the question does not name ("air guns")
    out_of_scope: bool = False  # set aside because its subject is not what the case is about
    # Of the advertised thing (core/casefacts.py `read_advertised`): True when the rule's
    # sentence names it whole (head and modifiers), False when the sentence names things and
    # it is none of them, nor a kind of one; None when either is not read (`thing_relation`).
    thing: bool | None = None
    # Set aside because the case does not have what the requirement is triggered by ("Dog
    # breeders who advertise puppies for sale must ..." and no puppies): silent on whether the
    # case is about what the policy governs (assistant/scope_gate.py).
    untriggered: bool = False
    # The trigger words the case names, for a triggered requirement that binds it
    # (`trigger_held`): what the requirement is written for, as its subject would be.
    trigger_named: list[str] = field(default_factory=list)
    # A prohibition of content the case neither states nor denies: not broken, so it allows
    # nothing and forbids nothing (assistant/prohibition_outcome.py); kept so that a verdict
    # with no rule the case meets does not approve past it (verdict_steps `_silent_hold`).
    held_by_silence: bool = False
    # Words of the rule's own subject that the ad's stated words (the case's claims) name: the
    # rule governs what the ad says, and the case says it (assistant/precedence.py `open_claim_rule`).
    claimed: list[str] = field(default_factory=list)

    @property
    def subject(self) -> int:
        return len(self.named)

    @property
    def declared(self) -> bool:
        return self.origin in ("marker", "sidecar") and self.rule.status == "confirmed"

    @property
    def unknown(self) -> list[ConditionCheck]:
        return [c for c in self.checks if c.result == "unknown"]
