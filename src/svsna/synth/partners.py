"""Synthetic partner tables of the Derby-and-Derbyshire-like area.

The figures below are typed from the reference SNA (chapters 12 to 19) and
the generator reproduces them exactly for the reference years (financial
years 2022/23 to 2024/25; calendar years 2022 to 2024 for probation, as the
reference counts them); every other attribute (dates, hours, ages, sex) is
drawn with ``rng`` so that the shares the reference quotes hold. Months
outside the reference years (April 2020 to March 2022, April and May 2025)
are filled by resampling the reference rows onto new dates, so the record
tables run from 2020-04-01 to 2025-05-31 like the rest of the synthetic area.

Where the reference contradicts itself the year-level tables win:

- EMAS destinations total 536/502/495 but "see, treat and convey" is
  536/499/490; destinations are scaled to the conveyed patients (the largest
  hospital absorbs the 3 and 5 missing).
- Royal Derby: "82.3% were carried out by a body part" while its own method
  table gives 1,562 body-part of 1,928 body-part-or-weapon methods (81.0%).
- Social care: the "% change" column for male care leavers says 91.49%
  where the counts give 29.25%; the counts are kept.
- Derbyshire County sex rows do not add up to the totals; the remainder is
  written with sex ``unknown``.

Tables not quoted by the reference (Royal Derby's years and locations for
adults, deliberate fires per year, school exclusions per phase) are invented
to be consistent with its sentences ("43% decrease", "peak during 2022/23",
"suspensions peaked at 5,050 then fell to 3,862").
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import pandas as pd

from svsna.contract import Kind, TableSchema
from svsna.contract.tables import (
    AMBULANCE,
    ED_ATTENDANCES,
    FIRE_INCIDENTS,
    PROBATION,
    YOUTH_JUSTICE,
)
from svsna.synth.partner_figures import (
    AMBULANCE_DESTINATIONS,
    AMBULANCE_RESPONSES,
    CHILD_METHODS,
    CRH_AGES,
    CRH_LOCATIONS,
    CRH_METHODS,
    CRH_YEARS,
    FIRE,
    NATIONAL_CONTEXT,
    NEET,
    PROBATION_CUSTODY,
    PROBATION_DISTRICTS,
    PROBATION_FEMALE,
    RDH_ADULT_LOCATIONS,
    RDH_AGES,
    RDH_CHILD_LOCATIONS,
    RDH_METHODS,
    RDH_YEARS,
    SCHOOL_REASONS,
    SCHOOLS,
    SOCIAL_CARE,
    YOUTH_JUSTICE_AUTHORITY,
    YOUTH_JUSTICE_OFFENCES,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from pathlib import Path

    Redate = Callable[[pd.DataFrame, dt.date, dt.date], pd.DataFrame]

K = TypeVar("K")
FIRST_DAY = dt.date(2020, 4, 1)
LAST_DAY = dt.date(2025, 5, 31)
REFERENCE_YEARS = ("2022/23", "2023/24", "2024/25")
#: Rows outside the reference years, as a share of the first reference year.
EXTRA_PERIODS = (
    (dt.date(2020, 4, 1), dt.date(2021, 3, 31), 0.85),
    (dt.date(2021, 4, 1), dt.date(2022, 3, 31), 0.93),
    (dt.date(2025, 4, 1), dt.date(2025, 5, 31), 0.17),
)
NIGHT_HOURS = (18, 19, 20, 21, 22, 23, 0, 1, 2, 3)
NIGHT_WEIGHTS = (8, 9, 10, 11, 13, 14, 13, 10, 7, 5)
DAY_HOURS = tuple(range(4, 18))
DAY_WEIGHTS = (2, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 10, 11)
#: Relative weight of each weekday (Monday first) within its class.
WEEKDAY_WEIGHTS = (10, 10, 11, 12, 16, 20, 17)
#: Districts of the area with rough population weights (fire incidents).
DISTRICT_WEIGHTS = {
    "Amber Valley": 128,
    "Bolsover": 81,
    "Chesterfield": 105,
    "Derby": 262,
    "Derbyshire Dales": 72,
    "Erewash": 113,
    "High Peak": 91,
    "North East Derbyshire": 102,
    "South Derbyshire": 110,
}


def partner_tables(
    rng: np.random.Generator, area_suffix: str = ""
) -> dict[str, pd.DataFrame]:
    """Every partner table of one synthetic area (see :func:`write_partner_tables`)."""
    return {
        "ed_attendances": _ed(rng, area_suffix),
        "ambulance": _ambulance(rng, area_suffix),
        "fire_incidents": _fire(rng, area_suffix),
        "youth_justice": _youth_justice(rng, area_suffix),
        "probation": _probation(rng, area_suffix),
        "school_exclusions": _schools(rng, area_suffix),
        "social_care": _social_care(area_suffix),
        "neet": _neet(area_suffix),
    }


def write_partner_tables(
    out: Path,
    *,
    rng: np.random.Generator,
    area_suffix: str = "",
    tables: dict[str, pd.DataFrame] | None = None,
) -> None:
    """Write every partner table of one synthetic area into ``out``.

    With an empty ``area_suffix`` each table is ``out/<table>.csv``; with a
    suffix (one of several areas) it is ``out/<table>/<table><suffix>.csv``,
    and identifiers, hospitals, districts and authorities carry the suffix so
    that the areas stay distinct. ``national_context.csv`` is the same for
    every area and is written once at the top of ``out``. The same ``rng``
    state gives byte-identical files. ``tables`` are written instead of new
    ones when given (the area gives their people identities first).
    """
    out.mkdir(parents=True, exist_ok=True)
    if tables is None:
        tables = partner_tables(rng, area_suffix)
    for name, frame in tables.items():
        if area_suffix:
            folder = out / name
            folder.mkdir(exist_ok=True)
            path = folder / f"{name}{area_suffix}.csv"
        else:
            path = out / f"{name}.csv"
        frame.to_csv(path, index=False, lineterminator="\n")
    national = pd.DataFrame(NATIONAL_CONTEXT)
    national["value"] = pd.Series(
        [int(v) if float(v).is_integer() else v for v in national["value"]],
        dtype=object,
    )
    national.to_csv(out / "national_context.csv", index=False, lineterminator="\n")


# --- building blocks ---------------------------------------------------------


def exact(rng: np.random.Generator, counts: Mapping[K, int]) -> np.ndarray:
    """Each value repeated its count, in random order."""
    values = [v for v, n in counts.items() for _ in range(int(n))]
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return rng.permutation(array)


def allocate(total: int, weights: Mapping[K, float]) -> dict[K, int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder)."""
    keys = list(weights)
    raw = np.array([weights[k] for k in keys], dtype=float)
    raw = raw / raw.sum() * total
    counts = np.floor(raw).astype(int)
    order = np.argsort(-(raw - counts), kind="stable")
    counts[order[: total - counts.sum()]] += 1
    return dict(zip(keys, counts.tolist(), strict=True))


