"""Public data (issue 12.4): changes tested on monthly counts, judged together.

Testshire's files hold March to August of 2024 and of 2025. Alpha has
violence only, with steady months; Beta has robbery only, with months that
swing between 80 and 352. Every number below is worked out by hand from the
counts; the old exact test on the two totals calls Beta's robbery 1,200 ->
1,320 significant (p = 0.018), which the monthly counts do not support.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pytest
from police_uk_helpers import imported_context, row, write
from scipy.stats import t as t_dist

from svsna.analyses import run_all
from svsna.analyses.whole_report.district_profiles import analyse_profiles

if TYPE_CHECKING:
    import pandas as pd

    from svsna.analyses import Context
    from svsna.results import Section

MONTHS = ("03", "04", "05", "06", "07", "08")  # the same days in 2024 and 2025
VIOLENCE = {"2024": [20, 35, 18, 40, 22, 30], "2025": [30, 46, 27, 52, 33, 41]}
ROBBERY = {"2024": [80, 320, 120, 280, 160, 240], "2025": [264, 176, 308, 132, 352, 88]}
COMPARED = "March to August 2025 against March to August 2024"


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> Context:
    root = tmp_path_factory.mktemp("testshire")
    for year in ("2024", "2025"):
        for k, month in enumerate(MONTHS):
            label = f"{year}-{month}"
            rows = [
                row(f"v{label}-{i}", label, "E01000001", "Alpha 001A",
                    "Violence and sexual offences", lon="-1.50")
                for i in range(VIOLENCE[year][k])
            ] + [
                row(f"r{label}-{i}", label, "E01000002", "Beta 001A", "Robbery",
                    lon="-1.40")
                for i in range(ROBBERY[year][k])
            ]  # fmt: skip
            write(root / "src" / f"{label}-testshire-street.csv", rows)
    return imported_context(
        root, {"E01000001": ("Alpha 001A", 2000), "E01000002": ("Beta 001A", 1500)}
    )


def quasi_poisson_p(before: list[int], after: list[int]) -> tuple[float, float]:
    """The seasonal quasi-Poisson test by hand, for months of equal days.

    With a term for each calendar month, the fitted counts of month m are
    n_m * P / N and n_m * C / N (n_m: its count in both years; P, C, N: the
    earlier, later and both totals); the period effect is log(C / P) with
    Poisson variance 1/P + 1/C, widened by the Pearson dispersion on
    12 - 7 = 5 residual degrees of freedom when it is above 1.
    """
    p_total, c_total = sum(before), sum(after)
    n_total = p_total + c_total
    pearson = 0.0
    for b, a in zip(before, after, strict=True):
        for observed, share in ((b, p_total / n_total), (a, c_total / n_total)):
            fitted = (a + b) * share
            pearson += (observed - fitted) ** 2 / fitted
    dispersion = pearson / 5
    se = math.sqrt((1 / p_total + 1 / c_total) * max(1.0, dispersion))
    return dispersion, 2 * t_dist.sf(abs(math.log(c_total / p_total) / se), 5)


def _trend_table(ctx: Context) -> tuple[Section, pd.DataFrame]:
    section = next(s for s in run_all(ctx) if s.id == "puk_trends")
    table = next(t for t in section.tables if t.id == "puk_trend_tests")
    return section, table.data.set_index("crime_type")


def test_each_change_is_tested_on_its_monthly_counts(ctx: Context) -> None:
    _, tests = _trend_table(ctx)
    violence = tests.loc["Violence and sexual offences"]
    dispersion, p = quasi_poisson_p(VIOLENCE["2024"], VIOLENCE["2025"])
    assert (violence["earlier"], violence["later"]) == (165, 229)
    assert violence["rate_ratio"] == pytest.approx(round(229 / 165, 3))
    assert violence["dispersion"] == pytest.approx(round(dispersion, 2))
    assert violence["p_value"] == pytest.approx(p, rel=1e-3)
    assert p == pytest.approx(0.0237, abs=1e-4)


def test_months_that_swing_do_not_make_a_rise_of_totals_significant(
    ctx: Context,
) -> None:
    _, tests = _trend_table(ctx)
    robbery = tests.loc["Robbery"]
    dispersion, p = quasi_poisson_p(ROBBERY["2024"], ROBBERY["2025"])
    assert (robbery["earlier"], robbery["later"]) == (1200, 1320)
    assert dispersion > 80  # months far more variable than chance
    assert robbery["p_value"] == pytest.approx(p, rel=1e-3)
    assert robbery["p_value"] > 0.5
    assert robbery["significant"] == "no" and robbery["direction"] == "same"


def test_the_table_is_judged_together_by_benjamini_hochberg(ctx: Context) -> None:
    _, tests = _trend_table(ctx)
    raw = tests["p_value"].astype(float).sort_values()
    # BH by hand: the i-th smallest of n p-values times n / i, then the least
    # of those at or above its rank.
    n = len(raw)
    scaled = [p * n / (i + 1) for i, p in enumerate(raw)]
    expected = [min(1.0, min(scaled[i:])) for i in range(n)]
    assert tests.loc[raw.index, "p_value_bh"].tolist() == pytest.approx(
        expected, rel=1e-3
    )
    # Violence alone would pass at 5% (p = 0.024), but not as one of four tests.
    violence = tests.loc["Violence and sexual offences"]
    assert violence["p_value_bh"] == pytest.approx(4 * violence["p_value"], rel=1e-3)
    assert violence["significant"] == "no"


def test_findings_state_the_comparison_their_arrow_tests(ctx: Context) -> None:
    section, tests = _trend_table(ctx)
    findings = {f.id: f for f in section.findings}
    proxy = findings["puk_proxy_change"]
    row_ = tests.loc["Violence, robbery and weapons possession"]
    assert (proxy.previous, proxy.current) == (1365, 1549)
    assert proxy.text == (
        "Violence, robbery and weapons possession rose by 13%: 1,549 in March to "
        "August 2025 against 1,365 in March to August 2024 (the same 6 months of "
        "two consecutive years)."
    )
    assert proxy.compared == ("March to August 2024", "March to August 2025")
    assert proxy.headline and proxy.p_value == pytest.approx(row_["p_value"], rel=1e-3)
    assert proxy.test is not None and proxy.test.startswith(
        f"Violence, robbery and weapons possession in {COMPARED}"
    )
    assert "Quasi-Poisson regression of the 12 monthly counts" in proxy.test
    every = findings["puk_all_crime_change"]
    assert every.test is not None and "Benjamini-Hochberg" in every.test
    for finding in (proxy, every):
        assert "significant" not in finding.text  # the arrow says that, once


def test_profiles_are_adjusted_across_districts(ctx: Context) -> None:
    profiles = {p.title: p for p in analyse_profiles(ctx)}
    alpha = next(f for f in profiles["Alpha"].findings if f.id.endswith("_change"))
    beta = next(f for f in profiles["Beta"].findings if f.id.endswith("_change"))
    _, p_alpha = quasi_poisson_p(VIOLENCE["2024"], VIOLENCE["2025"])
    _, p_beta = quasi_poisson_p(ROBBERY["2024"], ROBBERY["2025"])
    # Two districts: BH gives Alpha 2 x 0.0237 = 0.047, still below 0.05.
    assert alpha.p_value == pytest.approx(min(2 * p_alpha, p_beta), rel=1e-3)
    assert alpha.significant is True and alpha.direction == "up"
    assert beta.p_value == pytest.approx(p_beta, rel=1e-3)
    assert beta.significant is False
    assert "229 in March to August 2025 against 165" in alpha.text
