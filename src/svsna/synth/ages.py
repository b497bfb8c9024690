"""Ages of victims and suspects, and the day and hour of each occurrence.

Ages follow the reference's victim and suspect age x offence tables, single
years spread within each band (with the peak at 15 the reference reports),
and, where an occurrence has both, its victim age x suspect age matrix; each
age respects the occurrence's exact "18 or under" flag. Days and hours follow
the reference's day x hour tables for victims aged 0-17, 18+ and the rest.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from svsna.synth import targets as t
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


def sample_ages(
    rng: np.random.Generator, rows: pd.DataFrame, column: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Victim and suspect age of each row (-1 where no such person or unknown)."""
    n = len(rows)
    has_v, has_s = rows["has_v"].to_numpy(), rows["has_s"].to_numpy()
    vu, su = rows["v_u18"].to_numpy(), rows["s_u18"].to_numpy()
    v_lo = np.where(vu, 1, U18 + 1)
    v_hi = np.where(vu, U18, MAX_AGE)
    s_lo = np.where(su, 8, U18 + 1)
    s_hi = np.where(su, U18, 79)
    both = np.flatnonzero(has_v & has_s)
    bands = t.AGE_MATRIX_BANDS
    matrix = t.VICTIM_SUSPECT_AGE.astype(float) + 0.2
    for vflag in (True, False):
        for sflag in (True, False):
            idx = both[(vu[both] == vflag) & (su[both] == sflag)]
            if not len(idx):
                continue
            w = (
                matrix
                * _band_share(bands, vflag, 1)[:, None]
                * _band_share(bands, sflag, 8)[None, :]
            ).ravel()
            cell = rng.choice(len(w), size=len(idx), p=w / w.sum())
            vb, sb = np.array(bands)[cell // 5], np.array(bands)[cell % 5]
            v_lo[idx] = np.maximum(v_lo[idx], vb[:, 0])
            v_hi[idx] = np.minimum(v_hi[idx], vb[:, 1])
            s_lo[idx] = np.maximum(s_lo[idx], sb[:, 0])
            s_hi[idx] = np.minimum(s_hi[idx], sb[:, 1])
    v_hi = np.maximum(v_hi, v_lo)
    s_hi = np.maximum(s_hi, s_lo)
    v_age = np.where(has_v, truncated(rng, VICTIM_CDF, column, v_lo, v_hi), -1)
    s_age = np.where(has_s, truncated(rng, SUSPECT_CDF, column, s_lo, s_hi), -1)
    # Some ages are not recorded (never on a row counted as 18 or under).
    v_age[(rng.random(n) < 0.06) & ~vu] = -1
    s_age[(rng.random(n) < 0.04) & ~su] = -1
    return v_age, s_age


ALL = t.parse_day_hour(t.DAY_HOUR_ALL)
V017 = t.parse_day_hour(t.DAY_HOUR_VICTIM_0_17)
V18 = t.parse_day_hour(t.DAY_HOUR_VICTIM_18)
REST = np.clip(ALL - V017 - V18, 0.5, None)
NIGHT_HOURS = np.r_[18:24, 0:6]


def _cell_draw(
    rng: np.random.Generator, table: np.ndarray, size: int
) -> tuple[np.ndarray, np.ndarray]:
    p = table.ravel() / table.sum()
    cell = rng.choice(len(p), size=size, p=p)
    return cell % 7, cell // 7


def day_hour(rng: np.random.Generator, v_age: np.ndarray, night_only: np.ndarray,
             general: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Weekday (0 = Monday) and hour of each row from the reference's tables."""
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
        idx = np.flatnonzero(mask)
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
