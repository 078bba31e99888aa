"""A sentence that says what a thing of the world can or cannot be states no rule for the ad.

Why: a policy's introduction explains why it exists ("Genetic information is deeply personal:
it can reveal health risks …, and it cannot be changed once it has been shared"). Its
"cannot" is the ability modal of a fact about the world (the information cannot be changed),
not a prohibition: no one the policy governs is told not to do anything. Read as a rule it was
a prohibition with no condition, and it rejected every case of its policy.

What counts, by grammar alone: a prohibition or a permission needs an agent the policy governs
(the ad, the advertiser, "you", "we", the landing page, the listing, the product or service
advertised) or an act the policy governs (advertising, showing, selling, claiming …). A
sentence naming no such agent, whose modals are the ability/possibility ones ("can",
"cannot", "could", "may", "might") followed by a verb that is no such act ("be changed",
"be controlled", "change quickly"), and which states no number (a limit is a rule whatever its
subject: "it cannot exceed 36%"), describes the world. The spans returned are those modal
phrases; `core/reading.py` blanks them, so whatever else the sentence says is read as written.
"""

from __future__ import annotations

import re

# Agents the policy governs: who runs, writes or is addressed by an ad, and what the ad sells.
_GOVERNED = re.compile(
    r"\b(?:ads?|adverts?|advertisements?|advertis\w*|you|your|we|our|us|listings?|creatives?|campaigns?|promotions?|promoters?"
    r"|landing\s+pages?|sellers?|merchants?|brands?|businesse?s?|compan(?:y|ies)|products?|services?|offers?|providers?"
    r"|operators?|retailers?|platforms?|accounts?|pages?|posts?|content|copy|targeting|audiences?|users?|marketing|claims?)\b",
    re.IGNORECASE,
)
# Acts the policy governs: what an ad or an advertiser does, or a limit on the thing sold.
_GOVERNED_ACT = (
    r"advertis\w*|promot\w*|market\w*|show\w*|shown|run|running|display\w*|target\w*|sell\w*|sold|offer\w*|feature\w*|claim\w*"
    r"|say\w*|said|stat\w*|impl\w*|suggest\w*|us\w*|includ\w*|mention\w*|depict\w*|link\w*|direct\w*|appear\w*|contain\w*"
    r"|refer\w*|ma[dk]\w*|guarantee\w*|reach\w*|serv\w*|publish\w*|post\w*|list\w*|approv\w*|accept\w*|allow\w*|permit\w*"
    r"|promis\w*|encourag\w*|provid\w*|exceed\w*|requir\w*|need\w*|ask\w*|collect\w*|request\w*|describ\w*|call\w*|present\w*"
    r"|portray\w*|giv\w*|given|buy\w*|bought|purchas\w*|distribut\w*|suppl\w*|ship\w*|deliver\w*|operat\w*|compar\w*|sho?w\w*"
    r"|obtain\w*|order\w*|download\w*|access\w*|book\w*|install\w*|import\w*|export\w*|prescrib\w*|dispens\w*|administer\w*"
    r"|transfer\w*|resold|resell\w*|rent\w*|hire\w*|lend\w*|lent|charg\w*|pa(?:y|id)\w*|more|less|over|under|above|below|higher|lower"
)
# An ability or possibility modal, its negation, an optional "be", and its verb.
_MODAL = re.compile(
    r"\b(?:can(?:not|\s+not|'t|’t)?|could(?:\s+not|n't|n’t)?|may(?:\s+not)?|might(?:\s+not)?)\s+(?:(?:also|only|never|still|easily|quickly)\s+)?"
    r"(?:(?:be|become)\s+)?(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)
# Modals that only command (never an ability) make the sentence a rule whatever its subject.
_COMMAND = re.compile(r"\b(?:must|mustn't|shall|should|shouldn't|need(?:s)? to|ha(?:s|ve) to|required|prohibited|banned|forbidden|allowed|permitted)\b", re.IGNORECASE)
_GOVERNED_ACT_RE = re.compile(rf"(?:{_GOVERNED_ACT})$", re.IGNORECASE)


def world_modals(text: str) -> list[tuple[int, int]]:
    """The spans of `text`'s ability/possibility modal phrases when the sentence describes the
    world (see the module doc), else []."""
    if _GOVERNED.search(text) or _COMMAND.search(text) or re.search(r"\d", text):
        return []
    spans = []
    for m in _MODAL.finditer(text):
        if _GOVERNED_ACT_RE.match(m.group("verb")):
            return []
        spans.append((m.start(), m.end()))
    return spans


def describes_world(text: str) -> bool:
    """Does the sentence only say what things of the world can or cannot be (no rule)?"""
    return bool(world_modals(text))


__all__ = ["describes_world", "world_modals"]
