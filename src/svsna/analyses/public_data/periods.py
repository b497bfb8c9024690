"""Which two periods of public data may be compared, and the sentence that says so.

A public download may hold five months of one year, four of another and twelve
of the next. A change is only told between two equal, complete periods that
are both in the data: the same calendar months of two consecutive years (each
month present in both), or, when the data allow, two full 12-month windows.
Neither period may span a missing month: the later period is one run of
consecutive months, and so is its year-earlier twin. Of the runs that qualify,
the latest is used, cut to its last ``length`` months. With no such pair there
is no comparison, and the report says so instead of comparing half-windows or
seasons that differ.

A change between the two periods is tested on their monthly counts, as in the
full SNA: a quasi-Poisson model with a term for each calendar month and the
days of each month as exposure, so month-to-month variation beyond chance
(over-dispersion) is estimated, not assumed away
(:func:`svsna.stats.trends.modelled_change`). One month against one month
leaves nothing to estimate it from, so such a change is not tested. A table of
many crime types is one family of tests: its verdicts follow the
Benjamini-Hochberg adjusted p-values (:func:`judged`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from svsna.analyses.core.figures import percent_change_words
from svsna.analyses.core.months import count_label, month_runs, run_label
from svsna.analyses.public_data.base import significant_digits
from svsna.results import Finding, Table
from svsna.stats.multiple import bh_adjust
from svsna.stats.trends import ModelledChange, modelled_change

#: The columns every table of tested changes shares, in order.
TESTED_COLUMNS = (
    "earlier_months",
    "earlier",
    "later_months",
    "later",
    "change_pct",
    "rate_ratio",
    "dispersion",
    "p_value",
)


@dataclass(frozen=True)
class Comparison:
    """Two equal runs of months, a year apart: ``earlier`` and ``later`` (oldest first)."""

    earlier: tuple[str, ...]
    later: tuple[str, ...]

    @property
    def earlier_label(self) -> str:
        """The earlier period in words (``January to April 2024``)."""
        return run_label(self.earlier[0], self.earlier[-1])

    @property
    def later_label(self) -> str:
        """The later period in words (``January to April 2025``)."""
        return run_label(self.later[0], self.later[-1])

    @property
    def full_years(self) -> bool:
        """Whether the two periods are full 12-month windows."""
        return len(self.later) == 12

    @property
    def kind(self) -> str:
        """What the two periods are: ``two full 12-month windows`` or the same months.

        Examples
        --------
        >>> Comparison(("2024-01", "2024-02"), ("2025-01", "2025-02")).kind
        'the same 2 months of two consecutive years'
        """
        if self.full_years:
            return "two full 12-month windows"
        return f"the same {count_label(len(self.later))} of two consecutive years"

    @property
    def sentence(self) -> str:
        """Exactly what is compared, for captions and methods.

        Examples
        --------
        >>> Comparison(("2024-01",), ("2025-01",)).sentence
        'January 2025 against January 2024 (the same 1 month of two consecutive years)'
        """
        return f"{self.later_label} against {self.earlier_label} ({self.kind})"

    def monthly(self, counts: pd.DataFrame) -> pd.DataFrame:
        """The two periods' monthly counts of ``counts`` (month, count), zeros kept.

        The frame :func:`~svsna.stats.trends.modelled_change` models: each
        month's first day, its count and whether it is in the later period.
        """
        per_month = counts.groupby("month")["count"].sum()
        months = [*self.earlier, *self.later]
        return pd.DataFrame(
            {
                "month": pd.PeriodIndex(months, freq="M").to_timestamp(),
                "count": [int(per_month.get(m, 0)) for m in months],
                "current": [False] * len(self.earlier) + [True] * len(self.later),
            }
        )

    def change(self, counts: pd.DataFrame, *, alpha: float) -> ModelledChange:
        """The change between the two periods, modelled on their monthly counts."""
        return modelled_change(self.monthly(counts), alpha=alpha)

    def tested(self, counts: pd.DataFrame, *, alpha: float) -> dict[str, object]:
        """The two periods' totals of ``counts`` (month, count) and the modelled test.

        The columns every table of changes shares (:data:`TESTED_COLUMNS`):
        both periods in words, both counts, the change in per cent, the
        seasonally adjusted rate ratio, the dispersion and the p-value before
        any adjustment for the table's other tests (None when not tested).
        """
        result = self.change(counts, alpha=alpha)
        before, after = result.previous, result.current
        return {
            "earlier_months": self.earlier_label,
            "earlier": before,
            "later_months": self.later_label,
            "later": after,
            "change_pct": round(100 * (after - before) / before, 1) if before else None,
            "rate_ratio": _rounded(result.rate_ratio, 3),
            "dispersion": _rounded(result.dispersion, 2),
            "p_value": None
            if result.p_value is None
            else significant_digits(result.p_value),
        }


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def judged(frame: pd.DataFrame, *, alpha: float) -> pd.DataFrame:
    """``frame`` of tested rows with ``p_value_bh``, ``significant`` and ``direction``.

    The rows of one table are one family of tests: each verdict follows its
    Benjamini-Hochberg adjusted p-value, so a table of fifteen crime types
    does not call one "significant" by chance alone. Untested rows read
    ``not tested`` with no direction.

    Examples
    --------
    >>> rows = pd.DataFrame({"earlier": [10, 10, 5], "later": [30, 11, 9],
    ...                      "p_value": [0.01, 0.04, None]})
    >>> judged(rows, alpha=0.05)[["p_value_bh", "significant", "direction"]].values.tolist()
    [[0.02, 'yes', 'up'], [0.04, 'yes', 'up'], [None, 'not tested', None]]
    """
    out = frame.copy()
    tested = out["p_value"].notna()
    adjusted = pd.Series([None] * len(out), index=out.index, dtype=object)
    if tested.any():
        values = bh_adjust(out.loc[tested, "p_value"].astype(float).to_numpy())
        adjusted[tested] = [significant_digits(float(p)) for p in values]
    out["p_value_bh"] = adjusted
    significant = tested & (adjusted.where(tested, 1.0).astype(float) < alpha)
    out["significant"] = ["yes" if s else "no" for s in significant]
    out.loc[~tested, "significant"] = "not tested"
    out["direction"] = pd.Series(
        [
            ("up" if later > earlier else "down") if s else ("same" if t else None)
            for s, t, earlier, later in zip(
                significant, tested, out["earlier"], out["later"], strict=True
            )
        ],
        index=out.index,
        dtype=object,
    )
    return out


def period_change(
    finding_id: str,
    subject: str,
    counts: pd.DataFrame,
    compared: Comparison,
    *,
    alpha: float,
) -> Finding:
    """A change between the two periods: the sentence names both, the test is modelled.

    The sentence says what changed and between which periods, never whether
    it is significant: the arrow (``significant``) says that, after the
    report's adjustment for its many tests, and ``test`` says how.
    """
    result = compared.change(counts, alpha=alpha)
    before, after = result.previous, result.current
    return Finding(
        finding_id,
        f"{subject} {percent_change_words(before, after)}: {after:,} in "
        f"{compared.later_label} against {before:,} in {compared.earlier_label} "
        f"({compared.kind}).",
        current=after, previous=before,
        current_label=compared.later_label, previous_label=compared.earlier_label,
        significant=result.significant, p_value=result.p_value,
        unit="crimes",
        test=f"{subject} in {compared.sentence}: {result.words()}",
    )


def year_before(month: str) -> str:
    """The same month a year earlier.

    Examples
    --------
    >>> year_before("2025-03")
    '2024-03'
    """
    return str(pd.Period(month, freq="M") - 12)


def comparison(months: list[str] | tuple[str, ...], length: int) -> Comparison | None:
    """The latest pair of equal, complete periods a year apart, at most ``length`` months.

    Examples
    --------
    The Derbyshire pattern: January to April of 2024 and all of 2025.

    >>> jan_apr_2024 = ["2024-01", "2024-02", "2024-03", "2024-04"]
    >>> all_2025 = [f"2025-{m:02d}" for m in range(1, 13)]
    >>> found = comparison(jan_apr_2024 + all_2025, 12)
    >>> found.later_label, found.earlier_label
    ('January to April 2025', 'January to April 2024')

    A month missing from the earlier year splits the pairs; the latest run wins.

    >>> comparison(["2024-01", "2024-03", "2025-01", "2025-02", "2025-03"], 12).later
    ('2025-03',)

    No month a year apart: no comparison, however many months there are.

    >>> comparison(all_2025, 12) is None
    True
    """
    present = set(months)
    paired = [m for m in sorted(present) if year_before(m) in present]
    if not paired:
        return None
    later = month_runs(paired)[-1][-length:]
    return Comparison(tuple(year_before(m) for m in later), tuple(later))


def modelled_change_table(
    table_id: str, title: str, rows: pd.DataFrame, caption: str, note: str
) -> Table:
    """A table of modelled changes between two periods (``earlier``, ``later`` ...).

    The trends chapter's table by crime type and each district profile's table
    share its columns and so its relations: ``change_pct`` is derived from the
    two counts, which the public edition's protection is told.
    """
    return Table(
        table_id, title, rows, caption=caption, notes=(note,),
        count_columns=("earlier", "later"),
        derived_columns={"change_pct": ("earlier", "later")},
    )
