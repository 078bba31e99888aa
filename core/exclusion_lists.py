"""What a policy lists as outside its reach: the items of a list introduced as out of scope.

Policies seldom say "X is not covered by this policy" once per thing. They write a list:

    **Out of scope** (use the policy named in brackets)
    - Flea, tick and worm treatments for pets (Veterinary medicines)

    2.2 The following are out of scope and should be reviewed under their own policies:
    (c) ear-wax removal kits, ear drops and ear-cleaning devices;

    1.3 This standard does not cover: ordinary hotel bookings and package holidays; short-term
    holiday rentals; and discount travel clubs described in clause 8.3.

or put the list under a heading ("Not covered by this policy"). Each item is a thing the policy
excludes, exactly as a one-thing statement would (core/corpus_facts.py `policy_exclusions`,
executed by assistant/policy_exclusion.py). Without this reader the list's items are prose
of a scope section, and a question about one of them (a dog's flea collar under a pest-control
policy that sends pet treatments elsewhere) is answered from the policy's own rules.

Right by construction: only a list the policy itself introduces as out of scope, not covered or
excluded is read; its items are cut to the thing they name (a bracketed pointer to another
policy, an ", including …" or ", unless …" tail and a participle naming where it is described
say where to look or what else is meant, not what is excluded).
"""

from __future__ import annotations

import re

# What says a list is of things the policy does not govern.
_EXCLUDING = (
    r"(?:out\s+of\s+(?:the\s+)?scope|not\s+(?:with)?in\s+(?:the\s+)?scope|outside\s+(?:the\s+scope|this\s+(?:policy|standard|page|guide))"
    r"|not\s+covered|(?:is|are)\s+excluded\s+from\s+(?:this|the)\s+(?:policy|standard|scope)"
    r"|(?:this|the|our)\s+(?:policy|standard|page|guide|document)\s+(?:does\s+not|doesn't)\s+(?:cover|apply\s+to)"
    r"|handled\s+under\s+other\s+polic(?:y|ies)|reviewed\s+under\s+(?:their|its)\s+own\s+polic(?:y|ies))"
)
_EXCLUDING_RE = re.compile(_EXCLUDING, re.IGNORECASE)
# A label line standing alone ("**Out of scope**", "Not covered:", "Exclusions") or a heading.
_LABEL = re.compile(rf"^\W*(?:what\s+(?:this|the)\s+(?:policy|standard|page)\s+)?(?:{_EXCLUDING})\b[^.!?]{{0,80}}$", re.IGNORECASE)
# A list item: a bullet, "(a)", "a)", "1." or "1)".
_ITEM = re.compile(r"^\s*(?:[-*•–]|\(?[a-z]\)|\(?\d{1,2}[.)])\s+(?=\S)", re.IGNORECASE)
# An item's tail that says where to look or what else it takes in, not what it is.
_TAIL = re.compile(
    r"\s*\((?:see|use|the|under)\b[^)]*\)|\s*\([A-Z][^)]{0,60}\)\s*$|,\s*(?:including|unless|except|where|which|see)\b.*$"
    r"|\s+(?:described|defined|set\s+out|listed|covered)\s+(?:in|under|by|at)\b.*$",
    re.IGNORECASE,
)


def _clean(item: str) -> str:
    item = " ".join(item.replace("**", "").split())
    item = re.sub(r"\s*\([A-Z]{2,6}s?\)", "", item)  # "prenatal testing (NIPT)": the abbreviation says it again
    item = _TAIL.sub("", item)
    item = _TAIL.sub("", item)  # a pointer after a tail ("…, including X (see Y)")
    item = re.sub(r"^(?:and|or)\s+", "", item.strip(" ;,.:"), flags=re.IGNORECASE)
    return item.strip(" ;,.:")


def _run_in(rest: str) -> list[str]:
    """Items written after the colon on the lead-in's own line: "a; b; and c." (semicolons), or
    one item."""
    rest = rest.strip()
    if not rest or _EXCLUDING_RE.search(rest) or re.search(r"\b(?:is|are|must|may|should|will|can)\b", rest, re.IGNORECASE):
        return []  # a sentence after the colon ("Out of scope: jet skis are not covered by …"), read as one
    parts = re.split(r";\s*", rest.rstrip("."))
    return [c for p in parts if (c := _clean(p))]


def _lead_in(line: str) -> tuple[bool, str]:
    """Does `line` introduce an exclusion list, and what follows its colon on the same line?"""
    stripped = line.strip()
    if _LABEL.match(stripped) and not re.search(r"\b(?:in\s+scope|covers|applies\s+to)\s*$", stripped, re.IGNORECASE):
        return True, ""
    colon = stripped.find(":")
    if colon < 0 or not _EXCLUDING_RE.search(stripped[:colon]):
        return False, ""
    head = stripped[:colon]
    # "This policy covers: …" and "In scope:" introduce what it does govern.
    if re.search(r"\bin\s+scope\b", head, re.IGNORECASE) and not re.search(r"\bnot\s+in\s+scope\b", head, re.IGNORECASE):
        return False, ""
    return True, stripped[colon + 1 :]


def listed_exclusions(text: str, heading: str = "") -> list[str]:
    """The things a list in `text` is introduced as excluding from the policy: by a lead-in
    line or label (see module doc), or by `heading` (the section the text sits under) saying so."""
    lines = text.splitlines()
    out: list[str] = []
    under = bool(heading) and bool(_LABEL.match(heading.split(" > ")[-1].strip()))
    collecting = under
    for line in lines:
        if not line.strip():
            continue
        is_lead, rest = _lead_in(line)
        if is_lead:
            collecting = True
            out += _run_in(rest)
            continue
        if _ITEM.match(line):
            if collecting:
                if item := _clean(_ITEM.sub("", line, count=1)):
                    out.append(item)
            continue
        if line[:1].isspace() and collecting and out:
            continue  # a wrapped line of the item before
        # Any other paragraph ends the list (a list under an exclusion heading holds to its end).
        collecting = under and not out
    return list(dict.fromkeys(out))


__all__ = ["listed_exclusions"]
