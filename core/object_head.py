"""A duty's object the case names as the advertiser's whole class of it.

Why (issue 13, under-answering): "the clinic must report its treatment outcomes to the CDC
National ART Surveillance System" and a case that says "we report our outcomes to the CDC's ART
surveillance system". The duty reader (core/conduct.py `_names_object`) asks for two thirds of
the object's words; "treatment" is missing, so the duty stayed unknown and the rule `restrict`.

Reading: the case's object is "our" and the duty object's head noun alone, in the same number
("our outcomes"): the advertiser's outcomes, all of them, of which the narrower class the duty
names ("its treatment outcomes") is a part. Doing the act on the whole class does it on every
part, so the duty is met; the modifier is left out only in this direction (the case is more
general than the duty, never more specific: "our treatment outcomes" for "its outcomes" is
read as before). Where the duty says to whom or where ("to the CDC National ART Surveillance
System"), the case must say it with the same preposition and a name made of the duty's own
words (at least two thirds of them, none other): "to the state registry" is not that system.
Any other word before the head ("our recent outcomes", "some of our outcomes") is a part, not
the whole, and is not read here.

Measured (2026-11-30, session 18, baseline stores of c516f03): a dev5 US fertility clinic
reporting "our outcomes" to the CDC's ART surveillance system now meets the duty; the case
then falls to a reject rule on pregnancy-test rates it names only by "testing" (another error
class: restrict -> reject, labelled approve). Other packs and validation unchanged.
"""

from __future__ import annotations

import math
import re

from policydesk.core.terms import GENERIC, same_stem, stem, terms

_OWN = re.compile(r"^\s*(?:its|their|your)\s+(?P<mods>(?:[a-z][\w-]*\s+){1,3})(?P<head>[a-z][\w-]*)\s*$", re.I)
_CASE = re.compile(r"^\s*(?:all\s+(?:of\s+)?)?our\s+(?P<head>[a-z][\w-]*)\b(?P<after>.*)$", re.I | re.S)
_COMPLEMENT = re.compile(r"^\s*(?P<prep>to|with|into|on|at)\s+(?P<np>[^,;.!?]+)", re.I)


def _words(text: str) -> set[str]:
    return {t for t in terms(text) if t not in GENERIC}


def whole_class_object(duty_object: str, complement: str, case_after: str) -> bool:
    """Does `case_after` (the case's words after its verb) name the advertiser's whole class of
    `duty_object` ("its treatment outcomes"), with `complement` (" to the CDC ...") said of it
    in the duty's own words where the duty has one?"""
    own = _OWN.match(duty_object)
    said = _CASE.match(case_after)
    if own is None or said is None:
        return False
    head, case_head = own.group("head").lower(), said.group("head").lower()
    if stem(head) != stem(case_head) or head.endswith("s") != case_head.endswith("s"):
        return False
    to = _COMPLEMENT.match(complement)
    if to is None:
        return True
    case_to = _COMPLEMENT.match(said.group("after"))
    if case_to is None or case_to.group("prep").lower() != to.group("prep").lower():
        return False
    need, have = _words(to.group("np")), _words(case_to.group("np"))
    if not need or not have:
        return False
    inside = all(any(same_stem(h, t) for t in need) for h in have)
    return inside and sum(1 for t in need if any(same_stem(t, h) for h in have)) >= math.ceil(len(need) * 2 / 3)


__all__ = ["whole_class_object"]
