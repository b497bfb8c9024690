"""The synthetic area's SNA inputs beyond the police data: sna.yaml, interventions, voice.

The partnership's own words (chapters 1-2 and its own recommendations) come
from ``sna.yaml`` beside the data; the demo area ships one modelled on the
Derby and Derbyshire SNA 2025 (:file:`sna.yaml` in this package), with the
reference's nine interventions (:file:`interventions.csv`, the Walk Away
campaign in its four night-time-economy areas from July 2024) and its focus
group's and survey's findings as community voice (:file:`voice.csv`). The
dates the reference does not give (a start, an end) are left blank, so those
interventions are listed but not estimated.
"""

from __future__ import annotations

from importlib import resources
from io import StringIO
from typing import TYPE_CHECKING

import pandas as pd

from svsna.config.sna_settings import SETTINGS_FILE

if TYPE_CHECKING:
    from pathlib import Path


def _resource(name: str) -> str:
    return resources.files("svsna.synth").joinpath(name).read_text("utf-8")


def write_settings(out: Path) -> None:
    """Write the demo partnership's ``sna.yaml`` into the data folder."""
    (out / SETTINGS_FILE).write_text(_resource("sna.yaml"), encoding="utf-8")


def _suffixed(values: pd.Series, suffix: str) -> pd.Series:
    """Each ``;``-separated name with the area's suffix (blanks stay blank)."""
    return values.map(
        lambda text: ";".join(f"{n}{suffix}" for n in text.split(";") if n)
    )


def sna_tables(area_suffix: str = "") -> dict[str, pd.DataFrame]:
    """The ``interventions`` and ``voice`` tables of one area, as text.

    With a suffix (one of several areas) every intervention, area and source
    name carries it, as the area's geography does.
    """
    tables = {
        name: pd.read_csv(
            StringIO(_resource(f"{name}.csv")), dtype=str, keep_default_na=False
        )
        for name in ("interventions", "voice")
    }
    if area_suffix:
        interventions, voice = tables["interventions"], tables["voice"]
        interventions["name"] = interventions["name"] + area_suffix
        interventions["areas"] = _suffixed(interventions["areas"], area_suffix)
        voice["source"] = voice["source"] + area_suffix
    return tables
