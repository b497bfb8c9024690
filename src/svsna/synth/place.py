"""Where each synthetic occurrence happened: district, neighbourhood, LSOA, point.

The hotspot window (June 2024 - May 2025) is placed first: the 15 named
neighbourhoods get exactly the reference's totals of serious violence plus
ABH, every other neighbourhood stays below the 15th both in volume and in
rate per 1,000, and serious violence keeps its exact yearly district counts.
The rest follows the same geography. Occurrences flagged as night-time
economy land in an NTE area; school-age victims' weekday-daytime occurrences
land at, near or away from a school so that the reference's shares hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from svsna.synth import targets as t
from svsna.synth.ages import dates_from
from svsna.synth.alloc import (
    apportion,
    capped_apportion,
    exact_labels,
    grouped_choice,
    grouped_lists,
    pick,
)
from svsna.synth.police import NTE_VWI_FROM_SV_ABH

if TYPE_CHECKING:
    import pandas as pd

    from svsna.synth.geography import Geography

VWI_FAMILY = (
    "gbh_with_intent", "gbh_without_intent", "administer_poison", "other_serious_injury", "abh",
)  # fmt: skip
LLV_GROUPS = ("abh", "violence_without_injury")
VOLUME_CAP = 140
RATE_CAP = 0.0085


def _ref(fy: int) -> tuple[int, float]:
    return (fy - 2, 1.0) if fy in t.REPORT else (0, 2 / 12 if fy == 5 else 1.0)


def nte_flags(rng: np.random.Generator, rows: pd.DataFrame) -> np.ndarray:
    """Night-time-economy flags of serious violence and ABH rows, by quota."""
    nte = np.zeros(len(rows), dtype=bool)
    hour, known = rows["hour"].to_numpy(), rows["known_time"].to_numpy()
    night = known & ((hour >= 18) | (hour < 6)) & (rows["district"].to_numpy() != -1)
    group, fy = rows["group"].to_numpy(), rows["fy"].to_numpy()
    sets = {
        "homicide": (("homicide",), 1.0),
        "possession_of_weapons": (("possession_of_weapons",), 1.0),
        "robbery_personal": (("robbery_personal",), 1.0),
        "violence with injury": (VWI_FAMILY, NTE_VWI_FROM_SV_ABH),
    }
    for year in range(6):
        ref, scale = _ref(year)
        for key, (groups, share) in sets.items():
            idx = np.flatnonzero(night & (fy == year) & np.isin(group, groups))
            nte[pick(rng, idx, round(t.NTE_BY_GROUP[key][ref] * scale * share))] = True
    return nte


def _caps(population: np.ndarray) -> np.ndarray:
    # Strictly below the lowest rate of the named hotspots, with a margin.
    lowest = min(total / pop for _, _, total, pop in t.HOTSPOTS)
    cap = np.minimum(np.ceil(population * lowest) - 1, np.floor(population * RATE_CAP))
    return np.minimum(VOLUME_CAP, cap).astype(np.int64)


def place_window(
    rng: np.random.Generator,
    rows: pd.DataFrame,
    geo: Geography,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """District and neighbourhood of the hotspot window's rows; window counts."""
    district = rows["district"].to_numpy().copy()
    hood = np.full(len(rows), -1, dtype=np.int64)
    nte = rows["nte"].to_numpy()
    hoods = geo.neighbourhoods
    names = (
        hoods["neighbourhood"].str.removesuffix(geo.suffix)
        if geo.suffix
        else hoods["neighbourhood"]
    )
    d_of = (
        hoods["district"]
        .map({d + geo.suffix: i for i, d in enumerate(t.DISTRICTS)})
        .to_numpy()
    )
    pop = hoods["population"].to_numpy()
    host = hoods["neighbourhood"].isin(set(geo.nte_areas["neighbourhood"])).to_numpy()
    named = {n: total for _, n, total, _ in t.HOTSPOTS}
    is_named = names.isin(named).to_numpy()
    count = np.zeros(len(hoods), dtype=np.int64)
    count[is_named] = names[is_named].map(named).to_numpy()
    date = rows["date"].to_numpy()
    first, last = (np.datetime64(d) for d in t.HOTSPOT_WINDOW)
    in_window = (date >= first) & (date <= last) & ~rows["da"].to_numpy()
    in_window &= rows["sv"].to_numpy() | (rows["group"].to_numpy() == "abh")
    in_window &= district != -1
    sv_rows = in_window & (district >= 0)
    abh_rows = np.flatnonzero(in_window & (district < 0))
    nd = len(t.DISTRICTS)
    sv_d = np.bincount(district[sv_rows], minlength=nd)
    named_d = np.bincount(d_of[is_named], weights=count[is_named], minlength=nd).astype(
        np.int64
    )
    caps = np.where(is_named, 0, _caps(pop))
    others_total = int(in_window.sum()) - int(count.sum())
    rate = np.array(t.SV_BY_DISTRICT)[:, 2] / np.array(t.DISTRICT_POPULATION)
    free_pop = np.bincount(d_of, weights=np.where(is_named, 0, pop), minlength=nd)
    per_district = capped_apportion(
        others_total,
        free_pop * np.sqrt(rate),
        np.bincount(d_of, weights=caps, minlength=nd).astype(np.int64),
        np.maximum(sv_d - named_d, 0),
    )
    noise = rng.gamma(4.0, 0.25, len(hoods))
    for d in range(nd):
        j = np.flatnonzero((d_of == d) & ~is_named)
        count[j] = capped_apportion(int(per_district[d]), pop[j] * noise[j], caps[j])
    total_d = np.bincount(d_of, weights=count, minlength=nd).astype(np.int64)
    district[abh_rows] = exact_labels(rng, total_d - sv_d)
    for d in range(nd):
        members = np.flatnonzero(in_window & (district == d))
        j = np.flatnonzero(d_of == d)
        slots = j[exact_labels(rng, count[j])]
        host_slots = np.flatnonzero(host[slots])
        night = members[nte[members]]
        if len(night) > len(host_slots):
            drop = pick(rng, night, len(night) - len(host_slots))
            nte[drop] = False
            night = members[nte[members]]
        day = members[~nte[members]]
        hood[night] = slots[host_slots[: len(night)]]
        rest = np.delete(slots, host_slots[: len(night)])
        hood[day] = rest[rng.permutation(len(rest))]
    rows["nte"] = nte
    return district, hood, count


