"""The other offences of the synthetic area: night-time economy and lower-level crime.

For each offence type of the reference's night-time-economy table, the
generator writes exactly the reference's count as night-time occurrences
flagged for an NTE area, plus ``GENERAL_RATIO`` times as many elsewhere or at
other times. Violence with injury in the NTE comes mostly from serious
violence and ABH; "other violence with injury" tops it up to the reference.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from svsna.synth import targets as t
from svsna.synth.police import GENERAL_RATIO, GENERAL_WITH_PEOPLE, MONTHS_IN_FY

GENERAL_GROUPS = (
    "violence_without_injury",
    "stalking_and_harassment",
    "rape",
    "other_sexual_offences",
    "theft_from_the_person",
    "arson_and_criminal_damage",
    "drug_trafficking",
    "drug_possession",
    "public_disorder",
)
DOMESTIC_SHARE = {"violence_without_injury": 0.3, "stalking_and_harassment": 0.4}
VICTIM_U18 = {
    "violence_without_injury": 0.2,
    "rape": 0.3,
    "other_sexual_offences": 0.35,
}


def general_rows(rng: np.random.Generator, nte_vwi: np.ndarray) -> pd.DataFrame:
    """Rows of the other offences; ``nte_vwi[fy]`` = NTE violence with injury so far."""
    frames = []
    for fy in range(6):
        ref, scale = (
            (fy - 2, 1.0) if fy in t.REPORT else (0, 2 / 12 if fy == 5 else 1.0)
        )
        for group in (*GENERAL_GROUPS, "other_violence_with_injury"):
            if group == "other_violence_with_injury":
                n_nte = max(
                    round(t.NTE_BY_GROUP["violence with injury"][ref] * scale)
                    - int(nte_vwi[fy]),
                    0,
                )
                n_other = round(n_nte * 0.5)
            else:
                n_nte = round(t.NTE_BY_GROUP[group][ref] * scale)
                n_other = round(n_nte * GENERAL_RATIO)
            n = n_nte + n_other
            nte = np.zeros(n, dtype=bool)
            nte[:n_nte] = True
            da = ~nte & (rng.random(n) < DOMESTIC_SHARE.get(group, 0.0))
            people = group in GENERAL_WITH_PEOPLE
            has_v = people & (rng.random(n) < 0.92)
            has_s = people & (rng.random(n) < 0.7)
            frames.append(
                pd.DataFrame(
                    {
                        "fy": fy,
                        "group": group,
                        "knife": False,
                        "da": da,
                        "sv": False,
                        "has_v": has_v,
                        "v_u18": has_v
                        & ~nte
                        & (rng.random(n) < VICTIM_U18.get(group, 0.05)),
                        "has_s": has_s,
                        "s_u18": has_s & (rng.random(n) < 0.15),
                        "nte": nte,
                        "month": rng.choice(
                            MONTHS_IN_FY[fy],
                            size=n,
                            p=np.asarray(t.SEASON[: MONTHS_IN_FY[fy]])
                            / sum(t.SEASON[: MONTHS_IN_FY[fy]]),
                        ),
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)
