"""People of the synthetic area: one victim and one suspect row at most per occurrence.

The reference's repeat tables add up only with one victim and one suspect per
occurrence (occurrences = individuals - repeat individuals + repeat
occurrences, in every year and over the three years), so that is how the
persons are built. :func:`repeat_ids` lays out person numbers that give, per
year and over the report period, exactly the reference's individuals, repeat
individuals and repeat occurrences; the people are then matched to
occurrences in age order, so a repeat person's ages stay close.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from svsna.synth import targets as t
from svsna.synth.alloc import apportion, capped_apportion, exact_labels

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd

Row = tuple[int, int, int, int]
ETHNICITY_CODES = {
    "W": (("W1", 0.85), ("W2", 0.03), ("W9", 0.12)),
    "A": (("A1", 0.45), ("A2", 0.35), ("A3", 0.05), ("A9", 0.15)),
    "B": (("B1", 0.45), ("B2", 0.45), ("B9", 0.10)),
    "M": (("M1", 0.4), ("M2", 0.2), ("M3", 0.2), ("M9", 0.2)),
    "O": (("O1", 0.3), ("O9", 0.7)),
    "NS": (("NS", 1.0),),
}


def _repeat_counts(
    rng: np.random.Generator, people: int, occurrences: int
) -> np.ndarray:
    """Occurrences per repeat individual: at least two each, a long tail."""
    extra = occurrences - 2 * people
    if people == 0:
        return np.zeros(0, dtype=np.int64)
    return 2 + apportion(extra, rng.pareto(1.3, people) + 0.02)


def repeat_ids(
    rng: np.random.Generator,
    per_year: Sequence[Row],
    overall: Row | None,
    first_id: int = 0,
) -> list[np.ndarray]:
    """For each year, person numbers for its occurrences, grouped by person.

    ``per_year`` rows and ``overall`` are (occurrences, individuals, repeat
    individuals, repeat occurrences). People appearing in more than one year
    are added so that ``overall`` holds too; raises ValueError if it cannot.
    """
    years = len(per_year)
    next_id = first_id
    units: list[list[tuple[int, int]]] = [[] for _ in per_year]
    repeaters: list[tuple[int, int]] = []
    for y, (_, _, r, ro) in enumerate(per_year):
        counts = _repeat_counts(rng, r, ro)
        for c in counts:
            units[y].append((next_id, int(c)))
            repeaters.append((next_id, y))
            next_id += 1
    present = np.zeros(years, dtype=np.int64)
    if overall is not None:
        n_rep = overall[2] - sum(r for _, _, r, _ in per_year)
        extra = overall[3] - sum(ro for _, _, _, ro in per_year)
        three = min(n_rep, extra - 2 * n_rep)
        singles = extra - 2 * n_rep - three
        overlap = sum(i for _, i, _, _ in per_year) - overall[1]
        if n_rep < 0 or three < 0 or singles < 0 or overlap != extra - n_rep:
            raise ValueError("the repeat targets are inconsistent")
        pairs = ((0, 1), (1, 2), (0, 2))
        for k in range(n_rep):
            for y in range(years) if k < three else pairs[k % 3]:
                units[y].append((next_id, 1))
                present[y] += 1
            next_id += 1
        chosen = rng.choice(len(repeaters), size=singles, replace=False)
        for j in np.sort(chosen):
            pid, own = repeaters[j]
            y = (own + 1 + int(rng.integers(2))) % years
            units[y].append((pid, 1))
            present[y] += 1
    out = []
    for y, (n, i, r, _) in enumerate(per_year):
        pure = i - r - int(present[y])
        if pure < 0:
            raise ValueError("the repeat targets are inconsistent")
        units[y].extend((next_id + k, 1) for k in range(pure))
        next_id += pure
        order = rng.permutation(len(units[y]))
        ids = np.array([units[y][k][0] for k in order], dtype=np.int64)
        counts = np.array([units[y][k][1] for k in order], dtype=np.int64)
        slots = np.repeat(ids, counts)
        if len(slots) != n:
            raise ValueError("the repeat targets are inconsistent")
        out.append(slots)
    return out


def _scaled_row(n: int) -> Row:
    """Repeat structure of a year outside the report period (2022/23's ratios)."""
    n0, _, r0, ro0 = t.REPEAT_VICTIMS[0]
    r = round(n * r0 / n0)
    ro = max(2 * r, round(n * ro0 / n0))
    return n, n + r - ro, r, ro


def assign_people(
    rng: np.random.Generator,
    fy: np.ndarray,
    has: np.ndarray,
    age: np.ndarray,
    sv: np.ndarray,
    report_rows: Sequence[Row],
    overall: Row,
    first_id: int,
) -> tuple[np.ndarray, int]:
    """Person number of each row with a person (-1 elsewhere), and the next free id."""
    person = np.full(len(fy), -1, dtype=np.int64)
    svmask = has & sv
    report_idx = [np.flatnonzero(svmask & (fy == y)) for y in t.REPORT]
    slots = repeat_ids(rng, report_rows, overall, first_id)
    next_id = int(max(s.max() for s in slots)) + 1
    groups = list(zip(report_idx, slots, strict=True))
    for y in sorted(set(np.unique(fy[svmask]).tolist()) - set(t.REPORT)):
        idx = np.flatnonzero(svmask & (fy == y))
        (s,) = repeat_ids(rng, [_scaled_row(len(idx))], None, next_id)
        next_id = int(s.max()) + 1 if len(s) else next_id
        groups.append((idx, s))
    for idx, s in groups:
        order = idx[np.argsort(age[idx] + rng.random(len(idx)) * 3, kind="stable")]
        person[order] = s
    rest = np.flatnonzero(has & ~sv)
    person[rest] = next_id + np.arange(len(rest))
    return person, next_id + len(rest)


def share_both_roles(
    rng: np.random.Generator,
    victim: np.ndarray,
    suspect: np.ndarray,
    fy: np.ndarray,
    sv: np.ndarray,
    knife: np.ndarray,
    k: int,
    k_knife: int,
) -> None:
    """Make ``k`` one-off victims the same people as one-off suspects (in place).

    ``k_knife`` of them are a knife-crime victim and a knife-crime suspect; the
    others are neither.
    """
    in_report = np.isin(fy, t.REPORT) & sv

    def once(ids: np.ndarray) -> np.ndarray:
        rows = np.flatnonzero(in_report & (ids >= 0))
        values, counts = np.unique(ids[rows], return_counts=True)
        return rows[np.isin(ids[rows], values[counts == 1])]

    v_rows, s_rows = once(victim), once(suspect)
    for flag, n in ((True, k_knife), (False, k - k_knife)):
        v_pool = v_rows[knife[v_rows] == flag]
        s_pool = s_rows[knife[s_rows] == flag]
        v_pick = rng.choice(
            v_pool, size=min(n, len(v_pool), len(s_pool)), replace=False
        )
        s_pool = s_pool[~np.isin(s_pool, v_pick)]
        s_pick = rng.choice(s_pool, size=min(len(v_pick), len(s_pool)), replace=False)
        victim[v_pick[: len(s_pick)]] = suspect[s_pick]


def relationships(rng: np.random.Generator, rows: pd.DataFrame) -> np.ndarray:
    """Suspect-to-victim relationship on suspect rows (None where not recorded)."""
    out = np.full(len(rows), None, dtype=object)
    labels = np.array(list(t.RELATIONSHIPS), dtype=object)
    fy = rows["fy"].to_numpy()
    has_s, has_v = rows["has_s"].to_numpy(), rows["has_v"].to_numpy()
    sv, da = rows["sv"].to_numpy(), rows["da"].to_numpy()
    district = rows["district"].to_numpy()
    for y in range(6):
        ref = y - 2 if y in t.REPORT else 0
        counts = np.array([c[ref] for c in t.RELATIONSHIPS.values()])
        cand = np.flatnonzero((fy == y) & has_s & sv)
        # Occurrences with a victim first, in random order.
        cand = cand[np.lexsort((rng.random(len(cand)), ~has_v[cand]))]
        if y not in t.REPORT:
            counts = apportion(round(len(cand) * 0.8), counts)
        chosen = cand[: counts.sum()]
        out[chosen] = _by_district(rng, chosen, district[chosen], counts, labels)
    domestic = np.array(
        ["ex partner", "spouse/defacto", "boyfriend/girlfriend", "other family member"]
    )
    da_rows = np.flatnonzero(da & has_s)
    out[da_rows] = rng.choice(domestic, size=len(da_rows), p=[0.4, 0.3, 0.2, 0.1])
    other = np.flatnonzero(~sv & ~da & has_s & (rng.random(len(rows)) < 0.8))
    p = np.array([c[0] for c in t.RELATIONSHIPS.values()], dtype=float)
    out[other] = labels[rng.choice(len(labels), size=len(other), p=p / p.sum())]
    return out


def _by_district(
    rng: np.random.Generator,
    chosen: np.ndarray,
    district: np.ndarray,
    counts: np.ndarray,
    labels: np.ndarray,
) -> np.ndarray:
    """Exact relationship counts, strangers and acquaintances split by district.

    The year's strangers are shared among districts in proportion to the
    reference's stranger share of each, then acquaintances likewise; the
    other relationships fill the rest at random.
    """
    nd = len(t.DISTRICTS)
    d = np.where(district >= 0, district, nd)
    size = np.bincount(d, minlength=nd + 1)
    stranger = np.append(np.asarray(t.STRANGER_BY_DISTRICT), 45.5) / 100
    known = np.append(np.asarray(t.ACQUAINTANCE_BY_DISTRICT), 18.7) / 100
    n_str = capped_apportion(int(counts[0]), stranger * size, size)
    n_acq = capped_apportion(int(counts[1]), known * size, size - n_str)
    out = np.empty(len(chosen), dtype=object)
    order = np.lexsort((rng.random(len(d)), d))
    start = np.concatenate([[0], np.cumsum(size)])
    rest = []
    for g in range(nd + 1):
        rows = order[start[g] : start[g + 1]]
        out[rows[: n_str[g]]] = labels[0]
        out[rows[n_str[g] : n_str[g] + n_acq[g]]] = labels[1]
        rest.append(rows[n_str[g] + n_acq[g] :])
    free = np.concatenate(rest)
    out[free] = labels[exact_labels(rng, counts[2:])[: len(free)] + 2]
    return out


def ethnicity_of(rng: np.random.Generator, city: np.ndarray) -> np.ndarray:
    """Self-defined ethnicity code per person from the reference's city/county mix."""
    groups = np.array(t.ETHNICITY_GROUPS)
    out = np.empty(len(city), dtype=object)
    for flag, table in ((True, t.ETHNICITY_CITY), (False, t.ETHNICITY_COUNTY)):
        idx = np.flatnonzero(city == flag)
        p = np.asarray(table, dtype=float)
        out[idx] = groups[rng.choice(len(p), size=len(idx), p=p / p.sum())]
    codes = out.copy()
    for g, options in ETHNICITY_CODES.items():
        idx = np.flatnonzero(out == g)
        values = np.array([c for c, _ in options], dtype=object)
        w = np.array([x for _, x in options])
        codes[idx] = values[rng.choice(len(values), size=len(idx), p=w / w.sum())]
    return codes


def markers_of(
    rng: np.random.Generator, occurrences_per_person: np.ndarray
) -> np.ndarray:
    """One police warning marker on some suspects, more often on repeat suspects."""
    names = np.array(list(t.WARNING_MARKERS), dtype=object)
    w = np.array(list(t.WARNING_MARKERS.values()), dtype=float)
    p = np.where(occurrences_per_person >= 2, 0.5, 0.3)
    has = rng.random(len(p)) < p
    out = np.full(len(p), None, dtype=object)
    # Each marker type on its share of the occurrences the reference counts.
    idx = np.flatnonzero(has)
    order = idx[rng.permutation(len(idx))]
    cum = np.cumsum(occurrences_per_person[order])
    bounds = np.cumsum(apportion(int(cum[-1]) if len(cum) else 0, w))
    out[order] = names[
        np.minimum(np.searchsorted(bounds, cum, side="left"), len(names) - 1)
    ]
    return out
