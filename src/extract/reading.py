"""Files → decoded documents. Failures are values (`ReadError`), never exceptions.

Plain text is decoded as UTF-8 (with or without BOM) and otherwise with an encoding
detected by charset-normalizer among those used for Latvian. HTML is reduced to the
article's title and main text with trafilatura, and its publication date is read
from the page's metadata.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Optional

from .records import Source

DEFAULT_EXTENSIONS = (".txt", ".md", ".html", ".htm")
DEFAULT_MAX_BYTES = 10_000_000
HTML_EXTENSIONS = (".html", ".htm")
# Single-byte encodings for Latvian text (Baltic Windows, ISO Baltic), then Central European ones.
LATVIAN_ENCODINGS = ["cp1257", "iso8859_13", "iso8859_4", "cp775", "iso8859_10", "cp1252"]

# A run of valid UTF-8 multibyte sequences: evidence the file was meant as UTF-8.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}
_CONTROL_BYTES = bytes(sorted(_CONTROL))


@dataclass
class Document:
    doc_id: str
    path: Path
    text: str
    source: Source
    doc_date: Optional[str] = None
    is_html: bool = False


@dataclass
class ReadError:
    path: Path
    error: str


class InputError(Exception):
    """Raised inside this module for a file that cannot become a document."""


def find_inputs(paths: Iterable[Path], extensions: Iterable[str] = DEFAULT_EXTENSIONS) -> tuple[list[Path], list[ReadError]]:
    """Expand files and folders (recursively) into a sorted, de-duplicated list of input files.

    Symlink loops and unreadable folders are reported as errors, not raised.
    """
    exts = tuple(e.lower() for e in extensions)
    found: dict[str, Path] = {}
    errors: list[ReadError] = []
    for root in paths:
        root = Path(root)
        if root.is_file():
            found[str(root)] = root
            continue
        if not root.exists():
            errors.append(ReadError(root, "no such file or folder"))
            continue
        seen_dirs: set[str] = set()

        def onerror(exc: OSError, _errors=errors) -> None:
            _errors.append(ReadError(Path(exc.filename or root), f"cannot list folder: {exc.strerror or exc}"))

        for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
            real = os.path.realpath(dirpath)
            if real in seen_dirs:
                errors.append(ReadError(Path(dirpath), "symlink loop: folder already visited"))
                dirnames[:] = []
                continue
            seen_dirs.add(real)
            dirnames.sort()
            for name in sorted(filenames):
                p = Path(dirpath) / name
                if name.lower().endswith(exts) and not name.startswith("."):
                    if p.is_symlink() and not p.exists():
                        errors.append(ReadError(p, "broken symlink"))
                        continue
                    found[str(p)] = p
    return sorted(found.values(), key=lambda p: str(p)), errors


def assign_doc_ids(files: list[Path]) -> dict[Path, str]:
    """doc_id = file name without extension; colliding names get a short hash of their path."""
    by_stem: dict[str, list[Path]] = {}
    for f in files:
        by_stem.setdefault(f.stem, []).append(f)
    ids: dict[Path, str] = {}
    for stem, group in by_stem.items():
        if len(group) == 1:
            ids[group[0]] = stem
        else:
            for f in group:
                digest = hashlib.sha1(str(f).encode("utf-8")).hexdigest()[:8]
                ids[f] = f"{stem}-{digest}"
    return ids


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text; returns (text, encoding name usable with bytes.decode)."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError(f"broken UTF-8 after a UTF-8 byte-order mark at byte {exc.start}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError("undecodable UTF-16 (byte-order mark present)") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    multibyte = len(_UTF8_MULTIBYTE.findall(data))
    if multibyte >= 3:
        raise InputError(f"broken UTF-8: invalid byte sequence at byte {first_bad} in a file that is otherwise UTF-8")
    from charset_normalizer import from_bytes

    # charset-normalizer proposes the encodings that decode the bytes cleanly; among them the
    # one that yields the most Latvian letters (and fewest foreign ones) wins, since the
    # single-byte Baltic code pages differ exactly in where they put ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž.
    candidates = {m.encoding for m in from_bytes(data, cp_isolation=LATVIAN_ENCODINGS)}
    if not candidates:
        raise InputError("undecodable: not UTF-8 and no Latvian single-byte encoding fits")
    ranked = sorted(candidates, key=lambda enc: (-latvian_score(data.decode(enc, errors="replace")),
                                                 LATVIAN_ENCODINGS.index(enc) if enc in LATVIAN_ENCODINGS else 99))
    encoding = ranked[0]
    return data.decode(encoding), encoding


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


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # C speed: bytes deleted = controls
    return controls > max(8, len(sample) // 100)


def read_sidecar_date(path: Path) -> Optional[str]:
    side = path.with_name(path.name + ".meta.json")
    if not side.is_file():
        return None
    try:
        meta = json.loads(side.read_text(encoding="utf-8"))
        return valid_iso_date(meta.get("doc_date"))
    except (OSError, ValueError, AttributeError):
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


def read_document(path: Path, doc_id: str, max_bytes: int = DEFAULT_MAX_BYTES, doc_date: Optional[str] = None) -> Document | ReadError:
    """Read one file into a Document, or say why it cannot be one."""
    try:
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}") from None
        if size > max_bytes:
            raise InputError(f"too large: {size} bytes (limit {max_bytes}; raise it with --max-bytes)")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}") from None
        if not data.strip():
            raise InputError("empty file" if not data else "file holds only whitespace")
        if looks_binary(data):
            raise InputError("binary file, not text")
        text, encoding = decode(data)
        if not text.strip():
            raise InputError("file holds no text")
        is_html = path.suffix.lower() in HTML_EXTENSIONS
        page_date = None
        if is_html:
            text, page_date = html_to_text(text)
        source = Source(path=str(path), sha256=hashlib.sha256(data).hexdigest(), bytes=len(data), encoding=encoding)
        return Document(
            doc_id=doc_id,
            path=path,
            text=text,
            source=source,
            doc_date=doc_date or read_sidecar_date(path) or page_date,
            is_html=is_html,
        )
    except InputError as exc:
        return ReadError(path, str(exc))
