"""Police occurrences of the synthetic area: what happened, when, to whom.

Rows are built cell by cell (financial year x offence group x knife flag x
domestic abuse), each cell with its exact count, its exact number of
occurrences with a victim / a suspect, and of those aged 18 or under, from
:mod:`svsna.synth.targets`. Ages, times, months, outcomes and qualifiers are
then drawn for all rows at once. Locations are added by :mod:`.place` and
people by :mod:`.people`.
"""

from __future__ import annotations

import csv
from importlib import resources

import numpy as np
import pandas as pd

from svsna.synth import targets as t
from svsna.synth.alloc import apportion, capped_apportion, exact_labels, pick


def offence_descriptions() -> dict[str, str]:
    """Offence code to its description, from ``offences.csv`` beside this module.

    A lookup table is data: kept as a file it reads like the force's own
    code list and is edited without touching the generator.
    """
    path = resources.files("svsna.synth") / "offences.csv"
    rows = csv.DictReader(path.read_text(encoding="utf-8").splitlines())
    return {row["offence_code"]: row["offence_description"] for row in rows}


SV_GROUPS = {
    "homicide": "homicide",
    "gbh_with_intent": "violence with injury",
    "gbh_without_intent": "violence with injury",
    "administer_poison": "violence with injury",
    "other_serious_injury": "violence with injury",
    "robbery_business": "robbery",
    "robbery_personal": "robbery",
    "possession_of_weapons": "possession of weapons",
}
#: Column of the reference's age x offence tables used for each group.
AGE_COLUMN = {"homicide": 0, "possession_of_weapons": 1, "robbery_business": 2}
AGE_COLUMN["robbery_personal"] = 3
CODES = {
    "homicide": (("1", 1.0),),
    "gbh_with_intent": (("5D", 0.85), ("5A", 0.15)),
    "gbh_without_intent": (("8F", 1.0),),
    "administer_poison": (("8K", 1.0),),
    "other_serious_injury": (("2", 0.4), ("5E", 0.6)),
    "robbery_business": (("34A", 1.0),),
    "robbery_personal": (("34B", 1.0),),
    "possession_of_weapons": (("10B", 0.5), ("10C", 0.3), ("90", 0.2)),
    "abh": (("8N", 0.93), ("8G", 0.07)),
    "other_violence_with_injury": (("8S", 0.6), ("4/6", 0.1), ("37/1", 0.3)),
    "violence_without_injury": (
        ("105A", 0.7),
        ("105B", 0.1),
        ("104", 0.15),
        ("3A", 0.05),
    ),
    "stalking_and_harassment": (("8L", 0.5), ("8M", 0.1), ("8Q", 0.2), ("8R", 0.2)),
    "rape": (("19C", 0.6), ("19D", 0.2), ("19E", 0.2)),
    "other_sexual_offences": (("17A", 0.2), ("20A", 0.2), ("88A", 0.3), ("23", 0.3)),
    "theft_from_the_person": (("39", 1.0),),
    "arson_and_criminal_damage": (
        ("56A", 0.1),
        ("58A", 0.4),
        ("58C", 0.3),
        ("58J", 0.2),
    ),
    "drug_trafficking": (("92A", 1.0),),
    "drug_possession": (("92C", 0.2), ("92D", 0.8)),
    "public_disorder": (("9A", 0.2), ("9B", 0.1), ("62A", 0.1), ("66", 0.6)),
}
#: Home Office offence descriptions of the codes above, as a force's extract
#: writes them (``offences.csv``, shipped beside this module).
DESCRIPTIONS = offence_descriptions()
#: Share of serious-violence occurrences with a victim / suspect, before the
#: yearly totals of the reference are applied (assumption).
VICTIM_PRIOR = {"homicide": 1.0, "possession_of_weapons": 0.12, "robbery_business": 0.7}
VICTIM_PRIOR |= {"robbery_personal": 0.92}
SUSPECT_PRIOR = {
    "homicide": 1.0,
    "possession_of_weapons": 0.97,
    "robbery_business": 0.6,
}
SUSPECT_PRIOR |= {"robbery_personal": 0.62}
VWI_KNIFE_WEIGHT = {"gbh_with_intent": 0.8, "gbh_without_intent": 0.12}
VWI_KNIFE_WEIGHT |= {"administer_poison": 0.0, "other_serious_injury": 0.08}
#: Domestic-abuse-flagged occurrences of serious-violence groups per year
#: (excluded from serious violence by the default definition; assumption).
DA_SV = {
    "gbh_with_intent": 80, "gbh_without_intent": 50, "other_serious_injury": 5,
    "administer_poison": 3, "possession_of_weapons": 10, "robbery_personal": 6,
}  # fmt: skip
DA_ABH_PER_YEAR = 2400
#: General offences: non-NTE occurrences per NTE occurrence (assumption).
GENERAL_RATIO = 1.5
GENERAL_WITH_PEOPLE = ("violence_without_injury", "rape", "other_sexual_offences")
NTE_VWI_FROM_SV_ABH = 0.85
MONTHS_IN_FY = (12, 12, 12, 12, 12, 2)
SUSPECT_RANK_SPREAD = 1.0


