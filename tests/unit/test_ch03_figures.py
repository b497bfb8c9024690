"""The shared numeric helpers: half-up percentages and finding sentences."""

from __future__ import annotations

import pandas as pd

from svsna.analyses.core.figures import change_finding, change_sentence, pct, pct_value


def test_percentages_round_half_up_to_one_decimal() -> None:
    # 1/8 = 12.5 % exactly; 1/800 = 0.125 % → 0.1; 49/400 = 12.25 % → 12.3.
    assert pct_value(1, 8) == 12.5
    assert pct_value(1, 800) == 0.1
    assert pct_value(49, 400) == 12.3
    assert pct_value(2, 3) == 66.7
    assert pct_value(1, 0) is None
    got = pct(pd.Series([49, 1, 0]), pd.Series([400, 0, 5]))
    assert got.iloc[0] == 12.3
    assert pd.isna(got.iloc[1])
    assert got.iloc[2] == 0.0


def test_change_sentence_matches_the_reference_wording() -> None:
    assert change_sentence("Serious violence", 2523, 2179, "2023/24", "2024/25") == (
        "Serious violence fell by 14% (2,523 to 2,179) from 2023/24 to 2024/25."
    )
    # 8 → 9 is exactly 12.5%: half up gives 13 (round-half-even would give 12).
    assert "rose by 13%" in change_sentence("X", 8, 9, "a", "b")
    assert change_sentence("X", 0, 4, "a", "b") == "X rose from 0 to 4 from a to b."
    assert change_sentence("X", 4, 4, "a", "b") == "X was unchanged at 4 from a to b."


def _steady(first: str, before: int, after: int) -> pd.DataFrame:
    """24 months: ``before`` a month for a year, then ``after`` a month."""
    months = pd.date_range(first, periods=24, freq="MS")
    return pd.DataFrame(
        {"month": months, "count": [before] * 12 + [after] * 12,
         "current": [False] * 12 + [True] * 12}
    )


def test_change_finding_tests_significance_on_the_months() -> None:
    # 210 then 180 a month in two years with the same calendar (2021/22, 2022/23).
    big = change_finding(
        "sv", "Serious violence", {"a": 2520, "b": 2160}, alpha=0.05,
        monthly=_steady("2021-04-01", 210, 180),
    )
    small = change_finding(
        "sv", "Serious violence", {"a": 12, "b": 24}, alpha=0.05,
        monthly=_steady("2021-04-01", 1, 2),  # p = 0.076 on t with 11 df
    )
    assert big is not None and small is not None
    assert big.significant is True and big.direction == "down"
    assert small.significant is False and small.direction == "same"
    assert (big.previous, big.current, big.current_label) == (2520, 2160, "b")
    assert big.test is not None and "Serious violence in b against a" in big.test
    assert change_finding("x", "X", {"a": 1}, alpha=0.05) is None


def test_a_change_with_only_yearly_totals_is_not_tested() -> None:
    # The old exact test on totals called 2,523 -> 2,179 significant; without
    # the months behind it nothing shows whether the months vary that much.
    found = change_finding("sv", "Serious violence", {"a": 2523, "b": 2179}, alpha=0.05)
    assert found is not None
    assert found.significant is None and found.p_value is None
    assert found.test is not None and found.test.startswith("Serious violence in b")
