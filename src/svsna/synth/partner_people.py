"""Partner records as people: who in youth justice, probation, ED and exclusions the police know.

Each partner record gets an identity (:mod:`svsna.synth.identities`): with
the chance of :data:`OVERLAP` it is a police person of the same sex and age
on the record's date (youth-justice offenders and probation cases among
police suspects, ED patients mostly among police victims, excluded pupils
among young victims and suspects), otherwise someone the police never met.
Quasi-identifiers are written with the partner faults, and every record's
true person goes to the ``linkage_truth`` table. Excluded pupils are carved
out of the aggregate exclusion rows (a row's count goes down by the pupils
written on rows of their own), so every count the schools section reads
stays the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svsna.contract.tables import CONTRACT
from svsna.synth.identities import (
    CITY,
    PARTNER_FAULTS,
    POSTCODES,
    births,
    choose,
    postcodes_in,
    tokens,
    with_faults,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

#: The chance that a partner record is a police person, by table and the police
#: people it is drawn from (``sv_``: of serious violence), in turn.
OVERLAP = {
    "youth_justice": (("sv_suspect", 0.35), ("suspect", 0.2)),
    "probation": (("sv_suspect", 0.3), ("suspect", 0.15)),
    "ed_attendances": (("sv_victim", 0.1), ("victim", 0.08), ("sv_suspect", 0.03)),
    "school_exclusions": (("sv_suspect", 0.12), ("sv_victim", 0.12), ("suspect", 0.1)),
}
QUASI = ("birth_date", "birth_year", "postcode_district", "name_token")
#: The share of secondary-school exclusions written pupil by pupil.
PUPIL_SHARE = 0.08


def _pool(people: pd.DataFrame, role: str) -> pd.DataFrame:
    return people[people[role].to_numpy(dtype=bool) & people["sex"].notna().to_numpy()]


def identities_for(
    rng: np.random.Generator,
    people: pd.DataFrame,
    table: str,
    records: pd.DataFrame,
    districts: Sequence[str],
    suffix: str,
) -> pd.DataFrame:
    """Each record's true person and identity (``records``: sex, age, date).

    Returns ``person`` (a police person_id, or None), ``birth_date``,
    ``postcode_district`` and ``name_token``.
    """
    on = np.asarray(records["date"], dtype="datetime64[D]")
    sex = records["sex"].to_numpy(dtype=object)
    age = pd.to_numeric(records["age"]).to_numpy(dtype=float, na_value=np.nan)
    person = np.full(len(records), None, dtype=object)
    for role, share in OVERLAP[table]:
        free = person == None  # noqa: E711 (elementwise)
        picked = choose(rng, _pool(people, role), sex[free], age[free], on[free], share)
        person[np.flatnonzero(free)] = picked
    known = person != None  # noqa: E711
    guess = np.where(np.isnan(age), rng.integers(16, 55, len(age)), age)
    out = pd.DataFrame(
        {
            "person": person,
            "birth_date": births(rng, on, guess),
            "postcode_district": postcodes_in(
                rng, np.asarray(districts, dtype=object), suffix
            ),
            "name_token": tokens(rng, len(records)),
        },
        index=records.index,
    )
    police = people.loc[person[known].astype(str)]
    for column in ("birth_date", "postcode_district", "name_token"):
        out.loc[known, column] = police[column].to_numpy()
    out["birth_date"] = out["birth_date"].astype("datetime64[s]")
    return out


def _truth(table: str, keys: Sequence[str], person: np.ndarray) -> pd.DataFrame:
    """Truth rows: a police person's own id, else the record's own."""
    true = [
        f"T-{p}" if isinstance(p, str) else f"T-{table}-{k}"
        for k, p in zip(keys, person, strict=True)
    ]
    return pd.DataFrame({"dataset": table, "record_id": list(keys), "person": true})


def _authority_districts(
    rng: np.random.Generator, authority: pd.Series, suffix: str
) -> list[str]:
    """A district for each authority (the city is Derby; the county any other district)."""
    county = [d for d in POSTCODES if d not in CITY]
    names = authority.astype(str).str.removesuffix(suffix).str.lower()
    return [
        (CITY[0] if name in ("city", "derby") else county[rng.integers(len(county))])
        + suffix
        for name in names
    ]


def _recorded(
    rng: np.random.Generator, frame: pd.DataFrame, ids: pd.DataFrame, suffix: str
) -> pd.DataFrame:
    """``frame`` with its quasi-identifier columns as the partner recorded them."""
    recorded = with_faults(rng, ids, PARTNER_FAULTS, suffix)
    out = frame.copy()
    for column in QUASI:
        out[column] = recorded[column].array
    return out


def youth_justice(
    rng: np.random.Generator, frame: pd.DataFrame, people: pd.DataFrame, suffix: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Youth-justice offences with their people's identities, and the truth per YJ person."""
    first = (
        frame.assign(date=pd.to_datetime(frame["offence_date"]))
        .groupby("person_id")
        .first()
    )
    districts = _authority_districts(rng, first["authority"], suffix)
    ids = identities_for(rng, people, "youth_justice", first, districts, suffix)
    per_row = ids.loc[frame["person_id"]].reset_index(drop=True)
    out = _recorded(rng, frame.reset_index(drop=True), per_row, suffix)
    return out, _truth("youth_justice", list(first.index), ids["person"].to_numpy())


