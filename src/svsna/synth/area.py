"""The synthetic Derby-and-Derbyshire area: ``svsna synth`` and ``svsna demo``.

Real SNA data is personal, so svsna ships a synthetic area that behaves like
the real one: the real geography of Derby and Derbyshire (districts, LSOAs
with IMD 2019, 95 neighbourhoods, schools, 34 NTE areas; see
``geography/SOURCES.md``) with police occurrences, people, stop and search
and partner tables generated from explicit targets typed from the reference
SNA (:mod:`svsna.synth.targets`). Built with the default definition, the
report reproduces the reference exactly for ``sv_yearly``, ``vwi_breakdown``,
``abh_yearly``, ``sv_by_district``, ``sv_cost``, ``outcomes``, the
repeat-victim and repeat-suspect rows and the 15 named hotspot rows; the
other tables follow the reference's shares. Data run from 1 April 2020 to
31 May 2025, so the hotspot window is June 2024 - May 2025.

Where the reference contradicts itself, the year-level tables win:

- Outcomes 2024/25 add up to 2,180 (522 + 1,471 + 187) against 2,179
  serious violence offences; we keep 2,179 with 521 positive outcomes (the
  printed 23.9 % positive still holds).
- The text says five homicides in 2024/25; the yearly table says 6 (and the
  cost £36,096,840 needs 6): 6.
- The day x hour table totals 6,854 against 7,187 offences: the other 333
  (4.6 %) have no recorded time. The two victim-age day x hour tables print no
  00 hour; we assume one like the 01 hour.
- The repeat-victim "last 3 years" row (4,509 people, 243 repeat victims) is
  matched, although the text speaks of 560 repeat victims; the suspects row
  (4,823) is matched although the text says 4,821. The repeat tables add up
  only with one victim and one suspect per occurrence, so that is the data.
- The relationship table counts 1,720 occurrences in 2023/24 against 1,699
  with a victim: some relationships sit on occurrences with no victim row.
- Stop and search weapon finds in 2022/23 total 74 but the age table adds to
  73: one find has no age range. data.police.uk has no 60+ band, so "over 34"
  holds the reference's 35-59 and 60+.
- The qualifier shares for robbery of business property (15.4, 9.4, 8.7 %)
  imply 26, 32 and 23 business robberies a year (4/26, 3/32, 2/23).
- The hotspot table's population for each named neighbourhood is taken as
  printed; the other 80 neighbourhoods share the rest of each district's
  census population and stay below the 15th hotspot in volume and rate.
- The suspects-by-age table counts up to 48 suspects for 17 homicides, so
  it counts people, not occurrences; with one suspect per occurrence its
  shares for homicide and robbery of business property (a few dozen people)
  cannot all be met. Elsewhere the age tables' shares of people aged 18 or
  under are met by leaving some adults' ages unrecorded.
- The victim age x suspect age matrix puts 8.5 % of pairs with a victim
  aged 0-9, where the victim age table has 2 % aged 1-10; victims' ages follow
  the age tables, and suspects are paired with them along the matrix as far
  as the exact "18 or under" counts allow (about 3 points off at most).
- Knife robbery of business property: the reference gives no split; we
  assume a quarter of business robberies involve a knife.

``write_area(out, scale=N)`` writes N areas: one is written as CSV files,
several as one Parquet file per area and table (``occurrences/area-01.parquet``
...), area by area, so memory stays that of one area. Areas after the first
are copies of the county placed elsewhere on land in England and Wales
(:mod:`svsna.synth.placement`), with suffixed names ("-02").
The partner tables come from :mod:`svsna.synth.partners` when it is present.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svsna.synth import targets as t
from svsna.synth.ages import coarse_column, dates_from, day_hour, sample_ages
from svsna.synth.alloc import pick
from svsna.synth.general import general_rows
from svsna.synth.geography import Geography, load_geography
from svsna.synth.histories import SV_CODES, with_histories
from svsna.synth.identities import on_police_rows, police_people
from svsna.synth.partner_people import with_people
from svsna.synth.people import (
    assign_people,
    ethnicity_of,
    markers_of,
    relationships,
    share_both_roles,
)
from svsna.synth.place import (
    VWI_FAMILY,
    location_types,
    nte_flags,
    place_rest,
    place_window,
    points,
    school_modes,
)
from svsna.synth.police import (
    DESCRIPTIONS,
    assign_districts,
    cells_for_year,
    codes_for,
    expand,
    outcomes,
    qualifiers,
    sample_months,
)
from svsna.synth.sna_inputs import sna_tables, write_settings
from svsna.synth.stop_search import stop_search

if TYPE_CHECKING:
    from pathlib import Path

DEMO_SEED = 2025
SUSPECT_ID_BASE = 5_000_000


def _occurrence_rows(rng: np.random.Generator) -> pd.DataFrame:
    """Every occurrence's offence, flags, people's ages, month, day and hour."""
    cells = pd.concat([cells_for_year(fy) for fy in range(6)], ignore_index=True)
    rows = expand(cells, rng)
    rows["district"] = assign_districts(rng, rows)
    rows["month"] = sample_months(rng, rows)
    v_age, s_age = sample_ages(rng, rows, coarse_column(rows["group"].to_numpy()))
    rows["v_age"], rows["s_age"] = v_age, s_age
    none = np.zeros(len(rows), dtype=bool)
    known = rng.random(len(rows)) < t.KNOWN_TIME_SHARE
    # Exactly the reference's 6,854 serious violence offences with a time.
    report = np.flatnonzero(rows["sv"].to_numpy() & np.isin(rows["fy"], t.REPORT))
    known[report] = False
    known[pick(rng, report, t.KNOWN_TIME_SV)] = True
    rows["known_time"] = known
    split = rows["sv"].to_numpy() * 2 + rows["known_time"].to_numpy()
    rows["dow"], rows["hour"] = day_hour(rng, v_age, none, none, split)
    rows["nte"] = nte_flags(rng, rows)
    vwi = rows["nte"].to_numpy() & rows["group"].isin(VWI_FAMILY).to_numpy()
    general = general_rows(rng, np.bincount(rows["fy"].to_numpy()[vwi], minlength=6))
    general["district"] = -2
    g_v, g_s = sample_ages(rng, general, coarse_column(general["group"].to_numpy()))
    general["v_age"], general["s_age"] = g_v, g_s
    night = general["nte"].to_numpy()
    general["dow"], general["hour"] = day_hour(rng, g_v, night, ~night)
    general["known_time"] = night | (rng.random(len(general)) < 0.92)
    rows = pd.concat([rows, general], ignore_index=True)
    rows["date"] = dates_from(
        rows["fy"].to_numpy(), rows["month"].to_numpy(), rows["dow"].to_numpy(), rng
    )
    rows["minute"] = rows["hour"].to_numpy() * 60 + rng.integers(0, 60, len(rows))
    return rows


def _place(rng: np.random.Generator, rows: pd.DataFrame, geo: Geography) -> None:
    district, hood, window = place_window(rng, rows, geo)
    place_rest(rng, rows, geo, district, hood, window)
    rows["district"] = district
    mode = school_modes(rng, rows)
    lsoa, x, y = points(rng, geo, hood, rows["nte"].to_numpy(), mode)
    rows["hood"], rows["lsoa"], rows["x"], rows["y"] = hood, lsoa, x, y
    rows["location_type"] = location_types(rng, rows, mode)


def _coded(codes: np.ndarray, names: object) -> pd.Categorical:
    """A categorical from integer codes (-1 = missing) and category names."""
    return pd.Categorical.from_codes(
        np.asarray(codes, dtype=np.int64),
        categories=pd.Index(np.asarray(names, dtype=str)),
    )


def _text(values: np.ndarray, names: pd.Series) -> pd.Categorical:
    """Names by index (-1 = missing), as a categorical: cheap for many rows."""
    return _coded(np.where(values >= 0, values, -1), names.astype(str).to_numpy())


def _labels(values: np.ndarray) -> pd.Categorical:
    """A categorical of text values (None = missing)."""
    return pd.Categorical(values)


def _where(mask: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` where ``mask`` holds, None elsewhere (an object array)."""
    out = np.full(len(mask), None, dtype=object)
    out[mask] = values[mask]
    return out


