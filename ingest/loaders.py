"""Turn a policy file (Markdown, PDF, HTML, text) into sections that follow its own structure.

Every loader returns the same `LoadedDocument`; every failure is a `DocumentError` whose
reason says what is wrong and, where there is one, the line and the fix. Nothing here
touches the store, so a failed load can never remove what is already indexed.
"""

from __future__ import annotations

import hashlib
import re
import shlex
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml

from policydesk.core.errors import DocumentError
from policydesk.core.sidecar import SIDECAR_SUFFIX
from policydesk.core.markets import REGIONS, to_codes
from policydesk.core.types import CLAUSE_DECISIONS, GLOBAL_MARKET
from policydesk.ingest.encoding import decode_text
from policydesk.ingest.html_tables import table_lines
from policydesk.ingest.qa_pairs import QUESTION_LEVEL, question_line, without_answer_label
from policydesk.ingest.headings import HeadingFinder, pdf_heading_finder, text_heading_finder
from policydesk.ingest.pdf_tables import with_tables
from policydesk.ingest.pdflines import drop_running, page_text, read_page

SUPPORTED_SUFFIXES = {".md": "md", ".markdown": "md", ".pdf": "pdf", ".html": "html", ".htm": "html", ".txt": "txt"}
FRONT_MATTER_KEYS = {"policy_id", "title", "version", "effective_date", "business_line", "markets"}
MARKET_RE = re.compile(r"^[A-Z]{2}$")
GLOBAL_ALIASES = {"global", "all", "*", "worldwide", "any"}


@dataclass
class DocMeta:
    policy_id: str = ""
    title: str = ""
    version: str | None = None
    effective_date: date | None = None
    business_line: str | None = None
    markets: list[str] = field(default_factory=list)


@dataclass
class Section:
    """A run of text under one heading; clause attributes come from Markdown markers only."""

    heading_path: list[str]
    text: str
    page: int | None = None
    clause_id: str | None = None
    decision: str | None = None
    markets: list[str] = field(default_factory=list)
    line: int = 1  # 1-based line of the heading (or first text line) in the file


@dataclass
class LoadedDocument:
    source: str
    path: Path
    format: str
    title: str
    meta: DocMeta
    sections: list[Section]
    text: str  # the visible text, for quote checks
    file_hash: str
    warnings: list[str] = field(default_factory=list)


def section_label(doc: LoadedDocument, section: Section) -> str:
    """A section's heading path as chunks carry it: without the document's own title."""
    path = list(section.heading_path)
    if path and path[0] == doc.title:
        path = path[1:]
    return " > ".join(path)


def introduction_sections(doc: LoadedDocument) -> int:
    """How many leading sections are the document's introduction: the text before its first
    section heading, under no heading but the document's own (none, or the page heading
    every later section sits under). Zero when no later section has a heading of its own: a
    document that is one passage introduces nothing, it is its rules."""
    labels = [section_label(doc, s) for s in doc.sections]
    if not labels:
        return 0
    root = labels[0]
    n = 1
    while n < len(labels) and labels[n] == root:
        n += 1
    rest = labels[n:]
    if rest and all(label.startswith(root + " > ") if root else label for label in rest):
        return n
    return 0


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.endswith(SIDECAR_SUFFIX)


def source_name(path: Path, root: Path) -> str:
    try:
        rel = path.resolve().relative_to(root.resolve())
    except ValueError:
        rel = Path(path.name)
    return rel.as_posix()


def default_policy_id(path: Path) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", path.stem).strip("-").upper() or "POLICY"