def _fy_scale(fy: int) -> tuple[int, float]:
    """Reference year and scale used for a year outside the report period."""
    if fy in t.REPORT:
        return fy - 2, 1.0
    if fy == 5:
        return 2, 2 / 12
    totals = [sum(o) for o in t.OUTCOMES]
    return 0, totals[fy] / totals[2]


def _sv_cells(fy: int) -> list[dict[str, object]]:
    """Serious-violence cells of a report year from the reference tables."""
    i = fy - 2
    cells: list[dict[str, object]] = []

    def add(group: str, knife: bool, n: int, vu: int, su: int) -> None:
        cells.append(
            {"group": group, "knife": knife, "da": False, "n": n, "vu": vu, "su": su}
        )

    for family, group in (
        ("homicide", "homicide"),
        ("possession of weapons", "possession_of_weapons"),
    ):
        edged = (
            t.KNIFE_ALL[family][i],
            t.KNIFE_VICTIMS_U18[family][i],
            t.KNIFE_SUSPECTS_U18[family][i],
        )
        every = (
            t.SV_ALL[family][i],
            t.SV_VICTIMS_U18[family][i],
            t.SV_SUSPECTS_U18[family][i],
        )
        add(group, True, *edged)
        add(group, False, *(a - k for a, k in zip(every, edged, strict=True)))
    # Robbery: the business robberies take the young victims and suspects
    # that the reference's business age tables imply (about 7 % of victims,
    # 28 % of suspects aged 18 or under); personal robbery the rest.
    nb = t.ROBBERY_BUSINESS[i]
    kb = round(nb * 0.25)
    vb = round((nb - kb) * 0.05)
    sbk, sb = round(kb * 0.28), round((nb - kb) * 0.28)
    kr, kv, ks = (
        t.KNIFE_ALL["robbery"][i],
        t.KNIFE_VICTIMS_U18["robbery"][i],
        t.KNIFE_SUSPECTS_U18["robbery"][i],
    )
    ar, av, as_ = (
        t.SV_ALL["robbery"][i],
        t.SV_VICTIMS_U18["robbery"][i],
        t.SV_SUSPECTS_U18["robbery"][i],
    )
    add("robbery_business", True, kb, 0, sbk)
    add("robbery_business", False, nb - kb, vb, sb)
    add("robbery_personal", True, kr - kb, kv, ks - sbk)
    add("robbery_personal", False, ar - kr - (nb - kb), av - kv - vb, as_ - ks - sb)
    # Violence with injury: the three sub-groups, the rest "other serious".
    fam = "violence with injury"
    sizes = [
        t.VWI_SUBGROUPS[g][i]
        for g in ("gbh_with_intent", "gbh_without_intent", "administer_poison")
    ]
    sizes.append(t.SV_ALL[fam][i] - sum(sizes))
    groups = (
        "gbh_with_intent",
        "gbh_without_intent",
        "administer_poison",
        "other_serious_injury",
    )
    knife_n = capped_apportion(
        t.KNIFE_ALL[fam][i], [VWI_KNIFE_WEIGHT[g] for g in groups], sizes
    )
    plain_n = np.array(sizes) - knife_n
    for knife, n, vu, su in (
        (True, knife_n, t.KNIFE_VICTIMS_U18[fam][i], t.KNIFE_SUSPECTS_U18[fam][i]),
        (False, plain_n, t.SV_VICTIMS_U18[fam][i] - t.KNIFE_VICTIMS_U18[fam][i],
         t.SV_SUSPECTS_U18[fam][i] - t.KNIFE_SUSPECTS_U18[fam][i]),
    ):  # fmt: skip
        v_split = capped_apportion(vu, n, n)
        s_split = capped_apportion(su, n, n)
        for g, ni, vi, si in zip(groups, n, v_split, s_split, strict=True):
            add(g, knife, int(ni), int(vi), int(si))
    return cells