def fy_bounds(label: str) -> tuple[dt.date, dt.date]:
    """First and last day of the financial year ``2024/25``."""
    start = int(label[:4])
    return dt.date(start, 4, 1), dt.date(start + 1, 3, 31)


def _days(first: dt.date, last: dt.date) -> pd.DatetimeIndex:
    return pd.date_range(first, last, freq="D")


def dates_between(
    rng: np.random.Generator,
    first: dt.date,
    last: dt.date,
    size: int,
    *,
    weekend: np.ndarray | None = None,
    weekend_days: Sequence[int] = (4, 5, 6),
) -> np.ndarray:
    """``size`` dates in ``[first, last]``, busier in summer and on weekends.

    When ``weekend`` (booleans) is given, each date falls on a weekend day
    exactly where it is true.
    """
    days = _days(first, last)
    season = 1.0 + 0.15 * np.cos((days.month.to_numpy() - 7) / 12 * 2 * np.pi)
    weights = season * np.take(WEEKDAY_WEIGHTS, days.day_of_week.to_numpy())
    result = np.empty(size, dtype="datetime64[D]")
    if weekend is None:
        picks = rng.choice(len(days), size=size, p=weights / weights.sum())
        return days.to_numpy().astype("datetime64[D]")[picks]
    is_weekend = np.isin(days.day_of_week.to_numpy(), weekend_days)
    for flag in (True, False):
        where = np.flatnonzero(weekend == flag)
        pool = np.flatnonzero(is_weekend == flag)
        p = weights[pool] / weights[pool].sum()
        picks = rng.choice(pool, size=len(where), p=p)
        result[where] = days.to_numpy().astype("datetime64[D]")[picks]
    return result


