"""The data.police.uk importer on small hand-made files whose answers are worked out here."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from police_uk_helpers import FORCE, SS_HEADER, row, write

from svsna.adapters import import_police_uk
from svsna.adapters.police_uk_areas import own_districts
from svsna.errors import SvsnaError
from svsna.load import load_folder


def january() -> list[list[str]]:
    """60 Alpha rows, 30 Beta rows, 2 rows in a neighbour's LSOA (Outside)."""
    rows = [
        row("aaa", "2025-01", "E01000001", "Alpha 001A", "Violence and sexual offences",
            "Unable to prosecute suspect"),
        row("aaa", "2025-01", "E01000001", "Alpha 001A", "Violence and sexual offences",
            "Status update unavailable", lon="-1.6"),
        row("", "2025-01", "E01000001", "Alpha 001A", "Anti-social behaviour"),
        row("bbb", "2025-01", "E01000002", "Alpha 002A", "Robbery",
            "Offender sent to prison"),
        row("ccc", "2025-01", "E01000003", "Beta 001A", "Burglary",
            "Investigation complete; no suspect identified"),
        row("ddd", "2025-01", "E09000001", "Outside 001A", "Drugs"),
        row("eee", "2025-01", "E09000001", "Outside 001A", "Drugs"),
    ]  # fmt: skip
    rows += [
        row(f"a{i}", "2025-01", "E01000002", "Alpha 002A", "Shoplifting")
        for i in range(57)
    ]
    rows += [
        row(f"b{i}", "2025-01", "E01000003", "Beta 001A", "Shoplifting")
        for i in range(29)
    ]
    return rows


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    """January in the archive's folder layout, March flat: February is missing."""
    src = tmp_path / "downloads"
    write(src / "2025-01" / "2025-01-testshire-street.csv", january())
    write(
        src / "2025-03-testshire-street.csv",
        [row("fff", "2025-03", "E01000001", "Alpha 001A", "Robbery")],
    )
    (src / "2025-01" / "2025-01-testshire-stop-and-search.csv").write_text(
        SS_HEADER + "Person search,2025-01-03T10:00:00+00:00,,,52.9,-1.5,Male,18-24,"
        "White - Irish,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,"
        "Arrest,True,False\n",
        encoding="utf-8",
    )
    (src / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return src


def occurrences(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "occurrences.csv", dtype=str, keep_default_na=False)


def test_rows_become_occurrences_with_unique_stable_ids(
    downloads: Path, tmp_path: Path
) -> None:
    summary = import_police_uk(downloads, tmp_path / "data")
    frame = occurrences(tmp_path / "data")
    # 7 + 57 + 29 January rows and 1 March row: every row kept, ASB included.
    assert len(frame) == 94
    assert frame["occurrence_id"].is_unique
    assert list(frame["occurrence_id"][:2]) == ["aaa", "aaa-2"]
    asb = frame[frame["offence_description"] == "Anti-social behaviour"]
    assert asb["occurrence_id"].iloc[0].startswith("PUK-2025-01-")
    again = import_police_uk(downloads, tmp_path / "again")
    assert list(occurrences(tmp_path / "again")["occurrence_id"]) == list(
        frame["occurrence_id"]
    )
    assert again == summary
    assert any("Gaps in street months: 1 month(s)" in line and "2025-02" in line
               for line in summary)  # fmt: skip
    assert any("notes.csv" in line for line in summary)


def test_columns_follow_the_contract(downloads: Path, tmp_path: Path) -> None:
    import_police_uk(downloads, tmp_path / "data")
    first = occurrences(tmp_path / "data").set_index("occurrence_id")
    assert first.loc["aaa", "committed_date"] == "2025-01-01"
    assert first.loc["aaa", "offence_code"] == "PUK:violent-crime"
    assert first.loc["aaa", "offence_description"] == "Violence and sexual offences"
    assert first.loc["aaa", "district"] == "Alpha"
    # Unable to prosecute could be outcome 14, 15 or 16: left empty, category kept.
    assert first.loc["aaa", "outcome_code"] == ""
    assert first.loc["aaa", "last_outcome_category"] == "Unable to prosecute suspect"
    assert first.loc["bbb", "outcome_code"] == "1"  # a court outcome: charged
    assert first.loc["ccc", "outcome_code"] == "18"  # no suspect identified
    assert first.loc["fff", "committed_date"] == "2025-03-01"


def test_rows_outside_the_own_districts_are_kept_but_flagged(
    downloads: Path, tmp_path: Path
) -> None:
    import_police_uk(downloads, tmp_path / "data")
    frame = occurrences(tmp_path / "data")
    flags = frame.groupby("district")["in_force_area"].unique().to_dict()
    # Alpha 61 rows, Beta 30, Outside 2: 30 / 2 is a fifteen-fold drop.
    assert {k: list(v) for k, v in flags.items()} == {
        "Alpha": ["true"],
        "Beta": ["true"],
        "Outside": ["false"],
    }


def test_own_districts_rule() -> None:
    # 1% of 10,000 rows is 100: D (99) is below it even without a drop.
    counts = pd.Series({"A": 5000, "B": 3000, "C": 1901, "D": 99})
    assert own_districts(counts) == ["A", "B", "C"]
    # A ten-fold drop (1,000 to 100) ends the list even above 1%; eight-fold does not.
    assert own_districts(pd.Series({"A": 1000, "B": 100, "C": 100})) == ["A"]
    assert own_districts(pd.Series({"A": 800, "B": 100, "C": 100})) == ["A", "B", "C"]


def test_people_and_stop_search(downloads: Path, tmp_path: Path) -> None:
    import_police_uk(downloads, tmp_path / "data")
    out = tmp_path / "data"
    assert (out / "persons.csv").read_text(encoding="utf-8").strip() == (
        "occurrence_id,person_id,role"
    )
    copied = out / "stop_search" / "2025-01-testshire-stop-and-search.csv"
    original = downloads / "2025-01" / "2025-01-testshire-stop-and-search.csv"
    assert copied.read_bytes() == original.read_bytes()


def test_the_data_folder_loads_without_rejects(downloads: Path, tmp_path: Path) -> None:
    import_police_uk(downloads, tmp_path / "data")
    loaded = load_folder(tmp_path / "data", today=pd.Timestamp("2026-01-01").date())
    assert loaded.problems == []
    assert len(loaded.rejects) == 0
    assert loaded.tables["occurrences"].rows_loaded == 94
    assert loaded.tables["stop_search"].rows_loaded == 1


def test_a_zip_reads_like_the_folder(downloads: Path, tmp_path: Path) -> None:
    archive = tmp_path / "2025-03.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in downloads.rglob("*.csv"):
            zipped.write(path, path.relative_to(downloads).as_posix())
    import_police_uk(archive, tmp_path / "zipped")
    import_police_uk(downloads, tmp_path / "folder")
    assert occurrences(tmp_path / "zipped").equals(occurrences(tmp_path / "folder"))


def test_several_forces_need_a_choice(downloads: Path, tmp_path: Path) -> None:
    shutil.copy(
        downloads / "2025-03-testshire-street.csv",
        downloads / "2025-03-otherforce-street.csv",
    )
    with pytest.raises(SvsnaError, match="--force"):
        import_police_uk(downloads, tmp_path / "data")
    import_police_uk(downloads, tmp_path / "data", force="testshire")
    assert len(occurrences(tmp_path / "data")) == 94


def test_a_repeated_file_is_skipped_with_a_note(
    downloads: Path, tmp_path: Path
) -> None:
    shutil.copy(
        downloads / "2025-03-testshire-street.csv",
        downloads / "2025-01" / "2025-03-testshire-street.csv",
    )
    summary = import_police_uk(downloads, tmp_path / "data")
    assert len(occurrences(tmp_path / "data")) == 94
    assert any("skipped" in line for line in summary)


def test_lookups_recognised_by_their_columns(downloads: Path, tmp_path: Path) -> None:
    lookups = tmp_path / "lookups"
    lookups.mkdir()
    (lookups / "census.csv").write_text(
        "lsoa21_code,lsoa21_name,age_group,usual_residents\n"
        "E01000001,Alpha 001A,young,100\nE01000001,Alpha 001A,old,50\n"
        "E01000002,Alpha 002A,young,200\nE01000003,Beta 001A,young,400\n"
        "E01000009,Alpha 003C,young,300\n",
        encoding="utf-8",
    )
    (lookups / "imd.csv").write_text(
        "\ufeffLSOA code (2011),LSOA name (2011),Local Authority District code (2019),"
        "Local Authority District name (2019),Index of Multiple Deprivation (IMD) Rank,"
        "Index of Multiple Deprivation (IMD) Decile\n"
        'E01000001,Alpha 001A,E0A,Alpha,"1,000",3\n'
        'E01000005,Alpha 003A,E0A,Alpha,"2,000",2\n'
        'E01000006,Alpha 003B,E0A,Alpha,"9,000",5\n',
        encoding="utf-8",
    )
    (lookups / "bestfit.csv").write_text(
        "ObjectId,LSOA11CD,LSOA11NM,LSOA21CD,LSOA21NM,LAD22CD,LAD22NM,LAD22NMW\n"
        "1,E01000005,Alpha 003A,E01000009,Alpha 003C,E0A,Alpha,\n"
        "2,E01000006,Alpha 003B,E01000009,Alpha 003C,E0A,Alpha,\n",
        encoding="utf-8",
    )
    import_police_uk(downloads, tmp_path / "data", lookups=lookups)
    lsoas = pd.read_csv(tmp_path / "data" / "lsoas.csv").set_index("lsoa_code")
    assert lsoas.loc["E01000001", "population"] == 150  # 100 + 50 residents
    assert lsoas.loc["E01000001", "imd_decile"] == 3
    # A new 2021 LSOA from 2011 LSOAs of deciles 2 and 5: median 3.5, towards 3.
    assert lsoas.loc["E01000009", "imd_decile"] == 3
    assert lsoas.loc["E01000009", "district"] == "Alpha"
    districts = pd.read_csv(tmp_path / "data" / "districts.csv").set_index("district")
    # Alpha: 150 + 200 + 300 residents; Beta 400; Outside is not an own district.
    assert districts["population"].to_dict() == {"Alpha": 650, "Beta": 400}


def test_outcomes_files_give_the_month_of_the_latest_outcome(
    downloads: Path, tmp_path: Path
) -> None:
    header = (
        "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
        "LSOA code,LSOA name,Outcome type\n"
    )
    common = f"{FORCE},{FORCE},-1.5,52.9,On or near X,E01000002,Alpha 002A"
    (downloads / "2025-01" / "2025-01-testshire-outcomes.csv").write_text(
        header + f"bbb,2025-01,{common},Suspect charged\n", encoding="utf-8"
    )
    (downloads / "2025-03-testshire-outcomes.csv").write_text(
        header + f"bbb,2025-03,{common},Offender sent to prison\n", encoding="utf-8"
    )
    import_police_uk(downloads, tmp_path / "data")
    frame = occurrences(tmp_path / "data").set_index("occurrence_id")
    assert frame.loc["bbb", "outcome_date"] == "2025-03-01"  # the later of the two
    assert frame.loc["ccc", "outcome_date"] == ""  # no outcome row


def test_gzipped_lookups_are_read(downloads: Path, tmp_path: Path) -> None:
    lookups = tmp_path / "lookups"
    lookups.mkdir()
    text = (
        "lsoa21_code,lsoa21_name,age_group,usual_residents\n"
        "E01000001,Alpha 001A,all,1000\nE01000003,Beta 001A,all,250\n"
    )
    (lookups / "census.csv.gz").write_bytes(gzip.compress(text.encode("utf-8")))
    import_police_uk(downloads, tmp_path / "data", lookups=lookups)
    districts = pd.read_csv(tmp_path / "data" / "districts.csv").set_index("district")
    assert districts["population"].to_dict() == {"Alpha": 1000, "Beta": 250}


def test_a_row_without_location_is_kept_outside_every_district(
    downloads: Path, tmp_path: Path
) -> None:
    write(
        downloads / "2025-04-testshire-street.csv",
        [
            row(
                "nnn",
                "2025-04",
                "",
                "",
                "Other theft",
                lon="",
                lat="",
                place="No Location",
            )
        ],
    )
    import_police_uk(downloads, tmp_path / "data")
    frame = occurrences(tmp_path / "data").set_index("occurrence_id")
    assert frame.loc["nnn", "district"] == ""
    assert frame.loc["nnn", "in_force_area"] == "false"
    loaded = load_folder(tmp_path / "data", today=pd.Timestamp("2026-01-01").date())
    assert len(loaded.rejects) == 0
