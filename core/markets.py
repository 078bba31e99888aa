"""Countries and regions: ISO 3166-1 alpha-2 codes, the names and adjectives people write,
and the name -> code lookup. The one market module: ingest (front matter), rules (policy
prose: `find_mentions`, sidecar code checks), and the assistant (questions: `markets_in`)
read the same table here.

The table is one line per country: `CODE|names separated by ;|adjectives separated by ;`.
Kept as data (not a dependency such as pycountry) because we need the informal forms
("Britain", "Dutch", "U.S.") that registries do not carry. `find_mentions` matches names with
their capitalisation, so "turkey" the bird or "chad" the paper scrap are never read as countries.

Regions: "EU"/"European Union" expands to the 27 member states and "EEA" to the EU plus
Iceland, Liechtenstein and Norway. We expand rather than keep a region code because every
consumer (Rule.applies_to, the chunk `mk_<CODE>` filters, moderators' market pickers) compares
single country codes; a rule stored as ["EU"] would silently never match a German question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policydesk.core.types import GLOBAL_MARKET

TABLE = """
AD|Andorra|Andorran
AE|United Arab Emirates;UAE;U.A.E.;the Emirates|Emirati
AF|Afghanistan|Afghan
AG|Antigua and Barbuda;Antigua|Antiguan
AI|Anguilla|Anguillan
AL|Albania|Albanian
AM|Armenia|Armenian
AO|Angola|Angolan
AQ|Antarctica|Antarctic
AR|Argentina|Argentine;Argentinian;Argentinean
AS|American Samoa|
AT|Austria|Austrian
AU|Australia|Australian
AW|Aruba|Aruban
AX|Åland Islands;Aland Islands|
AZ|Azerbaijan|Azerbaijani;Azeri
BA|Bosnia and Herzegovina;Bosnia-Herzegovina;Bosnia|Bosnian
BB|Barbados|Barbadian
BD|Bangladesh|Bangladeshi
BE|Belgium|Belgian
BF|Burkina Faso|Burkinabe
BG|Bulgaria|Bulgarian
BH|Bahrain|Bahraini
BI|Burundi|Burundian
BJ|Benin|Beninese
BL|Saint Barthélemy;Saint Barthelemy|
BM|Bermuda|Bermudian
BN|Brunei;Brunei Darussalam|Bruneian
BO|Bolivia|Bolivian
BQ|Bonaire, Sint Eustatius and Saba;Caribbean Netherlands|
BR|Brazil;Brasil|Brazilian
BS|Bahamas;The Bahamas|Bahamian
BT|Bhutan|Bhutanese
BV|Bouvet Island|
BW|Botswana|Botswanan;Motswana
BY|Belarus|Belarusian
BZ|Belize|Belizean
CA|Canada|Canadian
CC|Cocos (Keeling) Islands;Cocos Islands|
CD|Democratic Republic of the Congo;DR Congo;DRC|Congolese
CF|Central African Republic|Central African
CG|Republic of the Congo;Congo-Brazzaville|
CH|Switzerland|Swiss
CI|Côte d'Ivoire;Cote d'Ivoire;Ivory Coast|Ivorian
CK|Cook Islands|
CL|Chile|Chilean
CM|Cameroon|Cameroonian
CN|China;People's Republic of China;Mainland China;PRC|Chinese
CO|Colombia|Colombian
CR|Costa Rica|Costa Rican
CU|Cuba|Cuban
CV|Cabo Verde;Cape Verde|Cape Verdean
CW|Curaçao;Curacao|
CX|Christmas Island|
CY|Cyprus|Cypriot
CZ|Czechia;Czech Republic|Czech
DE|Germany;Federal Republic of Germany|German
DJ|Djibouti|Djiboutian
DK|Denmark|Danish
DM|Dominica|Dominican
DO|Dominican Republic|
DZ|Algeria|Algerian
EC|Ecuador|Ecuadorian
EE|Estonia|Estonian
EG|Egypt|Egyptian
EH|Western Sahara|Sahrawi
ER|Eritrea|Eritrean
ES|Spain|Spanish
ET|Ethiopia|Ethiopian
FI|Finland|Finnish
FJ|Fiji|Fijian
FK|Falkland Islands|
FM|Micronesia;Federated States of Micronesia|Micronesian
FO|Faroe Islands|Faroese
FR|France|French
GA|Gabon|Gabonese
GB|United Kingdom;UK;U.K.;Great Britain;Britain;England;Scotland;Wales;Northern Ireland|British;Scottish;Welsh
GD|Grenada|Grenadian
GE|Georgia|Georgian
GF|French Guiana|
GG|Guernsey|
GH|Ghana|Ghanaian
GI|Gibraltar|Gibraltarian
GL|Greenland|Greenlandic
GM|Gambia;The Gambia|Gambian
GN|Guinea|Guinean
GP|Guadeloupe|
GQ|Equatorial Guinea|Equatoguinean
GR|Greece|Greek
GS|South Georgia and the South Sandwich Islands|
GT|Guatemala|Guatemalan
GU|Guam|
GW|Guinea-Bissau|
GY|Guyana|Guyanese
HK|Hong Kong|
HM|Heard Island and McDonald Islands|
HN|Honduras|Honduran
HR|Croatia|Croatian
HT|Haiti|Haitian
HU|Hungary|Hungarian
ID|Indonesia|Indonesian
IE|Ireland;Republic of Ireland|Irish
IL|Israel|Israeli
IM|Isle of Man|Manx
IN|India|Indian
IO|British Indian Ocean Territory|
IQ|Iraq|Iraqi
IR|Iran|Iranian
IS|Iceland|Icelandic
IT|Italy|Italian
JE|Jersey|
JM|Jamaica|Jamaican
JO|Jordan|Jordanian
JP|Japan|Japanese
KE|Kenya|Kenyan
KG|Kyrgyzstan|Kyrgyz
KH|Cambodia|Cambodian
KI|Kiribati|
KM|Comoros|Comorian
KN|Saint Kitts and Nevis|
KP|North Korea;Democratic People's Republic of Korea|North Korean
KR|South Korea;Republic of Korea;Korea|South Korean;Korean
KW|Kuwait|Kuwaiti
KY|Cayman Islands|Caymanian
KZ|Kazakhstan|Kazakh;Kazakhstani
LA|Laos;Lao PDR|Lao;Laotian
LB|Lebanon|Lebanese
LC|Saint Lucia|Saint Lucian
LI|Liechtenstein|
LK|Sri Lanka|Sri Lankan
LR|Liberia|Liberian
LS|Lesotho|Basotho
LT|Lithuania|Lithuanian
LU|Luxembourg|Luxembourgish
LV|Latvia|Latvian
LY|Libya|Libyan
MA|Morocco|Moroccan
MC|Monaco|Monegasque
MD|Moldova|Moldovan
ME|Montenegro|Montenegrin
MF|Saint Martin|
MG|Madagascar|Malagasy
MH|Marshall Islands|Marshallese
MK|North Macedonia;Macedonia|Macedonian
ML|Mali|Malian
MM|Myanmar;Burma|Burmese
MN|Mongolia|Mongolian
MO|Macao;Macau|Macanese
MP|Northern Mariana Islands|
MQ|Martinique|
MR|Mauritania|Mauritanian
MS|Montserrat|
MT|Malta|Maltese
MU|Mauritius|Mauritian
MV|Maldives|Maldivian
MW|Malawi|Malawian
MX|Mexico|Mexican
MY|Malaysia|Malaysian
MZ|Mozambique|Mozambican
NA|Namibia|Namibian
NC|New Caledonia|
NE|Niger|Nigerien
NF|Norfolk Island|
NG|Nigeria|Nigerian
NI|Nicaragua|Nicaraguan
NL|Netherlands;The Netherlands;Holland|Dutch
NO|Norway|Norwegian
NP|Nepal|Nepalese;Nepali
NR|Nauru|Nauruan
NU|Niue|
NZ|New Zealand|New Zealander
OM|Oman|Omani
PA|Panama|Panamanian
PE|Peru|Peruvian
PF|French Polynesia|
PG|Papua New Guinea|Papua New Guinean
PH|Philippines;The Philippines|Filipino;Philippine
PK|Pakistan|Pakistani
PL|Poland|Polish
PM|Saint Pierre and Miquelon|
PN|Pitcairn;Pitcairn Islands|
PR|Puerto Rico|Puerto Rican
PS|Palestine;State of Palestine|Palestinian
PT|Portugal|Portuguese
PW|Palau|Palauan
PY|Paraguay|Paraguayan
QA|Qatar|Qatari
RE|Réunion;Reunion|
RO|Romania|Romanian
RS|Serbia|Serbian
RU|Russia;Russian Federation|Russian
RW|Rwanda|Rwandan
SA|Saudi Arabia;KSA|Saudi;Saudi Arabian
SB|Solomon Islands|
SC|Seychelles|Seychellois
SD|Sudan|Sudanese
SE|Sweden|Swedish
SG|Singapore|Singaporean
SH|Saint Helena|
SI|Slovenia|Slovenian;Slovene
SJ|Svalbard and Jan Mayen|
SK|Slovakia|Slovak;Slovakian
SL|Sierra Leone|Sierra Leonean
SM|San Marino|Sammarinese
SN|Senegal|Senegalese
SO|Somalia|Somali
SR|Suriname|Surinamese
SS|South Sudan|South Sudanese
ST|São Tomé and Príncipe;Sao Tome and Principe|
SV|El Salvador|Salvadoran
SX|Sint Maarten|
SY|Syria|Syrian
SZ|Eswatini;Swaziland|Swazi
TC|Turks and Caicos Islands|
TD|Chad|Chadian
TF|French Southern Territories|
TG|Togo|Togolese
TH|Thailand|Thai
TJ|Tajikistan|Tajik
TK|Tokelau|
TL|Timor-Leste;East Timor|Timorese
TM|Turkmenistan|Turkmen
TN|Tunisia|Tunisian
TO|Tonga|Tongan
TR|Türkiye;Turkey|Turkish
TT|Trinidad and Tobago|Trinidadian
TV|Tuvalu|Tuvaluan
TW|Taiwan|Taiwanese
TZ|Tanzania|Tanzanian
UA|Ukraine|Ukrainian
UG|Uganda|Ugandan
UM|United States Minor Outlying Islands|
US|United States;United States of America;USA;U.S.A.;U.S.;US;America|American
UY|Uruguay|Uruguayan
UZ|Uzbekistan|Uzbek
VA|Vatican City;Holy See;Vatican|
VC|Saint Vincent and the Grenadines|Vincentian
VE|Venezuela|Venezuelan
VG|British Virgin Islands|
VI|U.S. Virgin Islands;US Virgin Islands|
VN|Vietnam;Viet Nam|Vietnamese
VU|Vanuatu|Ni-Vanuatu
WF|Wallis and Futuna|
WS|Samoa|Samoan
YE|Yemen|Yemeni
YT|Mayotte|
ZA|South Africa|South African
ZM|Zambia|Zambian
ZW|Zimbabwe|Zimbabwean
"""


def parse_table(table: str = TABLE) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    out: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for row in table.strip().splitlines():
        code, names, adjectives = row.split("|")
        split = lambda s: tuple(x.strip() for x in s.split(";") if x.strip())  # noqa: E731
        out[code] = (split(names), split(adjectives))
    return out


COUNTRIES = parse_table()

# Country names that are also everyday lower-case words: typed in lower case they are the word.
LOWERCASE_WORDS: frozenset[str] = frozenset(
    {"turkey", "chad", "jordan", "georgia", "guinea", "niger", "china", "japan", "jersey", "guernsey", "man",
     "mali", "togo", "peru", "cuba", "oman", "iran", "iraq", "wales", "america", "us", "samoa", "congo"}
)  # fmt: skip
GLOBAL_ALIASES: frozenset[str] = frozenset({"global", "all", "worldwide", "*"})

ISO_CODES: frozenset[str] = frozenset(COUNTRIES)
EU_MEMBERS: tuple[str, ...] = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
)  # fmt: skip
EEA_MEMBERS: tuple[str, ...] = (*EU_MEMBERS, "IS", "LI", "NO")
REGIONS: dict[str, tuple[str, ...]] = {"EU": EU_MEMBERS, "EEA": EEA_MEMBERS}
REGION_NAMES: dict[str, str] = {
    "European Union": "EU",
    "EU": "EU",
    "E.U.": "EU",
    "European Economic Area": "EEA",
    "EEA": "EEA",
}
# Codes people write that are not ISO alpha-2, with the code they mean (lint suggests it).
COMMON_MISTAKES: dict[str, str] = {"UK": "GB", "EL": "GR", "EN": "GB", "KO": "KR", "JA": "JP", "DK": "DK"}


@dataclass(frozen=True)
class Mention:
    """A country or region named in text: where, as what words, meaning which codes."""

    start: int
    end: int
    surface: str
    codes: tuple[str, ...]
    adjective: bool  # "German users" rather than "Germany"


# "New Jersey", "New Mexico", "New South Wales": a place named after a country is not that
# country. Countries whose own name starts with "New" ("New Zealand", "Papua New Guinea") are
# whole forms of the lexicon and match from their first word, before this applies.
_NOT_NEW = r"(?<!\bNew )(?<!\bNew South )"


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[tuple[str, ...], bool]]:
    lex: dict[str, tuple[tuple[str, ...], bool]] = {}
    for code, (names, adjectives) in COUNTRIES.items():
        for n in names:
            lex.setdefault(n, ((code,), False))
            if n.lower().startswith("the "):
                lex.setdefault(n[4:], ((code,), False))
        for a in adjectives:
            lex.setdefault(a, ((code,), True))
    for name, region in REGION_NAMES.items():
        lex[name] = (REGIONS[region], False)
    return lex


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    forms = sorted(_lexicon(), key=len, reverse=True)  # longest first: "South Sudan" before "Sudan"
    alternatives = "|".join(re.escape(f) for f in forms)
    # Word boundaries that also work for forms ending in "." ("U.S."); see _NOT_NEW.
    return re.compile(rf"(?<![\w.]){_NOT_NEW}(?:{alternatives})(?![\w])")


_TOKEN = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    r"""The first word (`\w+`) of every form: a mention can only start where one of them is a whole word."""
    return frozenset(_TOKEN.match(f).group(0) for f in _lexicon())  # type: ignore[union-attr]


def _mention_matches(text: str) -> list[re.Match[str]]:
    r"""What `_pattern().finditer(text)` finds, trying the pattern only where a form's first
    word stands (issue 16: the pattern is an alternation of every form, ~28 µs a sentence).
    Same matches: a match starts after a non-word character and its first word runs to a
    non-word character or the end, so it starts a `\w+` token that is some form's first
    word; tried left to right from the end of the last match, as `finditer` goes on."""
    pattern, firsts = _pattern(), _first_words()
    out: list[re.Match[str]] = []
    words = firsts.intersection(_TOKEN.findall(text))
    if not words:
        return out  # most sentences name no market: one set test instead of a loop over words
    # Where those words stand as whole tokens (a `\w` character neither before nor after:
    # `str.isalnum` or "_" is what `\w` matches), found by `str.find` rather than by a
    # Python loop over every token of the text (~40 a sentence; "the" is a first word).
    starts: list[int] = []
    for word in words:
        n = len(word)
        i = text.find(word)
        while i >= 0:
            j = i + n
            if (i == 0 or not _is_word(text[i - 1])) and (j == len(text) or not _is_word(text[j])):
                starts.append(i)
            i = text.find(word, i + 1)
    starts.sort()
    end = 0
    for start in starts:
        if start >= end:
            m = pattern.match(text, start)
            if m is not None:
                out.append(m)
                end = m.end()
    return out


def _is_word(ch: str) -> bool:
    r"""Does `\w` match `ch`? (what `re` tests: alphanumeric or an underscore)"""
    return ch.isalnum() or ch == "_"


def find_mentions(text: str) -> list[Mention]:
    """Every country/region mention, left to right, longest form winning."""
    return list(_mentions(text))


@lru_cache(maxsize=8192)
def _mentions(text: str) -> tuple[Mention, ...]:
    """`find_mentions`, kept per text: the clause reader asks of one sentence (and of the
    phrases cut from it) several times which markets it names (the benchmark corpus: 9,300
    scans of 2,700 distinct texts at ingest, ~15% of the reading)."""
    lex = _lexicon()
    out = []
    for m in _mention_matches(text):
        surface = m.group(0)
        # "US" inside an all-caps heading like "US USERS" is fine; "IN" or "NO" as words are
        # never in the lexicon as codes, so only the forms above can match.
        codes, adjective = lex[surface]
        out.append(Mention(m.start(), m.end(), surface, codes, adjective))
    if "," in text or "/" in text or " and " in text or " or " in text:
        taken = {m.start for m in out}
        out.extend(c for c in _code_list_mentions(text) if c.start not in taken)
        out.sort(key=lambda m: m.start)
    if ("in " in text or "In " in text) and _AFTER_IN.search(text):
        taken = {m.start for m in out}
        out.extend(c for c in _codes_after_in(text) if c.start not in taken)
        out.sort(key=lambda m: m.start)
    if ":" in text and (label := _LABEL_CODES.match(text)):
        taken = {m.start for m in out}
        out.extend(c for c in _label_codes(label) if c.start not in taken)
        out.sort(key=lambda m: m.start)
    return tuple(out)


# "ONLY in US, FR, IT and PL": two-letter codes are not forms of the lexicon on their own
# ("IT", "IN", "NO", "BE" are words), but a coordinated list of capitalised codes is a list of
# markets. A list is read as codes only when every item is a code and it is plainly a list of
# markets: three or more items, or one item a form the lexicon knows ("US", "UK", "EU").
_CODE = r"(?<![\w.])[A-Z]{2,3}(?![\w])"
_CODE_LIST = re.compile(rf"{_CODE}(?:\s*(?:,\s*(?:(?:and|or)\s+)?|/\s*|\s+(?:and|or|&)\s+){_CODE})+")
_CODE_ITEM = re.compile(_CODE)


def _code_list_mentions(text: str) -> list[Mention]:
    lex = _lexicon()
    out: list[Mention] = []
    for run in _CODE_LIST.finditer(text):
        items = list(_CODE_ITEM.finditer(run.group(0)))
        known = [i.group(0) in lex for i in items]
        codes = [i.group(0) in ISO_CODES or i.group(0) in COMMON_MISTAKES for i in items]
        if not all(k or c for k, c in zip(known, codes)) or not (len(items) >= 3 or any(known)):
            continue
        for i in items:
            surface = i.group(0)
            found = lex[surface][0] if surface in lex else (COMMON_MISTAKES.get(surface, surface),)
            out.append(Mention(run.start() + i.start(), run.start() + i.end(), surface, found, False))
    return out


# "Not allowed in AU.", "19+ in KR", "18+ in FR and ES": codes right after "in" (or "outside",
# "except in") name markets even one or two at a time, where a bare code might be a word; so
# does a fronted "In GB, …" opening a sentence (session 20).
_AFTER_IN = re.compile(rf"\b(?:[Ii]n|[Oo]utside)\s+({_CODE}(?:\s*(?:,\s*(?:(?:and|or)\s+)?|/\s*|\s+(?:and|or|&)\s+){_CODE})*)(?![\w'])")


def _codes_after_in(text: str) -> list[Mention]:
    out: list[Mention] = []
    for run in _AFTER_IN.finditer(text):
        items = list(_CODE_ITEM.finditer(run.group(1)))
        if not all(i.group(0) in ISO_CODES for i in items):
            continue
        for i in items:
            start = run.start(1) + i.start()
            out.append(Mention(start, start + len(i.group(0)), i.group(0), (i.group(0),), False))
    return out


# "GB: ads for drones with a camera …", "- [ ] IN: drones may be advertised only …": codes that
# open a sentence or list item (after its bullet or tick box) as its run-in label, before a
# colon, name the markets it is written for, one code at a time as in a list.
_LABEL_CODES = re.compile(rf"^\W*?(?:\[[ xX]?\]\s*)?({_CODE}(?:\s*(?:,\s*(?:(?:and|or)\s+)?|/\s*|\s+(?:and|or|&)\s+){_CODE})*)\s*:\s")


def _label_codes(label: re.Match[str]) -> list[Mention]:
    items = list(_CODE_ITEM.finditer(label.group(1)))
    if not all(i.group(0) in ISO_CODES for i in items):
        return []
    return [Mention(label.start(1) + i.start(), label.start(1) + i.end(), i.group(0), (i.group(0),), False) for i in items]


def label_codes(text: str) -> list[str]:
    """The market codes of `text`'s run-in label ("GB: …", "- [ ] GB and IE: …"), else none."""
    label = _LABEL_CODES.match(text) if ":" in text else None
    return unique([c for m in _label_codes(label) for c in m.codes]) if label else []