def load_document(path: Path, root: Path | None = None) -> LoadedDocument:
    """Load one file; raises DocumentError naming the file and the reason."""
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    source = source_name(path, root)
    fmt = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise DocumentError(source, f"unsupported file type {path.suffix or '(none)'}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(source, f"cannot read file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise DocumentError(source, "empty file; add policy text or remove it")
    file_hash = hashlib.sha256(data).hexdigest()
    warnings: list[str] = []
    if fmt == "pdf":
        title, sections, pdf_title = _load_pdf(source, data)
        meta = DocMeta(title=pdf_title or title)
        _prose_meta(meta, sections)
    else:
        decoded = decode_text(source, data)
        text = decoded.text
        if decoded.warning:
            warnings.append(decoded.warning)
        if fmt == "md":
            meta, sections = _load_markdown(source, text)
        elif fmt == "html":
            meta, sections = _load_html(source, text)
        else:
            meta, sections = _load_text(source, text)
        if fmt != "md":
            _prose_meta(meta, sections)
        title = meta.title
    sections = [s for s in sections if s.text.strip()]
    if not sections:
        raise DocumentError(source, "no policy text found after parsing (only headings, markup or whitespace)")
    meta.title = meta.title or title or path.stem
    meta.policy_id = meta.policy_id or default_policy_id(path)
    full_text = "\n\n".join(s.text for s in sections)
    return LoadedDocument(source, path, fmt, meta.title, meta, sections, full_text, file_hash, warnings)


# --------------------------------------------------------------------------- markdown

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{([^{}]*)\})?\s*#*\s*$")
FENCE_RE = re.compile(r"^\s*(```|~~~)")


def parse_markets(value, source: str, line: int) -> list[str]:
    """'SG,MY', ['SG', 'MY'], 'Singapore, Malaysia', 'EU' or 'global' -> normalised codes;
    anything else is an error at `line`. Names come from the shared table (core.markets)."""
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else re.split(r"[,;]", str(value))
    out: list[str] = []
    for item in items:
        item = str(item).strip()
        if not item:
            continue
        codes = _market_codes(item)
        if codes is None and re.search(r"\s", item):
            # "SG MY" (space-separated codes) as well as "United States".
            parts = [_market_codes(p) for p in item.split()]
            codes = [c for p in parts for c in p] if all(p is not None for p in parts) else None
        if codes is None:
            raise DocumentError(
                source,
                f"line {line}: unknown market {item!r}; use ISO 3166 alpha-2 codes (SG, GB, US), "
                "country names (Singapore), EU/EEA or global",
            )
        for code in codes:
            if code not in out:
                out.append(code)
    return out


def _market_codes(item: str) -> list[str] | None:
    if item.lower() in GLOBAL_ALIASES:
        return [GLOBAL_MARKET]
    if item.upper() in REGIONS:
        return list(REGIONS[item.upper()])
    if MARKET_RE.match(item.upper()):
        return ["GB" if item.upper() == "UK" else item.upper()]
    return to_codes(item) or None


def _parse_date(value, source: str, line: int) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise DocumentError(source, f"line {line}: effective_date {value!r} is not a date; write YYYY-MM-DD") from exc


