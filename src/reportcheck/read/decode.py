"""Bytes on disk -> decoded text, or a one-line InputError saying why not.

Order of checks: the path exists and is a regular, readable file; its extension is one we
read; it is not empty; it is not a known binary format (PDF, ZIP/Office, images ...) nor
binary by content (NUL bytes, many control characters); then the encoding: a BOM (UTF-8,
UTF-16, UTF-32), strict UTF-8, a <meta charset> for HTML, and finally charset-normalizer,
whose guess is accepted only when the decoded text reads as text.

Newlines are translated exactly as Python's `open(path, encoding=...)` does (universal
newlines: "\\r\\n" and a lone "\\r" become "\\n"), so offsets into Document.text equal offsets
into `open(path, encoding="utf-8").read()` of the same file. Nothing else is changed.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
# read by read/pdf.py and read/docx.py, not decoded here
PAGED_SUFFIXES = frozenset({".pdf", ".docx"})
REPORT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PAGED_SUFFIXES

# Known binary formats by their first bytes: (magic, what it is).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file, not text (name it .pdf to read it as PDF)"),
    (b"PK\x03\x04", "a ZIP archive (e.g. .xlsx), not text (a Word file is read when named .docx)"),
    (b"PK\x05\x06", "an empty ZIP archive, not text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls), not text"),
    (b"{\\rtf", "RTF input is not supported (save it as plain text)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF87a", "a GIF image, not text"),
    (b"GIF89a", "a GIF image, not text"),
    (b"\x1f\x8b", "gzip-compressed, not text (decompress it first)"),
    (b"BZh", None),  # checked with more context below (could start an English word)
    (b"\x7fELF", "an executable, not text"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive, not text"),
    (b"Rar!\x1a\x07", "a RAR archive, not text"),
)

# C0 control characters other than tab, LF, FF, CR and ESC.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_COMMON_SYMBOLS = frozenset("\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022\u00a0\u00b0\u00a7"
                            "\u00ab\u00bb\u20ac\u00a3\u00a9\u00ae\u00b7\u00bd\u00bc\u00be")
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15", "iso8859_1"})
_CTRL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


def _fail(path, what: str) -> InputError:
    return InputError(f"{path}: {what}")


def check_path(path) -> Path:
    """The path as a Path if it names an existing regular file, else InputError."""
    p = Path(path)
    try:
        if not p.exists():
            raise _fail(path, "no such file")
        if p.is_dir():
            raise _fail(path, "is a directory, not a report file")
        if not p.is_file():
            raise _fail(path, "is not a regular file")
    except OSError as exc:  # e.g. a path component is not a directory, name too long
        raise _fail(path, f"cannot be read ({exc.strerror or exc})") from None
    return p


def check_suffix(path) -> str:
    """The lower-case extension if we read that kind of file ("" is read as text)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".doc":
        raise _fail(path, "an old Word .doc file is not read: save it as .docx (or PDF)")
    if suffix and suffix not in REPORT_SUFFIXES:
        raise _fail(path, f"unsupported file type '{suffix}' (expected .txt, .html, .pdf or .docx)")
    return suffix


def paged_kind(path, data: bytes) -> str | None:
    """"pdf" or "docx" when the file is one (by its first bytes; a .docx is a ZIP), else None.
    A .pdf or .docx whose bytes are not that format is an InputError."""
    suffix = Path(path).suffix.lower()
    if data[:1024].find(b"%PDF-") >= 0 and (suffix == ".pdf" or data.startswith(b"%PDF-")):
        return "pdf"
    if suffix == ".pdf":
        raise _fail(path, "not a PDF file (it does not start with %PDF-)" if data else "file is empty")
    if suffix == ".docx":
        if not data:
            raise _fail(path, "file is empty")
        if not data.startswith(b"PK\x03\x04"):
            raise _fail(path, "not a Word .docx file (not a ZIP archive)")
        return "docx"
    return None


def read_bytes(path) -> bytes:
    p = check_path(path)
    try:
        return p.read_bytes()
    except PermissionError:
        raise _fail(path, "permission denied") from None
    except OSError as exc:
        raise _fail(path, f"cannot be read ({exc.strerror or exc})") from None