def place_rest(
    rng: np.random.Generator,
    rows: pd.DataFrame,
    geo: Geography,
    district: np.ndarray,
    hood: np.ndarray,
    window_count: np.ndarray,
) -> None:
    """District and neighbourhood of every other row (in place)."""
    nd = len(t.DISTRICTS)
    hoods = geo.neighbourhoods
    d_of = (
        hoods["district"]
        .map({d + geo.suffix: i for i, d in enumerate(t.DISTRICTS)})
        .to_numpy()
    )
    pop = hoods["population"].to_numpy().astype(float)
    group = rows["group"].to_numpy()
    nte = rows["nte"].to_numpy()
    general = ~rows["sv"].to_numpy() & (group != "abh") & ~rows["da"].to_numpy()
    todo = np.flatnonzero(district == -2)
    abh_w = np.bincount(d_of, weights=window_count, minlength=nd)
    nte_share = np.array(t.NTE_BY_DISTRICT).sum(axis=1)
    weights = {
        "abh": abh_w,
        "nte": nte_share,
        "other": np.asarray(t.DISTRICT_POPULATION, dtype=float),
    }
    kind = np.where(
        nte[todo] & general[todo], "nte", np.where(group[todo] == "abh", "abh", "other")
    )
    for k, w in weights.items():
        if k == "nte":
            continue
        idx = todo[kind == k]
        district[idx] = rng.choice(nd, size=len(idx), p=w / w.sum())
    # General NTE rows make up each district's NTE share of the reference,
    # after the serious violence and ABH already placed in NTE areas.
    fy = rows["fy"].to_numpy()
    table = np.array(t.NTE_BY_DISTRICT, dtype=float)
    for year in range(6):
        ref, _ = _ref(year)
        idx = todo[(kind == "nte") & (fy[todo] == year)]
        placed = nte & (fy == year) & (district >= 0)
        already = np.bincount(district[placed], minlength=nd)
        goal = apportion(int(placed.sum()) + len(idx), table[:, ref])
        district[idx] = exact_labels(
            rng,
            capped_apportion(
                len(idx), np.maximum(goal - already, 0) + 1e-6, np.full(nd, len(idx))
            ),
        )
    host_areas = geo.nte_areas["neighbourhood"].value_counts()
    n_areas = hoods["neighbourhood"].map(host_areas).fillna(0).to_numpy()
    need = np.flatnonzero((hood < 0) & (district >= 0))
    hot = np.where(general, 0.0, 1.0)[need]
    for mode in ("nte", "hot", "plain"):
        if mode == "nte":
            idx, w = need[nte[need]], n_areas * np.maximum(window_count, 5)
        elif mode == "hot":
            idx, w = (
                need[~nte[need] & (hot > 0)],
                np.maximum(window_count, 1).astype(float),
            )
        else:
            idx, w = need[~nte[need] & (hot == 0)], pop
        items, offsets, keys = grouped_lists(d_of, w, nd)
        pos = grouped_choice(rng, district[idx], offsets, keys)
        hood[idx] = items[pos]