# libyaml's parser where PyYAML was built with it: 0.015 s against 0.115 s for the front
# matter of 165 files (2026-11-29), the same values on all of them.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(raw: str):
    """Front matter through libyaml; on an error the pure-Python parser reads it again, so the
    message and line a writer sees stay the ones `split_front_matter` has always reported."""
    try:
        return yaml.load(raw, Loader=_FAST_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return yaml.safe_load(raw)


def split_front_matter(source: str, text: str) -> tuple[dict, str, int]:
    """(front matter dict, body, number of lines the front matter took)."""
    if not text.startswith("---"):
        return {}, text, 0
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text, 0
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            raw = "\n".join(lines[1:i])
            try:
                fm = _load_yaml(raw) or {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                where = f"line {mark.line + 2}: " if mark is not None else ""
                problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
                raise DocumentError(source, f"{where}malformed front matter ({problem}); fix the YAML between the --- lines") from exc
            if not isinstance(fm, dict):
                raise DocumentError(source, "line 2: front matter must be a mapping of key: value lines")
            return fm, "\n".join(lines[i + 1 :]), i + 1
    raise DocumentError(source, "line 1: front matter starts with --- but never ends; add a closing --- line")


def _front_matter_meta(source: str, fm: dict) -> DocMeta:
    def line_of(key: str) -> int:
        return 2 + list(fm).index(key) if key in fm else 2

    meta = DocMeta(
        policy_id=str(fm.get("policy_id") or "").strip(),
        title=str(fm.get("title") or "").strip(),
        version=None if fm.get("version") in (None, "") else str(fm.get("version")).strip(),
        effective_date=_parse_date(fm.get("effective_date"), source, line_of("effective_date")),
        business_line=str(fm["business_line"]).strip() if fm.get("business_line") else None,
        markets=parse_markets(fm.get("markets"), source, line_of("markets")),
    )
    return meta


def parse_heading_attrs(attrs: str, source: str, line: int) -> dict:
    """Pandoc-style `{#ID decision=reject markets="SG,MY"}` -> {'id':…, 'decision':…, 'markets':…}."""
    try:
        # Without quotes or escapes shlex's split is str.split, and the common case skips its
        # character-by-character lexer (~0.05 s per 1,500 headings on the bench corpus).
        tokens = attrs.split() if not any(ch in attrs for ch in "\"'\\") else shlex.split(attrs)
    except ValueError as exc:
        raise DocumentError(source, f"line {line}: unbalanced quotes in heading attributes {{{attrs}}}") from exc
    out: dict = {}
    for tok in tokens:
        if tok.startswith("#"):
            out["id"] = tok[1:]
        elif "=" in tok:
            key, _, value = tok.partition("=")
            out[key.strip().lower()] = value.strip()
        elif tok.startswith("."):
            continue
        else:
            raise DocumentError(source, f"line {line}: cannot read heading attribute {tok!r}; use key=value")
    decision = out.get("decision")
    if decision is not None:
        decision = decision.lower()
        if decision not in CLAUSE_DECISIONS:
            raise DocumentError(
                source, f"line {line}: unknown decision {out['decision']!r}; use one of {', '.join(CLAUSE_DECISIONS)}"
            )
        out["decision"] = decision
    if "markets" in out:
        out["markets"] = parse_markets(out["markets"], source, line)
    return out


def _load_markdown(source: str, text: str) -> tuple[DocMeta, list[Section]]:
    fm, body, offset = split_front_matter(source, text)
    meta = _front_matter_meta(source, fm)
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    current: Section | None = None
    buf: list[str] = []
    in_fence = False
    doc_title = meta.title

    def flush():
        if current is not None:
            current.text = _tidy("\n".join(buf))
            sections.append(current)

    current = Section(heading_path=[], text="", line=offset + 1)
    for i, line in enumerate(body.split("\n")):
        lineno = offset + i + 1
        if FENCE_RE.match(line):
            in_fence = not in_fence
        m = None if in_fence else HEADING_RE.match(line)
        if not m:
            buf.append(line)
            continue
        flush()
        buf = []
        level, title, attrs = len(m.group(1)), m.group(2).strip(), m.group(3)
        parsed = parse_heading_attrs(attrs, source, lineno) if attrs else {}
        if level == 1 and not doc_title:
            doc_title = title
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        current = Section(
            heading_path=[t for _, t in stack],
            text="",
            clause_id=parsed.get("id"),
            decision=parsed.get("decision"),
            markets=parsed.get("markets", []),
            line=lineno,
        )
    flush()
    meta.title = doc_title
    return meta, sections


def _tidy(text: str) -> str:
    """Trim and collapse runs of blank lines; keep line breaks (lists read better with them)."""
    # Each pattern only on a text holding what any match of it must hold (a scan of every
    # blank for "[ \t]+\n" is most of the cost, and most texts have no trailing blanks).
    if "<!--" in text:
        text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    if " \n" in text or "\t\n" in text:
        text = re.sub(r"[ \t]+\n", "\n", text)
    if "\n\n\n" in text:
        text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# --------------------------------------------------------------------------- prose (txt, pdf)

NUMBERED_HEADING_RE = re.compile(r"^(?:(?:section|article|part|chapter)\s+)?(\d{1,2}(?:\.\d{1,2}){0,3})[.)]?\s+(\S.{0,90})$", re.I)
LIST_START_RE = re.compile(r"^\s*(?:[-*•▪◦]|\(?[a-z0-9]{1,3}[.)])\s+")


# "4. Refunds. Advertisers must state ..." / "2.1 Scope. This policy ...": a numbered paragraph
# whose short title runs into its text on the same line. The title is a few words with no
# verb of obligation or being, so "3. Ads are prohibited. They ..." stays a paragraph.
NUMBERED_PARA_RE = re.compile(
    r"^(?:(?:Section|Article|Clause|Part|SECTION|ARTICLE|CLAUSE|PART)\s+)?(\d{1,2}(?:\.\d{1,2}){0,3})(?:[.)]\s+|\s+)"
    r"([A-Z][^.!?:;\d]{0,60}?)[.:]\s+(\S.*)$"
)
_TITLE_MAX_WORDS = 6
_NOT_A_TITLE = re.compile(
    r"\b(?:must|may|shall|should|will|would|can|cannot|are|is|was|were|be|been|not|never|has|have|do|does|we|you|they|it)\b",
    re.I,
)


def numbered_paragraph(line: str) -> tuple[int, str, str] | None:
    """(level, "4. Refunds", rest of the line) for a numbered paragraph with a run-in title."""
    m = NUMBERED_PARA_RE.match(line.strip())
    if not m:
        return None
    number, title, rest = m.group(1), m.group(2).strip(), m.group(3)
    if len(title.split()) > _TITLE_MAX_WORDS or _NOT_A_TITLE.search(title):
        return None
    return number.count(".") + 1, f"{number}. {title}" if "." not in number else f"{number} {title}", rest


def _is_caps_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return 3 <= len(letters) and len(line) <= 80 and all(c.isupper() for c in letters) and not line.endswith((".", ","))


def prose_heading(line: str, next_line: str = "") -> tuple[int, str] | None:
    """(level, title) when a prose line reads as a heading: numbered and short, or ALL CAPS.

    A numbered line whose sentence runs on into the next line ("1.1 This standard sets out
    the ... / investment products may ...") is a numbered paragraph, not a heading.
    """
    s = line.strip()
    if not s or len(s) > 100:
        return None
    m = NUMBERED_HEADING_RE.match(s)
    if m and not s.endswith((".", ";", ",", ":")) and m.group(2)[:1].isupper() and len(m.group(2).split()) <= 8:
        nxt = next_line.strip()
        if nxt[:1].islower():
            return None
        return m.group(1).count(".") + 1, s
    if _is_caps_heading(s):
        return 1, s
    return None


_PIPE_ROW = re.compile(r"^\|.*\|$")


def _join_wrapped(lines: list[str]) -> str:
    """Join hard-wrapped lines into paragraphs; keep list items and blank-line breaks.

    Paragraphs are one a line. A paragraph after a list keeps the blank line that ends the
    list (as Markdown writes it): without it, an item that ends without a full stop reads on
    into the paragraph after it (core/sentences.py joins a line to the item above it)."""
    paras: list[str] = []
    cur = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            if cur:
                paras.append(cur)
                cur = ""
            continue
        if _PIPE_ROW.match(line):
            # A table row ("| GB | Rule. |") is a line of its own, never a wrapped paragraph's.
            if cur:
                paras.append(cur)
            paras.append(line)
            cur = ""
            continue
        if LIST_START_RE.match(line) and cur:
            paras.append(cur)
            cur = line
        elif cur.endswith("-") and line[:1].islower() and not cur.endswith(" -"):
            cur = cur[:-1] + line
        else:
            cur = f"{cur} {line}" if cur else line
    if cur:
        paras.append(cur)
    out = ""
    for i, para in enumerate(paras):
        if i:
            out += "\n\n" if LIST_START_RE.match(paras[i - 1]) and not LIST_START_RE.match(para) else "\n"
        out += para
    return out


def split_prose(pages: list[tuple[int | None, str]], title: str, styled: HeadingFinder | None = None) -> list[Section]:
    """Sections from plain lines: numbered or ALL-CAPS headings start a new section, and so do
    the lines `styled` reads as headings by layout (ingest/headings.py), asked only about lines
    that are neither.

    A section that runs over a page break is split there, so every chunk keeps its page.
    """
    sections: list[Section] = []
    stack: list[tuple[int, str]] = [(0, title)] if title else []
    cur_lines: list[str] = []
    cur_page: int | None = None
    cur_line = 1
    path = [t for _, t in stack]
    line_no = 0
    answering = False  # the next non-blank line is a question's answer

    def flush():
        text = _join_wrapped(cur_lines)
        if text.strip():
            sections.append(Section(heading_path=list(path), text=text, page=cur_page, line=cur_line))

    for page, text in pages:
        if cur_lines and page != cur_page:
            flush()
            cur_lines = []
        cur_page = page
        page_lines = text.split("\n")
        for j, raw in enumerate(page_lines):
            line_no += 1
            if (question := question_line(raw)) is not None:
                # "Q: Can I advertise X?": the question heads its answer (ingest/qa_pairs.py).
                flush()
                cur_lines = []
                while stack and stack[-1][0] >= QUESTION_LEVEL:
                    stack.pop()
                stack.append((QUESTION_LEVEL, question))
                path = [t for _, t in stack]
                cur_line = line_no + 1
                answering = True
                continue
            if answering and raw.strip():
                raw = without_answer_label(raw)
                answering = False
            para = numbered_paragraph(raw)
            head = para[:2] if para else prose_heading(raw, page_lines[j + 1] if j + 1 < len(page_lines) else "")
            if head is None and styled is not None and (level := styled(page, j, raw)) is not None:
                head = (level, raw.strip())
            if head is not None and raw.strip() != title:
                flush()
                cur_lines = []
                level, name = head
                while stack and stack[-1][0] >= level:
                    stack.pop()
                stack.append((level, name))
                path = [t for _, t in stack]
                cur_line = line_no
                if para:
                    cur_lines.append(para[2])
                continue
            if not cur_lines:
                cur_line = line_no
            cur_lines.append(raw)
    flush()
    return sections


VERSION_RE = re.compile(r"\bversion\s*:?\s*v?(\d+(?:\.\d+){0,3})\b", re.I)
EFFECTIVE_RE = re.compile(
    r"\b(?:effective|in force|valid)(?:\s+(?:date|from|as of|since|on))?\s*:?\s*"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})",
)
ALL_MARKETS_RE = re.compile(r"\b(?:in|to|across)\s+(?:all|every)\s+markets?\b", re.I)


