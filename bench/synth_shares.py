"""How close the demo report's tables come to the reference SNA's shares.

Builds the report (restricted edition, tables only) from the demo area and
prints, for each table the reference prints, the largest gap between a share
in the report and the same share in the reference, in percentage points.
Exact tables are checked by tests/integration/test_golden_synth.py; this is the
"within 2 points" check for the rest.

Run: .venv/bin/python bench/synth_shares.py [--tables DIR]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from svsna.synth import DEMO_SEED, write_area
from svsna.synth import targets as t

OFFENCE_COLUMNS = ["Homicide", "Possession of weapons", "Robbery (business)",
                   "Robbery (personal)", "Violence with injury"]  # fmt: skip
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
VICTIM_AGE_YEAR = {  # §4.4 victims by age group and year
    "1-5": (13, 7, 6), "6-10": (18, 26, 21), "11-15": (277, 231, 144), "16-20": (267, 220, 161),
    "21-25": (180, 159, 117), "26-30": (160, 161, 123), "31-35": (159, 135, 116),
    "36-40": (144, 132, 128), "41-45": (125, 111, 99), "46-50": (95, 92, 77),
    "51-55": (67, 88, 83), "56-60": (51, 66, 53), "61-65": (33, 35, 31), "66+": (39, 62, 43),
}  # fmt: skip


def gap(got: pd.Series, ref: pd.Series) -> float:
    """Largest difference in percentage points between two distributions."""
    a = got.reindex(ref.index).fillna(0).astype(float)
    return float((a / a.sum() * 100 - ref / ref.sum() * 100).abs().max())


def day_hour(tables: Path) -> dict[str, float]:
    frame = pd.read_csv(tables / "sv_day_hour.csv")
    out = {}
    for cohort, text in (("all", t.DAY_HOUR_ALL), ("victim 0-17", t.DAY_HOUR_VICTIM_0_17),
                         ("victim 18+", t.DAY_HOUR_VICTIM_18)):  # fmt: skip
        ref = t.parse_day_hour(text)
        got = frame[frame["cohort"] == cohort].pivot(
            index="hour", columns="day", values="count"
        )
        got = got[DAYS].to_numpy(dtype=float)
        out[f"day x hour {cohort}: cells"] = float(
            np.abs(got / got.sum() - ref / ref.sum()).max() * 100
        )
        out[f"day x hour {cohort}: days"] = gap(
            pd.Series(got.sum(0)), pd.Series(ref.sum(0))
        )
        out[f"day x hour {cohort}: hours"] = gap(
            pd.Series(got.sum(1)), pd.Series(ref.sum(1))
        )
    return out


def tables_gaps(tables: Path) -> dict[str, float]:
    out = day_hour(tables)
    ages = pd.read_csv(tables / "sv_victims_age.csv")
    for i, year in enumerate(("2022/23", "2023/24", "2024/25")):
        got = ages[ages["year"] == year].set_index("age_group")["count"]
        ref = pd.Series({k: v[i] for k, v in VICTIM_AGE_YEAR.items()})
        out[f"victims by age {year}"] = gap(got, ref)
    rel = pd.read_csv(tables / "relationship.csv")
    for i, year in enumerate(("2022/23", "2023/24", "2024/25")):
        got = rel[rel["year"] == year].set_index("relationship")["count"]
        out[f"relationship {year}"] = gap(
            got, pd.Series({k: v[i] for k, v in t.RELATIONSHIPS.items()})
        )
    matrix = pd.read_csv(tables / "victim_suspect_age.csv")
    got = matrix.pivot(index="victim_age", columns="suspect_age", values="count")
    labels = ["0-9", "10-19", "20-29", "30-39", "40+"]
    got = got.reindex(index=labels, columns=labels).fillna(0).to_numpy(dtype=float)
    ref = t.VICTIM_SUSPECT_AGE
    out["victim x suspect age: cells"] = float(
        np.abs(got / got.sum() - ref / ref.sum()).max() * 100
    )
    by_d = pd.read_csv(tables / "relationship_by_district.csv")
    for name, target in (
        ("stranger", t.STRANGER_BY_DISTRICT),
        ("acquaintance", t.ACQUAINTANCE_BY_DISTRICT),
    ):
        got = by_d[by_d["relationship"] == name].set_index("district")["pct"]
        out[f"{name} share by district"] = float(
            (got.reindex(list(t.DISTRICTS)).to_numpy() - np.array(target))
            .__abs__()
            .max()
        )
    marks = pd.read_csv(tables / "warning_markers.csv").set_index("marker")
    out["warning markers"] = gap(
        marks["count"].drop("any", errors="ignore"), pd.Series(t.WARNING_MARKERS)
    )
    for table in ("sv_suspects_age_offence", "sv_victims_age_offence"):
        frame = pd.read_csv(tables / f"{table}.csv")
        suspects = "suspects" in table
        ref_table = t.SUSPECT_AGE_BY_OFFENCE if suspects else t.VICTIM_AGE_BY_OFFENCE
        bands = t.SUSPECT_AGE_BANDS if suspects else t.VICTIM_AGE_BANDS
        labels = [f"{lo}-{hi}" for lo, hi in bands]
        if not suspects:
            labels[-1] = "66+"
        got = frame.pivot(index="age_group", columns="offence", values="count")
        for offence in got.columns:
            ref = pd.Series(ref_table[:, OFFENCE_COLUMNS.index(offence)], index=labels)
            if ref.sum() > 20:
                out[f"{table} {offence}"] = gap(got[offence], ref)
    out |= places_gaps(tables)
    return out


NTE_LABELS = {  # reference row -> the report's offence_type
    "homicide": "homicide", "violence with injury": "violence with injury",
    "violence_without_injury": "violence without injury",
    "stalking_and_harassment": "stalking and harassment", "rape": "rape",
    "other_sexual_offences": "other sexual offences",
    "robbery_personal": "robbery of personal property",
    "theft_from_the_person": "theft from the person",
    "arson_and_criminal_damage": "arson and criminal damage",
    "drug_trafficking": "drug trafficking", "drug_possession": "drug possession",
    "public_disorder": "public disorder", "possession_of_weapons": "possession of weapons",
}  # fmt: skip


def places_gaps(tables: Path) -> dict[str, float]:
    """School proximity (points of %) and NTE crimes by offence type (shares)."""
    out: dict[str, float] = {}
    school = tables / "school_proximity.csv"
    if school.is_file():
        frame = pd.read_csv(school).sort_values("period_end")
        for measure, ref in t.SCHOOL_PCT.items():
            got = frame.loc[frame["measure"] == measure, "pct"].to_numpy()
            out[f"school proximity {measure}"] = float(
                np.abs(got - np.array(ref)).max()
            )
    nte = tables / "nte_crimes.csv"
    if nte.is_file():
        frame = pd.read_csv(nte)
        frame["offence_type"] = frame["offence_type"].str.lower()
        for i, year in enumerate(("2022/23", "2023/24", "2024/25")):
            got = frame[frame["year"] == year].set_index("offence_type")["count"]
            ref = pd.Series({NTE_LABELS[k]: v[i] for k, v in t.NTE_BY_GROUP.items()
                             if k in NTE_LABELS})  # fmt: skip
            out[f"NTE crimes {year}"] = gap(got, ref)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tables", type=Path)
    args = parser.parse_args()
    tables = args.tables
    if tables is None:
        from svsna.pipeline import build

        root = Path(tempfile.mkdtemp())
        write_area(root / "data", seed=DEMO_SEED)
        build(root / "data", root / "out", edition="restricted", formats=())
        tables = root / "out" / "tables"
        print(f"tables in {tables}")
    for name, value in tables_gaps(tables).items():
        flag = "" if value <= 2 else "   <-- over 2 points"
        print(f"{name:55s} {value:5.1f}{flag}")


if __name__ == "__main__":
    main()
