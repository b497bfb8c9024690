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

ONS = (
    "Office for National Statistics, Crime in England and Wales: user guide "
    "(changes of offence classification and recording practice treated as "
    "discontinuities, not compared across); UK Statistics Authority, Code of "
    "Practice for Statistics (breaks in a series explained where they occur)."
)
GLM = (
    "McCullagh, P. and Nelder, J. A. (1989), Generalized Linear Models, 2nd "
    "edition, Chapman and Hall (quasi-Poisson models of over-dispersed counts)."
)
FISHER = (
    "Fisher, R. A. (1935), The Design of Experiments (the exact test of a 2x2 table)."
)
WILSON = (
    "Wilson, E. B. (1927), 'Probable inference, the law of succession, and "
    "statistical inference', JASA 22, 209-212; Office for Health Improvement and "
    "Disparities, Fingertips: public health data technical guidance, "
    "'Confidence intervals for proportions' (Wilson score method)."
)
BH = (
    "Benjamini, Y. and Hochberg, Y. (1995), 'Controlling the false discovery "
    "rate', JRSS B 57, 289-300."
)
GETIS_ORD = (
    "Getis, A. and Ord, J. K. (1992), 'The analysis of spatial association by "
    "use of distance statistics', Geographical Analysis 24, 189-206; PySAL esda, "
    "G_Local (Gi*) with conditional permutation inference."
)
MARSHALL = (
    "Marshall, R. J. (1991), 'Mapping disease and mortality rates using "
    "empirical Bayes estimators', Applied Statistics 40, 283-294."
)
ANGRIST = (
    "Angrist, J. D. and Pischke, J.-S. (2009), Mostly Harmless Econometrics, "
    "Princeton University Press, chapter 5 (difference in differences and event "
    "studies)."
)
PEARSON = (
    "Pearson, K. (1900), 'On the criterion that a given system of deviations ... "
    "can be reasonably supposed to have arisen from random sampling', "
    "Philosophical Magazine 50, 157-175 (the chi-square goodness-of-fit test)."
)
FELLEGI_SUNTER = (
    "Fellegi, I. P. and Sunter, A. B. (1969), 'A theory for record linkage', JASA "
    "64, 1183-1210; Splink (Ministry of Justice), the model's estimation and scoring."
)
KAPLAN_MEIER = (
    "Kaplan, E. L. and Meier, P. (1958), 'Nonparametric estimation from incomplete "
    "observations', JASA 53, 457-481; Greenwood, M. (1926), 'The natural duration of "
    "cancer', Reports on Public Health and Medical Subjects 33; statsmodels "
    "SurvfuncRight (Greenwood standard errors, interval on the log(-log) scale)."
)
#: The works the methods cite, in the order a reader meets them.
REFERENCES = (
    ONS,
    GLM,
    FISHER,
    WILSON,
    BH,
    GETIS_ORD,
    MARSHALL,
    ANGRIST,
    PEARSON,
    FELLEGI_SUNTER,
    KAPLAN_MEIER,
)
#: Those the public-data edition's methods rest on (no series breaks, no shares).
PUBLIC_DATA_REFERENCES = (GLM, BH, GETIS_ORD, MARSHALL)


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


def _every_crime_counts(d: Definition) -> str:
    return (
        "Every crime counts. A row whose required value is broken (its identifier, "
        "date or offence code) cannot be placed and is rejected; a bad value in an "
        "optional column (an outcome code such as '1A', a knife flag 'maybe', a "
        "time '25:61', an age of 200) is set to unknown and the row stays, so a "
        "homicide with an odd outcome code is still counted. Both kinds are listed "
        "in rejects.csv, whose action column says 'row rejected' or 'value set to "
        "unknown'; the manifest keeps rows read = loaded + rejected and counts the "
        "values set to unknown."
    )


def _people(d: Definition) -> str:
    return (
        "A person recorded on several occurrences is counted with one ethnicity: "
        "the code recorded most often on their rows (as victim or suspect, in any "
        "year); when two codes are recorded equally often, the one on their latest "
        "occurrence (never the alphabetically first code). 'Not stated' and empty "
        "values are not a recording; a person with none is "
        f"'{d.people.ethnicity_not_recorded}'. Age bands start at 0, so a victim "
        "under one year old is counted."
    )


def _costs(d: Definition) -> str:
    return (
        f"Costs are offences multiplied by the unit costs of {d.unit_costs.source}, "
        f"at {d.unit_costs.price_base} prices. Across a change of definition the "
        "cost is compared like for like, on the offences in serious violence in "
        "both years, and is not tested."
    )


