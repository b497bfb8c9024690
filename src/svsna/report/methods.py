"""The statistical methods in plain words, the same in HTML, PDF and Word.

Issue 12 asks that every test the report makes be stated where a reader will
look for it. The words are built here once, from the definition in force
(never hard-coded thresholds), and each medium prints the same headings and
paragraphs, so the methods cannot disagree between formats.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from svsna.config import Definition

#: The works the methods cite, in the order a reader meets them.
REFERENCES = (
    "Office for National Statistics, Crime in England and Wales: user guide "
    "(changes of offence classification and recording practice treated as "
    "discontinuities, not compared across); UK Statistics Authority, Code of "
    "Practice for Statistics (breaks in a series explained where they occur).",
    "McCullagh, P. and Nelder, J. A. (1989), Generalized Linear Models, 2nd "
    "edition, Chapman and Hall (quasi-Poisson models of over-dispersed counts).",
    "Fisher, R. A. (1935), The Design of Experiments (the exact test of a 2x2 table).",
    "Wilson, E. B. (1927), 'Probable inference, the law of succession, and "
    "statistical inference', JASA 22, 209-212; Office for Health Improvement and "
    "Disparities, Fingertips: public health data technical guidance, "
    "'Confidence intervals for proportions' (Wilson score method).",
    "Benjamini, Y. and Hochberg, Y. (1995), 'Controlling the false discovery "
    "rate', JRSS B 57, 289-300.",
    "Getis, A. and Ord, J. K. (1992), 'The analysis of spatial association by "
    "use of distance statistics', Geographical Analysis 24, 189-206; PySAL esda, "
    "G_Local (Gi*) with conditional permutation inference.",
    "Marshall, R. J. (1991), 'Mapping disease and mortality rates using "
    "empirical Bayes estimators', Applied Statistics 40, 283-294.",
)


def _series_breaks(d: Definition) -> str:
    versions = d.serious_violence.versions
    dates = ", ".join(str(v.from_) for v in versions[1:]) or "none in this definition"
    return (
        "When the definition of serious violence changes (dates of change: "
        f"{dates}), counts either side of the change measure different things, "
        "and set side by side they would show the change of definition as a rise "
        "or a fall. As the Office for National Statistics does with a break in a "
        "series, the report never compares them directly: every comparison that "
        "spans a change counts both periods on the offence groups that are in "
        "serious violence on both sides ('like for like'), gives the newly "
        "included (or dropped) offences separately in the same sentence, and "
        "tests only the like-for-like change. The monthly chart marks each change "
        "with a dashed line and fits its trend line on each side separately; the "
        "monthly table adds a like-for-like column; the cost of crime is compared "
        "on the same basis and is not tested."
    )


def _complete_periods(d: Definition) -> str:
    extract = d.report_period.extract_date
    given = f" (here {extract})" if extract else ""
    return (
        "A month counts as complete only when the data reach its last day, or "
        f"when the extract date in the definition{given} is on or after it; a "
        "financial year is complete only when its last month is. A part-month at "
        "the end of an extract would otherwise read as a fall. Financial years, "
        f"the {d.hotspots.months}-month hotspot window, the school-proximity "
        "windows and the district profiles' hotspot tables all end with the last "
        "complete month, and the profiles use the hotspot chapter's window and "
        "offence set."
    )


def _trends(d: Definition) -> tuple[str, ...]:
    level = f"{d.trends.confidence_level:.0%}"
    headline = ", ".join(d.trends.headline) or "none"
    return (
        "A change between the two latest years is tested on the 24 monthly counts "
        "behind it, not on the two totals alone: a Poisson log-linear model with a "
        "term for each calendar month (season) and the days of each month as "
        "exposure, whose over-dispersion (month-to-month variation beyond chance) "
        "is estimated from the data (quasi-Poisson, McCullagh and Nelder); the "
        "two-sided p-value comes from Student's t on the residual degrees of "
        "freedom. A change given only as yearly totals cannot be tested this way "
        "and carries no arrow. Every sentence names the two periods it compares, "
        "and findings.json records each finding's test in words.",
        "Ratios and shares are tested as such: ED attendances per police-recorded "
        "injury, a weapon find rate or the NEET share in two years form a 2x2 "
        "table, tested by Fisher's exact test (police counts are not treated as "
        f"fixed). Shares carry Wilson score {level} intervals, as in OHID "
        "Fingertips; rates per 1,000 carry exact (Garwood) Poisson intervals.",
        "Headline measures are declared in the definition before any data are "
        f"seen (trends.headline: {headline}); their tests stand alone. Every other "
        "tested change is adjusted together with the rest of the report's by the "
        "Benjamini-Hochberg procedure, and its published p-value and arrow follow "
        f"the adjusted value. An arrow (up or down) means p below {d.trends.alpha:g}; "
        "otherwise the change is shown as no significant change, whatever its size.",
    )


def _hotspots(d: Definition) -> str:
    spots = d.hotspots
    weights = (
        f"each area's {spots.gistar_neighbours} nearest areas"
        if spots.gistar_weights == "knn"
        else f"{spots.gistar_contiguity} contiguity, each island joined to its nearest area"
    )
    return (
        "Hotspots are ranked by volume and by rate per 1,000 residents. The "
        "Getis-Ord Gi* statistic (esda, PySAL) is computed on empirical-Bayes "
        "smoothed rates, so that an area of a few residents with a few offences "
        "is shrunk towards the area's rate instead of making its neighbours hot; "
        f"neighbours are {weights}, so every area has neighbours. Significance "
        f"comes from {spots.gistar_permutations:,} conditional permutations with "
        "a fixed seed, adjusted across areas by Benjamini-Hochberg; the published "
        "p_value_bh column is the one the 90/95/99% classes use."
    )


def statistics_methods(d: Definition) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The methods' statistical headings and paragraphs for the full SNA.

    Public data (``data_source: police_uk``) keep their own account of periods
    and comparisons in the methods template; this covers the SNA built from
    partnership data.
    """
    return (
        ("Series breaks: changes of definition", (_series_breaks(d),)),
        ("Complete periods", (_complete_periods(d),)),
        ("Trends, ratios and uncertainty", _trends(d)),
        ("Hotspots", (_hotspots(d),)),
        ("References", REFERENCES),
    )


__all__ = ["REFERENCES", "statistics_methods"]