def cells_for_year(fy: int) -> pd.DataFrame:
    """Every cell of one financial year: SV, domestic-abuse SV, ABH."""
    ref, scale = _fy_scale(fy)
    base = pd.DataFrame(_sv_cells(ref + 2))
    if scale != 1.0:
        for col in ("n", "vu", "su"):
            base[col] = apportion(round(base[col].sum() * scale), base[col].to_numpy())
        base["vu"] = np.minimum(base["vu"], base["n"])
        base["su"] = np.minimum(base["su"], base["n"])
    base["sv"] = True
    rows = [base]
    da = pd.DataFrame(
        [
            {
                "group": g,
                "knife": False,
                "da": True,
                "n": round(n * min(scale, 1.0)),
                "vu": 0,
                "su": 0,
            }
            for g, n in DA_SV.items()
        ]
        + [
            {
                "group": "homicide",
                "knife": False,
                "da": True,
                "n": int(fy in (1, 3)),
                "vu": 0,
                "su": 0,
            }
        ]
    )
    abh = pd.DataFrame(
        [
            {
                "group": "abh", "knife": False, "da": False,
                "n": round(t.ABH_ALL[ref] * scale), "vu": round(t.ABH_VICTIMS_U18[ref] * scale),
                "su": round(t.ABH_SUSPECTS_U18[ref] * scale),
            },
            {
                "group": "abh", "knife": False, "da": True, "n": round(DA_ABH_PER_YEAR * scale),
                "vu": round(DA_ABH_PER_YEAR * scale * 0.04),
                "su": round(DA_ABH_PER_YEAR * scale * 0.02),
            },
        ]
    )  # fmt: skip
    for frame in (da, abh):
        frame["sv"] = False
        rows.append(frame)
    cells = pd.concat(rows, ignore_index=True)
    cells = cells[cells["n"] > 0].reset_index(drop=True)
    cells["fy"] = fy
    _presence(cells, fy, ref, scale)
    return cells


def _presence(cells: pd.DataFrame, fy: int, ref: int, scale: float) -> None:
    """Occurrences with a victim / suspect per cell, matching the yearly totals."""
    sv = cells["sv"].to_numpy()
    for col, floor, prior, table in (
        ("vn", "vu", VICTIM_PRIOR, t.REPEAT_VICTIMS),
        ("sn", "su", SUSPECT_PRIOR, t.REPEAT_SUSPECTS),
    ):
        weight = np.array(
            [prior.get(g, 0.93 if col == "vn" else 0.85) for g in cells["group"]]
        )
        n = cells["n"].to_numpy()
        total = round(table[ref][0] * scale)
        part = np.zeros(len(cells), dtype=np.int64)
        part[sv] = capped_apportion(
            total, weight[sv] * n[sv], n[sv], cells[floor].to_numpy()[sv]
        )
        rest = ~sv
        other = np.where(
            cells["group"].to_numpy() == "abh", 0.97 if col == "vn" else 0.82, 0.95
        )
        part[rest] = np.maximum(
            cells[floor].to_numpy()[rest], np.round(n[rest] * other[rest])
        )
        cells[col] = part