def _interventions(d: Definition) -> tuple[str, ...]:
    effects, closing = d.sna.interventions, d.sna.school_closing
    return (
        "Where an intervention names its areas and start date, serious violence in "
        "those areas (the target) and in the rest of the area with a known district "
        f"(the comparison) is counted by month in equal windows of up to "
        f"{effects.window_months} whole months before and from the start month "
        "(fewer when the intervention or the data end sooner; no estimate with "
        f"fewer than {effects.min_months}). The difference in differences of their "
        "logarithms, log((target after / comparison after) / (target before / "
        "comparison before)), is the change in the target areas relative to the "
        "rest (Angrist and Pischke); its Poisson variance is multiplied by the "
        "over-dispersion of the monthly shares (quasi-likelihood, McCullagh and "
        "Nelder), and the 95% interval and two-sided p-value use its normal "
        f"distribution. The event study shows the ratio {effects.event_months} "
        "months either side of the start against the months before it. It is an "
        "association, not proof of cause: other things change in the same areas, "
        "and areas chosen because violence there was high may fall back anyway.",
        "Around school closing time: serious violence with "
        f"a victim aged {closing.victim_max_age} or under, from "
        f"{closing.closing_time} for {closing.window_minutes} minutes, by day; the "
        "school days are compared with Pearson's chi-square test of equal counts "
        "(school holidays are not taken out). Firearms among possession offences "
        "and suspects with a mental-health marker are shares with Wilson intervals; "
        "the firearms share of the first and last complete years is compared with "
        "Fisher's exact test. These tests are adjusted with the report's others.",
        "Recommendations drawn from the data are prompts, not recommendations: a "
        "significant rise, a rate higher than the group it is compared with, a "
        "persistent hot spot, a field recorded in fewer than "
        f"{d.sna.prompts.completeness_below:g}% of records or a chapter missing its "
        "input; each names the finding, table or chapter it rests on.",
    )


def _people_over_time(d: Definition) -> tuple[str, ...]:
    link = d.people_over_time.linkage
    again = d.people_over_time.reoffending
    knives = d.people_over_time.knife_carriers
    groups = d.people_over_time.co_offending
    months = ", ".join(str(m) for m in again.months)
    next_of = "any offence" if again.next_event == "any" else "serious violence"
    return (
        "Each agency keeps its own person ids, so people are linked across agencies "
        "by their date of birth, sex, postcode district and a pseudonymised name "
        "token (matched exactly only) with a Fellegi-Sunter model (Splink): the "
        "chance of each agreement for two records of one person (m) is estimated "
        "by expectation maximisation, for two different people (u) from random "
        "pairs of police persons; records whose match probability reaches "
        f"{link.match_probability:g} are one person. The links stay in the "
        "private warehouse; only counts are published.",
        "Reoffending is measured from each person's first serious-violence "
        "occurrence as suspect in the report period to their next occurrence as "
        f"suspect ({next_of}) on a later day, revictimisation the same for "
        "victims. People are followed only to the end of the last complete month "
        "(censored there), and the share by "
        f"{months} months is the Kaplan-Meier estimate with its "
        f"{again.confidence_level:.0%} Greenwood interval (log(-log) scale), so "
        "people first seen late in the period count only for the months they "
        "could be seen. Months are calendar months (within 3 months of 10 April "
        "is on or before 10 July). National figures are shown "
        "beside and are not the same measure.",
        "The habitual knife carrier index scores each suspect of a knife-flagged "
        f"occurrence in the {knives.lookback_months} months to the last complete "
        "month by recency (points by months since the latest), frequency "
        "(occurrences) and gravity (the sum of their offences' weights), each "
        "divided by the cohort's largest and weighted (recency "
        f"{knives.recency_weight:g}, frequency {knives.frequency_weight:g}, gravity "
        f"{knives.gravity_weight:g}) into 0-100. The public edition shows only the "
        "distribution and the cohort's profile; the list of people is in the "
        "restricted edition only.",
        "Co-offending groups are the connected components of the network of "
        "suspects and the occurrences they share (networkx); the share of serious "
        f"violence within groups of {groups.large_group} or more people is counted "
        "over occurrences with a known suspect.",
    )