_CELL_CODES = re.compile(rf"\s*({_CODE}(?:\s*(?:,\s*(?:(?:and|or)\s+)?|/\s*|\s+(?:and|or|&)\s+){_CODE})*)\s*")


def cell_codes(cell: str) -> list[str]:
    """The markets of a table cell written only as upper-case ISO codes ("IN", "GB, IE"), else
    none. A country schedule's row label is often just the code; alone in its cell even a code
    that is also a word ("IN", "NO") names the market, which in running text it would not."""
    whole = _CELL_CODES.fullmatch(cell)
    if whole is None:
        return []
    codes = [m.group(0) for m in _CODE_ITEM.finditer(whole.group(1))]
    return unique(codes) if codes and all(c in ISO_CODES for c in codes) else []


def to_codes(name: str) -> list[str]:
    """One name, adjective, abbreviation or code -> ISO codes ([] when unknown)."""
    s = name.strip()
    if not s:
        return []
    if s.lower() in GLOBAL_ALIASES:
        return [GLOBAL_MARKET]
    up = s.upper()
    if up in REGIONS:
        return list(REGIONS[up])
    if up in ISO_CODES and len(s) == 2:
        return [up]
    lex = _lexicon()
    for form in (s, s.title(), s[:1].upper() + s[1:]):
        if form in lex:
            return list(lex[form][0])
    if up in COMMON_MISTAKES:
        return [COMMON_MISTAKES[up]]
    return []


