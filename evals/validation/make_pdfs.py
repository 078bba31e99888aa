"""Render the validation pack's PDF policies from the plain-text sources in pdf_sources/.

The pack needs prose PDFs the way ad platforms publish them (numbered headings, no clause
markers), and a PDF nobody can regenerate is a PDF nobody can correct. So the wording lives
in pdf_sources/*.txt (kept outside policies/, so ingest never sees it twice) and this script
turns each file into policies/<name>.pdf. Output is byte-for-byte reproducible (reportlab's
invariant mode), so a re-run after no text change leaves git clean.

Source format: first line = title; the lines up to the first blank line = front lines
(version, scope); then paragraphs separated by blank lines; a paragraph that is one line
starting with a section number ("3. Fees", "5.1 Package ...") is a heading.

Run: .venv/bin/python evals/validation/make_pdfs.py   (needs reportlab, in the project's `test` extra)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "pdf_sources"
OUT = HERE / "policies"
HEADING = re.compile(r"^\d+(\.\d+)*\.?\s+\S")


def render(source: Path, target: Path) -> None:
    """One source text → one PDF with title, front lines, numbered headings and body paragraphs."""
    styles = getSampleStyleSheet()
    blocks = source.read_text(encoding="utf-8").strip().split("\n\n")
    front = blocks[0].splitlines()
    story = [Paragraph(escape(front[0]), styles["Title"])]
    story += [Paragraph(escape(line), styles["Normal"]) for line in front[1:]]
    story.append(Spacer(1, 0.4 * cm))
    for block in blocks[1:]:
        text = " ".join(block.split())
        style = styles["Heading2"] if "\n" not in block.strip() and HEADING.match(text) else styles["BodyText"]
        story.append(Paragraph(escape(text), style))
    doc = SimpleDocTemplate(
        str(target), pagesize=A4, title=front[0], author="policydesk validation pack",
        leftMargin=2.2 * cm, rightMargin=2.2 * cm, topMargin=2 * cm, bottomMargin=2 * cm,
        invariant=1,
    )
    doc.build(story)


def main() -> int:
    sources = sorted(SOURCES.glob("*.txt"))
    if not sources:
        print(f"no sources in {SOURCES}", file=sys.stderr)
        return 1
    for src in sources:
        target = OUT / f"{src.stem}.pdf"
        render(src, target)
        print(f"wrote {target.relative_to(HERE.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