def times_for(rng: np.random.Generator, night: np.ndarray) -> np.ndarray:
    """``HH:MM`` times, between 18:00 and 03:59 exactly where ``night`` is true."""
    hours = np.where(
        night,
        rng.choice(NIGHT_HOURS, size=len(night), p=_p(NIGHT_WEIGHTS)),
        rng.choice(DAY_HOURS, size=len(night), p=_p(DAY_WEIGHTS)),
    )
    mins = rng.integers(0, 60, size=len(night))
    return np.array([f"{h:02d}:{m:02d}" for h, m in zip(hours, mins, strict=True)])


def _flags(rng: np.random.Generator, size: int, share: float) -> np.ndarray:
    """Booleans, exactly ``round(share × size)`` of them true, in random order."""
    hits = round(share * size)
    return rng.permutation(np.array([True] * hits + [False] * (size - hits)))


def _p(weights: Sequence[float]) -> np.ndarray:
    array = np.asarray(weights, dtype=float)
    return array / array.sum()


def ages_in(
    rng: np.random.Generator, bands: Mapping[tuple[int, int], int]
) -> np.ndarray:
    """Ages with exactly ``count`` in each inclusive ``(low, high)`` band."""
    labels = exact(rng, bands)
    return np.array([int(rng.integers(low, high + 1)) for low, high in labels])


def resample(rng: np.random.Generator, frame: pd.DataFrame, size: int) -> pd.DataFrame:
    """``size`` rows drawn with replacement from ``frame``."""
    picks = rng.integers(0, len(frame), size=size)
    return frame.iloc[picks].reset_index(drop=True)


def with_extra_periods(
    rng: np.random.Generator,
    reference: pd.DataFrame,
    first_year_rows: int,
    redate: Redate,
) -> pd.DataFrame:
    """The reference rows plus resampled rows dated outside the reference years."""
    parts = [reference]
    for first, last, share in EXTRA_PERIODS:
        extra = resample(rng, reference, round(first_year_rows * share))
        parts.append(redate(extra, first, last))
    return pd.concat(parts, ignore_index=True)


def redated(rng: np.random.Generator, column: str) -> Redate:
    """Resampled rows given new dates in ``column``, drawn evenly in a period.

    How the rows of the reference years are spread over the months outside
    them (ED attendances, which keep their weekend mix, have their own).
    """

    def redate(frame: pd.DataFrame, first: dt.date, last: dt.date) -> pd.DataFrame:
        out = frame.copy()
        out[column] = dates_between(rng, first, last, len(out))
        return out

    return redate


def sexes(rng: np.random.Generator, size: int, male: float) -> np.ndarray:
    """``male``/``female`` drawn with the given share of males."""
    return np.where(rng.random(size) < male, "male", "female")


def ids(prefix: str, suffix: str, size: int) -> list[str]:
    """Identifiers ``PREFIX<suffix>-000001``, ``PREFIX<suffix>-000002`` and so on."""
    return [f"{prefix}{suffix}-{i:06d}" for i in range(1, size + 1)]


def in_contract_form(
    rows: pd.DataFrame, table: TableSchema, prefix: str, suffix: str
) -> pd.DataFrame:
    """Number the rows in their order, write the date as ISO, keep the table's columns.

    Every partner record table ends this way: its unique id column numbered
    ``PREFIX<suffix>-000001`` on, its required date written ``YYYY-MM-DD`` and
    its columns in the contract's order, so the files read like a partner's.
    """
    key = next(c.name for c in table.columns if c.unique)
    date = next(c.name for c in table.columns if c.kind is Kind.DATE and c.required)
    rows[key] = ids(prefix, suffix, len(rows))
    rows[date] = pd.to_datetime(rows[date]).dt.strftime("%Y-%m-%d")
    return rows[[c.name for c in table.columns if c.name in rows]]


# --- emergency departments ---------------------------------------------------


