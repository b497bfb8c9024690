"""Hypothesis round trips: what is written as CSV or Parquet loads back unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svsna.load import load_folder

text = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"
        ),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
multiline = st.lists(text, min_size=1, max_size=3).map("\n".join)
row = st.fixed_dictionaries(
    {
        "committed_date": st.dates(dt.date(2000, 1, 1), dt.date(2026, 1, 1)),
        "committed_time": st.none()
        | st.times().map(lambda t: t.replace(second=0, microsecond=0)),
        "offence_code": st.sampled_from(["5D", "34B", "8N", "4/1"]),
        "offence_description": st.none() | multiline,
        "knife_flag": st.none() | st.booleans(),
        "age_like": st.integers(0, 120),
    }
)
rows = st.lists(row, min_size=1, max_size=25)
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _write_csv(path: Path, records: list[dict]) -> list[int]:
    """Write records; return the line each data record starts on (header = 1)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "occurrence_id",
            "committed_date",
            "committed_time",
            "offence_code",
            "offence_description",
            "knife_flag",
            "outcome_code",
        ]
    )
    starts, line = [], 2
    for i, r in enumerate(records):
        before = buffer.tell()
        writer.writerow(
            [
                f"ID{i}",
                r["committed_date"].isoformat(),
                ""
                if r["committed_time"] is None
                else r["committed_time"].strftime("%H:%M"),
                r["offence_code"],
                r["offence_description"] or "",
                "" if r["knife_flag"] is None else str(r["knife_flag"]).lower(),
                str(r["age_like"] % 22 + 1),
            ]
        )
        starts.append(line)
        line += buffer.getvalue()[before:].count("\n")
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return starts


def _folder(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "persons.csv").write_text(
        "occurrence_id,person_id,role\n", encoding="utf-8"
    )
    return root


@SETTINGS
@given(records=rows)
def test_csv_round_trip_keeps_values_and_lines(tmp_path_factory, records) -> None:  # type: ignore[no-untyped-def]
    folder = _folder(tmp_path_factory.mktemp("csv"))
    starts = _write_csv(folder / "occurrences.csv", records)
    result = load_folder(folder)
    assert result.rejects.empty
    table = result.tables["occurrences"].table.to_pylist()
    assert [t["source_line"] for t in table] == starts
    for written, loaded in zip(records, table, strict=True):
        assert loaded["committed_date"] == written["committed_date"]
        assert loaded["committed_time"] == written["committed_time"]
        assert loaded["offence_description"] == written["offence_description"]
        assert loaded["knife_flag"] == written["knife_flag"]
        assert loaded["outcome_code"] == written["age_like"] % 22 + 1


@SETTINGS
@given(records=rows)
def test_parquet_round_trip_keeps_typed_values(tmp_path_factory, records) -> None:  # type: ignore[no-untyped-def]
    folder = _folder(tmp_path_factory.mktemp("parquet"))
    table = pa.table(
        {
            "occurrence_id": [f"ID{i}" for i in range(len(records))],
            "committed_date": pa.array(
                [r["committed_date"] for r in records], pa.date32()
            ),
            "committed_time": pa.array(
                [r["committed_time"] for r in records], pa.time64("us")
            ),
            "offence_code": [r["offence_code"] for r in records],
            "offence_description": [r["offence_description"] for r in records],
            "knife_flag": pa.array([r["knife_flag"] for r in records], pa.bool_()),
            "age": pa.array([r["age_like"] for r in records], pa.int64()),
        }
    )
    pq.write_table(table, folder / "occurrences.parquet")
    result = load_folder(folder)
    assert result.rejects.empty
    loaded = result.tables["occurrences"].table.to_pylist()
    assert [r["source_line"] for r in loaded] == list(range(2, len(records) + 2))
    for written, got in zip(records, loaded, strict=True):
        assert got["committed_date"] == written["committed_date"]
        assert got["committed_time"] == written["committed_time"]
        assert got["offence_description"] == written["offence_description"]
        assert got["knife_flag"] == written["knife_flag"]


def test_a_folder_of_files_loads_as_one_table(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "data")
    (folder / "occurrences").mkdir()
    first = [
        {
            "committed_date": dt.date(2024, 1, 1),
            "committed_time": None,
            "offence_code": "5D",
            "offence_description": None,
            "knife_flag": None,
            "age_like": 0,
        }
    ]
    _write_csv(folder / "occurrences" / "2024-01.csv", first)
    second = folder / "occurrences" / "2024-02.csv"
    second.write_text(
        "occurrence_id,committed_date,offence_code\nX1,2024-02-01,5D\nX2,bad,5D\n",
        encoding="utf-8",
    )
    result = load_folder(folder)
    loaded = result.tables["occurrences"]
    assert (loaded.rows_read, loaded.rows_loaded, loaded.rows_rejected) == (3, 2, 1)
    assert len(loaded.files) == 2
    assert result.rejects[["file", "line"]].values.tolist() == [["2024-02.csv", 3]]


def test_a_parquet_time_adjusted_to_utc_is_a_time(tmp_path: Path) -> None:
    """pyarrow before 16 (and Spark) write a time of day as adjusted to UTC.

    DuckDB reads that as TIME WITH TIME ZONE; its clock time is the time of day.
    """
    import duckdb

    folder = _folder(tmp_path / "data")
    duckdb.sql(
        "SELECT 'T1' AS occurrence_id, DATE '2024-01-01' AS committed_date, "
        "TIMETZ '23:59:00+00' AS committed_time, '5D' AS offence_code"
    ).write_parquet(str(folder / "occurrences.parquet"))
    result = load_folder(folder)
    assert result.rejects.empty
    loaded = result.tables["occurrences"].table.to_pylist()
    assert loaded[0]["committed_time"] == dt.time(23, 59)