def unique(codes: list[str] | tuple[str, ...]) -> list[str]:
    seen: dict[str, None] = {}
    for c in codes:
        seen.setdefault(c, None)
    return list(seen)


def collapse_regions(codes: list[str] | set[str]) -> list[str]:
    """A full EU member-state set shown as "EU" (order kept otherwise)."""
    s = set(codes)
    if set(EU_MEMBERS) <= s:
        rest = [c for c in unique(list(codes)) if c not in EU_MEMBERS]
        return ["EU", *rest]
    return unique(list(codes))


def code_for_name(name: str) -> str | None:
    """One country (name, adjective, code, `UK`, `global`) -> its code; None for unknown names
    and for regions (a region is many codes: use `to_codes`)."""
    codes = to_codes(name)
    return codes[0] if len(codes) == 1 else None


def is_known_code(code: str) -> bool:
    """What a sidecar may hold: an ISO alpha-2 code (upper case) or `global`."""
    return code == GLOBAL_MARKET or code in ISO_CODES


def suggestion(code: str) -> str | None:
    """The code a writer probably meant, for lint messages (`UK` -> `GB`)."""
    codes = to_codes(code)
    if codes == [GLOBAL_MARKET] or not codes:
        return None
    return ",".join(collapse_regions(codes))


# ---------------------------------------------------------------- markets named in a question
# Deliberately conservative: a market is only read from a question (or a market-specific
# sentence the assistant ranks) when it is clearly named ("in Germany", "Singapore", "for US
# users", "targeting ID"), never guessed from a brand or a language. Unlike `find_mentions`
# (policy prose, written forms only, regions expanded), names typed in any case count here,
# demonyms only before an audience word, and upper-case codes after a preposition.


