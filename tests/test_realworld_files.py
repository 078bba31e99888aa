"""Real-world awkward files, written for real in tmp dirs: every file read or clearly refused.

Latin-1 and Windows-1252 exports, an AES-encrypted PDF with an empty user password, a
symbolic link to nothing, two files claiming one policy id and version, a broken PDF,
numbered paragraphs with run-in titles (text and PDF), HTML headings with their lines.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policydesk.core.errors import DocumentError
from policydesk.ingest.loaders import load_document
from tests.pdfs import write_aes_pdf, write_text_pdf

LATIN1_TXT = (
    "Politique de publicité\n\n"
    "1. Portée\n"
    "Les annonces d'alcool ne sont pas diffusées auprès des mineurs. Ça coûte cher à l'éditeur.\n"
)
CP1252_MD = (
    "---\npolicy_id: CLAIMS\ntitle: Health claims\n---\n# Health claims\n"
    "## Miracle cures {#CLM-1 decision=reject}\n"
    "Ads must not promise \u201cguaranteed\u201d weight loss \u2013 not even in testimonials.\n"
)
NUMBERED = [
    "ONLINE SHOPPING POLICY",
    "",
    "1. Scope. This policy covers ads for online shops and marketplaces",
    "in every market.",
    "2. Refunds. Advertisers must state the refund period in the ad and honour",
    "it for every order.",
    "2.1 Exceptions. Perishable goods may be sold without refunds when the ad says so.",
    "3. Drop shipping. Ads for drop-shipped goods must give the delivery time.",
]
GOOD_MD = """---
policy_id: ALCOHOL
title: Alcohol Policy
version: "1"
---
# Alcohol Policy
## Age {#ALC-1 decision=reject}
Alcohol ads must not target users under 18.
"""


def _dup(date: str, text: str) -> str:
    return f"---\npolicy_id: LOANS\ntitle: Loans\nversion: \"3\"\neffective_date: {date}\n---\n# Loans\n## Payday {{#LOAN-1 decision=reject}}\n{text}\n"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policydesk", *args], capture_output=True, text=True, timeout=600)


def _lines(stream: str, prefix: str) -> list[str]:
    return [line for line in stream.splitlines() if line.startswith(prefix)]


# --------------------------------------------------------------------------- encodings


def test_latin1_and_cp1252_text_are_read_and_the_encoding_named(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes(LATIN1_TXT.encode("latin-1"))
    doc = load_document(latin, tmp_path)
    assert "Ça coûte cher à l'éditeur" in doc.text
    assert [s.heading_path[-1] for s in doc.sections] == ["1. Portée"]
    assert len(doc.warnings) == 1 and "read as" in doc.warnings[0] and "UTF-8" in doc.warnings[0]

    curly = tmp_path / "claims.md"
    curly.write_bytes(CP1252_MD.encode("cp1252"))
    doc = load_document(curly, tmp_path)
    assert "\u201cguaranteed\u201d weight loss \u2013 not even" in doc.text
    assert doc.sections[-1].clause_id == "CLM-1" and doc.sections[-1].decision == "reject"
    assert "cp1252" in doc.warnings[0]

    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(LATIN1_TXT, encoding="utf-8")
    assert load_document(utf8, tmp_path).warnings == []


@pytest.mark.parametrize("content", [bytes(range(1, 256)) * 8, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)])
def test_binary_garbage_is_still_refused(tmp_path, content):
    f = tmp_path / "export.txt"
    f.write_bytes(content)
    with pytest.raises(DocumentError) as err:
        load_document(f, tmp_path)
    assert "binary" in err.value.reason


# --------------------------------------------------------------------------- encrypted PDFs


def test_aes_pdf_with_empty_user_password_opens_and_a_protected_one_is_refused(tmp_path):
    plain = write_text_pdf(tmp_path / "plain.pdf", [["Crypto Policy", "1. Tokens. Token sales ads are prohibited."]])
    doc = load_document(write_aes_pdf(tmp_path / "open.pdf", plain), tmp_path)
    assert "Token sales ads are prohibited." in doc.text
    with pytest.raises(DocumentError, match="needs a password"):
        load_document(write_aes_pdf(tmp_path / "locked.pdf", plain, user_password="s3cret"), tmp_path)


# --------------------------------------------------------------------------- structure


def test_numbered_paragraphs_in_text_become_sections_with_number_title_and_line(tmp_path):
    f = tmp_path / "shopping.txt"
    f.write_text("\n".join(NUMBERED) + "\n")
    doc = load_document(f, tmp_path)
    got = [(s.heading_path[-1], s.line, s.text.split(".")[0]) for s in doc.sections]
    assert got == [
        ("1. Scope", 3, "This policy covers ads for online shops and marketplaces in every market"),
        ("2. Refunds", 5, "Advertisers must state the refund period in the ad and honour it for every order"),
        ("2.1 Exceptions", 7, "Perishable goods may be sold without refunds when the ad says so"),
        ("3. Drop shipping", 8, "Ads for drop-shipped goods must give the delivery time"),
    ]
    assert doc.sections[2].heading_path[-2:] == ["2. Refunds", "2.1 Exceptions"]


def test_a_sentence_after_a_number_is_not_a_title(tmp_path):
    f = tmp_path / "p.txt"
    f.write_text("POLICY\n\n1. Ads are prohibited. They never run.\n2. We review ads. Reviews take a day.\n")
    doc = load_document(f, tmp_path)
    assert [s.heading_path[-1] for s in doc.sections] == ["POLICY"]


def test_numbered_paragraphs_in_a_pdf_keep_their_pages(tmp_path):
    pdf = write_text_pdf(tmp_path / "shopping.pdf", [NUMBERED[:5], NUMBERED[5:]], title="Online Shopping Policy")
    doc = load_document(pdf, tmp_path)
    got = [(s.heading_path[-1], s.page) for s in doc.sections]
    assert ("1. Scope", 1) in got and ("2. Refunds", 1) in got
    assert ("2.1 Exceptions", 2) in got and ("3. Drop shipping", 2) in got
    refunds = next(s for s in doc.sections if s.heading_path[-1] == "2. Refunds")
    assert refunds.text.startswith("Advertisers must state the refund period")


def test_html_sections_carry_their_real_line_numbers(tmp_path):
    html = (
        "<!doctype html>\n<html>\n<head><title>Scope and Refunds</title></head>\n<body>\n"
        "<h1>Shop policy</h1>\n<p>Intro text.</p>\n"
        "<h2 style=\"display:none\">Scope</h2>\n"
        "<h2 class=\"x\">\n  Scope\n</h2>\n<p>All shops.</p>\n\n"
        "<h2>Refunds &amp; <em>returns</em></h2>\n<p>Refunds within 14 days.</p>\n</body></html>\n"
    )
    f = tmp_path / "shop.html"
    f.write_text(html)
    doc = load_document(f, tmp_path)
    raw = html.split("\n")
    got = {s.heading_path[-1]: s.line for s in doc.sections}
    assert got == {"Shop policy": 5, "Scope": 8, "Refunds & returns": 13}
    assert raw[got["Scope"] - 1].startswith("<h2 class") and "Refunds &amp;" in raw[got["Refunds & returns"] - 1]


# --------------------------------------------------------------------------- the folder, through the CLI


@pytest.fixture
def awkward_folder(tmp_path) -> Path:
    root = tmp_path / "exports"
    root.mkdir()
    (root / "alcohol.md").write_text(GOOD_MD)
    (root / "latin.txt").write_bytes(LATIN1_TXT.encode("latin-1"))
    (root / "claims.md").write_bytes(CP1252_MD.encode("cp1252"))
    (root / "shopping.txt").write_text("\n".join(NUMBERED) + "\n")
    plain = write_text_pdf(tmp_path / "plain.pdf", [["Crypto Policy", "1. Tokens. Token sales ads are prohibited."]])
    write_aes_pdf(root / "crypto.pdf", plain)
    (root / "loans-a.md").write_text(_dup("2024-01-01", "Payday loan ads are prohibited."))
    (root / "loans-b.md").write_text(_dup("2025-01-01", "Payday loan ads are not allowed anywhere."))
    (root / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    (root / "moved.md").symlink_to(root / "gone" / "moved.md")
    return root


GOOD = ["alcohol.md", "claims.md", "crypto.pdf", "latin.txt", "loans-a.md", "loans-b.md", "shopping.txt"]


def test_ingest_names_every_bad_file_once_and_loses_no_good_one(awkward_folder, tmp_path):
    store = tmp_path / "store"
    proc = _cli("ingest", str(awkward_folder), "--store", str(store))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    errors = _lines(proc.stderr, "ERROR ")
    assert len(errors) == 2, proc.stderr
    assert sum("broken.pdf" in e for e in errors) == 1 and sum("moved.md" in e and "symbolic link" in e for e in errors) == 1
    warns = _lines(proc.stderr, "WARN ")
    assert len(warns) == 3, proc.stderr
    assert any("latin.txt" in w and "read as" in w for w in warns)
    assert any("claims.md" in w and "cp1252" in w for w in warns)
    dup = next(w for w in warns if "LOANS" in w)
    assert "loans-a.md" in dup and "loans-b.md" in dup and "loans-b.md answers" in dup

    listed = json.loads(_cli("sources", "--store", str(store), "--json").stdout)
    assert sorted(d["source"] for d in listed) == GOOD

    from policydesk.core.settings import Settings
    from policydesk.core.store import load_catalog

    catalog = load_catalog(Settings(store=store))
    sections = {c.section for c in catalog.chunks.values() if c.source == "shopping.txt"}
    assert {"2. Refunds", "2.1 Exceptions"} <= {s.split(" > ")[-1] for s in sections}, sections


def test_annotate_and_lint_name_each_bad_file_and_carry_on(awkward_folder):
    proc = _cli("annotate", str(awkward_folder), "--json")
    assert proc.returncode == 2, proc.stderr
    rows = json.loads(proc.stdout)
    assert {"shopping.txt", "alcohol.md", "crypto.pdf"} <= {r["source"] for r in rows}
    refunds = [r for r in rows if r["source"] == "shopping.txt" and r["section"] == "2. Refunds"]
    assert refunds and refunds[0]["quote"].startswith("Advertisers must state the refund period")
    errors = _lines(proc.stderr, "ERROR ")
    assert len(errors) == 2 and any("broken.pdf" in e for e in errors) and any("moved.md" in e for e in errors), proc.stderr

    proc = _cli("lint", str(awkward_folder))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    errors = _lines(proc.stderr, "ERROR ")
    assert len(errors) == 2 and any("broken.pdf" in e for e in errors) and any("moved.md" in e for e in errors), proc.stderr
    assert "broken.pdf" not in proc.stdout and "moved.md" not in proc.stdout
    assert "duplicate-version" not in proc.stdout  # the kind is in --json; the text names the pair
    assert "policy LOANS version 3 is also" in proc.stdout
    assert "shopping.txt:5: section '2. Refunds'" in proc.stdout


# --------------------------------------------------------------------------- the original file behind a citation


def test_original_file_is_found_flagged_when_changed_and_none_when_gone(tmp_path, make_settings):
    from policydesk.core.types import DocumentRecord
    from policydesk.ingest.pipeline import fingerprint
    from policydesk.ui.documents import original_file, original_text

    settings = make_settings()
    f = tmp_path / "claims.md"
    f.write_bytes(CP1252_MD.encode("cp1252"))
    record = DocumentRecord(source="claims.md", root=str(tmp_path), format="md", file_hash=fingerprint(f, settings))
    found = original_file(record, settings)
    assert found is not None and found.data == f.read_bytes() and not found.changed
    assert "\u201cguaranteed\u201d" in original_text(found)
    f.write_bytes(CP1252_MD.replace("weight", "fat").encode("cp1252"))
    assert original_file(record, settings).changed
    f.unlink()
    assert original_file(record, settings) is None
