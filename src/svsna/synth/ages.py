"""Ages of victims and suspects, and the day and hour of each occurrence.

Ages follow the reference's victim and suspect age x offence tables, single
years spread within each band (with the peak at 15 the reference reports),
and, where an occurrence has both, its victim age x suspect age matrix; each
age respects the occurrence's exact "18 or under" flag. Days and hours follow
the reference's day x hour tables for victims aged 0-17, 18+ and the rest.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from svsna.synth import targets as t
from svsna.synth.alloc import apportion, choice_rows, exact_labels
from svsna.synth.police import AGE_COLUMN

MAX_AGE = 90
U18 = 18


def _pmf(bands: tuple[tuple[int, int], ...], counts: np.ndarray) -> np.ndarray:
    """Single-year age distribution (0..MAX_AGE) from band counts."""
    pmf = np.zeros(MAX_AGE + 1)
    for (lo, hi), c in zip(bands, counts, strict=True):
        ages = np.arange(lo, min(hi, MAX_AGE) + 1)
        w = (
            np.exp(-np.abs(ages - 15) / 4.0)
            if lo <= 15 <= hi + 5 and hi < 25
            else np.ones(len(ages))
        )
        pmf[ages] += c * w / w.sum()
    return pmf / pmf.sum()


def _cdfs(bands: tuple[tuple[int, int], ...], table: np.ndarray) -> np.ndarray:
    """Per offence column, P(age < a) for a = 0..MAX_AGE+1."""
    return np.array(
        [
            np.concatenate([[0.0], np.cumsum(_pmf(bands, table[:, c] + 0.5))])
            for c in range(table.shape[1])
        ]
    )


VICTIM_CDF = _cdfs(t.VICTIM_AGE_BANDS, t.VICTIM_AGE_BY_OFFENCE)
SUSPECT_CDF = _cdfs(t.SUSPECT_AGE_BANDS, t.SUSPECT_AGE_BY_OFFENCE)


def truncated(rng: np.random.Generator, cdf: np.ndarray, column: np.ndarray,
              lo: np.ndarray, hi: np.ndarray) -> np.ndarray:  # fmt: skip
    """Ages drawn from ``cdf[column]`` restricted to ``lo..hi`` (inclusive)."""
    c_lo = cdf[column, lo]
    c_hi = cdf[column, hi + 1]
    u = c_lo + rng.random(len(lo)) * (c_hi - c_lo)
    age = np.empty(len(lo), dtype=np.int64)
    for c in np.unique(column):
        m = column == c
        age[m] = np.searchsorted(cdf[c], u[m], side="right") - 1
    flat = rng.integers(0, 1 << 30, size=len(lo)) % (hi - lo + 1) + lo
    return np.where(c_hi - c_lo > 1e-12, np.clip(age, lo, hi), flat)


def _band_share(
    bands: tuple[tuple[int, int], ...], u18: bool, minimum: int
) -> np.ndarray:
    share = []
    for lo, hi in bands:
        lo = max(lo, minimum)
        size = hi - lo + 1
        young = max(0, min(hi, U18) - lo + 1)
        share.append(young / size if u18 else (size - young) / size)
    return np.array(share)


def _band_ages(
    rng: np.random.Generator,
    idx: np.ndarray,
    young: np.ndarray,
    bands: tuple[tuple[int, int], ...],
    counts: np.ndarray,
    cdf: np.ndarray,
    column: int,
    minimum: int,
) -> np.ndarray:
    """Ages for rows ``idx`` in exactly the reference's band shares.

    Rows flagged ``young`` (18 or under) take the young part of the bands,
    the others the rest, each in proportion to the reference's band counts;
    then a single year within the band.
    """
    lows = np.array([max(lo, minimum) for lo, _ in bands])
    highs = np.array([min(hi, MAX_AGE) for _, hi in bands])
    size = highs - lows + 1
    young_part = np.clip(np.minimum(highs, U18) - lows + 1, 0, None) / size
    ages = np.empty(len(idx), dtype=np.int64)
    for flag, part in ((True, young_part), (False, 1 - young_part)):
        rows = np.flatnonzero(young == flag)
        band = exact_labels(rng, apportion(len(rows), (counts + 0.3) * part))
        lo = np.where(flag, lows[band], np.maximum(lows[band], U18 + 1))
        hi = np.where(flag, np.minimum(highs[band], U18), highs[band])
        ages[rows] = truncated(rng, cdf, np.full(len(rows), column), lo, hi)
    return ages


def sample_ages(
    rng: np.random.Generator, rows: pd.DataFrame, column: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Victim and suspect age of each row (-1 where no such person or unknown).

    Per year and offence column, victims and suspects take the reference's
    age-band shares exactly (given the exact "18 or under" flags); where an
    occurrence has both, suspects are paired with victims along the
    reference's victim age x suspect age matrix.
    """
    n = len(rows)
    has_v, has_s = rows["has_v"].to_numpy(), rows["has_s"].to_numpy()
    vu, su = rows["v_u18"].to_numpy(), rows["s_u18"].to_numpy()
    fy = rows["fy"].to_numpy()
    v_age = np.full(n, -1, dtype=np.int64)
    s_age = np.full(n, -1, dtype=np.int64)
    sv = rows["sv"].to_numpy()
    for year, col, flag in itertools.product(np.unique(fy), range(5), (True, False)):
        here = (fy == year) & (column == col) & (sv == flag)
        if here.any():
            for has, young, age, bands, table, cdf, low in (
                (has_v, vu, v_age, t.VICTIM_AGE_BANDS, t.VICTIM_AGE_BY_OFFENCE, VICTIM_CDF, 1),
                (has_s, su, s_age, t.SUSPECT_AGE_BANDS, t.SUSPECT_AGE_BY_OFFENCE, SUSPECT_CDF, 8),
            ):  # fmt: skip
                idx = np.flatnonzero(here & has)
                known = idx[~_unknown(rng, young[idx], bands, table[:, col], low)]
                age[known] = _band_ages(
                    rng, known, young[known], bands, table[:, col], cdf, col, low
                )
            _pair(
                rng,
                np.flatnonzero(here & has_v & has_s & (s_age >= 0)),
                v_age,
                s_age,
                su,
            )
    return v_age, s_age