def _is_abbreviation(name: str) -> bool:
    """"UK", "U.S.", "PRC": read only in upper case ("us" and "prc" typed lower case are not them)."""
    letters = name.replace(".", "")
    return name.isupper() and len(letters) <= 4


# Views of the table in lower case, for matching questions typed in any case. Names that are
# also everyday words ("turkey", "china") are left out here and matched only as written
# ("Turkey") in markets_in.
QUESTION_NAMES: dict[str, tuple[str, ...]] = {
    code: tuple(dict.fromkeys(n.lower() for n in names if n.lower() not in LOWERCASE_WORDS))
    for code, (names, _) in COUNTRIES.items()
}
QUESTION_DEMONYMS: dict[str, tuple[str, ...]] = {
    code: tuple(a.lower() for a in adjectives) for code, (_, adjectives) in COUNTRIES.items() if adjectives
}
# Upper-case codes read without a preposition ("US election ads"): markets people abbreviate
# in questions and that are not also words or common abbreviations.
BARE_CODES = frozenset({"SG", "TH", "VN", "PH", "JP", "KR", "HK", "TW", "AU", "NZ", "US", "MX", "BR", "GB", "IE", "DE",
                        "FR", "NL", "PL", "SE", "AE", "KW", "BN"})  # fmt: skip
