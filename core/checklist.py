"""A reviewer checklist's box states what must be true of the ad, in the indicative.

Why: a checklist writes each requirement as a statement the reviewer ticks when it holds: "- [ ]
Every ad for a drone of 250 g or more carries the line "Check local rules before you fly"", "- [ ]
US: ads for drones of 250 g or more state that the drone broadcasts Remote ID", "- [ ] The ad
does not show or encourage flying higher than 120 m (400 ft)". The box is the modal: ticking it
means the statement holds, so each says what the ad must (or must not) do. Read as prose, such
a sentence has no modal and stated no rule, or its rule was the modal of what it quotes ("GB:
ads … remind users that a Flyer ID may be needed" read as a permission).

What is read, by construction: an item that opens with a tick box ("[ ]", "[x]", after any
bullet) whose main clause states no rule of its own gets "must" at its main verb, and is read
as that requirement (`as_requirement`): "does not / do not V" -> "must not V"; "is / are (not)
(only) <participle>" -> "must (not) be (only) <participle>"; a verb of presenting or doing
what an ad does ("carries", "state", "remind", "include", "give", "list", "show" …: WordNet's
verb, the word not after an article or a preposition, which would make it a noun) -> "must
<base form>". The rule keeps the box's own words as its quote (core/clause_logic.py). A negated
box ("The ad does not show children flying a drone without an adult present") holds unless the
case says the ad does it: without a condition to execute (a height, an age) it is no rule, as
a negated item of a requirement list is none; with one ("higher than 120 m") the condition
decides. A box opening with "If …" (what the reviewer does) and a passive of routing ("are sent
to the specialist queue") are left as they are.
"""

from __future__ import annotations

import re

from policydesk.core import lexicon

# A tick box opening the item, after any bullet: "- [ ] …", "[x] …", "* [ ] …".
BOX = re.compile(r"^\s*(?:[-*+\u2022]\s+)?\[[ xX]?\]\s")
_DO_NOT = re.compile(r"\b(?:does|do)\s+not\s+(?=[a-z])", re.IGNORECASE)
# A passive of what is done with the ad, not of how reviewers route it ("are sent to the
# specialist queue", "is referred to …": a referral, core/clause_logic.py `referral_rules`).
_BE = re.compile(r"\b(?:is|are)\s+(not\s+)?(only\s+)?(?!(?:sent|referred|escalated|forwarded|passed|routed|reviewed)\b)"
                 r"(?=[a-z]+ed\b|(?:paid|sold|made|built|bought|given|held|kept|shown|taken|grown|run|done|won)\b)", re.IGNORECASE)
# A box opening with a condition ("If the ad is for model rockets, …, stop: …") says what the
# reviewer does, not what the ad must do.
_CONDITIONAL = re.compile(r"(?:if|when|where|unless|whenever)\b", re.IGNORECASE)
# An example in brackets ("(for example "up to 34 minutes in calm conditions")") illustrates
# what the box asks for; its numbers are no limit of it.
_EXAMPLE = re.compile(r"\s*\((?:for example|e\.g\.|for instance|such as)\b[^)]*\)", re.IGNORECASE)
# Verbs of what an ad presents or does (by their base form): the acts a checklist box states.
_AD_VERBS = frozenset(
    "state say show carry include display give list name mention remind link disclose feature label explain warn "
    "use target contain offer promote depict quote describe invite encourage provide point direct".split()
)
_NOT_BEFORE_VERB = frozenset("a an the this that these those its their our your of for in on at to by with from as per".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# What labels the item before its statement: a tick box, a bullet, "US:", "Exception:".
_LEAD = re.compile(r"^\s*(?:[-*+\u2022]\s+)?(?:\[[ xX]?\]\s*)?(?:[A-Za-z][\w /&,-]{0,30}:\s+)?")


def box_item(text: str) -> bool:
    """Does `text` open with a checklist tick box?"""
    return bool(BOX.match(text))


def _lexical_verb(text: str, start: int) -> re.Match[str] | None:
    """The first verb of presenting or doing after `start` that is not a noun after an article
    or a preposition ("the state", "in list")."""
    previous = ""
    for m in _WORD.finditer(text, start):
        word = m.group(0).lower()
        base = lexicon.lemmas(word, "v") if word.isalpha() else ()
        finite = not word.endswith(("ing", "ed"))  # "quoting", "listed": no finite verb
        if previous and finite and previous not in _NOT_BEFORE_VERB and any(b in _AD_VERBS for b in base):
            return m
        previous = word
    return None


_MODAL = re.compile(r"\b(?:must|may|might|can|cannot|could|should|shall|will|would|need to|needs to|has to|have to)\b", re.IGNORECASE)


def leads_with_indicative(text: str) -> bool:
    """Does the box's main verb come, in the indicative, before any modal of the sentence ("US:
    ads for drones … state that the drone broadcasts Remote ID or must be flown with …": the
    "must" is the stated fact's, the box's verb is "state")?"""
    found = as_requirement(text)
    if found is None or found[1]:
        return False
    modal = _MODAL.search(_EXAMPLE.sub("", text))
    at = found[0].find("must ")
    if found[0].startswith("must be ", at):
        return False  # "no registration statement is required, except …": a passive reads as itself
    return modal is not None and 0 <= at < modal.start()


def as_requirement(text: str) -> tuple[str, bool] | None:
    """`text` with "must" at its main verb when it is a checklist box stating what the ad does
    (see the module docstring), and whether it is negated ("must not"); else None."""
    if not box_item(text):
        return None
    text = _EXAMPLE.sub("", text)
    lead = _LEAD.match(text)
    start = lead.end() if lead else 0
    if _CONDITIONAL.match(text, start) or _CONDITIONAL.match(text, BOX.match(text).end()):
        return None
    found = [(m.start(), "do") for m in [_DO_NOT.search(text, start)] if m]
    found += [(m.start(), "be") for m in [_BE.search(text, start)] if m]
    found += [(m.start(), "verb") for m in [_lexical_verb(text, start)] if m]
    if not found:
        return None
    at, kind = min(found)
    if kind == "do":
        m = _DO_NOT.match(text, at)
        return text[:at] + "must not " + text[m.end():], True
    if kind == "be":
        m = _BE.match(text, at)
        return text[:at] + "must " + (m.group(1) or "") + "be " + (m.group(2) or "") + text[m.end():], bool(m.group(1))
    m = _WORD.match(text, at)
    base = next(b for b in lexicon.lemmas(m.group(0).lower(), "v") if b in _AD_VERBS)
    return text[:at] + "must " + base + text[m.end():], False


__all__ = ["BOX", "as_requirement", "box_item", "leads_with_indicative"]
