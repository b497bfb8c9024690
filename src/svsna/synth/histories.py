"""Histories of the synthetic area's suspects: co-offending groups and reoffending.

The police persons of :mod:`svsna.synth.area` reproduce the reference's
serious-violence tables (one suspect per occurrence, its repeat counts), so
the people here get their histories elsewhere: only suspect rows of
occurrences outside serious violence, ABH and sexual offences are touched
(:data:`OTHER_CODES`), and every serious-violence table stays as it was.

- Co-offending: groups of serious-violence suspects share some of those
  occurrences (a chain through the group, so each group is connected).
- Reoffending: after their first serious-violence occurrence of the report
  period, some suspects are the suspect of another offence, at gaps that
  follow the prison data the reference quotes: of reoffences within a year,
  31.5 % within three months, 56.2 % within six, then 7.3 points a month.

A row given to a serious-violence suspect takes their sex, ethnicity and
warning markers, and their age on the day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svsna.synth.identities import age_on
from svsna.synth.police import CODES

if TYPE_CHECKING:
    from collections.abc import Sequence

SV_GROUPS = (
    "homicide",
    "gbh_with_intent",
    "gbh_without_intent",
    "administer_poison",
    "other_serious_injury",
    "robbery_business",
    "robbery_personal",
    "possession_of_weapons",
)
#: Offences whose suspects no serious-violence table counts.
OTHER_CODES = frozenset(
    code
    for group, options in CODES.items()
    if group not in (*SV_GROUPS, "abh", "rape", "other_sexual_offences")
    for code, _ in options
)
SV_CODES = frozenset(code for g in SV_GROUPS for code, _ in CODES[g])
#: Co-offending groups: how many of each size.
GROUPS = {2: 220, 3: 90, 4: 45, 5: 25, 6: 12, 8: 6, 12: 2}
#: Reoffences within a year, by month after the index (the reference's shares).
GAP_MONTHS = (0.105,) * 3 + (0.0823,) * 3 + (0.073,) * 6
#: The share of suspects with a reoffence within a year (proven-reoffending rate).
REOFFEND_SHARE = 0.27
REPORT_START, REPORT_END = np.datetime64("2022-04-01"), np.datetime64("2025-03-31")


def _frame(persons: pd.DataFrame, occ: pd.DataFrame) -> pd.DataFrame:
    """Persons rows with their occurrence's date and code, as plain columns."""
    out = persons.reset_index(drop=True).copy()
    for column in (
        "person_id",
        "role",
        "sex",
        "ethnicity",
        "relationship",
        "warning_markers",
    ):
        out[column] = out[column].astype(object)
    info = pd.DataFrame(
        {
            "date": np.asarray(
                occ["committed_date"].astype(str), dtype="datetime64[D]"
            ),
            "code": occ["offence_code"].astype(str).to_numpy(),
            "da": occ["domestic_abuse_flag"].astype(str).to_numpy() == "true",
        },
        index=occ["occurrence_id"].astype(str),
    )
    at = info.loc[list(out["occurrence_id"].astype(str))]
    out["_date"] = at["date"].to_numpy()
    out["_code"] = at["code"].to_numpy()
    out["_sv"] = np.isin(out["_code"], list(SV_CODES)) & ~at["da"].to_numpy()
    return out


def _free_rows(frame: pd.DataFrame) -> np.ndarray:
    """Suspect rows of other offences whose person appears nowhere else (theirs to give)."""
    suspect = frame["role"].isin(["suspect", "offender"]).to_numpy()
    other = np.isin(frame["_code"], list(OTHER_CODES))
    codes = pd.factorize(frame["person_id"].to_numpy(dtype=object))[0]
    once = np.bincount(codes)[codes] == 1
    return np.flatnonzero(suspect & other & once)


def _give(
    frame: pd.DataFrame, rows: np.ndarray, person: Sequence[str], people: pd.DataFrame
) -> None:
    """Make ``rows`` the rows of ``person`` (in place): their id, attributes and age."""
    ids = np.asarray(person, dtype=object)
    own = people.loc[ids]
    frame.loc[rows, "person_id"] = ids
    for column in ("sex", "ethnicity", "warning_markers"):
        frame.loc[rows, column] = own[f"recorded_{column}"].to_numpy()
    ages = age_on(
        own["birth_date"].to_numpy("datetime64[D]"),
        frame.loc[rows, "_date"].to_numpy("datetime64[D]"),
    )
    frame.loc[rows, "age"] = pd.array(np.where(ages >= 0, ages, np.nan), dtype="Int64")