# Codes that are English words or abbreviations ("for AI tools", "TV ads", "to PR teams") are
# never read as markets, even after a preposition.
WORDLIKE_CODES = frozenset({"AI", "TV", "PR", "AD", "AM", "PM", "CV", "ME", "IS", "NO", "TO", "SO", "AS", "BY", "GO",
                            "FM", "MS", "NA", "PS", "ST", "UM", "EC", "CC", "BS", "MO", "HR", "SH", "TM", "GP", "PE"})  # fmt: skip
_AUDIENCE = r"(?:users?|audiences?|market|customers?|consumers?|people|players?|residents?|viewers?|shoppers?|buyers?|voters?)"


@lru_cache(maxsize=1)
def _names() -> tuple[re.Pattern, dict[str, str]]:
    """One alternation over every written form, longest first ("Northern Ireland" before
    "Ireland", "American Samoa" before "America"); everyday words and abbreviations
    must match as written, other names in any case."""
    forms: dict[str, str] = {}
    exact: set[str] = set()
    for code, (written, _) in COUNTRIES.items():
        for name in written:
            key = name if (name.lower() in LOWERCASE_WORDS or _is_abbreviation(name)) else name.lower()
            forms.setdefault(key, code)
            if key == name and key != name.lower():
                exact.add(name)
    alts = []
    for key in sorted(forms, key=len, reverse=True):
        alts.append(re.escape(key) if key in exact else f"(?i:{re.escape(key)})")
    return re.compile(rf"(?<![A-Za-z]){_NOT_NEW}(?:{'|'.join(alts)})(?![A-Za-z])"), forms


