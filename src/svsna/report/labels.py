"""One label registry: what a reader sees in place of a column or code name.

Tables keep their column ids (the CSV and the fixed forms are for machines);
every rendered header, chart axis, legend and tooltip asks this module for
the words, with the unit where there is one (``Rate per 1,000 residents``,
``Share (%)``, ``Cost (£)``). A column the registry does not know is turned
into words by rule (underscores to spaces, ``pct`` to ``%``, acronyms in
capitals), so no code name reaches a reader even from a new table.
"""

from __future__ import annotations

import re

#: Column (or code value) → the words a reader sees, unit included.
LABELS: dict[str, str] = {
    "all": "All occurrences",
    "count": "Count",
    "victims_18_under": "With a victim aged 18 or under",
    "suspects_18_under": "With a suspect aged 18 or under",
    "per_1000": "Rate per 1,000 residents",
    "smoothed_per_1000": "Smoothed rate per 1,000 residents",
    "pct": "Share (%)",
    "area_pct": "Area share (%)",
    "pct_of_area": "Share of area (%)",
    "pct_of_district": "Share of district (%)",
    "pct_positive": "Positive outcomes (%)",
    "pct_repeat_occurrences": "Repeat occurrences (%)",
    "pct_knife": "Knife crime share (%)",
    "pct_change_from_first": "Change from first year (%)",
    "pct_points_from_first": "Change from first year (percentage points)",
    "pct_around_closing": "Around closing time (%)",
    "share_pct": "Share of offences (%)",
    "harm_share": "Share of harm (%)",
    "top_pct": "Top places (%)",
    "of_all": "Share of all (%)",
    "again_before": "Again before this month",
    "censored_before": "No longer followed before this month",
    "at_risk": "Still followed (at risk)",
    "lower": "Lower limit",
    "upper": "Upper limit",
    "lower_95": "Lower 95% limit",
    "upper_95": "Upper 95% limit",
    "p_value": "p-value",
    "p_value_bh": "p-value (Benjamini-Hochberg)",
    "trend_p": "Trend p-value",
    "trend_tau": "Trend (Kendall's tau)",
    "gi_z": "Gi* z-score",
    "gi_bin": "Gi* class (confidence)",
    "gi_star": "Gi* hot or cold spot",
    "class": "Hot or cold spot",
    "last_class": "Class in the latest period",
    "slices_hot": "Periods hot",
    "slices_cold": "Periods cold",
    "unit_cost": "Unit cost (£)",
    "cost": "Cost (£)",
    "harm": "Harm (weighted)",
    "imd_decile": "IMD decile (1 = most deprived)",
    "lsoas": "LSOAs",
    "lsoa": "LSOA",
    "population": "Population",
    "ed_attendances": "ED attendances for assault",
    "police_violence_with_injury": "Police-recorded violence with injury",
    "ratio": "Ratio",
    "trend": "Trend",
    "neet": "NEET (young people)",
    "nte_area": "NTE area",
    "urn": "School URN",
    "weapon_searches": "Searches for weapons",
    "weapons_found": "Weapons found",
    "searches": "All searches",
    "knife_crime": "Knife crime",
    "serious_violence": "Serious violence",
    "possession_offences": "Possession offences",
    "school_age_victim": "With a victim aged 5-16",
    "at_or_near_school": "At or near a school",
    "at_school": "At a school",
    "near_school": "Within 500 m of a school",
    "period_end": "12 months to",
    "occurrences_with_person": "Occurrences with a person recorded",
    "individuals": "Individuals",
    "repeat_individuals": "Repeat individuals",
    "repeat_occurrences": "Repeat occurrences",
    "avg_per_month": "Average per month",
    "area_count": "Area count",
    "count_rank": "Rank by count",
    "harm_rank": "Rank by harm",
    "volume_rank": "Rank by volume",
    "rate_rank": "Rank by rate",
    "months_from_start": "Months from start",
    "change_from_first": "Change from first year",
    "comparison_before": "Comparison areas before",
    "comparison_after": "Comparison areas after",
    "around_closing": "Around closing time",
    "other_times": "Other times",
    "all_known_time": "All with a known time",
    "alcohol_or_drugs": "Alcohol or drugs",
    "all_places": "All places",
    "all_offences": "All offences",
    "all_occurrences": "All occurrences",
    "in_area": "In the area",
    "outside_area": "Outside the area",
    "input_table": "Input",
    "input_needed": "Input needed",
    "rejected_values": "Rejected values",
    "with_marker": "With a marker",
    "distance_band": "Metres apart",
    "time_band": "Days apart",
    "source_date": "Source date",
    "start_date": "Start date",
    "end_date": "End date",
    "age_range": "Age range",
    "reported_result": "Reported result",
    "victim_age": "Victim age",
    "suspect_age": "Suspect age",
    "victim_sex": "Victim sex",
    "suspect_sex": "Suspect sex",
    "victim 0-17": "Victim aged 0-17",
    "victim 18+": "Victim aged 18 or over",
    "layer": "Layer",
}

