"""What a content ban forbids the ad to show or say: the things after its verb of showing or
saying ("These courses must not show income screenshots or claim typical earnings").

Why: a case that is what the ban's subject names (a crypto trading course) and names none of
the things the ban keeps out of its ads is not shown to carry them; the ban is what its ad
must keep to (restrict), not a reason to reject. A case naming one of them, outside a
negation, is what the ban is about and it rejects as before. Executed in
assistant/prohibition_outcome.py beside the other "not shown to do what it bans" readings.

An offer ban is read the same way ("Ads must not offer cash, vouchers, gifts or prize draws as
an incentive to buy a plan"): what it keeps out of its ads is the things offered, the object of
"offer"/"give"/"provide" up to the words that say why or to whom it is offered ("as an
incentive to buy a plan", "to users for starting a claim"). Those words name the policy's own
product, which every case under the policy names; read as banned content they made every
question about the product reject on a ban of gifts it never offered.
"""

from __future__ import annotations

import re

from policydesk.core.literal_guard import guarded
from policydesk.core.terms import GENERIC, terms

_SHOW_OR_SAY = r"(?:show|display|depict|feature|include|contain|claim|state|say|imply|suggest|promise|mention|use)"
_CONTENT_BAN = guarded(
    rf"\b(?:must not|mustn't|may not|cannot|can't|can not|should not|shouldn't|never)\s+(?:be\s+)?{_SHOW_OR_SAY}(?:\s*(?:,|\bor\b|\band\b)\s*{_SHOW_OR_SAY})*\s+(?P<obj>[^.;:]+)",
    re.I,
)
_VERB = re.compile(rf"\b{_SHOW_OR_SAY}s?\b", re.I)
# A ban on presenting the thing as something it is not: "We don't allow ads that present it as a
# survey, a prize draw or a tour without …", "Ads must not be dressed up as news articles". What
# it keeps out of its ads is what the thing is presented as, up to the words that lift or
# qualify the ban ("without also stating …", "unless …").
_PRESENT = r"(?:present|presents|presented|presenting|describe|describes|described|disguise|disguises|disguised|frame|frames|framed|portray|portrays|portrayed|dress|dresses|dressed|pass|passes|passed)"
_PRESENT_BAN = guarded(
    rf"\b(?:(?:(?:do|does|will)\s+not|don't|doesn't|won't|never)\s+(?:allow|accept|permit|run)\s+(?:any\s+)?(?:ads?|adverts?|advertisements?|listings?|promotions?)\s+(?:that|which)"
    rf"|(?:must not|mustn't|may not|cannot|can't|can not|should not|shouldn't|never))\s+(?:be\s+)?{_PRESENT}\s+(?:up\s+|off\s+)?(?:[\w'-]+\s+){{0,3}}?as\s+(?P<obj>[^.;:]+)",
    re.I,
)
_PRESENT_END = re.compile(r"\s(?:without|unless|except|if|when|where|because|so that|in order)\b", re.I)


def presented_as(quote: str) -> str | None:
    """What a ban keeps its ads from presenting the thing as ("We don't allow ads that present it
    as a survey, a prize collection or a hotel tour without also stating …" -> "a survey, a
    prize collection or a hotel tour"), or None when the sentence bans no such presenting."""
    m = _PRESENT_BAN.search(" ".join(quote.split()))
    if m is None:
        return None
    obj = m.group("obj")
    end = _PRESENT_END.search(obj)
    return (obj[: end.start()] if end else obj).strip(" ,") or None
# "must not offer cash, vouchers or gifts as an incentive to buy …", "may not give gifts to
# users for starting a claim": a ban on offering things.
_OFFER = r"(?:offer|give|provide|award|hand out)"
_OFFER_BAN = guarded(
    rf"\b(?:must not|mustn't|may not|cannot|can't|can not|should not|shouldn't|never|do not|does not)\s+{_OFFER}(?:\s*(?:,|\bor\b|\band\b)\s*{_OFFER})*\s+(?P<obj>[^.;:]+)",
    re.I,
)
# Where the things offered end: the purpose, the recipient or the occasion of the offer.
_OFFER_END = re.compile(
    r"\s(?:as|to|for|in exchange|in return|when|where|if|unless|on|upon|with|without|that|which|who|because|so)\b", re.I
)


def banned_content(quote: str) -> str | None:
    """The things a content ban's sentence keeps out of its ads (its verbs' objects), or None
    when the sentence bans no showing or saying."""
    text = " ".join(quote.split())
    if text.endswith(":"):
        return None  # "The ad must not say or imply any of the following:": its items say what
    m = _CONTENT_BAN.search(text)
    return m.group("obj").strip() if m else (presented_as(text) or offer_ban(text))


# What a case says when it offers the reader something, whatever it calls the thing ("Get a
# £45 hamper when you buy", "a free pen set with every plan", "win a cruise", "20% off").
_OFFERS = guarded(
    r"\b(?:free|win|wins|winning|prizes?|gifts?|bonus(?:es)?|rewards?|vouchers?|discounts?|discounted|cashback|cash back"
    r"|giveaways?|complimentary|raffles?|prize draws?|sweepstakes?)\b"
    r"|\b(?:get|gets|receive|receives|claim|earn|earns)\s+(?:a|an|your|their|our)\b"
    r"|\bworth\s+(?:up\s+to\s+)?[£$€]\s?\d|\d+\s?%\s+off\b|[£$€]\s?\d[\d,.]*\s+off\b|\bwith every\b",
    re.I,
)


def offer_ban(quote: str) -> str | None:
    """The things an offer ban keeps out of its ads ("must not offer cash, vouchers or gifts as
    an incentive …" -> "cash, vouchers or gifts"), or None when the sentence bans no offer."""
    text = " ".join(quote.split())
    if _CONTENT_BAN.search(text) or (m := _OFFER_BAN.search(text)) is None:
        return None
    offered = m.group("obj")
    end = _OFFER_END.search(offered)
    return (offered[: end.start()] if end else offered).strip(" ,") or None


def states_offer(question: str) -> bool:
    """Does the case offer the reader something (a gift, a prize, a discount, "get a £45
    hamper")? An offer ban is about what is offered, so a case offering anything may be
    offering one of its things under another name; only a case offering nothing is not shown
    to break it."""
    return bool(_OFFERS.search(question))


def content_words(content: str) -> set[str]:
    """The content words of what a ban keeps out, without the verbs of showing or saying that
    join its parts ("income screenshots or claim typical earnings")."""
    return {t for t in terms(_VERB.sub(" ", content)) if t not in GENERIC and not t.isdigit()}


__all__ = ["banned_content", "content_words", "offer_ban", "presented_as", "states_offer"]
