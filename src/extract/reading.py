"""Files → decoded documents. Failures are values (`ReadError`), never exceptions.

Plain text is decoded by its byte-order mark (UTF-8, UTF-16, UTF-32), as UTF-8, or with an
encoding detected by charset-normalizer among those used for Latvian (`decode`). HTML is reduced to the
article's title and main text with trafilatura, and its publication date is read
from the page's metadata.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple, Optional

from .inputs import InputError, read_input
from .uris import is_uri
from .records import Source

DEFAULT_MAX_BYTES = 10_000_000
HTML_EXTENSIONS = (".html", ".htm")
# Single-byte encodings for Latvian text (Baltic Windows, ISO Baltic), then Central European ones.
LATVIAN_ENCODINGS = ["cp1257", "iso8859_13", "iso8859_4", "cp775", "iso8859_10", "cp1252"]

# A run of valid UTF-8 multibyte sequences: evidence the file was meant as UTF-8.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}
_CONTROL_BYTES = bytes(sorted(_CONTROL))
BINARY_SAMPLE = 8192  # control characters are counted in the first 8 KB; NUL bytes in the whole file
SIDECAR_MAX_BYTES = 65536


@dataclass
class Document:
    doc_id: str
    path: Path
    text: str
    source: Source
    doc_date: Optional[str] = None
    is_html: bool = False
    warnings: list[str] = field(default_factory=list)  # what reading changed (bytes replaced): errors.jsonl `warning` lines


@dataclass
class ReadError:
    path: Path
    error: str


class Decoded(NamedTuple):
    text: str
    encoding: str  # a name `bytes.decode` knows
    replaced: int = 0  # invalid UTF-8 sequences replaced by U+FFFD


# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
REPLACED_MAX_SHARE = 100  # more than 1 in this many characters replaced (and more than 8): broken, refused
REPLACED_MAX_FEW = 8


def decode(data: bytes) -> Decoded:
    """Decode bytes to text. A byte-order mark decides (UTF-8, UTF-16, UTF-32); else strict
    UTF-8; else the better of UTF-8 with the bad bytes replaced and the best Latvian
    single-byte encoding, by `latvian_score` (a few stray bytes in a UTF-8 file do not turn
    `Rīga` into `RÄ«ga`; a cp1257 file whose bytes happen to hold a valid UTF-8 pair stays
    cp1257). NUL bytes anywhere, or many control characters: binary, refused."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"undecodable {encoding.upper()} after its byte-order mark at byte {exc.start}") from None
            _refuse_binary(text.encode("utf-8", "surrogatepass"))
            return Decoded(text, encoding)
    _refuse_binary(data)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    legacy = _best_single_byte(data)
    if _UTF8_MULTIBYTE.search(data):
        utf8 = data.decode("utf-8", errors="replace")
        if legacy is None or latvian_score(utf8) >= latvian_score(legacy.text):
            return _replaced_utf8(data, utf8)
    if legacy is None:
        raise InputError("undecodable: not UTF-8 and no Latvian single-byte encoding fits")
    return legacy


def _replaced_utf8(data: bytes, text: str) -> Decoded:
    replaced = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    if replaced > max(REPLACED_MAX_FEW, len(text) // REPLACED_MAX_SHARE):
        raise InputError(f"broken UTF-8: {replaced} invalid byte sequences")
    return Decoded(text, "utf-8", replaced)


def _best_single_byte(data: bytes) -> Optional[Decoded]:
    from charset_normalizer import from_bytes

    # charset-normalizer proposes the encodings that decode the bytes cleanly; among them the
    # one that yields the most Latvian letters (and fewest foreign ones) wins, since the
    # single-byte Baltic code pages differ exactly in where they put ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž.
    candidates = {m.encoding for m in from_bytes(data, cp_isolation=LATVIAN_ENCODINGS)}
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda enc: (-latvian_score(data.decode(enc, errors="replace")),
                                                 LATVIAN_ENCODINGS.index(enc) if enc in LATVIAN_ENCODINGS else 99))
    return Decoded(data.decode(ranked[0]), ranked[0])


def _refuse_binary(data: bytes) -> None:
    if b"\x00" in data:
        raise InputError("binary file, not text (NUL bytes)")
    sample = data[:BINARY_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # C speed: bytes deleted = controls
    if controls > max(8, len(sample) // 100):
        raise InputError("binary file, not text (control characters)")


_LATVIAN_LETTERS = set("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ")


def latvian_score(text: str) -> int:
    """Latvian letters minus other non-ASCII letters and symbols (mojibake)."""
    score = 0
    for ch in text:
        if ch in _LATVIAN_LETTERS:
            score += 1
        elif ord(ch) > 127 and ch not in "„“”«»–—…’‘€°§©•":
            score -= 2
    return score


def read_sidecar_date(path: Path | str) -> Optional[str]:
    """`doc_date` of the sidecar `<file>.meta.json` (beside a file or a URL), if there is a
    readable, valid one."""
    if is_uri(path):
        side: Path | str = f"{path}.meta.json"
    else:
        side = Path(path).with_name(Path(path).name + ".meta.json")
        if not side.exists():
            return None
    try:
        meta = json.loads(read_input(side, SIDECAR_MAX_BYTES).decode("utf-8"))
        return valid_iso_date(meta.get("doc_date"))
    except (InputError, ValueError, AttributeError):
        return None


def valid_iso_date(value: object) -> Optional[str]:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def html_to_text(html: str) -> tuple[str, Optional[str]]:
    """Main text (title, blank line, body) and publication date of an HTML page."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        raise InputError("HTML page has no extractable main text")
    title = (getattr(doc, "title", None) or "").strip()
    body = (getattr(doc, "text", None) or "").strip()
    if not body and not title:
        raise InputError("HTML page has no extractable main text")
    # One blank line between paragraphs, so that sentence splitting sees the page's structure.
    body = "\n\n".join(line.strip() for line in body.splitlines() if line.strip())
    text = f"{title}\n\n{body}\n" if title and not body.startswith(title) else f"{body}\n"
    return text, valid_iso_date(getattr(doc, "date", None))


def read_document(path: Path | str, doc_id: str, max_bytes: int = DEFAULT_MAX_BYTES, doc_date: Optional[str] = None) -> Document | ReadError:
    """Read one file into a Document, or say why it cannot be one. The document date is
    `doc_date`, else the sidecar's, else (HTML) the page's."""
    try:
        data = read_input(path, max_bytes)
        if not data.strip():
            raise InputError("empty file" if not data else "file holds only whitespace")
        text, encoding, replaced = decode(data)
        if not text.strip():
            raise InputError("file holds no text")
        is_html = str(path).lower().endswith(HTML_EXTENSIONS)
        page_date = None
        if is_html:
            text, page_date = html_to_text(text)
        source = Source(path=str(path), sha256=hashlib.sha256(data).hexdigest(), bytes=len(data), encoding=encoding)
        warnings = [f"{replaced} invalid UTF-8 byte sequence(s) replaced by U+FFFD"] if replaced else []
        return Document(doc_id=doc_id, path=path, text=text, source=source,
                        doc_date=doc_date or read_sidecar_date(path) or page_date, is_html=is_html, warnings=warnings)
    except InputError as exc:
        return ReadError(path, str(exc))