#: Words written in capitals wherever they appear in a label made by rule.
ACRONYMS = {
    "ed": "ED", "neet": "NEET", "imd": "IMD", "lsoa": "LSOA", "lsoas": "LSOAs",
    "nte": "NTE", "urn": "URN", "ci": "CI", "bh": "BH", "msoa": "MSOA",
    "abh": "ABH", "gbh": "GBH", "istv": "ISTV", "gi": "Gi*", "lad": "LAD",
}  # fmt: skip


def label(name: object) -> str:
    """The words for a column or code name.

    Examples
    --------
    >>> label("victims_18_under"), label("per_1000"), label("ed_attendances")
    ('With a victim aged 18 or under', 'Rate per 1,000 residents', 'ED attendances for assault')
    >>> label("imd_quintile"), label("pct_new"), label("2024/25"), label("Derby")
    ('IMD quintile', 'New (%)', '2024/25', 'Derby')
    """
    text = str(name)
    if text in LABELS:
        return LABELS[text]
    if "_" not in text and text[:1].isupper() or not re.fullmatch(r"[a-z0-9_ ]+", text):
        return text  # already words (a place, a year, a sentence)
    words = text.replace("_", " ").split()
    unit = ""
    if words and words[0] == "pct":
        words, unit = words[1:], " (%)"
    words = [ACRONYMS.get(w, w) for w in words]
    words = [re.sub(r"^1000$", "1,000", w) for w in words]
    out = " ".join(words) or "Share"
    return out[:1].upper() + out[1:] + unit


def value_label(value: object) -> str:
    """A code value shown in a legend or axis: words when it is a code name.

    Examples
    --------
    >>> value_label("weapon_searches"), value_label("knife_crime"), value_label("Derby")
    ('Searches for weapons', 'Knife crime', 'Derby')
    >>> value_label("total"), value_label("victim 0-17")
    ('total', 'Victim aged 0-17')
    """
    text = str(value)
    if text in LABELS and ("_" in text or text in ("victim 0-17", "victim 18+")):
        return LABELS[text]
    if re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", text):
        return label(text)
    return text


#: A code name in prose: ``per_1000``, ``hotspots_gi`` (not ``maps.max_features``
#: or ``tables/x.csv``, which name a setting or a file on purpose).
CODE_NAME = re.compile(r"(?<![.\w/<`])[a-z]+(?:_[a-z0-9]+)+(?![\w/>`]|\.\w)")


def in_words(text: str, titles: dict[str, str] | None = None) -> str:
    """``text`` with each code name in it as words: a table's title, a column's label.

    Examples
    --------
    >>> in_words("Ranked by gi_z; see the near_repeat table.", {"near_repeat": "Near repeats"})
    'Ranked by Gi* z-score; see the Near repeats table.'
    >>> in_words("Set maps.max_features; see tables/sv_yearly.csv.")
    'Set maps.max_features; see tables/sv_yearly.csv.'
    """
    titles = titles or {}

    def swap(match: re.Match[str]) -> str:
        name = match.group(0)
        return titles.get(name) or label(name)

    return CODE_NAME.sub(swap, text)
