"""A list of claims an ad must not make: its lead bans saying, each item is what may not be said.

Why: policies list banned claims under one lead ("The ad must NOT say or imply any of the
following:", "Ads and landing pages must not say or imply that:"), one claim per item ('"No
licence needed", "no registration required", "no rules" or similar.', "- a tattoo or piercing
is painless or pain-free;"). The lead's own reading was a claim ban on "or imply any of the
following", and each item a prohibition of no condition, so an item rejected every case naming
one of its words: "Check local rules before you fly" broke '"Fly anywhere" or "unlimited
range"'. An item of such a list is a claim ban: broken by an ad that makes the claim
(core/claim_match.py), what must hold for a case that states no claim, and no rule at all for a
case that names none of its words.

What is read, by construction:
- `saying_lead`: a sentence ending in a colon that bans only saying something (core/claim_bans.py
  `bans_only_saying`: every negative modal governs a verb of saying, no passive ban);
- `item_claims`: an item's claims: its quotations when the item is nothing but quotations joined
  by "or"/"and"/commas (and "or similar"), else the item's proposition, an opening "that" and a
  parenthesised example dropped, split at ", or that" into its alternatives;
- `permitted_claim`: what an exception in the list lets the ad say ("Exception: a drone under
  250 g with no camera may be described as needing no registration, provided …" -> "needing no
  registration"), so it is linked to the item that bans that claim (core/clause_logic.py).
"""

from __future__ import annotations

import re

from policydesk.core.claim_bans import bans_only_saying

_OPENING = re.compile(r"^\W*?(?:[-*\u2022]\s+)?(?:\[[ xX]?\]\s*)?(?:\(?\d+(?:\.\d+)*[.)]\s+|\(?[a-z][.)]\s+)?")
_QUOTED = re.compile(r"[\"“]([^\"”]{2,100})[\"”]")
# What may join an item's quotations without saying anything of its own.
_JOINERS = re.compile(r"(?i)\b(?:or|and|similar|anything|like|that|etc|such|as|the|any|other|claims?|wording|words|phrases?)\b|[\s,.;:!?\-()]")
_THAT = re.compile(r"^(?:that|the claim that)\s+", re.IGNORECASE)
_EXAMPLE = re.compile(r"\s*\((?:for example|e\.g\.|for instance|such as|including)\b[^)]*\)", re.IGNORECASE)
_ALTERNATIVE = re.compile(r"[,;]\s*or\s+that\s+|\s+or\s+that\s+", re.IGNORECASE)
_PERMITS_SAYING = re.compile(
    r"\b(?:may|can)\s+(?:still\s+)?(?:be\s+)?(?:described|advertised|presented|called|labell?ed|marketed)\s+as\s+([^,;.]{3,80})"
    r"|\b(?:may|can)\s+(?:still\s+)?(?:say|claim|state)\s+(?:that\s+)?([^,;.]{3,80})",
    re.IGNORECASE,
)


def saying_lead(text: str) -> bool:
    """Does `text` lead a list of banned claims ("The ad must NOT say or imply any of the following:")?"""
    flat = " ".join(text.split())
    return flat.endswith(":") and bans_only_saying(flat)


def item_claims(item: str) -> list[str]:
    """The claims a list item bans (see the module docstring); empty for an item of no words."""
    body = _OPENING.sub("", " ".join(item.split()), count=1).strip()
    quoted = [q.strip() for q in _QUOTED.findall(body) if q.strip()]
    if quoted and not _JOINERS.sub("", _QUOTED.sub("", body)):
        return list(dict.fromkeys(quoted))
    body = _EXAMPLE.sub("", body).strip().rstrip(".;:").strip()
    body = _QUOTED.sub(lambda m: m.group(1), body)
    parts = [_THAT.sub("", p.strip()).strip() for p in _ALTERNATIVE.split(_THAT.sub("", body))]
    return [p for p in parts if p]


def only_claims(quote: str, conditions: list[str]) -> bool:
    """Is a rule an item of a list of banned claims: its conditions are its item's claims, all
    of them and nothing else? Then what it bans is saying them, and nothing more."""
    claims = [c[len("no_claim:"):] for c in conditions if c.startswith("no_claim:")]
    return bool(claims) and len(claims) == len(conditions) and claims == item_claims(quote)


def permitted_claim(text: str) -> str | None:
    """What a permission lets the ad say of its thing ("… may be described as needing no
    registration, provided …" -> "needing no registration"), else None."""
    m = _PERMITS_SAYING.search(" ".join(text.split()))
    if m is None:
        return None
    return (m.group(1) or m.group(2)).strip()


__all__ = ["item_claims", "only_claims", "permitted_claim", "saying_lead"]