def _hospital_rows(
    rng: np.random.Generator,
    *,
    years: Mapping[str, int],
    ages: Mapping[tuple[int, int], int],
    methods: Mapping[str | None, int],
    locations: np.ndarray,
    weekend_share: float,
    night_share: float,
    child_methods: Mapping[str | None, int] | None = None,
    knife_years: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """One hospital's attendances in the reference years, with exact shares."""
    total = sum(years.values())
    age = ages_in(rng, ages)
    order = np.argsort(age, kind="stable")
    age = age[order]
    method = np.empty(total, dtype=object)
    if child_methods is not None:
        children = int((age <= 17).sum())
        method[:children] = exact(rng, child_methods)
        adults = {m: n - child_methods.get(m, 0) for m, n in methods.items()}
        method[children:] = exact(rng, adults)
    else:
        method[:] = exact(rng, methods)
    frame = pd.DataFrame({"age": age, "assault_method": method})
    frame["assault_location"] = locations
    frame = frame.iloc[rng.permutation(total)].reset_index(drop=True)
    year = np.empty(total, dtype=object)
    if knife_years:
        knife = (frame["assault_method"] == "knife").to_numpy()
        year[knife] = exact(rng, knife_years)
        rest = {y: n - knife_years.get(y, 0) for y, n in years.items()}
        year[~knife] = exact(rng, rest)
    else:
        year[:] = exact(rng, years)
    frame["year"] = year
    frame["weekend"] = _flags(rng, total, weekend_share)
    frame["night"] = _flags(rng, total, night_share)
    frame["sex"] = sexes(rng, total, 0.68)
    dates = np.empty(total, dtype="datetime64[D]")
    for label in years:
        where = (frame["year"] == label).to_numpy()
        first, last = fy_bounds(label)
        dates[where] = dates_between(
            rng,
            first,
            last,
            int(where.sum()),
            weekend=frame["weekend"].to_numpy()[where],
        )
    frame["arrival_date"] = dates
    return frame


def _ed_redate(rng: np.random.Generator) -> Redate:
    def redate(frame: pd.DataFrame, first: dt.date, last: dt.date) -> pd.DataFrame:
        out = frame.copy()
        out["arrival_date"] = dates_between(
            rng, first, last, len(out), weekend=out["weekend"].to_numpy()
        )
        return out

    return redate


def _ed(rng: np.random.Generator, suffix: str) -> pd.DataFrame:
    rdh_total = sum(RDH_YEARS.values())
    children = sum(n for (low, _), n in RDH_AGES.items() if low <= 17)
    rdh_locations = np.concatenate(
        [
            exact(rng, RDH_CHILD_LOCATIONS),
            exact(rng, allocate(rdh_total - children, RDH_ADULT_LOCATIONS)),
        ]
    )
    rdh = _hospital_rows(
        rng,
        years=RDH_YEARS,
        ages=RDH_AGES,
        methods=RDH_METHODS,
        locations=rdh_locations,
        weekend_share=0.55,
        night_share=0.557,
        child_methods=CHILD_METHODS,
    )
    crh = _hospital_rows(
        rng,
        years=CRH_YEARS,
        ages=CRH_AGES,
        methods=CRH_METHODS,
        locations=exact(rng, CRH_LOCATIONS),
        weekend_share=0.55,
        night_share=0.55,
        knife_years={"2022/23": 18, "2023/24": 13, "2024/25": 9},
    )
    redate = _ed_redate(rng)
    parts = []
    for name, frame, first_year in (
        ("Royal Derby Hospital", rdh, RDH_YEARS["2022/23"]),
        ("Chesterfield Royal Hospital", crh, CRH_YEARS["2022/23"]),
    ):
        full = with_extra_periods(rng, frame, first_year, redate)
        full["hospital"] = f"{name}{suffix}"
        parts.append(full)
    rows = pd.concat(parts, ignore_index=True)
    rows["arrival_time"] = times_for(rng, rows["night"].to_numpy())
    rows = rows.sort_values(
        ["arrival_date", "arrival_time", "hospital"], kind="stable"
    ).reset_index(drop=True)
    return in_contract_form(rows, ED_ATTENDANCES, "ED", suffix)


# --- ambulance ---------------------------------------------------------------


def _ambulance(rng: np.random.Generator, suffix: str) -> pd.DataFrame:
    parts = []
    for year, cells in AMBULANCE_RESPONSES.items():
        response = []
        sex = []
        for (resp, sx), n in cells.items():
            response += [resp] * n
            sex += [sx] * n
        frame = pd.DataFrame({"response": response, "sex": sex})
        frame["year"] = year
        convey = (frame["response"] == "see and convey").to_numpy()
        destinations = exact(rng, AMBULANCE_DESTINATIONS[year])
        frame["destination"] = None
        frame.loc[convey, "destination"] = destinations
        first, last = fy_bounds(year)
        frame["call_date"] = dates_between(rng, first, last, len(frame))
        parts.append(frame)
    reference = pd.concat(parts, ignore_index=True)

    first_year = sum(AMBULANCE_RESPONSES["2022/23"].values())
    rows = with_extra_periods(rng, reference, first_year, redated(rng, "call_date"))
    rows["age"] = np.clip(np.round(rng.gamma(6.0, 5.5, len(rows)) + 8), 0, 95)
    rows["age"] = rows["age"].astype(int)
    in_area = {name for name, inside in _DESTINATION_AREA.items() if inside}
    rows["destination_in_area"] = [
        None if d is None else ("true" if d in in_area else "false")
        for d in rows["destination"]
    ]
    rows["destination"] = [
        None if d is None else f"{d}{suffix}" for d in rows["destination"]
    ]
    rows["sex"] = rows["sex"].replace({"unknown": None})
    rows = rows.sort_values("call_date", kind="stable").reset_index(drop=True)
    return in_contract_form(rows, AMBULANCE, "AMB", suffix)


_DESTINATION_AREA = {
    "Royal Derby Hospital": True,
    "Chesterfield Royal Hospital": True,
    "Other Derbyshire Hospital": True,
}


# --- fire --------------------------------------------------------------------


def _fire(rng: np.random.Generator, suffix: str) -> pd.DataFrame:
    rows = []
    for kind, by_period in FIRE.items():
        for (first, last), count in by_period.items():
            dates = dates_between(rng, first, last, count)
            rows.append(pd.DataFrame({"incident_type": kind, "incident_date": dates}))
    frame = pd.concat(rows, ignore_index=True)
    names = list(DISTRICT_WEIGHTS)
    frame["district"] = [
        f"{d}{suffix}"
        for d in rng.choice(
            names, size=len(frame), p=_p(list(DISTRICT_WEIGHTS.values()))
        )
    ]
    frame = frame.sort_values(["incident_date", "incident_type"], kind="stable")
    frame = frame.reset_index(drop=True)
    return in_contract_form(frame, FIRE_INCIDENTS, "FIRE", suffix)


# --- youth justice -----------------------------------------------------------


def _youth_justice(rng: np.random.Generator, suffix: str) -> pd.DataFrame:
    parts = []
    for year in REFERENCE_YEARS:
        offences = {t: by_year[year] for t, by_year in YOUTH_JUSTICE_OFFENCES.items()}
        frame = pd.DataFrame({"offence_type": exact(rng, offences)})
        frame["authority"] = exact(rng, YOUTH_JUSTICE_AUTHORITY[year])
        size = len(frame)
        frame["sex"] = rng.permutation(
            ["male"] * round(0.75 * size) + ["female"] * (size - round(0.75 * size))
        )
        first, last = fy_bounds(year)
        frame["offence_date"] = dates_between(rng, first, last, size)
        parts.append(frame)
    reference = pd.concat(parts, ignore_index=True)

    first_year = sum(v["2022/23"] for v in YOUTH_JUSTICE_OFFENCES.values())
    rows = with_extra_periods(rng, reference, first_year, redated(rng, "offence_date"))
    rows = rows.sort_values("offence_date", kind="stable").reset_index(drop=True)
    rows["age"] = rng.choice(
        np.arange(10, 18), size=len(rows), p=_p((2, 3, 5, 9, 15, 20, 26, 20))
    )
    # About one offence in three is by someone already seen that calendar
    # year with the same sex and authority: the same person and age again.
    person = np.arange(len(rows))
    ages = rows["age"].to_numpy().copy()
    keys = rows["authority"] + rows["sex"] + rows["offence_date"].astype(str).str[:4]
    for group in rows.groupby(keys).indices.values():
        members = np.asarray(group)
        position = np.arange(len(members))
        repeat = (rng.random(len(members)) < 0.3) & (position > 0)
        earlier = members[rng.integers(0, np.maximum(position, 1))]
        person[members[repeat]] = person[earlier[repeat]]
        ages[members[repeat]] = ages[earlier[repeat]]
    rows["age"] = ages
    rows["person_id"] = [f"YJ{suffix}-P{p:06d}" for p in person]
    return in_contract_form(rows, YOUTH_JUSTICE, "YJ", suffix)


# --- probation ---------------------------------------------------------------

PROBATION_AGE_WEIGHTS = {
    (18, 20): 5,
    (21, 24): 10,
    (25, 28): 12,
    (29, 32): 13,
    (33, 36): 14,
    (37, 40): 17,
    (41, 44): 11,
    (45, 49): 9,
    (50, 75): 9,
}
PROBATION_EXTRA = (
    (dt.date(2020, 4, 1), dt.date(2020, 12, 31), 0.7),
    (dt.date(2021, 1, 1), dt.date(2021, 12, 31), 0.95),
    (dt.date(2025, 1, 1), dt.date(2025, 5, 31), 0.6),
)


def _probation(rng: np.random.Generator, suffix: str) -> pd.DataFrame:
    parts = []
    for year, districts in PROBATION_DISTRICTS.items():
        frame = pd.DataFrame({"district": exact(rng, districts)})
        size = len(frame)
        female = PROBATION_FEMALE[year]
        frame["sex"] = rng.permutation(["female"] * female + ["male"] * (size - female))
        custody = PROBATION_CUSTODY[year]
        frame["sentence_type"] = rng.permutation(
            ["custody"] * custody + ["community"] * (size - custody)
        )
        frame["age"] = ages_in(rng, allocate(size, PROBATION_AGE_WEIGHTS))
        frame["start_date"] = dates_between(
            rng, dt.date(int(year), 1, 1), dt.date(int(year), 12, 31), size
        )
        parts.append(frame)
    reference = pd.concat(parts, ignore_index=True)
    first_year = sum(PROBATION_DISTRICTS["2022"].values())
    for first, last, share in PROBATION_EXTRA:
        extra = resample(rng, reference, round(first_year * share))
        extra["start_date"] = dates_between(rng, first, last, len(extra))
        parts.append(extra)
    rows = pd.concat(parts, ignore_index=True)
    rows = rows.sort_values("start_date", kind="stable").reset_index(drop=True)
    rows["district"] = rows["district"] + suffix
    return in_contract_form(rows, PROBATION, "PRB", suffix)


# --- aggregate tables --------------------------------------------------------


def _schools(rng: np.random.Generator, suffix: str) -> pd.DataFrame:
    rows = []
    for (authority, kind), by_year in SCHOOLS.items():
        phases = by_year["phases"]
        reasons = SCHOOL_REASONS[authority]
        for year, total in by_year["counts"].items():
            for phase, count in allocate(int(total), phases).items():
                split = rng.multinomial(count, _p(list(reasons.values())))
                for reason, n in zip(reasons, split, strict=True):
                    if n:
                        rows.append(
                            {
                                "academic_year": year,
                                "authority": f"{authority}{suffix}",
                                "phase": phase,
                                "exclusion_type": kind,
                                "reason": reason,
                                "count": int(n),
                            }
                        )
    return pd.DataFrame(rows)


def _social_care(suffix: str) -> pd.DataFrame:
    rows = []
    for (authority, measure), by_year in SOCIAL_CARE.items():
        for year, (total, male, female) in by_year.items():
            for sex, count in (
                ("male", male),
                ("female", female),
                ("unknown", total - male - female),
            ):
                if count or sex != "unknown":
                    rows.append(
                        {
                            "year": year,
                            "authority": f"{authority}{suffix}",
                            "measure": measure,
                            "sex": sex,
                            "count": count,
                        }
                    )
    return pd.DataFrame(rows)


def _neet(suffix: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"year": year, "authority": f"{authority}{suffix}", "cohort": c, "neet": n}
            for authority, by_year in NEET.items()
            for year, (c, n) in by_year.items()
        ]
    )