def _unknown(
    rng: np.random.Generator,
    young: np.ndarray,
    bands: tuple[tuple[int, int], ...],
    counts: np.ndarray,
    minimum: int,
) -> np.ndarray:
    """Rows whose age is not recorded: never a row counted as 18 or under.

    Enough adults are left without an age that the known ages keep the
    reference's share of people aged 18 or under (at least 3 %, at most 40 %).
    """
    lows = np.array([max(lo, minimum) for lo, _ in bands])
    highs = np.array([min(hi, MAX_AGE) for _, hi in bands])
    part = np.clip(np.minimum(highs, U18) - lows + 1, 0, None) / (highs - lows + 1)
    share = float((counts * part).sum() / max(counts.sum(), 1))
    n = len(young)
    wanted = n - round(young.sum() / share) if share > 0 else 0
    k = int(np.clip(wanted, round(0.03 * n), round(0.4 * n)))
    adults = np.flatnonzero(~young)
    out = np.zeros(n, dtype=bool)
    out[rng.choice(adults, size=min(k, len(adults)), replace=False)] = True
    return out


def _pair(rng: np.random.Generator, both: np.ndarray, v_age: np.ndarray,
          s_age: np.ndarray, su: np.ndarray) -> None:  # fmt: skip
    """Re-pair suspects' ages with victims along the victim x suspect matrix."""
    bands = np.array(t.AGE_MATRIX_BANDS)
    matrix = t.VICTIM_SUSPECT_AGE.astype(float) + 0.2
    for flag in (True, False):
        rows = both[su[both] == flag]
        if len(rows) < 2:
            continue
        share = _band_share(t.AGE_MATRIX_BANDS, flag, 8)
        v_band = np.searchsorted(bands[:, 1], v_age[rows])
        wanted = choice_rows(rng, matrix[v_band] * share[None, :])
        order = np.argsort(wanted + rng.random(len(rows)), kind="stable")
        s_age[rows[order]] = np.sort(s_age[rows])


ALL = t.parse_day_hour(t.DAY_HOUR_ALL)
V017 = t.parse_day_hour(t.DAY_HOUR_VICTIM_0_17)
V18 = t.parse_day_hour(t.DAY_HOUR_VICTIM_18)
REST = np.clip(ALL - V017 - V18, 0.5, None)
NIGHT_HOURS = np.r_[18:24, 0:6]


def _cell_draw(
    rng: np.random.Generator, table: np.ndarray, size: int
) -> tuple[np.ndarray, np.ndarray]:
    cell = exact_labels(rng, apportion(size, table.ravel()))
    return cell % 7, cell // 7


def day_hour(rng: np.random.Generator, v_age: np.ndarray, night_only: np.ndarray,
             general: np.ndarray, split: np.ndarray | None = None,
             ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Weekday (0 = Monday) and hour of each row from the reference's tables.

    Within each value of ``split`` (e.g. serious violence with a known time)
    and each cohort, the cells take the table's shares exactly.
    """
    split = np.zeros(len(v_age), dtype=np.int64) if split is None else split
    n = len(v_age)
    day = np.zeros(n, dtype=np.int64)
    hour = np.zeros(n, dtype=np.int64)
    night = ALL.copy()
    night[6:18] = 0
    cohorts = (
        (night_only, night),
        (~night_only & general, ALL),
        (~night_only & ~general & (v_age >= 0) & (v_age <= 17), V017),
        (~night_only & ~general & (v_age >= 18), V18),
        (~night_only & ~general & (v_age < 0), REST),
    )
    for mask, table in cohorts:
        for part in np.unique(split[mask]):
            idx = np.flatnonzero(mask & (split == part))
            day[idx], hour[idx] = _cell_draw(rng, table, len(idx))
    return day, hour


def dates_from(fy: np.ndarray, month: np.ndarray, day: np.ndarray,
               rng: np.random.Generator) -> np.ndarray:  # fmt: skip
    """A date in the row's month (from April of its financial year) on its weekday."""
    year = 2020 + fy + (month >= 9)
    cal = (month + 3) % 12  # 0 = January
    first = (year - 1970) * 12 + cal
    start = first.astype("datetime64[M]").astype("datetime64[D]")
    end = (first + 1).astype("datetime64[M]").astype("datetime64[D]")
    days = (end - start).astype(np.int64)
    w0 = (start.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday
    offset = (day - w0) % 7
    weeks = (days - 1 - offset) // 7 + 1
    k = (rng.random(len(day)) * weeks).astype(np.int64)
    return start + (offset + 7 * k).astype("timedelta64[D]")


def coarse_column(group: np.ndarray) -> np.ndarray:
    """Age-table column of each row's offence group (VWI and the rest = 4)."""
    return np.array([AGE_COLUMN.get(g, 4) for g in pd.unique(group)])[
        pd.factorize(group)[0]
    ]
