"""One streaming pass over a CSV file's bytes: where every record starts, and on which line.

DuckDB's CSV reader is fast but does not say on which line a good row began,
and a quoted field may span lines; users need the exact line to find a
rejected value. This pass finds, with numpy over 16 MB blocks, every newline
that ends a record (one with an even number of quotes before it), so each
record's first byte and first line are known; it also counts each record's
fields (commas outside quotes), finds bytes that are not UTF-8, and hashes the
file. Records with the wrong number of fields, stray bytes or an enormous
length are known before DuckDB reads the file, so DuckDB's good rows can be
matched to their lines one for one (the loader checks that DuckDB agrees).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from svsna.load.readers import LATIN1_FALLBACK, MAX_RECORD_BYTES
from svsna.load.rules import Rule

if TYPE_CHECKING:
    from pathlib import Path

BLOCK = 1 << 24
#: Room left between the longest record and DuckDB's line limit.
LINE_MARGIN = 1024
NEWLINE, QUOTE, COMMA, CR = 10, 34, 44, 13
_NON_ASCII_TEXT = re.compile("[\x80-\ud7ff\ue000-\U0010ffff]")

Progress = Callable[[int], None]


@dataclass
class CsvLayout:
    """Where a CSV file's records lie and which are broken before any parsing.

    ``starts``/``lines``/``problems`` cover the data records (the header and
    blank lines left out), in file order.
    """

    path: Path
    sha256: str
    size: int
    encoding: str
    header: list[str] | None
    starts: np.ndarray
    lines: np.ndarray
    lengths: np.ndarray
    problems: dict[int, Rule] = field(default_factory=dict)
    #: False when DuckDB cannot be matched to these records (blank lines before the header).
    plain: bool = True

    @property
    def max_line_size(self) -> int:
        """The line limit to give DuckDB: above the longest loadable record."""
        ok = self.lengths[self.lengths + LINE_MARGIN <= MAX_RECORD_BYTES]
        longest = int(ok.max()) if ok.size else 0
        return max(2 << 20, longest + LINE_MARGIN)

    def record_text(self, index: int, limit: int = 200) -> str:
        """The first ``limit`` characters of data record ``index``, as written."""
        with self.path.open("rb") as handle:
            handle.seek(int(self.starts[index]))
            raw = handle.read(min(int(self.lengths[index]), limit * 4))
        return raw.decode("utf-8", "replace")[:limit]


@dataclass
class _Ends:
    """Per-record facts gathered block by block: where each record ends."""

    ends: list[np.ndarray] = field(default_factory=list)
    newline_index: list[np.ndarray] = field(default_factory=list)
    cr_before: list[np.ndarray] = field(default_factory=list)
    commas_before: list[np.ndarray] = field(default_factory=list)
    quotes: int = 0
    newlines: int = 0
    commas: int = 0
    last_byte: int = 0

    def feed(self, block: bytes, offset: int) -> None:
        data = np.frombuffer(block, np.uint8)
        newlines = np.flatnonzero(data == NEWLINE)
        quotes = np.flatnonzero(data == QUOTE)
        commas = np.flatnonzero(data == COMMA)
        if quotes.size:
            outside = ((self.quotes + np.searchsorted(quotes, newlines)) & 1) == 0
            comma_outside = ((self.quotes + np.searchsorted(quotes, commas)) & 1) == 0
            commas = commas[comma_outside]
        else:
            outside = np.full(newlines.size, (self.quotes & 1) == 0)
            commas = commas if (self.quotes & 1) == 0 else commas[:0]
        chosen = np.flatnonzero(outside)
        ends = newlines[chosen]
        before = data[np.maximum(ends - 1, 0)]
        if ends.size and ends[0] == 0:
            before[0] = self.last_byte
        self.ends.append(ends.astype(np.int64) + offset)
        self.newline_index.append(chosen.astype(np.int64) + self.newlines)
        self.cr_before.append(before == CR)
        self.commas_before.append(np.searchsorted(commas, ends) + self.commas)
        self.quotes += quotes.size
        self.newlines += newlines.size
        self.commas += commas.size
        self.last_byte = int(data[-1])


class _Utf8Check:
    """Whether a file is UTF-8, and where its stray bytes lie if it mostly is."""

    def __init__(self) -> None:
        self.carry = b""
        self.carry_at = 0
        self.multibyte = False
        self.bad_spans: list[tuple[int, int]] = []

    def feed(self, block: bytes, offset: int) -> None:
        if not self.carry and block.isascii():
            return
        data = self.carry + block
        start = offset - len(self.carry) if self.carry else offset
        cut = data.rfind(b"\n") + 1
        self.carry, self.carry_at = data[cut:], start + cut
        self._check(data[:cut], start)

    def finish(self) -> None:
        self._check(self.carry, self.carry_at)
        self.carry = b""

    def _check(self, data: bytes, start: int) -> None:
        if not data or data.isascii():
            return
        try:
            data.decode("utf-8")
            self.multibyte = True
            return
        except UnicodeDecodeError:
            self.bad_spans.append((start, len(data)))
        if _NON_ASCII_TEXT.search(data.decode("utf-8", "surrogateescape")):
            self.multibyte = True

    @property
    def is_utf8(self) -> bool:
        """UTF-8 throughout, or UTF-8 text with a few stray bytes."""
        return not self.bad_spans or self.multibyte


def scan_csv(path: Path, *, progress: Progress | None = None) -> CsvLayout:
    """Hash ``path`` and find its records, their lines, and the broken ones."""
    digest = hashlib.sha256()
    ends = _Ends()
    utf8 = _Utf8Check()
    offset = 0
    with path.open("rb") as handle:
        first = b""
        while block := handle.read(BLOCK):
            if not offset:
                first = block[:4]
            digest.update(block)
            utf8.feed(block, offset)
            ends.feed(block, offset)
            offset += len(block)
            if progress is not None:
                progress(offset)
    utf8.finish()
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8" if utf8.is_utf8 else "cp1252"
    if encoding != "utf-8":  # to be transcoded and scanned again
        none = np.zeros(0, np.int64)
        return CsvLayout(
            path, digest.hexdigest(), offset, encoding, None, none, none, none
        )
    bom = 3 if first.startswith(codecs.BOM_UTF8) else 0
    layout = _layout(path, digest.hexdigest(), offset, encoding, bom, ends)
    if encoding == "utf-8" and utf8.bad_spans:
        for index in _stray_byte_records(path, layout, utf8.bad_spans):
            layout.problems.setdefault(index, Rule.INVALID_ENCODING)
    return layout


def _layout(
    path: Path, digest: str, size: int, encoding: str, bom: int, found: _Ends
) -> CsvLayout:
    ends = np.concatenate([*found.ends, np.zeros(0, np.int64)])
    cr = np.concatenate([*found.cr_before, np.zeros(0, bool)])
    commas = np.concatenate([*found.commas_before, np.zeros(0, np.int64)])
    newline_index = np.concatenate([*found.newline_index, np.zeros(0, np.int64)])
    starts = np.concatenate([[bom], ends + 1]).astype(np.int64)
    lines = np.concatenate([[1], newline_index + 2]).astype(np.int64)
    if starts[-1] < size:  # a last record without a final newline
        ends = np.append(ends, size)
        cr = np.append(cr, found.last_byte == CR)
        commas = np.append(commas, found.commas)
    else:
        starts, lines = starts[:-1], lines[:-1]
    lengths = ends - starts - cr
    fields = np.diff(np.concatenate([[0], commas])) + 1
    filled = np.flatnonzero(lengths > 0)
    if not filled.size:
        none = np.zeros(0, np.int64)
        return CsvLayout(path, digest, size, encoding, None, none, none, none)
    head = int(filled[0])
    header = _header(path, int(starts[head]), int(lengths[head]))
    data = filled[1:]
    layout = CsvLayout(
        path, digest, size, encoding, header, starts[data], lines[data], lengths[data]
    )
    layout.plain = head == 0
    wrong = np.flatnonzero(fields[data] != len(header))
    layout.problems.update(dict.fromkeys(wrong.tolist(), Rule.WRONG_FIELD_COUNT))
    long = np.flatnonzero(lengths[data] + LINE_MARGIN > MAX_RECORD_BYTES)
    layout.problems.update(dict.fromkeys(long.tolist(), Rule.RECORD_TOO_LONG))
    return layout


def _header(path: Path, start: int, length: int) -> list[str]:
    with path.open("rb") as handle:
        handle.seek(start)
        text = handle.read(length).decode("utf-8", "replace")
    try:
        names = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        names = text.split(",")
    return [name.strip() for name in names]


def _stray_byte_records(
    path: Path, layout: CsvLayout, spans: list[tuple[int, int]]
) -> set[int]:
    """Data records holding bytes that are not UTF-8 (a UTF-8 file's stray bytes)."""
    found: set[int] = set()
    with path.open("rb") as handle:
        for start, length in spans:
            handle.seek(start)
            position = start
            for line in handle.read(length).split(b"\n"):
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError:
                    index = int(np.searchsorted(layout.starts, position, "right")) - 1
                    found.add(index)
                position += len(line) + 1
    return {i for i in found if 0 <= i < len(layout.starts)}


def transcode(source: Path, target: Path, encoding: str) -> None:
    """Write ``source`` (Windows-1252 or UTF-16) to ``target`` as UTF-8, block by block.

    Windows-1252 leaves five byte values undefined; they are read as Latin-1,
    as a spreadsheet would show them.
    """
    errors = LATIN1_FALLBACK if encoding == "cp1252" else "replace"
    decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
    with source.open("rb") as read, target.open("wb") as write:
        while block := read.read(BLOCK):
            write.write(decoder.decode(block).encode("utf-8"))
        write.write(decoder.decode(b"", final=True).encode("utf-8"))
