"""Bytes of a text policy (txt, Markdown, HTML) -> str, whatever encoding it was saved in.

Real policy exports come as UTF-8, but also as Windows-1252 or Latin-1 from older tools.
UTF-8 (with or without BOM) and BOM-marked UTF-16 are read as they are; anything else is
detected with charset-normalizer and read with a warning naming the encoding, so a writer
can re-save it. Bytes that fit no text encoding (a binary file renamed .txt) are refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from policydesk.core.errors import DocumentError

# charset-normalizer ranks equally plausible single-byte code pages in its own order and
# often names Central-European cp1250 first for Western text; cp1250 reads "naïve" as
# "naďve". Windows-1252 is what Western exports use, so on a tie it wins.
PREFERRED_ON_TIE = ("cp1252", "latin_1")
CONTROL_SHARE = 0.01  # more control characters than this in the decoded text: binary, not text


@dataclass
class Decoded:
    text: str
    encoding: str  # Python codec name
    detected: bool  # True when the encoding was guessed (not UTF-8 / BOM-marked UTF-16)

    @property
    def warning(self) -> str | None:
        if not self.detected:
            return None
        return f"not UTF-8; read as {self.encoding} (detected); re-save the file as UTF-8 to be sure every character is right"


def decode_text(source: str, data: bytes) -> Decoded:
    """Decode `data`; raises DocumentError when it is not text in any encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(_clean(source, data.decode("utf-16")), "utf-16", False)
        except UnicodeDecodeError as exc:
            raise DocumentError(source, f"undecodable UTF-16 text at byte {exc.start}; re-save as UTF-8") from exc
    try:
        return Decoded(_clean(source, data.decode("utf-8-sig")), "utf-8", False)
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if b"\x00" in data:
        raise DocumentError(source, "contains NUL bytes: this looks like a binary file, not text")
    encoding = _detect(data)
    line = data[:first_bad].count(b"\n") + 1
    if encoding is None:
        raise DocumentError(
            source,
            f"line {line}: not valid UTF-8 (byte 0x{data[first_bad]:02x} at offset {first_bad}) and no text encoding fits: "
            "this looks like a binary file; re-save it as UTF-8 text",
        )
    return Decoded(_clean(source, data.decode(encoding)), encoding, True)


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    ties = [r for r in results if abs(r.chaos - best.chaos) < 1e-6 and r.coherence >= best.coherence - 0.01]
    # could_be_from_charset: code pages that decode these bytes to the very same text.
    names = {n for r in ties for n in [r.encoding, *r.could_be_from_charset]}
    encoding = next((n for n in PREFERRED_ON_TIE if n in names), best.encoding)
    text = data.decode(encoding, errors="replace")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > CONTROL_SHARE * max(1, len(text)):
        return None
    return encoding


def _clean(source: str, text: str) -> str:
    if "\x00" in text:
        raise DocumentError(source, "contains NUL bytes: this looks like a binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


__all__ = ["Decoded", "decode_text"]
