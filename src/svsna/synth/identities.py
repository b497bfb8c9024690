"""Who the synthetic area's people are: birth dates, postcodes and name tokens.

Partners link people by quasi-identifiers (date of birth, sex, postcode
district, a pseudonymised name token), so the synthetic area gives every
police person a true identity and writes it onto their rows, and gives the
partner records (youth justice, probation, ED attendances, excluded pupils)
identities too: a share of them are police persons, the rest people the
police never met. Records carry the faults real extracts carry (day and
month transposed, a missing or changed postcode, a missing or misspelt name
token, only the year of birth) at the rates of :class:`Faults`. The truth
(which record is which person) is written as the ``linkage_truth`` table,
which the report uses only to measure its links.

A person's age on any date is ``floor(days since birth / 365.25)``, the same
rule everywhere in the generator.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from svsna.synth import targets as t

YEAR = 365.25
#: Postcode districts of each district of the area (Royal Mail outward codes).
POSTCODES = {
    "Amber Valley": ("DE5", "DE55", "DE56", "DE75"),
    "Bolsover": ("S44", "NG20", "S80"),
    "Chesterfield": ("S40", "S41", "S43"),
    "Derby": ("DE1", "DE3", "DE21", "DE22", "DE23", "DE24"),
    "Derbyshire Dales": ("DE4", "DE6", "DE45"),
    "Erewash": ("DE7", "NG10"),
    "High Peak": ("SK13", "SK17", "SK22", "SK23"),
    "North East Derbyshire": ("S18", "S42", "S45"),
    "South Derbyshire": ("DE11", "DE12", "DE15", "DE65"),
}
CITY = ("Derby",)


@dataclass(frozen=True)
class Faults:
    """How often a record's quasi-identifiers are wrong or missing (shares of records)."""

    transposed: float = 0.0
    year_only: float = 0.0
    no_postcode: float = 0.0
    moved: float = 0.0
    no_token: float = 0.0
    misspelt: float = 0.0


#: Police rows are recorded often, so a fault on one row rarely outvotes the rest.
POLICE_FAULTS = Faults(0.01, 0.01, 0.08, 0.03, 0.03, 0.01)
#: Partner records: the faults a linkage has to live with.
PARTNER_FAULTS = Faults(0.03, 0.04, 0.10, 0.08, 0.06, 0.02)


def tokens(rng: np.random.Generator, size: int) -> np.ndarray:
    """Pseudonymised name tokens: 16 hex digits, as a keyed hash of a name would give."""
    return np.array([f"{v:016x}" for v in rng.integers(0, 2**63, size)], dtype=object)


def postcodes_in(
    rng: np.random.Generator, districts: np.ndarray, suffix: str
) -> np.ndarray:
    """A postcode district inside each district (any of the area's when unknown)."""
    names = pd.Series(np.asarray(districts, dtype=object)).fillna("").astype(str)
    if suffix:
        names = names.str.removesuffix(suffix)
    every = tuple(p for codes in POSTCODES.values() for p in codes)
    out = np.empty(len(names), dtype=object)
    for name, rows in names.groupby(names).indices.items():
        codes = np.asarray(POSTCODES.get(str(name), every), dtype=object)
        out[rows] = codes[rng.integers(len(codes), size=len(rows))]
    return out + suffix if suffix else out


def births(rng: np.random.Generator, on: np.ndarray, ages: np.ndarray) -> np.ndarray:
    """Birth dates of people aged ``ages`` on the dates ``on`` (datetime64[D])."""
    days = (ages + rng.random(len(ages))) * YEAR
    return on - np.floor(days).astype("timedelta64[D]")


def age_on(birth: np.ndarray, on: np.ndarray) -> np.ndarray:
    """Whole years from birth to ``on``."""
    return np.floor((on - birth).astype(np.int64) / YEAR).astype(np.int64)


