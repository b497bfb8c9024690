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
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from svsna.analyses.core.months import count_label, month_runs, run_label
from svsna.analyses.public_data.base import significant_digits
from svsna.stats import poisson_change_test


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

    def tested(self, counts: pd.DataFrame, *, alpha: float) -> dict[str, object]:
        """The two periods' totals of ``counts`` (month, count) and the exact test.

        The columns every table of changes shares: both periods in words, both
        counts, the change in per cent, the p-value and whether it is
        significant (``yes``/``no``), and the direction the test gives.
        """
        before = int(counts.loc[counts["month"].isin(self.earlier), "count"].sum())
        after = int(counts.loc[counts["month"].isin(self.later), "count"].sum())
        test = poisson_change_test(before, after, alpha=alpha)
        return {
            "earlier_months": self.earlier_label,
            "earlier": before,
            "later_months": self.later_label,
            "later": after,
            "change_pct": round(100 * (after - before) / before, 1) if before else None,
            "p_value": significant_digits(test.p_value),
            "significant": "yes" if test.significant else "no",
            "direction": test.direction,
        }


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
