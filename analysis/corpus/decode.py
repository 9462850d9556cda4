"""Bytes to text, refusing binary files and naming the byte, line and column where decoding fails.

Text is kept exactly as decoded (only a leading BOM is removed), because every
character offset the package reports points into it. A comma list of
encodings (``"utf-8,cp1252"``) is tried in order, one encoding per file.
"""
from __future__ import annotations

import codecs
import io
from pathlib import Path
from typing import BinaryIO, Iterator

from .documents import CorpusError

__all__ = ["decode_bytes", "decode_error", "encoding_list", "open_text", "decoded_lines", "check_text"]

_BINARY_SNIFF = 8192
_CHUNK = 1 << 20  # bytes per read when checking a file without loading it


def decode_bytes(path: Path, data: bytes, encoding: str) -> str:
    """Decode bytes, refusing binary files and naming where decoding fails."""
    if not data.strip():
        raise CorpusError(path, "file is empty" if not data else "file contains only whitespace")
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise CorpusError(path, "looks like a binary file (contains NUL bytes), not text")
    encodings = encoding_list(encoding)
    for i, enc in enumerate(encodings):
        try:
            text = data.decode(enc)
            break
        except LookupError:
            raise CorpusError(path, f"unknown encoding {enc!r}") from None
        except UnicodeDecodeError as err:
            if i + 1 < len(encodings):
                continue
            line = data[: err.start].count(b"\n") + 1
            column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
            bad = data[err.start : err.end].hex(" ")
            raise decode_error(path, enc, err.start, line, column, bad) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise CorpusError(path, "file contains only whitespace")
    return text


def decode_error(path: Path, enc: str, offset: int, line: int, column: int, bad: str) -> CorpusError:
    return CorpusError(
        path,
        f"bytes are not valid {enc} at byte {offset} (line {line}, column {column}: "
        f"0x{bad}); pass encoding= (--encoding on the command line) to read another "
        f"encoding, or a comma list tried in order such as 'utf-8,cp1252'",
    )


def encoding_list(encoding: str) -> list[str]:
    return [e.strip() for e in encoding.split(",") if e.strip()]


def open_text(path: Path, encoding: str) -> tuple[BinaryIO, str]:
    """Open ``path`` for line-by-line decoding after :func:`decode_bytes`'s whole-file checks.

    Returns the binary handle (at the start) and the one encoding of the list
    that :func:`decode_bytes` would use, without holding the file in memory: the
    first ``_BINARY_SNIFF`` bytes are sniffed for NUL; with several encodings
    every one but the last is tried on the whole file in chunks (a second
    read) and the first that decodes it all is used, so the whole file is
    decoded with one encoding exactly as ``load_corpus`` does. Errors of the
    encoding finally used are raised where the line is reached
    (:func:`decoded_lines`), with the same message as :func:`decode_bytes`.
    """
    f = open(path, "rb")
    try:
        head = f.read(_BINARY_SNIFF)
        if not head:
            raise CorpusError(path, "file is empty")
        chunk = head
        while not chunk.strip():
            chunk = f.read(_CHUNK)
            if not chunk:
                raise CorpusError(path, "file contains only whitespace")
        if b"\x00" in head:
            raise CorpusError(path, "looks like a binary file (contains NUL bytes), not text")
        encodings = encoding_list(encoding)
        if not encodings:
            raise CorpusError(path, f"unknown encoding {encoding!r}")
        chosen = encodings[-1]
        for i, enc in enumerate(encodings):
            try:
                b"\n".decode(enc)  # (decoding b"" looks nothing up)
            except LookupError:  # unknown, or not a text encoding
                raise CorpusError(path, f"unknown encoding {enc!r}") from None
            except ValueError:
                pass
            if i + 1 < len(encodings) and _decodes_whole_file(f, enc):
                chosen = enc
                break
        f.seek(0)
        if not _has_text(f, chosen):
            raise CorpusError(path, "file contains only whitespace")
        f.seek(0)
        return f, chosen
    except BaseException:
        f.close()
        raise


def _chunks(f: BinaryIO) -> Iterator[bytes]:
    return iter(lambda: f.read(_CHUNK), b"")


def _decodes_whole_file(f: BinaryIO, enc: str) -> bool:
    f.seek(0)
    decoder = codecs.getincrementaldecoder(enc)()
    try:
        for chunk in _chunks(f):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _has_text(f: BinaryIO, enc: str) -> bool:
    """False if the file decodes to whitespace only (after a BOM); reads only up to the first text.

    A decoding error counts as text: it is reported when its line is read.
    """
    decoder = codecs.getincrementaldecoder(enc)()
    start = True
    try:
        while True:
            chunk = f.read(_CHUNK)
            text = decoder.decode(chunk, final=not chunk)
            if start and text:
                start = False
                if text.startswith("\ufeff"):
                    text = text[1:]
            if text.strip():
                return True
            if not chunk:
                return False
    except UnicodeDecodeError:
        return True


def decoded_lines(path: Path, f: BinaryIO, enc: str) -> Iterator[str]:
    """Decoded lines of an open text file, one at a time, line endings kept.

    Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` (what ``open(newline="")`` gives
    the csv module); a leading BOM is removed; a decoding error names the
    byte, line and column like :func:`decode_bytes`.
    """
    offset = 0
    for lineno, raw in enumerate(f, start=1):
        try:
            line = raw.decode(enc)
        except UnicodeDecodeError as err:
            bad = raw[err.start : err.end].hex(" ")
            raise decode_error(path, enc, offset + err.start, lineno, err.start + 1, bad) from None
        if lineno == 1 and line.startswith("\ufeff"):
            line = line[1:]
        offset += len(raw)
        if "\r" in line:
            yield from io.StringIO(line, newline="")
        else:
            yield line


def check_text(path: Path | str, where: str, text) -> str:
    if text is None or (isinstance(text, float) and text != text):
        raise CorpusError(path, f"{where}: text is missing")
    if not isinstance(text, str):
        raise CorpusError(path, f"{where}: text is not a string ({type(text).__name__})")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text or text.isspace():  # (not text.strip() without copying the text)
        raise CorpusError(path, f"{where}: text is empty or whitespace-only")
    return text