def expand(cells: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One row per occurrence, with exact victim/suspect presence and u18 flags."""
    n = cells["n"].to_numpy()
    rows = pd.DataFrame(
        {
            col: np.repeat(cells[col].to_numpy(), n)
            for col in ("fy", "group", "knife", "da", "sv")
        }
    )
    cell = np.repeat(np.arange(len(cells)), n)
    start = np.repeat(np.cumsum(n) - n, n)
    # A random rank within the cell decides presence and age flags exactly;
    # the suspects' rank stays close to the victims': young victims tend to
    # meet young suspects, as in the reference's victim x suspect age matrix.
    rank = _within_rank(rng, cell, start)
    size = np.repeat(n, n)
    near = rank + rng.random(len(rank)) * size * SUSPECT_RANK_SPREAD
    ranks = {"has_v": rank, "has_s": _within_rank(rng, cell, start, near)}
    for has, u18, cn, cu in (
        ("has_v", "v_u18", "vn", "vu"),
        ("has_s", "s_u18", "sn", "su"),
    ):
        rank = ranks[has]
        rows[has] = rank < np.repeat(cells[cn].to_numpy(), n)
        rows[u18] = rank < np.repeat(cells[cu].to_numpy(), n)
    return rows


def _within_rank(
    rng: np.random.Generator,
    cell: np.ndarray,
    start: np.ndarray,
    key: np.ndarray | None = None,
) -> np.ndarray:
    """Rank of each row within its cell by ``key`` (random when not given)."""
    order = np.lexsort((rng.random(len(cell)) if key is None else key, cell))
    rank = np.empty(len(cell), dtype=np.int64)
    rank[order] = np.arange(len(cell)) - start[order]
    return rank


def month_counts(total: int, fy: int) -> np.ndarray:
    """Serious violence per month of a year: seasonal, with the reference's peak and low."""
    months = MONTHS_IN_FY[fy]
    counts = apportion(total, t.SEASON[:months])
    if fy == t.PEAK_MONTH[0]:
        counts = counts.copy()
        m, value = t.PEAK_MONTH[1], t.PEAK_MONTH[2]
        others = np.delete(np.arange(months), m)
        counts[others] = apportion(total - value, np.asarray(t.SEASON)[others])
        counts[m] = value
    if fy == t.LOW_MONTH[0]:
        w = np.array(t.SEASON[:months], dtype=float)
        w[t.LOW_MONTH[1]] *= 0.82
        counts = apportion(total, w)
    return counts


def sample_months(rng: np.random.Generator, rows: pd.DataFrame) -> np.ndarray:
    """Month index (0 = April) of each row: exact for serious violence, seasonal otherwise."""
    month = np.zeros(len(rows), dtype=np.int64)
    fy = rows["fy"].to_numpy()
    sv = rows["sv"].to_numpy()
    for year in np.unique(fy):
        mask = fy == year
        svm = np.flatnonzero(mask & sv)
        month[svm] = exact_labels(rng, month_counts(len(svm), int(year)))
        rest = np.flatnonzero(mask & ~sv)
        p = np.asarray(t.SEASON[: MONTHS_IN_FY[int(year)]], dtype=float)
        month[rest] = rng.choice(len(p), size=len(rest), p=p / p.sum())
    return month


def assign_districts(rng: np.random.Generator, rows: pd.DataFrame) -> np.ndarray:
    """District index of serious-violence rows (-1 = unknown); -2 elsewhere (later)."""
    district = np.full(len(rows), -2, dtype=np.int64)
    fy = rows["fy"].to_numpy()
    sv = rows["sv"].to_numpy()
    table = np.array(t.SV_BY_DISTRICT)
    for year in np.unique(fy):
        idx = np.flatnonzero((fy == year) & sv)
        ref, _ = _fy_scale(int(year))
        counts = np.append(
            table[:, ref],
            sum(t.SV_ALL[f][ref] for f in t.FAMILIES) - table[:, ref].sum(),
        )
        counts = apportion(len(idx), counts) if int(year) not in t.REPORT else counts
        labels = exact_labels(rng, counts)
        district[idx] = np.where(labels == len(t.DISTRICTS), -1, labels)
    return district


def outcomes(
    rng: np.random.Generator, rows: pd.DataFrame, dates: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Outcome code (0 = not yet complete) and outcome date of every row."""
    code = np.zeros(len(rows), dtype=np.int64)
    fy = rows["fy"].to_numpy()
    sv = rows["sv"].to_numpy()
    positive = np.array(t.POSITIVE_CODES)
    pw = np.array(t.POSITIVE_WEIGHTS) / sum(t.POSITIVE_WEIGHTS)
    for year in range(6):
        idx = np.flatnonzero((fy == year) & sv)
        rng.shuffle(idx)
        if year < 5:
            pos, oth, _ = t.OUTCOMES[year]
        else:
            pos, oth = round(len(idx) * 0.1), round(len(idx) * 0.2)
        code[idx[:pos]] = rng.choice(positive, size=min(pos, len(idx)), p=pw)
        other = idx[pos : pos + oth]
        named = [t.OTHER_OUTCOMES[c][year] if year < 5 else 0 for c in t.OTHER_OUTCOMES]
        n_rest = max(len(other) - sum(named), 0)
        labels = exact_labels(rng, [*named, n_rest])[: len(other)]
        codes = np.array([*t.OTHER_OUTCOMES, 0])[labels]
        fill = rng.choice(np.array(t.OTHER_CODES_REST), size=len(other))
        code[other] = np.where(codes == 0, fill, codes)
    rest = np.flatnonzero(~sv)
    recent = dates[rest] >= np.datetime64("2024-10-01")
    u = rng.random(len(rest))
    code[rest] = np.where(
        u < np.where(recent, 0.35, 0.03), 0,
        np.where(u < 0.28, rng.choice(positive, size=len(rest), p=pw),
                 rng.choice(np.array([14, 15, 16, 18, 21]), size=len(rest))),
    )  # fmt: skip
    lag = rng.gamma(2.0, 40.0, size=len(rows)).astype(np.int64) + 1
    when = np.minimum(dates + lag.astype("timedelta64[D]"), np.datetime64(t.LAST_DAY))
    return code, np.where(code > 0, when, np.datetime64("NaT"))


def qualifiers(
    rng: np.random.Generator, rows: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    """Alcohol and drugs flags: the reference's shares for serious violence."""
    n = len(rows)
    flagged = rng.random(n) < 0.3
    fy = rows["fy"].to_numpy()
    group = rows["group"].to_numpy()
    sv = rows["sv"].to_numpy()
    column = np.array([AGE_COLUMN.get(g, 4) for g in group])
    for year in range(6):
        ref, _ = _fy_scale(year)
        for col in range(5):
            idx = np.flatnonzero((fy == year) & sv & (column == col))
            k = round(t.ALCOHOL_DRUGS[col][ref] / 100 * len(idx))
            flagged[idx] = False
            flagged[pick(rng, idx, k)] = True
    kind = rng.choice(3, size=n, p=[0.55, 0.25, 0.20])
    return flagged & (kind != 1), flagged & (kind != 0)


def codes_for(
    rng: np.random.Generator, rows: pd.DataFrame, firearm: np.ndarray
) -> np.ndarray:
    """Home Office offence code of each row from its group and flags."""
    code = np.empty(len(rows), dtype=object)
    group = rows["group"].to_numpy()
    for g, options in CODES.items():
        idx = np.flatnonzero(group == g)
        values = np.array([c for c, _ in options], dtype=object)
        p = np.array([w for _, w in options])
        code[idx] = values[rng.choice(len(values), size=len(idx), p=p / p.sum())]
    weapons = group == "possession_of_weapons"
    code[weapons & rows["knife"].to_numpy()] = "10D"
    fire = weapons & firearm
    code[fire] = np.where(rng.random(int(fire.sum())) < 0.6, "10A", "81")
    return code