def probation(
    rng: np.random.Generator, frame: pd.DataFrame, people: pd.DataFrame, suffix: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Probation cases with their people's identities, and the truth per case."""
    records = frame.assign(date=pd.to_datetime(frame["start_date"]))
    ids = identities_for(
        rng, people, "probation", records, list(frame["district"]), suffix
    )
    out = _recorded(rng, frame, ids, suffix)
    return out, _truth("probation", list(frame["case_id"]), ids["person"].to_numpy())


def ed_attendances(
    rng: np.random.Generator, frame: pd.DataFrame, people: pd.DataFrame, suffix: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """ED attendances with their patients' identities, and the truth per attendance."""
    records = frame.assign(date=pd.to_datetime(frame["arrival_date"]))
    districts = _authority_districts(rng, pd.Series(["county"] * len(frame)), suffix)
    ids = identities_for(rng, people, "ed_attendances", records, districts, suffix)
    out = _recorded(rng, frame, ids, suffix)
    return out, _truth(
        "ed_attendances", list(frame["attendance_id"]), ids["person"].to_numpy()
    )


def _pupil_rows(
    rng: np.random.Generator, frame: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The aggregate rows less the pupils carved out of them, and one row per pupil."""
    counts = frame["count"].to_numpy(dtype=np.int64)
    secondary = (frame["phase"] == "secondary").to_numpy() & (counts > 1)
    pupils = np.where(
        secondary, rng.binomial(np.maximum(counts - 1, 0), PUPIL_SHARE), 0
    )
    rest = frame.assign(count=counts - pupils)
    single = (
        frame.loc[frame.index.repeat(pupils)].assign(count=1).reset_index(drop=True)
    )
    return rest, single


def school_exclusions(
    rng: np.random.Generator, frame: pd.DataFrame, people: pd.DataFrame, suffix: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Exclusions with some pupils written one by one with identities, and their truth.

    A pupil's age is drawn from 11 to 15 on 1 September of the academic year.
    """
    rest, single = _pupil_rows(rng, frame)
    starts = single["academic_year"].astype(str).str[:4] + "-09-01"
    records = pd.DataFrame(
        {
            "date": pd.to_datetime(starts),
            "sex": np.where(rng.random(len(single)) < 0.7, "male", "female"),
            "age": rng.integers(11, 16, len(single)).astype(float),
        }
    )
    districts = _authority_districts(rng, single["authority"], suffix)
    ids = identities_for(rng, people, "school_exclusions", records, districts, suffix)
    pupils = _recorded(rng, single.assign(sex=records["sex"].to_numpy()), ids, suffix)
    keys = pupil_keys(pupils)
    both = pd.concat([rest.assign(sex=None), pupils], ignore_index=True)
    return both, _truth("school_exclusions", keys, ids["person"].to_numpy())


def pupil_keys(pupils: pd.DataFrame) -> list[str]:
    """A pupil's record key: their quasi-identifiers joined, as the linkage names them."""
    parts = [
        pupils[c].astype(object).where(pupils[c].notna(), "").astype(str)
        for c in ("birth_date", "birth_year", "sex", "postcode_district", "name_token")
    ]
    return ["|".join(values) for values in zip(*parts, strict=True)]


#: How each linkable partner table gets its people.
PEOPLE_OF = {
    "youth_justice": youth_justice,
    "probation": probation,
    "ed_attendances": ed_attendances,
    "school_exclusions": school_exclusions,
}


def with_people(
    rng: np.random.Generator,
    tables: dict[str, pd.DataFrame],
    people: pd.DataFrame,
    suffix: str,
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """The partner tables with quasi-identifiers (in the contract's column order), and the truth.

    The truth starts with every police person (their own id is their record).
    """
    out = dict(tables)
    truths = [
        _truth("persons", list(people.index), people.index.to_numpy(dtype=object))
    ]
    for name, make in PEOPLE_OF.items():
        if name in out:
            frame, truth = make(rng, out[name], people, suffix)
            columns = [c.name for c in CONTRACT[name].columns if c.name in frame]
            out[name] = frame[columns]
            truths.append(truth)
    return out, pd.concat(truths, ignore_index=True)