def school_modes(rng: np.random.Generator, rows: pd.DataFrame) -> np.ndarray:
    """0 = no constraint, 1 = at a school, 2 = near a school, 3 = away from schools."""
    mode = np.zeros(len(rows), dtype=np.int8)
    age = rows["v_age"].to_numpy()
    minute = rows["minute"].to_numpy()
    known = rows["known_time"].to_numpy() & (rows["district"].to_numpy() >= 0)
    weekday = rows["dow"].to_numpy() < 5
    daytime = known & weekday & (minute >= 8 * 60) & (minute <= 16 * 60)
    school_age = (age >= 5) & (age <= 16)
    date = rows["date"].to_numpy()
    sv = rows["sv"].to_numpy()
    knife = sv & rows["knife"].to_numpy()
    llv = np.isin(rows["group"].to_numpy(), LLV_GROUPS)
    for p in range(3):
        start = np.datetime64(f"{2022 + p}-06-01")
        end = np.datetime64(f"{2023 + p}-06-01")
        period = school_age & (date >= start) & (date < end)
        k_n = round(t.SCHOOL_PCT["knife crime"][p] / 100 * int((period & knife).sum()))
        k_rows = pick(rng, np.flatnonzero(period & knife & daytime), k_n)
        s_n = round(
            t.SCHOOL_PCT["serious violence"][p] / 100 * int((period & sv).sum())
        )
        s_rows = pick(
            rng, np.flatnonzero(period & sv & ~knife & daytime), s_n - len(k_rows)
        )
        l_n = round(
            t.SCHOOL_PCT["lower-level violence"][p] / 100 * int((period & llv).sum())
        )
        short = l_n - int((period & llv & daytime).sum())
        if short > 0:
            # Move some school-age lower-level violence to a school day
            # (same month, so every monthly and windowed count is unchanged).
            moved = pick(rng, np.flatnonzero(period & llv & known & ~daytime), short)
            _to_school_day(rng, rows, moved)
            daytime[moved] = True
        l_rows = pick(rng, np.flatnonzero(period & llv & daytime), l_n)
        chosen = np.concatenate([k_rows, s_rows, l_rows])
        mode[np.flatnonzero(period & daytime & (sv | llv))] = 3
        mode[chosen] = np.where(rng.random(len(chosen)) < t.AT_SCHOOL_SHARE, 1, 2)
    return mode


def _to_school_day(
    rng: np.random.Generator, rows: pd.DataFrame, idx: np.ndarray
) -> None:
    """Give rows ``idx`` a weekday between 08:00 and 15:59 in their own month."""
    dow = rows["dow"].to_numpy().copy()
    hour = rows["hour"].to_numpy().copy()
    minute = rows["minute"].to_numpy().copy()
    dow[idx] = rng.integers(0, 5, len(idx))
    hour[idx] = rng.integers(8, 16, len(idx))
    minute[idx] = hour[idx] * 60 + rng.integers(0, 60, len(idx))
    date = rows["date"].to_numpy().copy()
    date[idx] = dates_from(
        rows["fy"].to_numpy()[idx], rows["month"].to_numpy()[idx], dow[idx], rng
    )
    rows["dow"], rows["hour"], rows["minute"], rows["date"] = dow, hour, minute, date