def _bool(values: np.ndarray) -> pd.Categorical:
    return _coded(values.astype(np.int64), ["false", "true"])


def _days(values: np.ndarray, mask: np.ndarray | None = None) -> pd.Categorical:
    """ISO dates as a categorical (masked rows missing)."""
    day = values.astype("datetime64[D]")
    codes, uniques = pd.factorize(day.astype(np.int64))
    names = np.datetime_as_string(uniques.astype("datetime64[D]"), unit="D")
    if mask is not None:
        codes = np.where(mask, codes, -1)
    return _coded(codes, names)


def _ids(prefix: str, numbers: np.ndarray) -> np.ndarray:
    """Identifiers ``prefix`` + seven-digit number."""
    return np.char.add(prefix, np.char.zfill(numbers.astype(str), 7))


TIMES = np.array([f"{m // 60:02d}:{m % 60:02d}" for m in range(24 * 60)])


def build_area(
    seed: int, index: int, geo: Geography
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The occurrences and persons tables of one area, in the contract's form."""
    rng = np.random.default_rng([seed, index])
    rows = _occurrence_rows(rng)
    _place(rng, rows, geo)
    group = rows["group"].to_numpy()
    knife = rows["knife"].to_numpy()
    firearm = ~knife & (
        ((group == "possession_of_weapons") & (rng.random(len(rows)) < 0.26))
        | ((group == "robbery_personal") & (rng.random(len(rows)) < 0.01))
    )
    code = codes_for(rng, rows, firearm)
    outcome, outcome_date = outcomes(rng, rows, rows["date"].to_numpy())
    alcohol, drugs = qualifiers(rng, rows)
    order = np.lexsort((rows["minute"].to_numpy(), rows["date"].to_numpy()))
    rows = rows.iloc[order].reset_index(drop=True)
    code, outcome, outcome_date = code[order], outcome[order], outcome_date[order]
    alcohol, drugs, firearm = alcohol[order], drugs[order], firearm[order]
    prefix = "OCC" if not geo.suffix else f"A{index + 1:02d}-"
    ids = _ids(prefix, np.arange(1, len(rows) + 1))
    known = rows["known_time"].to_numpy()
    minute = rows["minute"].to_numpy()
    located = rows["lsoa"].to_numpy() >= 0
    offence = pd.Categorical(code)
    occ = pd.DataFrame(
        {
            "occurrence_id": ids,
            "committed_date": _days(rows["date"].to_numpy()),
            "committed_time": _coded(np.where(known, minute, -1), TIMES),
            "offence_code": offence,
            "offence_description": offence.map(DESCRIPTIONS),
            "district": _text(rows["district"].to_numpy(), geo.districts["district"]),
            "neighbourhood": _text(
                rows["hood"].to_numpy(), geo.neighbourhoods["neighbourhood"]
            ),
            "lsoa_code": _text(rows["lsoa"].to_numpy(), geo.lsoas["lsoa_code"]),
            "easting": pd.array(np.where(located, rows["x"], np.nan), dtype="Int64"),
            "northing": pd.array(np.where(located, rows["y"], np.nan), dtype="Int64"),
            "location_type": _labels(rows["location_type"].to_numpy()),
            "knife_flag": _bool(knife[order]),
            "firearm_flag": _bool(firearm),
            "domestic_abuse_flag": _bool(rows["da"].to_numpy()),
            "alcohol_flag": _bool(alcohol),
            "drugs_flag": _bool(drugs),
            "outcome_code": pd.array(
                np.where(outcome > 0, outcome, np.nan), dtype="Int64"
            ),
            "outcome_date": _days(outcome_date, outcome > 0),
        }
    )
    persons = _persons(rng, rows, ids, outcome, geo, index)
    return occ, persons


def _persons(
    rng: np.random.Generator,
    rows: pd.DataFrame,
    ids: np.ndarray,
    outcome: np.ndarray,
    geo: Geography,
    index: int,
) -> pd.DataFrame:
    fy, sv = rows["fy"].to_numpy(), rows["sv"].to_numpy() & ~rows["da"].to_numpy()
    has_v, has_s = rows["has_v"].to_numpy(), rows["has_s"].to_numpy()
    v_age, s_age = rows["v_age"].to_numpy(), rows["s_age"].to_numpy()
    victim, _ = assign_people(
        rng, fy, has_v, v_age, sv, t.REPEAT_VICTIMS, t.REPEAT_VICTIMS_ALL, 0
    )
    suspect, _ = assign_people(
        rng,
        fy,
        has_s,
        s_age,
        sv,
        t.REPEAT_SUSPECTS,
        t.REPEAT_SUSPECTS_ALL,
        SUSPECT_ID_BASE,
    )
    knife = rows["knife"].to_numpy() & sv
    share_both_roles(
        rng, victim, suspect, fy, sv, knife, t.BOTH_ROLES, t.BOTH_ROLES_KNIFE
    )
    relationship = relationships(rng, rows)
    city = rows["district"].to_numpy() == t.DISTRICTS.index("Derby")
    v_rows, s_rows = np.flatnonzero(has_v), np.flatnonzero(has_s)
    pid = np.concatenate([victim[v_rows], suspect[s_rows]])
    row = np.concatenate([v_rows, s_rows])
    people, first, counts = np.unique(pid, return_index=True, return_counts=True)
    is_suspect = people >= SUSPECT_ID_BASE
    lead = row[first]
    sex = _sexes(rng, rows, people, is_suspect, knife[lead], lead, victim[v_rows])
    ethnicity = ethnicity_of(rng, city[lead])
    # Markers in the reference's shares of report-period serious violence.
    in_report = sv[row] & np.isin(fy[row], t.REPORT)
    report_counts = np.bincount(
        np.searchsorted(people, pid[in_report]), minlength=len(people)
    )
    markers = _where(is_suspect, markers_of(rng, np.maximum(report_counts, counts > 1)))
    at = np.searchsorted(people, pid)
    role = np.array(["victim"] * len(v_rows) + ["suspect"] * len(s_rows), dtype=object)
    positive = np.isin(outcome[row], t.POSITIVE_CODES) & (role == "suspect")
    role[positive & (rng.random(len(row)) < 0.5)] = "offender"
    prefix = "P" if not geo.suffix else f"P{index + 1:02d}-"
    frame = pd.DataFrame(
        {
            "occurrence_id": ids[row],
            "person_id": _ids(prefix, pid),
            "role": _labels(role),
            "age": pd.array(
                np.where((role == "victim"), v_age[row], s_age[row]).astype(float),
                dtype="Int64",
            ),
            "sex": _labels(sex[at]),
            "ethnicity": _labels(ethnicity[at]),
            "relationship": _labels(_where(role != "victim", relationship[row])),
            "warning_markers": _labels(markers[at]),
        }
    )
    frame.loc[frame["age"] < 0, "age"] = pd.NA
    order = np.lexsort((role == "victim", row))
    return frame.iloc[order].reset_index(drop=True)


def _sexes(
    rng: np.random.Generator,
    rows: pd.DataFrame,
    people: np.ndarray,
    is_suspect: np.ndarray,
    in_knife: np.ndarray,
    lead: np.ndarray,
    victims: np.ndarray,
) -> np.ndarray:
    """Each person's sex, in the reference's shares by role and offence.

    ``lead`` is each person's first row; ``victims`` the ids of every victim.
    """
    # Knife crime involves more men (reference §7.2) than serious violence.
    male = rng.random(len(people)) < np.where(
        is_suspect,
        np.where(in_knife, t.MALE_KNIFE_SUSPECTS, t.MALE_OTHER_SUSPECTS),
        np.where(in_knife, t.MALE_KNIFE_VICTIMS, t.MALE_OTHER_VICTIMS),
    )
    # Victims of sexual offences and domestic abuse are mostly women (assumption).
    group = rows["group"].to_numpy()[lead]
    mostly_women = (
        np.isin(group, ["rape", "other_sexual_offences"]) | rows["da"].to_numpy()[lead]
    )
    women = ~is_suspect & mostly_women
    male[women] = rng.random(int(women.sum())) < 0.15
    # §4.1 / §7.2: 88 % of people in both roles are male (97 % in knife crime).
    both = is_suspect & np.isin(people, victims)
    male[both] = rng.random(int(both.sum())) < np.where(in_knife[both], 0.97, 0.88)
    sex = np.where(male, "male", "female").astype(object)
    sex[rng.random(len(people)) < 0.01] = "unknown"
    return sex


def _reference_tables(geo: Geography) -> dict[str, pd.DataFrame]:
    return {
        "districts": geo.districts,
        "neighbourhoods": geo.neighbourhoods[
            ["neighbourhood", "district", "population", "geometry_wkt"]
        ],
        "lsoas": geo.lsoas[
            [
                "lsoa_code",
                "lsoa_name",
                "district",
                "population",
                "imd_score",
                "imd_decile",
                "geometry_wkt",
            ]
        ],
        "schools": geo.schools[["urn", "name", "phase", "easting", "northing"]],
        "nte_areas": geo.nte_areas[
            ["nte_area", "geometry_wkt", "neighbourhood", "lsoa_code"]
        ],
    }


def _write(frame: pd.DataFrame, out: Path, name: str, part: str | None) -> None:
    if part is None:
        frame.to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
        return
    folder = out / name
    folder.mkdir(exist_ok=True)
    frame.reset_index(drop=True).to_parquet(folder / f"{part}.parquet", index=False)


def _keep_years(
    occ: pd.DataFrame, persons: pd.DataFrame, years: int | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    if years is None:
        return occ, persons
    first = f"{2025 - years}-04-01"
    occ = occ[occ["committed_date"].astype(str) >= first].reset_index(drop=True)
    persons = persons[persons["occurrence_id"].isin(occ["occurrence_id"])]
    return occ, persons.reset_index(drop=True)


def write_area(
    out: Path, *, scale: int = 1, seed: int = DEMO_SEED, years: int | None = None
) -> None:
    """Write a synthetic data folder in the contract's form.

    ``scale`` areas are written (CSV for one, Parquet per area for more);
    ``years`` keeps only the last ``years`` financial years before April 2025
    (plus April and May 2025). The same seed gives byte-identical files.
    The partnership's ``sna.yaml`` is written beside the tables, with its
    interventions and community voice (:mod:`svsna.synth.sna_inputs`).
    """
    try:
        from svsna.synth import partners
    except ModuleNotFoundError:  # the partner tables are optional
        partners = None  # type: ignore[assignment]
    out.mkdir(parents=True, exist_ok=True)
    write_settings(out)
    for index in range(scale):
        suffix = "" if scale == 1 else f"-{index + 1:02d}"
        part = None if scale == 1 else f"area{suffix}"
        geo = load_geography(index, suffix)
        occ, persons = _keep_years(*build_area(seed, index, geo), years)
        people_rng = np.random.default_rng([seed, index, 3])
        people = police_people(people_rng, persons, occ, suffix, SV_CODES)
        persons = on_police_rows(
            people_rng, with_histories(people_rng, persons, occ, people), people, suffix
        )
        _write(occ, out, "occurrences", part)
        _write(persons, out, "persons", part)
        del occ, persons
        rng = np.random.default_rng([seed, index, 1])
        _write(stop_search(rng, geo.pools.x, geo.pools.y), out, "stop_search", part)
        for name, frame in {**_reference_tables(geo), **sna_tables(suffix)}.items():
            _write(frame, out, name, part)
        if partners is not None:
            tables, truth = with_people(
                people_rng,
                partners.partner_tables(
                    np.random.default_rng([seed, index, 2]), suffix
                ),
                people,
                suffix,
            )
            partners.write_partner_tables(
                out, rng=people_rng, area_suffix=suffix, tables=tables
            )
            _write(truth, out, "linkage_truth", part)