@lru_cache(maxsize=1)
def _patterns() -> list[re.Pattern]:
    demonyms = sorted({a for names in QUESTION_DEMONYMS.values() for a in names}, key=len, reverse=True)
    return [
        # "German users", "Singaporean audiences": an adjective counts only before an audience word.
        re.compile(rf"\b(?i:({'|'.join(re.escape(a) for a in demonyms)}))\s+(?i:{_AUDIENCE})\b"),
        # Upper-case ISO codes after a preposition: "in DE", "for the US", "targeting SG".
        re.compile(rf"\b(?:in|into|for|to|targeting|target|across)\s+(?:the\s+)?({'|'.join(sorted(ISO_CODES - WORDLIKE_CODES))})\b"),
        # Codes read on their own ("US election ads"); the others need a preposition.
        re.compile(rf"(?<![A-Za-z0-9])({'|'.join(sorted(BARE_CODES))})(?![A-Za-z0-9])"),
    ]


@lru_cache(maxsize=1)
def _demonym_codes() -> dict[str, str]:
    out: dict[str, str] = {}
    for code, names in QUESTION_DEMONYMS.items():
        for a in names:
            out.setdefault(a, code)
    return out


def markets_in(text: str) -> list[str]:
    """Every market clearly named in `text`, in order of first mention, without duplicates.

    A fresh list of a reading cached per text: ranking reads the markets of every sentence of
    every candidate clause for every question (0.25 ms a sentence, ~5 ms of a 27 ms answer at
    100k chunks), and the same clauses come back question after question."""
    return list(_markets_in(text))


@lru_cache(maxsize=16384)
def _markets_in(text: str) -> tuple[str, ...]:
    names, forms = _names()
    found: list[tuple[int, str]] = []
    for m in names.finditer(text):
        surface = m.group(0)
        found.append((m.start(), forms.get(surface) or forms[surface.lower()]))
    demonym, after_prep, bare = _patterns()
    for m in demonym.finditer(text):
        found.append((m.start(), _demonym_codes()[m.group(1).lower()]))
    for pat in (after_prep, bare):
        for m in pat.finditer(text):
            found.append((m.start(1), m.group(1)))
    seen: list[str] = []
    for _, code in sorted(found):
        if code not in seen:
            seen.append(code)
    return tuple(seen)


def market_in_question(text: str) -> str | None:
    """The one market a question names, or None when it names none or several."""
    ms = markets_in(text)
    return ms[0] if len(ms) == 1 else None
