"""Stop and search records of the synthetic area, in the data.police.uk form.

Per report year, exactly the reference's number of searches, of searches for
offensive weapons, and of those finding one (outcome linked to the object of
search), with the reference's age ranges for the finds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pyproj import Transformer

from svsna.synth import targets as t
from svsna.synth.alloc import apportion, exact_labels

OBJECTS = (
    ("Controlled drugs", 0.62),
    ("Stolen goods", 0.12),
    ("Article for use in theft", 0.09),
    ("Articles for use in criminal damage", 0.04),
    ("Firearms", 0.02),
    ("Evidence of offences under the Act", 0.04),
)
AGES = ("10-17", "18-24", "25-34", "over 34")
OTHER_OUTCOMES = (
    ("A no further action disposal", 0.7),
    ("Arrest", 0.12),
    ("Community resolution", 0.08),
    ("Khat or Cannabis warning", 0.06),
    ("Summons / charged by post", 0.04),
)
FOUND_OUTCOMES = (
    ("Arrest", 0.6),
    ("Community resolution", 0.25),
    ("Summons / charged by post", 0.15),
)
SELF_DEFINED = {
    "White": "White - English/Welsh/Scottish/Northern Irish/British",
    "Asian": "Asian/Asian British - Pakistani",
    "Black": "Black/African/Caribbean/Black British - Caribbean",
    "Other": "Other ethnic group - Not stated",
}
BNG_TO_WGS84 = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


def _draw(
    rng: np.random.Generator, options: tuple[tuple[str, float], ...], n: int
) -> np.ndarray:
    values = np.array([v for v, _ in options], dtype=object)
    p = np.array([w for _, w in options])
    return values[rng.choice(len(values), size=n, p=p / p.sum())]


def stop_search(
    rng: np.random.Generator, px: np.ndarray, py: np.ndarray
) -> pd.DataFrame:
    """Every search from April 2020 to May 2025; ``px``/``py`` candidate points (BNG)."""
    plan = [
        (2, 1800 / 2029, 0),
        (2, 1950 / 2029, 1),
        (0, 1.0, 2),
        (1, 1.0, 3),
        (2, 1.0, 4),
        (2, 2 / 12, 5),
    ]
    frames = [_year(rng, ref, scale, fy, px, py) for ref, scale, fy in plan]
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values("Date", kind="stable").reset_index(drop=True)


def _what(
    rng: np.random.Generator, ref: int, scale: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Object, outcome, whether linked to the object, and age band of one year's searches."""
    total, weapons, found = (round(v * scale) for v in t.STOP_SEARCH[ref])
    n = total
    obj = _draw(rng, OBJECTS, n)
    obj[:weapons] = "Offensive weapons"
    linked = np.zeros(n, dtype=bool)
    linked[:found] = True
    outcome = _draw(rng, OTHER_OUTCOMES, n)
    outcome[:found] = _draw(rng, FOUND_OUTCOMES, found)
    linked[weapons:] = (outcome[weapons:] != "A no further action disposal") & (
        rng.random(n - weapons) < 0.6
    )
    age = np.array(AGES, dtype=object)[rng.choice(4, size=n, p=[0.25, 0.3, 0.25, 0.2])]
    by_age = np.array(t.WEAPONS_FOUND_BY_AGE[ref])
    counts = by_age if scale == 1.0 else apportion(found, by_age)
    ages_found = np.array(AGES, dtype=object)[exact_labels(rng, counts)]
    m = min(found, len(ages_found))
    age[:m] = ages_found[:m]
    age[m:found] = ""  # the reference's 2022/23 finds lack one age
    return obj, outcome, linked, age


def _when(rng: np.random.Generator, fy: int, n: int) -> np.ndarray:
    """Timestamps of ``n`` searches spread over financial year ``fy`` (two months for the last)."""
    months = 12 if fy < 5 else 2
    start = np.datetime64(f"{2020 + fy}-04-01")
    span = (
        np.datetime64(f"{2020 + fy + (months == 12)}-{4 + (months == 2) * 2:02d}-01")
        - start
    ).astype(int)
    day = start + rng.integers(0, span, size=n).astype("timedelta64[D]")
    second = rng.integers(0, 24 * 60, size=n) * 60
    return day.astype("datetime64[s]") + second.astype("timedelta64[s]")


def _year(
    rng: np.random.Generator,
    ref: int,
    scale: float,
    fy: int,
    px: np.ndarray,
    py: np.ndarray,
) -> pd.DataFrame:
    """One financial year's searches in the data.police.uk form."""
    obj, outcome, linked, age = _what(rng, ref, scale)
    n = len(obj)
    stamp = _when(rng, fy, n)
    pt = rng.integers(0, len(px), size=n)
    lon, lat = BNG_TO_WGS84.transform(px[pt], py[pt])
    gender = _draw(rng, (("Male", 0.88), ("Female", 0.11), ("Other", 0.01)), n)
    kind = _draw(
        rng,
        (
            ("Person search", 0.85),
            ("Person and Vehicle search", 0.12),
            ("Vehicle search", 0.03),
        ),
        n,
    )
    officer = _draw(
        rng, (("White", 0.82), ("Asian", 0.08), ("Black", 0.07), ("Other", 0.03)), n
    )
    return pd.DataFrame(
        {
            "Type": kind,
            "Date": pd.Series(stamp).dt.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
            "Part of a policing operation": "False",
            "Policing operation": "",
            "Latitude": np.round(lat, 6),
            "Longitude": np.round(lon, 6),
            "Gender": gender,
            "Age range": age,
            "Self-defined ethnicity": pd.Series(officer).map(SELF_DEFINED).to_numpy(),
            "Officer-defined ethnicity": officer,
            "Legislation": np.where(
                obj == "Controlled drugs",
                "Misuse of Drugs Act 1971 (section 23)",
                "Police and Criminal Evidence Act 1984 (section 1)",
            ),
            "Object of search": obj,
            "Outcome": outcome,
            "Outcome linked to object of search": np.where(linked, "True", "False"),
            "Removal of more than just outer clothing": "False",
        }
    ).iloc[rng.permutation(n)]