def police_people(
    rng: np.random.Generator,
    persons: pd.DataFrame,
    occ: pd.DataFrame,
    suffix: str,
    sv_codes: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """Each police person's identity, from their first row: birth date, sex, postcode, token.

    Indexed by ``person_id``; ``victim`` and ``suspect`` say whether they
    are ever one (offenders count as suspects), ``sv_victim`` and
    ``sv_suspect`` whether in an occurrence with one of ``sv_codes``, and
    ``recorded_sex``, ``recorded_ethnicity`` and ``recorded_warning_markers``
    what their rows say.
    """
    dates = pd.Series(
        np.asarray(occ["committed_date"].astype(str), dtype="datetime64[D]"),
        index=occ["occurrence_id"].astype(str),
    )
    district = pd.Series(occ["district"].astype(object).to_numpy(), index=dates.index)
    rows = pd.DataFrame(
        {
            "person_id": persons["person_id"].astype(str).to_numpy(),
            "date": dates.loc[persons["occurrence_id"].astype(str)].to_numpy(),
            "district": district.loc[persons["occurrence_id"].astype(str)].to_numpy(),
            "age": pd.to_numeric(persons["age"]).to_numpy(dtype=float, na_value=np.nan),
            "sex": persons["sex"].astype(object).to_numpy(),
            "role": persons["role"].astype(str).to_numpy(),
            "sv": np.isin(
                occ.set_index("occurrence_id")["offence_code"]
                .astype(str)
                .reindex(persons["occurrence_id"].astype(str))
                .to_numpy(),
                list(sv_codes),
            ),
        }
    )
    aged = rows.dropna(subset=["age"]).sort_values(["person_id", "date"], kind="stable")
    first = (
        rows.sort_values(["person_id", "date"], kind="stable")
        .groupby("person_id")
        .first()
    )
    known = aged.groupby("person_id").first()
    age = known["age"].reindex(first.index)
    guess = rng.integers(16, 55, len(first))
    on = (
        known["date"]
        .reindex(first.index)
        .fillna(first["date"])
        .to_numpy("datetime64[D]")
    )
    people = pd.DataFrame(index=first.index)
    people["birth_date"] = births(
        rng, on, np.where(age.isna(), guess, age).astype(float)
    )
    people["sex"] = first["sex"].where(first["sex"].isin(["male", "female"]))
    people["postcode_district"] = postcodes_in(
        rng, first["district"].fillna("").to_numpy(), suffix
    )
    people["name_token"] = tokens(rng, len(people))
    victim, sv = rows["role"].to_numpy(dtype=object) == "victim", rows["sv"].to_numpy()
    flags = pd.DataFrame(
        {
            "victim": victim,
            "suspect": ~victim,
            "sv_victim": victim & sv,
            "sv_suspect": ~victim & sv,
        },
        index=rows["person_id"],
    )
    people[list(flags.columns)] = flags.groupby(level=0).any().reindex(people.index)
    # As recorded on their rows, for rows the generator gives them later.
    by_person = persons.drop_duplicates("person_id").set_index("person_id")
    for column in ("sex", "ethnicity", "warning_markers"):
        people[f"recorded_{column}"] = (
            by_person[column].astype(object).reindex(people.index)
        )
    return people


def with_faults(
    rng: np.random.Generator, frame: pd.DataFrame, faults: Faults, suffix: str
) -> pd.DataFrame:
    """The quasi-identifier columns of ``frame`` as a partner would record them.

    ``frame`` holds ``birth_date`` (datetime64[D]), ``postcode_district`` and
    ``name_token``; the result has ``birth_date`` (ISO text), ``birth_year``
    (only where the date is not given), ``postcode_district`` and ``name_token``.
    """
    n = len(frame)
    birth = pd.to_datetime(frame["birth_date"].to_numpy())
    day, month, year = (
        birth.day.to_numpy(),
        birth.month.to_numpy(),
        birth.year.to_numpy(),
    )
    swap = (rng.random(n) < faults.transposed) & (day <= 12) & (day != month)
    text = np.array(
        [
            f"{y:04d}-{(d if s else m):02d}-{(m if s else d):02d}"
            for y, m, d, s in zip(year, month, day, swap, strict=True)
        ],
        dtype=object,
    )
    year_only = rng.random(n) < faults.year_only
    text[year_only] = None
    postcode = frame["postcode_district"].to_numpy(dtype=object).copy()
    moved = rng.random(n) < faults.moved
    every = np.array(
        [p + suffix for codes in POSTCODES.values() for p in codes], dtype=object
    )
    postcode[moved] = every[rng.integers(len(every), size=int(moved.sum()))]
    postcode[rng.random(n) < faults.no_postcode] = None
    token = frame["name_token"].to_numpy(dtype=object).copy()
    misspelt = rng.random(n) < faults.misspelt
    token[misspelt] = tokens(rng, int(misspelt.sum()))
    token[rng.random(n) < faults.no_token] = None
    return pd.DataFrame(
        {
            "birth_date": text,
            "birth_year": pd.array(np.where(year_only, year, np.nan), dtype="Int64"),
            "postcode_district": postcode,
            "name_token": token,
        },
        index=frame.index,
    )


def on_police_rows(
    rng: np.random.Generator, persons: pd.DataFrame, people: pd.DataFrame, suffix: str
) -> pd.DataFrame:
    """The persons table with each row's quasi-identifiers (its person's, a few faulty)."""
    own = people.loc[list(persons["person_id"].astype(str))].reset_index(drop=True)
    recorded = with_faults(rng, own, POLICE_FAULTS, suffix)
    out = persons.reset_index(drop=True).copy()
    for column in ("birth_date", "birth_year", "postcode_district", "name_token"):
        out[column] = recorded[column].array
    return out


def choose(
    rng: np.random.Generator,
    pool: pd.DataFrame,
    sex: np.ndarray,
    age: np.ndarray,
    on: np.ndarray,
    share: float,
) -> np.ndarray:
    """For each record, with chance ``share``, a person of ``pool`` of that sex and age on ``on``.

    Each person is chosen once at most; a record whose sex or age is
    unknown, or that finds nobody free, gets None (someone the police never met).
    """
    out = np.full(len(on), None, dtype=object)
    used: set[str] = set()
    by_sex = {}
    for s, part in pool.groupby("sex"):
        ordered = part.sort_values("birth_date", kind="stable")
        by_sex[s] = (
            ordered["birth_date"].to_numpy("datetime64[D]"),
            ordered.index.to_numpy(dtype=object),
        )
    wanted = rng.random(len(on)) < share
    for i in np.flatnonzero(wanted):
        if sex[i] not in by_sex or pd.isna(age[i]):
            continue
        born, ids = by_sex[sex[i]]
        oldest = on[i] - np.timedelta64(int(np.floor((age[i] + 1) * YEAR)), "D")
        youngest = on[i] - np.timedelta64(int(np.ceil(age[i] * YEAR)), "D")
        lo, hi = np.searchsorted(born, [oldest, youngest], side="right")
        for j in rng.integers(lo, hi, size=5) if hi > lo else ():
            if ids[j] not in used:
                used.add(ids[j])
                out[i] = ids[j]
                break
    return out


def district_weights() -> dict[str, float]:
    """Each district's share of the area's people (for people without a district)."""
    return {
        d: float(p) for d, p in zip(t.DISTRICTS, t.DISTRICT_POPULATION, strict=True)
    }
