"""A sentence about who edits the policy states no rule for the ad.

Why: a schedule or list often says how it is kept ("Markets may be added to the schedule only
by the Policy owner", "This standard is reviewed every year by the Compliance Board"). Its
"only" and "may" govern the people who maintain the document, not an ad; read as a rule it was
a requirement with no condition to execute, and it restricted every case of its section.

What counts, by grammar alone: a passive verb of editing (added, removed, amended, changed,
updated, revised, reviewed, deleted, withdrawn, approved for inclusion …) whose subject names
no ad, advertiser or product, and which says either who edits (an agent "by the … owner /
council / committee / board / team / lead") or what part of the document is edited ("to / from
/ in the schedule / list / annex / table / this policy"), or whose subject is the document
itself ("This policy may be updated at any time"). An edit of an ad ("Ads may be removed by
the review team") names an ad and stays a rule.
"""

from __future__ import annotations

import re

_DOC_PART = r"(?:schedule|list|lists|annex|appendix|table|register|policy|standard|document|guide|guidance|section|glossary|definitions)"
_EDIT = r"(?:added|removed|amended|changed|updated|revised|reviewed|deleted|withdrawn|edited|modified|extended|expanded|maintained|kept up to date)"
_AGENT = r"by\s+(?:the\s+|a\s+|its\s+)?(?:[\w&-]+\s+){0,5}?(?:owners?|council|committee|board|team|lead|head|managers?|director|department|group|officer|panel)\b"
_PASSIVE = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?P<subject>[^,;:]{1,80}?)\s+(?:(?:may|can|will|shall|must|is|are)\s+(?:only\s+)?(?:not\s+)?(?:be\s+)?|(?:is|are)\s+)"
    + _EDIT + r"\b(?P<rest>[^;:]*)$",
    re.IGNORECASE,
)
_TARGET = re.compile(r"\b(?:to|from|in|on)\s+(?:the|this|that|these|its)\s+(?:[\w-]+\s+){0,2}?" + _DOC_PART + r"\b", re.IGNORECASE)
_AD = re.compile(r"\b(?:ads?|adverts?|advertisements?|advertisers?|listings?|creatives?|campaigns?|products?|services?|landing\s+pages?|accounts?)\b", re.IGNORECASE)
_DOC_SUBJECT = re.compile(r"^(?:this|the|these)\s+(?:[\w-]+\s+){0,2}?" + _DOC_PART + r"$", re.IGNORECASE)


def administers_policy(text: str) -> bool:
    """Does the sentence only say who edits the policy or how it is kept (no rule for the ad)?"""
    m = _PASSIVE.match(" ".join(text.split()))
    if m is None:
        return False
    subject, rest = m.group("subject").strip(), m.group("rest")
    if _AD.search(subject):
        return False
    return bool(_DOC_SUBJECT.match(subject) or re.search(_AGENT, rest, re.IGNORECASE) or _TARGET.search(rest))


__all__ = ["administers_policy"]
