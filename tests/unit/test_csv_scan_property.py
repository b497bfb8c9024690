"""Hypothesis: DuckDB's rows matched to the byte scan's lines give exactly what Python's csv gives.

Files with values spanning lines, quotes, commas, blank lines, ragged rows,
CRLF endings, a BOM, NUL bytes, non-ASCII text and stray bytes are loaded
twice: as usual (DuckDB, lines from the byte scan) and record by record with
Python's csv module. Both must give the same rows, lines and rejects, and the
usual way must not need the slow reader.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import svsna.load.validate as validate
from svsna.load import load_folder

# A carriage return alone in an unquoted value is a malformed record (its own
# test); csv.writer leaves it unquoted, so here it comes only before a newline.
value = st.text(
    alphabet=st.sampled_from(list('ab ,"\n\r\x00é€😀-/0123456789')), max_size=12
).map(lambda v: v.replace("\r", "\r\n"))
good = st.tuples(
    st.sampled_from(["2024-01-05", "05/01/2024", "2024-13-01", "", "  2024-02-01 "]),
    st.sampled_from(["5D", "", " 34B"]),
    value,
)
record = st.one_of(
    good.map(lambda r: ("good", r)),
    # DuckDB accepts a row whose extra fields are all empty (then the slow reader
    # runs, and rejects it as Python's csv does): here extra fields end filled.
    st.lists(value, min_size=1, max_size=6)
    .filter(lambda r: len(r) < 4 or (len(r) > 4 and r[-1].strip() != ""))
    .map(lambda r: ("ragged", tuple(r))),
    st.just(("blank", ())),
    value.map(lambda v: ("stray", (v,))),
)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _write(
    path: Path, records: list, crlf: bool, bom: bool, final_newline: bool
) -> None:
    ending = "\r\n" if crlf else "\n"
    out = io.BytesIO()
    if bom:
        out.write(b"\xef\xbb\xbf")
    text = io.StringIO()
    writer = csv.writer(text, lineterminator=ending)
    writer.writerow(
        ["occurrence_id", "committed_date", "offence_code", "offence_description"]
    )
    out.write(text.getvalue().encode())
    for number, (kind, fields) in enumerate(records):
        text = io.StringIO()
        writer = csv.writer(text, lineterminator=ending)
        if kind == "good":
            writer.writerow([f"ID{number}", *fields])
        elif kind == "ragged":
            writer.writerow([f"ID{number}", *fields[1:]])
        elif kind == "stray":
            writer.writerow([f"ID{number}", "2024-01-01", "5D", f"x{fields[0]}"])
        else:
            text.write(ending)
        data = text.getvalue().encode()
        if kind == "stray":
            data = data.replace(b"x", b"\xff", 1)
        out.write(data)
    data = out.getvalue()
    if not final_newline and data.endswith(ending.encode()) and records:
        data = data[: -len(ending)]
    path.write_bytes(data)


def _folder(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "persons.csv").write_text(
        "occurrence_id,person_id,role\n", encoding="utf-8"
    )
    return root


def _result(folder: Path) -> tuple[list, list]:
    result = load_folder(folder)
    table = result.tables["occurrences"].table.to_pylist()
    rejects = result.rejects.sort_values(["line", "column"]).values.tolist()
    return table, rejects


@SETTINGS
@given(
    records=st.lists(record, max_size=12),
    crlf=st.booleans(),
    bom=st.booleans(),
    final_newline=st.booleans(),
)
def test_duckdb_rows_get_the_lines_python_csv_gives(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    records: list,
    crlf: bool,
    bom: bool,
    final_newline: bool,
) -> None:
    folder = _folder(tmp_path_factory.mktemp("csv"))
    _write(folder / "occurrences.csv", records, crlf, bom, final_newline)
    slow_reads: list[Path] = []
    real = validate.read_slowly

    def spy(path: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        slow_reads.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(validate, "read_slowly", spy)
        fast = _result(folder)
    assert not slow_reads, "a file csv.writer wrote needed the slow reader"
    with monkeypatch.context() as patch:
        patch.setattr(validate, "agrees", lambda *args: False)
        slow = _result(folder)
    assert fast == slow