def _prose_meta(meta: DocMeta, sections: list[Section]) -> None:
    """Prose documents often state version and effective date in their first lines; use them.

    Without this, two versions of a PDF policy could not be told apart by date.
    """
    head = "\n".join(s.text for s in sections[:2])[:800]
    if meta.version is None and (m := VERSION_RE.search(head)):
        meta.version = m.group(1)
    if meta.effective_date is None and (m := EFFECTIVE_RE.search(head)):
        raw = m.group(1).replace(",", "")
        for fmt in ("%Y-%m-%d", "%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y"):
            try:
                meta.effective_date = datetime.strptime(raw, fmt).date()
                break
            except ValueError:
                continue
    if not meta.markets and ALL_MARKETS_RE.search(head):
        meta.markets = [GLOBAL_MARKET]


def _first_line(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return ""


def _load_text(source: str, text: str) -> tuple[DocMeta, list[Section]]:
    lines = text.split("\n")
    title = _first_line(text)
    title = title if len(title) <= 120 else ""
    if title:  # the title line is the document's name, not a section
        at = next(i for i, l in enumerate(lines) if l.strip())
        lines[at] = ""
    headings = text_heading_finder(lines)
    # Setext underlines (=== / ---) mark the heading above them (read just now); they are not
    # text. Blanked in place, so line numbers hold.
    body = "\n".join("" if re.fullmatch(r"\s*[=\-_*]{3,}\s*", l) else l for l in lines)
    sections = split_prose([(None, body)], title, lambda page, j, raw: headings.get(j))
    return DocMeta(title=title), sections


# --------------------------------------------------------------------------- pdf


def _load_pdf(source: str, data: bytes) -> tuple[str, list[Section], str]:
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:
                raise DocumentError(source, f"encrypted PDF ({exc.__class__.__name__}); save an unencrypted copy") from exc
            if not ok:
                raise DocumentError(source, "encrypted PDF that needs a password; save an unencrypted copy and ingest that")
        page_lines, page_runs = [], []
        for page in reader.pages:
            lines, runs = read_page(page)
            page_lines.append(lines)
            page_runs.append(runs)
        info_title = ""
        try:
            info_title = (reader.metadata.title or "").strip() if reader.metadata else ""
        except Exception:
            info_title = ""
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError, IndexError) as exc:
        raise DocumentError(source, f"not a readable PDF ({exc.__class__.__name__}: {str(exc)[:120]}); re-export it") from exc
    except Exception as exc:  # pypdf raises a zoo of errors on damaged files
        raise DocumentError(source, f"not a readable PDF ({exc.__class__.__name__}: {str(exc)[:120]}); re-export it") from exc
    if not page_lines:
        raise DocumentError(source, "PDF has no pages")
    if not any(l.text.strip() for lines in page_lines for l in lines):
        raise DocumentError(source, f"no extractable text in {len(page_lines)} page(s): image-only or scanned PDF; run OCR first")
    page_lines = drop_running(page_lines)
    pages = [(i, page_text(with_tables(lines))) for i, lines in enumerate(page_lines, start=1)]
    first = _first_line(next(t for _, t in pages if t.strip()))
    title = info_title or (first if len(first) <= 120 else "")
    sections = split_prose(pages, title, pdf_heading_finder(reader.pages, page_runs))
    return title, sections, info_title


