"""Real PDFs made by the test suite (reportlab writes them, pypdf encrypts them)."""

from __future__ import annotations

from pathlib import Path


def write_text_pdf(path: Path, pages: list[list[str]], title: str = "") -> Path:
    """One line of real text per entry, one list per page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    if title:
        c.setTitle(title)
    for lines in pages:
        y = 800
        for line in lines:
            c.drawString(60, y, line)
            y -= 18
        c.showPage()
    c.save()
    return path


def write_image_only_pdf(path: Path) -> Path:
    """A 'scan': shapes, no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for i in range(20):
        c.rect(50 + i * 10, 700 - i * 20, 200, 10, fill=1)
    c.showPage()
    c.save()
    return path


def write_encrypted_pdf(path: Path, source: Path, password: str = "s3cret") -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(str(source)).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password)
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def write_aes_pdf(path: Path, source: Path, user_password: str = "", owner_password: str = "owner-secret") -> Path:
    """AES-256 encryption as PDF exporters write it; an empty user password opens without asking."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(str(source)).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path
