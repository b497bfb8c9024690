"""The synthetic partner tables: loadable, deterministic, and like the reference.

Every expected figure below is typed from the reference SNA (chapters 12 to
19), and every share is computed here with pandas from the written files,
never by the chapter modules, so a wrong analysis cannot hide a wrong generator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pytest

from svsna.load import load_folder
from svsna.synth.partners import write_partner_tables

if TYPE_CHECKING:
    from pathlib import Path

TABLES = (
    "ed_attendances",
    "ambulance",
    "fire_incidents",
    "youth_justice",
    "probation",
    "school_exclusions",
    "social_care",
    "neet",
    "national_context",
)
YEARS = ("2022/23", "2023/24", "2024/25")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("partners")
    write_partner_tables(out, rng=np.random.default_rng(7))
    return out


def read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", keep_default_na=False, na_values=[""])


def fy(dates: pd.Series) -> pd.Series:
    d = pd.to_datetime(dates)
    start = np.where(d.dt.month >= 4, d.dt.year, d.dt.year - 1)
    return pd.Series([f"{s}/{str(s + 1)[2:]}" for s in start], index=dates.index)


def share(part: float, whole: float) -> float:
    return 100.0 * part / whole


def close(value: float, reference: float) -> None:
    assert abs(value - reference) <= 2.0, (
        f"{value:.1f} is not within 2 points of {reference}"
    )


def test_every_table_loads_with_zero_rejects(folder: Path) -> None:
    loaded = load_folder(folder)
    assert loaded.rejects.empty
    assert set(TABLES) <= set(loaded.tables)
    for name in TABLES:
        assert loaded.tables[name].rows_loaded > 0


def test_same_seed_same_bytes_and_date_span(folder: Path, tmp_path: Path) -> None:
    write_partner_tables(tmp_path, rng=np.random.default_rng(7))
    for name in TABLES:
        assert (tmp_path / f"{name}.csv").read_bytes() == (
            folder / f"{name}.csv"
        ).read_bytes()
    for name, column in (
        ("ed_attendances", "arrival_date"),
        ("ambulance", "call_date"),
        ("fire_incidents", "incident_date"),
        ("youth_justice", "offence_date"),
        ("probation", "start_date"),
    ):
        dates = read(folder, name)[column]
        assert dates.min() >= "2020-04-01"
        assert dates.max() <= "2025-05-31"
        assert dates.max() >= "2025-05-01"


def test_area_suffix_writes_distinct_areas(tmp_path: Path) -> None:
    write_partner_tables(tmp_path, rng=np.random.default_rng(1))
    write_partner_tables(tmp_path, rng=np.random.default_rng(2), area_suffix="-2")
    loaded = load_folder(tmp_path)
    assert loaded.rejects.empty
    hospitals = set(
        loaded.tables["ed_attendances"].table.column("hospital").to_pylist()
    )
    assert "Royal Derby Hospital-2" in hospitals
    assert "Royal Derby Hospital" in hospitals


def ed_period(folder: Path, hospital: str) -> pd.DataFrame:
    ed = read(folder, "ed_attendances")
    ed = ed[(ed["hospital"] == hospital) & fy(ed["arrival_date"]).isin(YEARS)]
    return ed


def test_royal_derby(folder: Path) -> None:
    ed = ed_period(folder, "Royal Derby Hospital")
    assert len(ed) == 2409
    day = pd.to_datetime(ed["arrival_date"]).dt.day_of_week
    close(share(day.isin([4, 5, 6]).sum(), len(ed)), 55.0)
    hour = ed["arrival_time"].dropna().str[:2].astype(int)
    close(share(((hour >= 18) | (hour < 4)).sum(), len(hour)), 55.7)
    ages = ed["age"].dropna()
    close(share(ages.between(18, 30).sum(), len(ages)), 39.5)
    methods = ed["assault_method"].dropna()
    reference = {
        "fist": 48.7,
        "combination of body parts": 11.0,
        "feet": 7.4,
        "other": 7.0,
        "head": 5.9,
        "other weapon": 4.7,
        "any blunt object": 4.5,
        "knife": 3.1,
        "pushed": 2.3,
        "glass": 2.0,
        "bottle": 1.7,
        "other bladed or sharp object": 1.5,
        "firearm": 0.1,
    }
    assert len(methods) == 2074
    for method, pct in reference.items():
        close(share((methods == method).sum(), len(methods)), pct)
    body = methods.isin(["fist", "feet", "head", "combination of body parts", "pushed"])
    weapon = ~body & (methods != "other")
    close(share(body.sum(), body.sum() + weapon.sum()), 82.3)
    children = ed[ed["age"] <= 17]
    child_methods = children["assault_method"].dropna()
    assert len(child_methods) == 335
    close(share((child_methods == "fist").sum(), len(child_methods)), 55.8)
    close(
        share((child_methods == "combination of body parts").sum(), len(child_methods)),
        14.6,
    )
    close(share((children["assault_location"] == "school").sum(), len(children)), 30.0)


def test_chesterfield_royal(folder: Path) -> None:
    ed = ed_period(folder, "Chesterfield Royal Hospital")
    assert fy(ed["arrival_date"]).value_counts().to_dict() == {
        "2022/23": 578,
        "2023/24": 600,
        "2024/25": 439,
    }
    locations = {
        "open space": 20.0,
        "street": 16.3,
        "own home": 15.0,
        "not known": 16.9,
        "licensed premises": 11.6,
        "other home": 8.3,
        "school": 5.8,
        "work": 5.7,
        "transport": 0.4,
        "other": 0.1,
    }
    place = ed["assault_location"].fillna("not known")
    for location, pct in locations.items():
        close(share((place == location).sum(), len(ed)), pct)
    day = pd.to_datetime(ed["arrival_date"]).dt.day_of_week
    close(share(day.isin([4, 5, 6]).sum(), len(ed)), 55.0)
    hour = ed["arrival_time"].dropna().str[:2].astype(int)
    close(share(((hour >= 18) | (hour < 4)).sum(), len(hour)), 55.0)
    close(share(ed["age"].between(10, 19).sum(), len(ed)), 20.0)
    close(share(ed["age"].between(20, 29).sum(), len(ed)), 28.0)
    methods = ed["assault_method"]
    body = methods.isin(["fist", "feet", "head", "combination of body parts", "pushed"])
    weapon = methods.notna() & ~body & (methods != "other")
    assert (body.sum(), weapon.sum()) == (1160, 257)
    close(share((methods == "fist").sum(), len(ed)), 38.0)
    knives = fy(ed.loc[methods == "knife", "arrival_date"]).value_counts()
    assert knives["2022/23"] > knives["2023/24"] > knives["2024/25"]


def test_ambulance(folder: Path) -> None:
    amb = read(folder, "ambulance")
    amb["year"] = fy(amb["call_date"])
    amb = amb[amb["year"].isin(YEARS)]
    amb["sex"] = amb["sex"].fillna("unknown")
    reference = {  # response: (all, male, female) for 2022/23, 2023/24, 2024/25
        "hear and treat": ((587, 711, 1262), (392, 419, 709), (182, 284, 552)),
        "see and treat": ((416, 427, 482), (265, 241, 252), (129, 173, 230)),
        "see and convey": ((536, 499, 490), (375, 332, 266), (143, 151, 223)),
    }
    for response, (every, male, female) in reference.items():
        cells = amb[amb["response"] == response]
        for i, year in enumerate(YEARS):
            in_year = cells[cells["year"] == year]
            assert len(in_year) == every[i]
            assert (in_year["sex"] == "male").sum() == male[i]
            assert (in_year["sex"] == "female").sum() == female[i]
    conveyed = amb[amb["response"] == "see and convey"]
    outside = [
        share(
            (
                ~conveyed.loc[conveyed["year"] == y, "destination_in_area"].astype(bool)
            ).sum(),
            (conveyed["year"] == y).sum(),
        )
        for y in YEARS
    ]
    close(float(np.mean(outside)), 27.0)
    assert set(conveyed["destination"]) >= {
        "Royal Derby Hospital",
        "Kings Mill Hospital",
    }
    known = amb[amb["sex"] != "unknown"]
    close(share((known["sex"] == "female").sum(), len(known)), 40.0)
    known_conveyed = conveyed[conveyed["sex"] != "unknown"]
    close(share((known_conveyed["sex"] == "male").sum(), len(known_conveyed)), 65.0)


def test_fire(folder: Path) -> None:
    fire = read(folder, "fire_incidents")
    counts = fire.groupby([fy(fire["incident_date"]), "incident_type"]).size()
    assert counts[("2024/25", "malicious false alarm")] == 97
    assert counts[("2023/24", "malicious false alarm")] == 129
    first, last = (
        counts[("2022/23", "deliberate fire")],
        counts[("2024/25", "deliberate fire")],
    )
    close(share(first - last, first), 43.0)


def test_youth_justice(folder: Path) -> None:
    yj = read(folder, "youth_justice")
    yj["year"] = fy(yj["offence_date"])
    yj = yj[yj["year"].isin(YEARS)]
    assert len(yj) == 457
    table = yj.groupby(["offence_type", "year"]).size()
    assert table[("Possess an offensive weapon in a public place", "2022/23")] == 54
    assert table[("Actual bodily harm", "2023/24")] == 43
    assert table[("Kidnap", "2024/25")] == 1
    assert yj.groupby("year").size().to_dict() == {
        "2022/23": 165,
        "2023/24": 143,
        "2024/25": 149,
    }
    city = yj[yj["authority"] == "city"].groupby("year").size().to_dict()
    assert city == {"2022/23": 122, "2023/24": 105, "2024/25": 116}
    close(share((yj["sex"] == "male").sum(), len(yj)), 75.0)
    assert yj["age"].value_counts().idxmax() == 16


def test_probation(folder: Path) -> None:
    prob = read(folder, "probation")
    prob["year"] = prob["start_date"].str[:4]
    prob = prob[prob["year"].isin(["2022", "2023", "2024"])]
    table = prob.groupby(["district", "year"]).size()
    assert table[("Derby", "2024")] == 339
    assert table[("Erewash", "2023")] == 46
    assert table[("Bolsover", "2024")] == 18
    assert prob.groupby("year").size().to_dict() == {
        "2022": 432,
        "2023": 485,
        "2024": 680,
    }
    in_2024 = prob[prob["year"] == "2024"]
    close(share((in_2024["sex"] == "male").sum(), len(in_2024)), 91.0)
    assert (prob.loc[prob["year"] == "2023", "sex"] == "female").sum() == 22
    ages = pd.cut(prob["age"], [17, 20, 24, 28, 32, 36, 40, 44, 49, 120])
    assert ages.value_counts().idxmax().left == 36  # the 37-40 band
    by_type = prob.groupby(["year", "sentence_type"]).size().unstack()
    assert by_type.idxmax().to_dict() == {"community": "2024", "custody": "2024"}


def test_schools(folder: Path) -> None:
    schools = read(folder, "school_exclusions")
    county = schools[
        (schools["authority"] == "Derbyshire") & schools["academic_year"].isin(YEARS)
    ]
    reasons = county.groupby("reason")["count"].sum()
    top = {
        "Persistent disruptive behaviour": 52.9,
        "Verbal abuse/threatening behaviour against an adult": 17.1,
        "Physical assault against a pupil": 12.1,
        "Physical assault against an adult": 5.3,
        "Verbal abuse/threatening behaviour against a pupil": 3.1,
    }
    for reason, pct in top.items():
        close(share(reasons[reason], reasons.sum()), pct)
    assert list(reasons.sort_values(ascending=False).index[:5]) == list(top)
    city = schools[
        (schools["authority"] == "Derby") & (schools["exclusion_type"] == "suspension")
    ]
    by_year = city.groupby("academic_year")["count"].sum()
    assert (by_year["2023/24"], by_year["2024/25"]) == (5050, 3862)
    perm = schools[
        (schools["authority"] == "Derby") & (schools["exclusion_type"] == "permanent")
    ]
    perm_year = perm.groupby("academic_year")["count"].sum()
    assert perm_year["2024/25"] - perm_year["2023/24"] == 5
    county_perm = schools[
        (schools["authority"] == "Derbyshire")
        & (schools["exclusion_type"] == "permanent")
    ]
    assert county_perm.groupby("academic_year")["count"].sum().idxmax() == "2022/23"


def test_social_care_and_neet(folder: Path) -> None:
    care = read(folder, "social_care")
    totals = care.groupby(["measure", "year"])["count"].sum()
    assert totals[("referrals", "2022/23")] == 10319
    assert totals[("child protection plans", "2023/24")] == 941
    assert totals[("admissions to care", "2024/25")] == 410
    assert totals[("care leavers", "2024/25")] == 997
    male = care[care["sex"] == "male"].set_index(["measure", "year"])["count"]
    assert male[("care leavers", "2024/25")] == 623
    female = care[care["sex"] == "female"].set_index(["measure", "year"])["count"]
    assert female[("referrals", "2024/25")] == 4627
    neet = read(folder, "neet").set_index(["authority", "year"])
    assert tuple(neet.loc[("Derby", 2025)]) == (7034, 556)
    assert tuple(neet.loc[("Derbyshire", 2023)]) == (16188, 403)


def test_national_context_carries_sources(folder: Path) -> None:
    national = read(folder, "national_context")
    assert national["source"].notna().all()
    assert 87334 in set(national["value"])
    assert {"prison", "schools", "neet"} <= set(national["section"])