def points(
    rng: np.random.Generator,
    geo: Geography,
    hood: np.ndarray,
    nte: np.ndarray,
    mode: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """LSOA index, easting and northing of every located row (-1 / NaN elsewhere)."""
    n = len(hood)
    lsoa = np.full(n, -1, dtype=np.int64)
    x = np.full(n, np.nan)
    y = np.full(n, np.nan)
    hoods = geo.neighbourhoods["neighbourhood"]
    hood_of_lsoa = (
        geo.lsoas["neighbourhood"].map({h: i for i, h in enumerate(hoods)}).to_numpy()
    )
    pools = geo.pools
    # NTE rows: an NTE area of the neighbourhood, a point inside it.
    area_hood = (
        geo.nte_areas["neighbourhood"]
        .map({h: i for i, h in enumerate(hoods)})
        .to_numpy()
    )
    area_lsoa = (
        geo.nte_areas["lsoa_code"]
        .map({c: i for i, c in enumerate(geo.lsoas["lsoa_code"])})
        .to_numpy()
    )
    night = np.flatnonzero(nte & (hood >= 0))
    items, offsets, keys = grouped_lists(area_hood, np.ones(len(area_hood)), len(hoods))
    area = items[grouped_choice(rng, hood[night], offsets, keys)]
    lsoa[night] = area_lsoa[area]
    p_items, p_off, p_keys = grouped_lists(
        pools.nte_area, np.ones(len(pools.nte_area)), len(area_lsoa)
    )
    pick_ = p_items[grouped_choice(rng, area, p_off, p_keys)]
    x[night], y[night] = pools.nte_x[pick_], pools.nte_y[pick_]
    # Everything else: an LSOA of the neighbourhood holding a suitable point.
    n_lsoa = len(geo.lsoas)
    outside = ~pools.in_nte
    classes = {
        0: outside,
        1: outside & pools.near_school,
        2: outside & pools.near_school,
        3: outside & ~pools.near_school,
    }
    population = geo.lsoas["population"].to_numpy().astype(float)
    rest = np.flatnonzero(~nte & (hood >= 0))
    for m, ok in classes.items():
        idx = rest[mode[rest] == m]
        has = np.bincount(pools.lsoa[ok], minlength=n_lsoa) > 0
        items, offsets, keys = grouped_lists(hood_of_lsoa, population * has, len(hoods))
        pos = grouped_choice(rng, hood[idx], offsets, keys)
        fallback = pos < 0
        if fallback.any():
            any_items, any_off, any_keys = grouped_lists(
                hood_of_lsoa, population, len(hoods)
            )
            pos2 = grouped_choice(rng, hood[idx], any_off, any_keys)
            chosen = np.where(fallback, any_items[pos2], items[np.maximum(pos, 0)])
        else:
            chosen = items[pos]
        lsoa[idx] = chosen
        usable = np.bincount(pools.lsoa[ok], minlength=n_lsoa)[chosen] > 0
        pool_ok = ok.copy()
        point_items, p_off, p_keys = grouped_lists(
            pools.lsoa, pool_ok.astype(float), n_lsoa
        )
        any_pts, a_off, a_keys = grouped_lists(
            pools.lsoa, np.ones(len(pools.lsoa)), n_lsoa
        )
        pt = np.where(
            usable,
            point_items[np.maximum(grouped_choice(rng, chosen, p_off, p_keys), 0)],
            any_pts[grouped_choice(rng, chosen, a_off, a_keys)],
        )
        x[idx], y[idx] = pools.x[pt], pools.y[pt]
    return lsoa, x, y


LOCATION_TYPES = np.array(
    ["street", "dwelling", "open space", "shop", "transport", "other"], dtype=object
)


def location_types(
    rng: np.random.Generator, rows: pd.DataFrame, mode: np.ndarray
) -> np.ndarray:
    """Location type of each row: schools, NTE, domestic abuse, then a general mix."""
    n = len(rows)
    out = LOCATION_TYPES[rng.choice(6, size=n, p=[0.42, 0.25, 0.12, 0.1, 0.05, 0.06])]
    nte = rows["nte"].to_numpy()
    out[nte] = np.array(["licensed premises", "street", "open space"], dtype=object)[
        rng.choice(3, size=int(nte.sum()), p=[0.45, 0.45, 0.1])
    ]
    out[rows["da"].to_numpy()] = "dwelling"
    out[mode == 1] = "education establishment"
    out[mode == 2] = "street"
    out[rows["district"].to_numpy() < 0] = None
    return out