def statistics_methods(d: Definition) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The methods' statistical headings and paragraphs for the full SNA.

    Public data (``data_source: police_uk``) have their own
    (:func:`public_data_methods`): no financial years, no people.
    """
    return (
        ("Every crime counts", (_every_crime_counts(d),)),
        ("People", (_people(d),)),
        ("Series breaks: changes of definition", (_series_breaks(d),)),
        ("Complete periods", (_complete_periods(d),)),
        ("Trends, ratios and uncertainty", _trends(d)),
        ("Hotspots", (_hotspots(d),)),
        ("Costs", (_costs(d),)),
        ("Interventions, recommended analyses and prompts", _interventions(d)),
        ("People over time", _people_over_time(d)),
        ("References", REFERENCES),
    )


def _public_trends(d: Definition) -> tuple[str, ...]:
    headline = ", ".join(d.trends.headline) or "none"
    return (
        "A change is only told between two equal, complete periods that are both "
        "in the data: the same calendar months of two consecutive years, or two "
        "full 12-month windows; neither period spans a missing month (public data "
        "come a whole month at a time, so every month present is complete), and "
        "each sentence and caption names the two periods it compares. With no "
        "such pair, nothing is compared.",
        "The change is tested on the two periods' monthly counts, not on their two "
        "totals alone: a Poisson log-linear model with a term for each calendar "
        "month and the days of each month as exposure, whose over-dispersion "
        "(month-to-month variation beyond chance) is estimated from the data "
        "(quasi-Poisson, McCullagh and Nelder) and widens the test when above 1; "
        "the two-sided p-value comes from Student's t on the residual degrees of "
        "freedom. One month against one month leaves nothing to estimate that "
        "variation from, so such a change is not tested and carries no arrow.",
        f"The headline measure is declared in the definition (trends.headline: "
        f"{headline}); its test stands alone. Every other tested change of the "
        "report is adjusted with the rest by the Benjamini-Hochberg procedure, the "
        "table of changes by crime type is judged across its rows (p_value_bh), "
        "and each district profile's change across the districts. An arrow means "
        f"p below {d.trends.alpha:g}; otherwise no significant change, whatever "
        "its size. Rates per 1,000 carry exact (Garwood) Poisson "
        f"{d.trends.confidence_level:.0%} intervals.",
    )


def _public_hotspots(d: Definition) -> str:
    spots = d.hotspots
    return (
        "LSOA hotspots use the Getis-Ord Gi* statistic (esda, PySAL) on "
        "empirical-Bayes smoothed rates per 1,000 residents, so an LSOA of few "
        "residents does not make its neighbours hot; public data come without "
        "boundaries, so neighbours are the LSOAs whose Thiessen cells (around the "
        "mean of each LSOA's crime points) touch. Significance comes from "
        f"{spots.gistar_permutations:,} conditional permutations with a fixed seed, "
        "adjusted across LSOAs by Benjamini-Hochberg; the published p_value_bh "
        "column is the one the 90/95/99% classes use."
    )


def public_data_methods(d: Definition) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The methods' statistical headings and paragraphs for the public-data edition."""
    return (
        ("Trends and uncertainty", _public_trends(d)),
        ("Hotspots", (_public_hotspots(d),)),
        ("References", PUBLIC_DATA_REFERENCES),
    )


def methods_of(d: Definition) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The statistical methods of the definition's edition (public data or the SNA)."""
    if d.data_source == "police_uk":
        return public_data_methods(d)
    places = places_over_time_methods(d)
    return (*statistics_methods(d), *((("Places over time", places),) if places else ()))


def places_over_time_methods(definition: Definition) -> tuple[str, ...]:
    """How emerging hot spots, near repeats and harm are found, in every medium's words.

    Empty for public data, which run none of the three (near repeats need days).
    """
    if definition.data_source == "police_uk":
        return ()
    e, k, h = definition.emerging_hotspots, definition.near_repeat, definition.harm
    weights = (
        f"the definition's weight for its offence group ({h.source or 'no source given'})"
        if h.weights
        else "the unit cost of crime of its family, as in the cost of crime"
    )
    return (
        "Emerging hot spots follow the definitions of ArcGIS Pro's Emerging Hot Spot "
        f"Analysis. The hotspot offences are counted by area and slice of "
        f"{e.step_months} months over every complete slice of the data; each slice "
        "gets Getis-Ord Gi* as in the hotspots chapter (empirical-Bayes smoothed "
        f"rates, the same neighbours, {e.permutations:,} conditional permutations, "
        f"Benjamini-Hochberg); a slice is a hot or cold spot at p <= {e.alpha:g}. "
        "The Mann-Kendall test gives the trend of each area's Gi* z-scores "
        f"(significant at {e.trend_alpha:g}); an area is then a new, consecutive, "
        "intensifying, persistent, diminishing, sporadic, oscillating or historical "
        f"hot or cold spot, {e.share:.0%} of the slices standing for Esri's 90%.",
        "Near repeats: the Knox test counts the pairs of serious-violence offences "
        f"of the report period in bands of {k.distance_band_m:g} m and "
        f"{k.time_band_days} days apart; the expected count of each band is the "
        f"mean of {k.permutations:,} random permutations of the dates (fixed seed), "
        "its p-value the share of permutations with at least as many pairs, "
        "adjusted by Benjamini-Hochberg across the bands.",
        f"Harm weighs each serious-violence offence by {weights}; neighbourhoods "
        "are ranked by harm and by count (1 = most, ties share the best rank).",
    )


def arrow_test(d: Definition) -> str:
    """What an arrow's test is, in the words every legend of every medium uses.

    Examples
    --------
    >>> from svsna.config import load_definition
    >>> arrow_test(load_definition())[:52]
    'tested on monthly counts (quasi-Poisson), ratios and'
    """
    return (
        "tested on monthly counts (quasi-Poisson), ratios and shares by Fisher's "
        f"exact test; {d.trends.alpha * 100:g}% level, Benjamini-Hochberg adjusted "
        "except the headline measures"
    )


__all__ = [
    "PUBLIC_DATA_REFERENCES",
    "REFERENCES",
    "arrow_test",
    "methods_of",
    "places_over_time_methods",
    "public_data_methods",
    "statistics_methods",
]
