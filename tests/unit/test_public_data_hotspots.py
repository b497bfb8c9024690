"""Public data (issue 12.3): Gi* of LSOAs on smoothed rates, with the p-value it uses.

A 7 x 7 grid of LSOAs of 1,500 residents each with about eight violent crimes;
the centre LSOA has 12 residents and 3 crimes (a raw 250 per 1,000 against
about 5). Its rate is shrunk towards the force's by the empirical-Bayes weight
worked out below, and no LSOA is called a hot spot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pytest
from police_uk_helpers import imported_context, row, write

from svsna.analyses.public_data import hotspots as puk_hotspots

if TYPE_CHECKING:
    from svsna.analyses import Context

SIZE, CENTRE = 7, 24
COUNTS = np.random.default_rng(3).poisson(8, SIZE * SIZE)
COUNTS[CENTRE] = 3
POPULATION = np.where(np.arange(SIZE * SIZE) == CENTRE, 12, 1500)


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> Context:
    root = tmp_path_factory.mktemp("grid")
    rows, residents = [], {}
    for k in range(SIZE * SIZE):
        i, j = divmod(k, SIZE)
        code, name = f"E0100{k:04d}", f"Alpha {k:03d}A"
        residents[code] = (name, int(POPULATION[k]))
        rows += [
            row(f"c{k}-{n}", "2025-01", code, name, "Violence and sexual offences",
                lon=f"{-1.5 + 0.01 * i:.3f}", lat=f"{52.9 + 0.01 * j:.3f}")
            for n in range(COUNTS[k])
        ]  # fmt: skip
    write(root / "src" / "2025-01-testshire-street.csv", rows)
    return imported_context(root, residents)


def test_a_tiny_lsoa_is_shrunk_and_makes_no_hot_spot(ctx: Context) -> None:
    frame, basis = puk_hotspots.gistar_cells(
        puk_hotspots.lsoa_counts(ctx, ["2025-01"]), ctx
    )
    assert basis.startswith("empirical-Bayes smoothed rates")
    # Empirical Bayes by hand (Marshall 1991): the force's rate m, the
    # population-weighted variance of the raw rates s2, the variance of the
    # true rates A = s2 - m / (mean population), and the centre's weight
    # A / (A + m / 12) on its own rate.
    e, b = COUNTS.astype(float), POPULATION.astype(float)
    m = e.sum() / b.sum()
    s2 = (b * (e / b - m) ** 2).sum() / b.sum()
    a = max(0.0, s2 - m / b.mean())
    weight = a / (a + m / 12)
    expected = 1000 * (m + weight * (3 / 12 - m))
    centre = frame.set_index("lsoa_code").loc[f"E0100{CENTRE:04d}"]
    assert (centre["count"], centre["population"]) == (3, 12)
    assert centre["smoothed_per_1000"] == pytest.approx(round(expected, 1))
    assert centre["smoothed_per_1000"] < 30  # from a raw 250
    assert not frame["gi_star"].str.startswith("hot").any()


def test_the_table_publishes_the_p_value_its_classes_use(ctx: Context) -> None:
    section = puk_hotspots.CHAPTER.run(ctx)
    table = next(t for t in section.tables if t.id == "puk_lsoa_hotspots")
    assert {"smoothed_per_1000", "p_value_bh"} <= set(table.data.columns)
    assert "p_value_permutation" not in table.data.columns
    assert "Benjamini-Hochberg" in table.notes[0] and "9,999" in table.notes[0]
    # Every class is decided by the published p-value at 90/95/99%.
    significant = table.data["p_value_bh"].astype(float) < 0.10
    named = table.data["gi_star"] != "not significant"
    assert (significant == named).all()