def _binary_reason(data: bytes) -> str | None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            if magic == b"BZh":
                if len(data) > 4 and data[3:4].isdigit() and data[4:10] == b"1AY&SY":
                    return "bzip2-compressed, not text (decompress it first)"
                continue
            return what
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit in every other byte (ASCII-range UTF-16)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0), odd.count(0)
    if zeros_odd > 0.4 * len(odd) and zeros_even == 0:
        return "utf-16-le"
    if zeros_even > 0.4 * len(even) and zeros_odd == 0:
        return "utf-16-be"
    return None


def _looks_like_text(text: str) -> bool:
    """True when a decoded guess reads as text: few control characters, mostly letters."""
    sample = text[:200_000]
    if not sample.strip():
        return True
    if len(_CTRL_CHARS.findall(sample)) > max(2, len(sample) // 1000):
        return False
    visible = [c for c in sample if not c.isspace()]
    if not visible:
        return True
    letters = sum(c.isalpha() for c in visible)
    odd = sum(1 for c in visible if not c.isascii() and not c.isalpha() and c not in _COMMON_SYMBOLS)
    return letters >= 0.5 * len(visible) and odd <= 0.05 * len(visible)


def _newlines(text: str) -> str:
    """Universal-newline translation, exactly what open(..., newline=None).read() returns."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode_bytes(data: bytes, path="<input>", html: bool = False) -> tuple[str, str]:
    """(text, encoding name) for the bytes of a text/HTML file, or InputError.

    The encoding name is the codec used ("utf-8", "utf-8-sig", "utf-16", "cp1252" ...).
    """
    if not data:
        raise _fail(path, "file is empty")
    reason = _binary_reason(data)
    if reason:
        raise _fail(path, reason)

    # A byte-order mark decides. UTF-32 first: its LE BOM starts with the UTF-16 LE BOM.
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        encoding = _utf16_without_bom(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise _fail(path, f"not valid {encoding.upper()} text (byte {exc.start})") from None
        return _finish(text, encoding, path)

    if b"\x00" in data:
        raise _fail(path, "binary file (contains NUL bytes), not text")
    head = data[:65536]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > max(2, len(head) // 200):
        raise _fail(path, "binary file (many control characters), not text")

    try:
        return _finish(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError:
        pass

    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii", "replace").lower()
            try:
                name = codecs.lookup(declared).name
                text = data.decode(name)
            except (LookupError, UnicodeDecodeError):
                pass
            else:
                if _looks_like_text(text):
                    return _finish(text, name, path)

    from charset_normalizer import from_bytes  # lazy: only for files that are not UTF-8

    matches = list(from_bytes(data))
    if not matches:
        raise _fail(path, "cannot tell its text encoding (not UTF-8); save it as UTF-8")
    least_chaos = min(m.chaos for m in matches)
    plausible = [m for m in matches if m.chaos <= least_chaos + 0.02]
    # Reports are English (or French, Spanish ...): when a Western code page fits as well as
    # the detector's favourite (short texts fit many), take it -- cp1252 covers latin-1.
    encoding = plausible[0].encoding
    for m in plausible:
        if _WESTERN.intersection(m.could_be_from_charset) or m.encoding in _WESTERN:
            encoding = "cp1252"
            break
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        if encoding != "cp1252":
            raise _fail(path, f"cannot decode it as {encoding}; save it as UTF-8") from None
        encoding = "latin_1"  # cp1252 leaves five bytes undefined; latin-1 decodes them all
        text = data.decode(encoding)
    if least_chaos > 0.3 or not _looks_like_text(text):
        raise _fail(path, f"not UTF-8 and no sensible encoding found (best guess {encoding}); save it as UTF-8")
    return _finish(text, encoding, path)


def _finish(text: str, encoding: str, path) -> tuple[str, str]:
    if not text:
        raise _fail(path, "file is empty")
    if not text.strip():
        raise _fail(path, "file contains only whitespace")
    return _newlines(text), encoding


def is_html(suffix: str, text: str) -> bool:
    return suffix in HTML_SUFFIXES or bool(_HTML_START.match(text[:4096]))


def read_text(path, data: bytes | None = None) -> tuple[str, str, str]:
    """(text, encoding, format) of a report file: format "html" or "text". InputError otherwise."""
    check_path(path)
    suffix = check_suffix(path)
    data = read_bytes(path) if data is None else data
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    looks_html = suffix in HTML_SUFFIXES or head.startswith((b"<!doctype html", b"<html"))
    text, encoding = decode_bytes(data, path, html=looks_html)
    return text, encoding, "html" if is_html(suffix, text) else "text"

