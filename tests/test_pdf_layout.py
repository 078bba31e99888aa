"""PDF structure kept by layout (ingest/pdflines.py): list items, paragraph gaps, running
footers and the title line, on real PDFs that reportlab writes here."""

from __future__ import annotations

from policydesk.core.clause_logic import read_clause_logic
from policydesk.ingest.chunking import chunk_document
from policydesk.ingest.loaders import load_document


def _canvas(path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle("Prize promotions")
    return c


def _section(doc, heading):
    return next(s for s in doc.sections if s.heading_path[-1] == heading)


def test_bullet_glyph_on_its_own_baseline_starts_an_item(tmp_path):
    """A bullet set as its own run, a little above the item's baseline (pypdf gives it a line
    of its own), marks a list item: items that end without a full stop are not run together,
    and a bullet repeated on every page is not a running header."""
    f = tmp_path / "promos.pdf"
    c = _canvas(f)
    c.setFont("Helvetica-Bold", 18)
    c.drawString(60, 800, "Prize promotions")
    c.setFont("Helvetica", 10.5)
    c.drawString(60, 780, "Promotions reward customers, and entrants need to know the rules.")
    c.setFont("Helvetica-Bold", 13)
    c.drawString(60, 750, "Allowed without restriction")
    y = 730
    for item in ["Ads that name the winners of a draw that has closed", "Vouchers that every buyer receives"]:
        c.setFont("Helvetica", 12)
        c.drawString(60, y + 1.5, "-")
        c.setFont("Helvetica", 10.5)
        c.drawString(72, y, item)
        y -= 20
    c.setFont("Helvetica-Bold", 13)
    c.drawString(60, y - 10, "What's not allowed")
    y -= 30
    for item in ["Draws that charge for entry", "Prizes that are firearms"]:
        c.setFont("Helvetica", 12)
        c.drawString(60, y + 1.5, "-")
        c.setFont("Helvetica", 10.5)
        c.drawString(72, y, item)
        y -= 20
    c.showPage()
    c.setFont("Helvetica", 12)
    c.drawString(60, 801.5, "-")
    c.setFont("Helvetica", 10.5)
    c.drawString(72, 800, "Messages that say you have won to people who have not")
    c.showPage()
    c.save()

    doc = load_document(f, tmp_path)
    allowed = _section(doc, "Allowed without restriction").text.split("\n")
    assert allowed == ["- Ads that name the winners of a draw that has closed", "- Vouchers that every buyer receives"]
    banned = [s.text for s in doc.sections if s.heading_path[-1] == "What's not allowed"]
    assert banned == ["- Draws that charge for entry\n- Prizes that are firearms", "- Messages that say you have won to people who have not"]
    # Each item is read as its own rule.
    chunk = next(ch for ch in chunk_document(doc) if ch.section.endswith("Allowed without restriction"))
    quotes = [r.quote for r in read_clause_logic(chunk)]
    assert any(q.endswith("Ads that name the winners of a draw that has closed") for q in quotes)
    assert not any("closed" in q and "Vouchers" in q for q in quotes)


def test_drawn_bullets_and_gaps_between_items(tmp_path):
    """Bullets drawn as small filled circles are not text; the item beside each one still
    starts a list item, and an item's wrapped lines stay one item."""
    f = tmp_path / "exchanges.pdf"
    c = _canvas(f)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(80, 800, "3.2 Exchanges")
    c.setFont("Helvetica", 11)
    c.drawString(80, 780, "Exchanges may advertise only if they hold the licence required in each market:")
    y = 760
    for lines in [["In Freedonia, an exchange must be registered with the", "central bank."], ["In Sylvania, an exchange must hold a dealer licence."]]:
        c.circle(96.5, y + 3.5, 1.8, stroke=0, fill=1)
        for line in lines:
            c.drawString(104, y, line)
            y -= 16
        y -= 4
    c.drawString(80, y, "Exchange ads are prohibited in Ruritania.")
    c.rect(80, y - 30, 400, 0.8, stroke=0, fill=1)  # a rule across the page is no bullet
    c.showPage()
    c.save()

    doc = load_document(f, tmp_path)
    assert _section(doc, "3.2 Exchanges").text.split("\n") == [
        "Exchanges may advertise only if they hold the licence required in each market:",
        "- In Freedonia, an exchange must be registered with the central bank.",
        "- In Sylvania, an exchange must hold a dealer licence.",
        "",  # the list ends: a blank line, so the last item does not read on into the paragraph
        "Exchange ads are prohibited in Ruritania.",
    ]


def test_paragraph_gaps_and_numbers_set_apart(tmp_path):
    """A gap wider than the line spacing ends a paragraph; a number set apart from its item's
    text ("1." in its own run, on the item's baseline) stays the item's number."""
    f = tmp_path / "cars.pdf"
    c = _canvas(f)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, 800, "3. What is allowed with restrictions")
    c.setFont("Helvetica", 10.5)
    y = 780
    for para in [
        ["Used vehicles. Ads for used vehicles are allowed as long as the ad states the", "model year."],
        ["Audience. Finance ads must only be shown to people aged 18 or older."],
    ]:
        for line in para:
            c.drawString(60, y, line)
            y -= 14
        y -= 6
    for n, item in [("1.", "Test drives may be advertised without restriction."), ("2.", "Motor shows may be advertised.")]:
        c.drawString(60, y, n)
        c.drawString(76, y, item)
        y -= 14
    c.showPage()
    c.save()

    doc = load_document(f, tmp_path)
    assert _section(doc, "3. What is allowed with restrictions").text.split("\n") == [
        "Used vehicles. Ads for used vehicles are allowed as long as the ad states the model year.",
        "Audience. Finance ads must only be shown to people aged 18 or older.",
        "1. Test drives may be advertised without restriction.",
        "2. Motor shows may be advertised.",
    ]


def test_running_footer_goes_and_a_repeated_mid_page_line_stays(tmp_path):
    f = tmp_path / "standard.pdf"
    c = _canvas(f)
    for page in (1, 2):
        c.setFont("Helvetica-Bold", 12)
        c.drawString(60, 800, f"{page}. Part {page}")
        c.setFont("Helvetica", 10.5)
        c.drawString(60, 780, f"Rule {page} says ads for item {page} are prohibited.")
        c.drawString(60, 760, "See also the general rules.")
        c.drawString(60, 740, f"Part {page} ends here.")
        c.setFont("Helvetica", 8)
        c.drawString(60, 40, f"Prize promotions standard - page {page}")
        c.showPage()
    c.save()

    doc = load_document(f, tmp_path)
    assert "page" not in doc.text
    assert doc.text.count("See also the general rules.") == 2


def test_a_paragraph_after_a_list_is_not_read_into_its_last_item(tmp_path):
    """The blank line that ends a list is kept (prose loaders, PDF and text alike): an item
    that ends without a full stop is one unit, the paragraph after it another."""
    from policydesk.core.sentences import split_units

    f = tmp_path / "promos.txt"
    f.write_text(
        "Prize promotions\n\nWHAT IS NOT ALLOWED\n\n- Draws that charge for entry\n- Promotions open to children under 13\n\n"
        "For example, a raffle that sells tickets is not allowed.\n"
    )
    doc = load_document(f, tmp_path)
    text = doc.sections[-1].text
    assert text.endswith("- Promotions open to children under 13\n\nFor example, a raffle that sells tickets is not allowed.")
    units = [u.text for u in split_units(text)]
    assert "Promotions open to children under 13" in units
    assert "For example, a raffle that sells tickets is not allowed." in units