# --------------------------------------------------------------------------- html

HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0", re.I)
NOISE_TAGS = ["script", "style", "noscript", "template", "svg", "nav", "footer", "iframe", "object", "head", "form", "button"]
BLOCK_LEVEL = [
    "p", "li", "td", "th", "blockquote", "pre", "dd", "dt", "figcaption", "caption", "div", "section",
    "article", "main", "body", "aside", "header", "table", "tr", "ul", "ol", "dl", "details", "summary",
]  # fmt: skip


_BLOCK_NAMES = frozenset(BLOCK_LEVEL)
_HEADING_NAME = re.compile(r"^h[1-6]$")


def _is_heading_name(name: str | None) -> bool:
    return name is not None and _HEADING_NAME.search(name) is not None


def nearest_parent(node, matches):
    """`node.find_parent(name)` for a name test `matches`, matched as Beautiful Soup matches a
    tag name (the name, or "prefix:name" for a tag with a prefix), without the `SoupStrainer`
    `find_parent` builds per call (two calls per text node: ~20% of loading an HTML file)."""
    parent = node.parent
    while parent is not None:
        if matches(parent.name) or (parent.prefix and matches(f"{parent.prefix}:{parent.name}")):
            return parent
        parent = parent.parent
    return None


def _is_hidden(tag) -> bool:
    attrs = tag.attrs or {}
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    if HIDDEN_STYLE_RE.search(str(attrs.get("style", ""))):
        return True
    marker = " ".join([str(attrs.get("id", "")), " ".join(attrs.get("class", []) or [])]).lower()
    return any(word in marker for word in ("cookie", "consent", "banner-ad", "sr-only", "visually-hidden"))