def sv_suspects(frame: pd.DataFrame) -> pd.DataFrame:
    """Each serious-violence suspect's first occurrence in the report period (the index)."""
    sv = frame[
        frame["_sv"].to_numpy() & frame["role"].isin(["suspect", "offender"]).to_numpy()
    ]
    period = sv[(sv["_date"] >= REPORT_START) & (sv["_date"] <= REPORT_END)]
    return period.groupby("person_id")["_date"].min().rename("index").to_frame()


def co_offending(
    rng: np.random.Generator, frame: pd.DataFrame, people: pd.DataFrame
) -> pd.DataFrame:
    """Groups of serious-violence suspects sharing other offences; the frame with their rows."""
    members = rng.permutation(sv_suspects(frame).index.to_numpy())
    free = rng.permutation(_free_rows(frame))
    added: list[tuple[int, str]] = []
    taken: list[tuple[int, str]] = []
    m = f = 0
    for size, count in GROUPS.items():
        for _ in range(count):
            group = members[m : m + size]
            m += size
            # A chain: occurrence j has members j and j + 1 (and sometimes one more).
            for j in range(max(size - 1, 1)):
                row = free[f]
                f += 1
                taken.append((row, group[j]))
                extra = [group[j + 1]] if size > 1 else []
                if size > 3 and rng.random() < 0.3:
                    extra.append(group[rng.integers(size)])
                for pid in dict.fromkeys(extra):
                    if pid != group[j]:
                        added.append((row, pid))
    rows = np.array([r for r, _ in taken])
    _give(frame, rows, [p for _, p in taken], people)
    copies = frame.loc[[r for r, _ in added]].copy().reset_index(drop=True)
    copies["relationship"] = None
    grown = pd.concat([frame, copies], ignore_index=True)
    _give(grown, np.arange(len(frame), len(grown)), [p for _, p in added], people)
    return grown


def reoffending(
    rng: np.random.Generator, frame: pd.DataFrame, people: pd.DataFrame
) -> None:
    """Give suspects with no later offence within a year one, at the reference's gaps."""
    index = sv_suspects(frame)
    suspect = frame["role"].isin(["suspect", "offender"]).to_numpy()
    later = frame[suspect].merge(index, left_on="person_id", right_index=True)
    later = later[later["_date"] > later["index"]]
    first_gap = (
        (later["_date"] - later["index"]).dt.days.groupby(later["person_id"]).min()
    )
    within = first_gap.reindex(index.index) <= 365
    share = max(REOFFEND_SHARE - float(within.mean()), 0) / max(
        1 - float(within.mean()), 1e-9
    )
    chosen = index[~within.to_numpy() & (rng.random(len(index)) < share)]
    seen = first_gap.reindex(index.index)[within.to_numpy()].to_numpy()
    months = rng.choice(12, size=len(chosen), p=_top_up_gaps(seen, len(chosen)))
    wanted = (
        chosen["index"].to_numpy("datetime64[D]")
        + ((months + rng.random(len(chosen))) * 30.44).astype("timedelta64[D]")
        + np.timedelta64(1, "D")
    )
    free = _free_rows(frame)
    free = free[np.argsort(frame.loc[free, "_date"].to_numpy(), kind="stable")]
    dates = frame.loc[free, "_date"].to_numpy("datetime64[D]")
    used = np.zeros(len(free), dtype=bool)
    rows, owners = [], []
    for pid, day in zip(chosen.index, wanted, strict=True):
        k = int(np.searchsorted(dates, day))
        while k < len(free) and used[k]:
            k += 1
        if k < len(free) and dates[k] - day <= np.timedelta64(7, "D"):
            used[k] = True
            rows.append(free[k])
            owners.append(pid)
    _give(frame, np.array(rows, dtype=np.int64), owners, people)


def _top_up_gaps(seen_days: np.ndarray, added: int) -> np.ndarray:
    """Month shares for the added reoffences, so that all first gaps follow :data:`GAP_MONTHS`.

    Suspects who already offend again within a year (``seen_days``) keep their
    gaps; the added ones fill the months where those fall short of the
    reference's shares.
    """
    target = np.asarray(GAP_MONTHS) / sum(GAP_MONTHS) * (len(seen_days) + added)
    month = np.minimum((seen_days // 30.44).astype("int64"), 11)
    short = np.maximum(target - np.bincount(month, minlength=12), 0)
    if short.sum() <= 0:
        return np.asarray(GAP_MONTHS) / sum(GAP_MONTHS)
    return short / short.sum()


def with_histories(
    rng: np.random.Generator,
    persons: pd.DataFrame,
    occ: pd.DataFrame,
    people: pd.DataFrame,
) -> pd.DataFrame:
    """The persons table with co-offending groups and reoffences (serious violence untouched)."""
    frame = _frame(persons, occ)
    frame = co_offending(rng, frame, people)
    reoffending(rng, frame, people)
    return frame.drop(columns=["_date", "_code", "_sv"])
