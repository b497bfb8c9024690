"""The nastiest folders found so far (``tests/data/nasty/``), built in both editions, every format.

Hand-made from issue 14's list (only the two required tables, a dozen
crimes, headers only, no complete financial year, every optional value
empty, one district and one neighbourhood, ten years with one missing, a
folder of parts with day-first and future dates, reference tables that do
not name the crimes' places, every chapter's inputs present but empty,
hostile text wherever a name goes, records broken by a NUL byte, a control
character, undecodable bytes, a ragged row, a lone CR, a stray quote and a 1 MB
field), plus folders
Hypothesis found.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from build_rule import assert_the_rule

from svsna.load import load_folder

pytestmark = pytest.mark.slow
CORPUS = Path(__file__).parents[1] / "data" / "nasty"
#: What each hand-made folder must end in: 0 a clean report, 1 a report with rejects.
EXPECTED = {
    "only_required": 0,
    "dozen_crimes": 0,
    "headers_only": 0,
    "no_complete_year": 0,
    "optional_empty": 0,
    "one_district": 0,
    "ten_years_one_missing": 0,
    "parts_mixed_dates": 1,
    "reference_mismatch": 0,
    "empty_inputs": 0,
    "hostile_text": 0,
    "broken_records": 1,
    # Found by Hypothesis: every occurrence rejected, other tables half rejected.
    "found_every_crime_rejected": 1,
    # Found by Hypothesis: LSOAs with deciles but no population column.
    "found_lsoas_without_population": 1,
    # Found by Hypothesis in CI: a dated table with every row rejected, whose
    # empty Excel sheet kept a datetime column (pandas cannot ``all`` those).
    "found_empty_dated_table": 1,
}


def test_every_folder_of_the_corpus_is_replayed() -> None:
    found = {p.name for p in CORPUS.iterdir() if p.is_dir()}
    assert set(EXPECTED) <= found


@pytest.mark.parametrize("edition", ["public", "restricted"])
@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.iterdir() if p.is_dir()))
def test_a_nasty_folder_gives_a_report_or_one_sentence(
    name: str, edition: str, tmp_path: Path
) -> None:
    code = assert_the_rule(CORPUS / name, tmp_path / "report", edition=edition)
    if name in EXPECTED:
        assert code == EXPECTED[name]


def test_a_broken_record_costs_that_record_only() -> None:
    """Each broken record is listed in the rejects with its rule; every other one loads."""
    loaded = load_folder(CORPUS / "broken_records")
    rules = loaded.rejects.groupby("file")["rule"].agg(set).to_dict()
    assert rules == {
        "control.csv": {"control_character"},
        "lone_cr.csv": {"malformed_record", "invalid_date"},
        "long_field.csv": {"invalid_date"},
        "nul_byte.csv": {"nul_byte"},
        "ragged.csv": {"wrong_field_count"},
        "stray_quote.csv": {"invalid_date"},
        "undecodable.csv": {"invalid_encoding"},
    }
    ids = set(loaded.arrow_tables()["occurrences"].column("occurrence_id").to_pylist())
    assert ids == {"C2", "K1", "K3", "L1", "N1", "N3", "R1", "R4", "Q1", "Q3", "U1", "U3"}
    long = loaded.arrow_tables()["occurrences"].to_pandas().set_index("occurrence_id")
    assert len(long.loc["L1", "offence_description"]) > 1_000_000