_HTML_GAP = r"(?:[^\w<&]|<[^>]*>|&#?\w+;)*"


def _heading_line_finder(raw: str):
    """A function (level, heading text, fallback) -> 1-based line of that heading's tag in `raw`.

    lxml does not report source lines through BeautifulSoup, so each heading is found in the
    raw HTML, in document order (every search starts after the last heading found).
    """
    pos = 0

    def find(level: int, head: str, fallback: int) -> int:
        nonlocal pos
        words = re.findall(r"\w+", head)[:8]
        if not words:
            return fallback
        pattern = rf"<h{level}\b[^>]*>{_HTML_GAP}" + (r"(?:[^\w<&]|<[^>]*>|&#?\w+;)+").join(map(re.escape, words))
        for m in re.compile(pattern, re.I).finditer(raw, pos):
            tag = m.group(0)[: m.group(0).find(">") + 1]
            if HIDDEN_STYLE_RE.search(tag) or re.search(r"\shidden\b|aria-hidden=.?true", tag, re.I):
                continue  # a hidden heading of the same words is not the one the text is under
            pos = m.end()
            return raw.count("\n", 0, m.start()) + 1
        return fallback

    return find


def _inside(node, ancestor) -> bool:
    parent = node.parent
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parent
    return False


def _load_html(source: str, text: str) -> tuple[DocMeta, list[Section]]:
    from bs4 import BeautifulSoup, CData, Comment, Doctype, NavigableString, ProcessingInstruction, Tag

    try:
        soup = BeautifulSoup(text, "lxml")
    except Exception as exc:
        raise DocumentError(source, f"cannot parse HTML ({exc.__class__.__name__})") from exc
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for name in NOISE_TAGS:
        for tag in soup.find_all(name):
            tag.decompose()
    for tag in soup.find_all(True):
        if tag.attrs is not None and not getattr(tag, "decomposed", False) and _is_hidden(tag):
            tag.decompose()
    root = soup.find("main") or soup.body or soup
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    paras: list[str] = []
    run: list[str] = []
    run_block = None
    h1 = ""
    find_line = _heading_line_finder(text)
    line = 1
    # The <details> element whose <summary> heads each stack entry (None for an <hN>).
    opened: list = []
    last_block = None  # the block of the last paragraph written, so a <dd> joins its <dt>

    def end_run():
        nonlocal run, run_block, last_block
        piece = re.sub(r"\s+", " ", "".join(run)).strip()
        piece = re.sub(r"\s+([.,;:!?)])", r"\1", piece)
        if piece:
            if run_block is not None and run_block.name == "dd" and last_block is not None and last_block.name == "dt" and paras:
                # A definition list states "Term: meaning", as a glossary line does.
                paras[-1] = f"{paras[-1].rstrip(' :')}: {piece}"
            else:
                paras.append(f"- {piece}" if run_block is not None and run_block.name == "li" else piece)
            last_block = run_block
        run, run_block = [], None

    def push(level: int, head: str, details=None):
        while stack and stack[-1][0] >= level:
            stack.pop()
            opened.pop()
        stack.append((level, head))
        opened.append(details)

    def close_details(node) -> None:
        """Leave the sections of <details> blocks that `node` is no longer inside."""
        while opened and opened[-1] is not None and not _inside(node, opened[-1]):
            flush()
            stack.pop()
            opened.pop()

    def flush():
        end_run()
        body = "\n".join(paras).strip()
        if body:
            sections.append(Section(heading_path=[t for _, t in stack] or ([title] if title else []), text=body, line=line))
        paras.clear()

    # Walk the text in document order. Text belongs to its nearest block ancestor, so prose
    # sitting directly in a <div> or split by <br> is kept, not only <p> and <li>. A data
    # table is written as pipe rows, one line per row (ingest/html_tables.py), as a Markdown
    # table is, and its cells are not walked again.
    tabled: set[int] = set()
    for node in root.descendants:
        if id(node) in tabled:
            continue
        if isinstance(node, Tag):
            if node.name == "table" and (rows := table_lines(node)) is not None:
                end_run()
                paras.extend(rows)
                tabled.update(id(d) for d in node.descendants)
            elif re.fullmatch(r"h[1-6]", node.name or ""):
                close_details(node)
                flush()
                level = int(node.name[1])
                head = node.get_text(" ", strip=True)
                line = find_line(level, head, line)
                if level == 1 and not h1:
                    h1 = head
                push(level, head)
            elif node.name == "summary" and node.parent is not None and node.parent.name == "details":
                # A disclosure block (tab, accordion) is a section headed by its summary: a
                # child of the heading it directly follows, else a peer of the section it
                # follows (a heading whose section already has text, e.g. a glossary, does
                # not govern the blocks after it).
                close_details(node)
                had_text = bool(paras or run)
                flush()
                head = node.get_text(" ", strip=True)
                tabled.update(id(d) for d in node.descendants)
                if head:
                    top = stack[-1][0] if stack else 1
                    level = top if (had_text and opened and opened[-1] is None and top > 1) or (opened and opened[-1] is not None) else top + 1
                    push(min(level, 7), head, node.parent)
            elif node.name == "br":
                end_run()
            continue
        if not isinstance(node, NavigableString) or isinstance(node, (Comment, Doctype, ProcessingInstruction, CData)):
            continue
        if not node.strip() or nearest_parent(node, _is_heading_name) is not None:
            continue
        close_details(node)
        block = nearest_parent(node, _BLOCK_NAMES.__contains__)
        if block is not run_block:
            end_run()
            run_block = block
        run.append(str(node))
    flush()
    return DocMeta(title=title or h1), sections
