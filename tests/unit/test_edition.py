"""The public edition: every table, chart, sentence and alt text from one protected set.

Hand-made reports with a known answer: which cells a reader could otherwise
work out, and what each place that shows a number may show.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from svsna.config import load_definition
from svsna.config.definition import Definition
from svsna.report.edition import edition_report
from svsna.results import Cells, Chart, Finding, Margin, Report, Section, Table

C = "[c]"
YEARS = ["2023/24", "2024/25"]


def definition(**disclosure: object) -> Definition:
    base = load_definition(None)
    return base.model_copy(
        update={"disclosure": base.disclosure.model_copy(update=disclosure)}
    )


def report(*sections: Section, edition: str = "public") -> Report:
    return Report(
        "T",
        "Testshire",
        "2023/24 to 2024/25",
        edition,
        sections,
        "d",
        "2026-01-01",  # type: ignore[arg-type]
    )


def public(*sections: Section, **disclosure: object) -> Report:
    return edition_report(report(*sections), definition=definition(**disclosure))


def area_table() -> Table:
    """The area's total per year (two groups and a total row)."""
    data = pd.DataFrame(
        {
            "group": ["robbery", "weapons", "total"] * 2,
            "year": [y for y in YEARS for _ in range(3)],
            "all": [40, 60, 100, 45, 55, 100],
        }
    )
    return Table("area", "Area", data, count_columns=("all",), total_rows=(2, 5))


def district_table() -> Table:
    """Districts adding up to the area's total, with a small unknown district."""
    data = pd.DataFrame(
        {
            "district": ["North", "South", "unknown"] * 2,
            "year": [y for y in YEARS for _ in range(3)],
            "count": [50, 47, 3, 52, 48, 0],
        }
    )
    margin = Margin("area", by=("year",), total_column="all", at={"group": "total"})
    return Table(
        "districts", "Districts", data, count_columns=("count",), margins=(margin,)
    )


def tables_of(r: Report) -> dict[str, pd.DataFrame]:
    return {t.id: t.data for s in r.sections for t in s.tables}


def test_districts_cannot_be_taken_from_the_area_total():
    # The area's 100 minus North and South would give the unknown 3: a second
    # district (the smaller) goes too, in the same year only.
    shown = tables_of(
        public(Section("s", "1", "S", tables=(area_table(), district_table())))
    )
    assert shown["districts"]["count"].tolist() == [50, C, C, 52, 48, 0]
    assert shown["area"]["all"].tolist() == [40, 60, 100, 45, 55, 100]


def test_without_the_margin_the_table_alone_is_not_protected_enough():
    # The same districts without their declared margin: only the 3 goes, which
    # the area's total would give away; the margin is what protects it.
    loose = district_table()
    loose = Table(loose.id, loose.title, loose.data, count_columns=("count",))
    shown = tables_of(public(Section("s", "1", "S", tables=(area_table(), loose))))
    assert shown["districts"]["count"].tolist() == [50, 47, C, 52, 48, 0]


def test_age_and_sex_adding_up_to_the_same_unprinted_total_are_linked():
    # Victims by age and by sex both add up to the victims of the year, which
    # is printed nowhere: hiding one age band alone would let sex give it away.
    ages = pd.DataFrame(
        {"age": ["0-17", "18-30", "31+"], "year": "2024/25", "count": [3, 40, 57]}
    )
    sexes = pd.DataFrame(
        {"sex": ["female", "male"], "year": "2024/25", "count": [30, 70]}
    )
    each_year = (Margin("victims each year", by=("year",)),)
    section = Section(
        "s",
        "1",
        "S",
        tables=(
            Table("ages", "A", ages, count_columns=("count",), margins=each_year),
            Table("sexes", "S", sexes, count_columns=("count",), margins=each_year),
        ),
    )
    shown = tables_of(public(section))
    assert shown["ages"]["count"].tolist() == [C, 40, 57]
    assert (shown["sexes"]["count"] == C).sum() == 1


def test_a_share_repeated_on_each_row_goes_with_any_count_of_its_year():
    data = pd.DataFrame(
        {
            "year": ["a", "a", "a", "b", "b", "b"],
            "type": ["positive", "other", "open"] * 2,
            "count": [30, 60, 3, 30, 60, 10],
            "pct_positive": [32.3, 32.3, 32.3, 30.0, 30.0, 30.0],
        }
    )
    table = Table(
        "outcomes",
        "O",
        data,
        count_columns=("count",),
        derived_columns={"pct_positive": ("count",)},
        derived_within={"pct_positive": ("year",)},
    )
    shown = tables_of(public(Section("s", "1", "S", tables=(table,))))["outcomes"]
    assert shown["pct_positive"].tolist() == [C, C, C, 30.0, 30.0, 30.0]


def chart_section(chart: Chart) -> Section:
    return Section(
        "s", "1", "S", tables=(area_table(), district_table()), charts=(chart,)
    )


def test_a_chart_embeds_only_what_it_plots_of_the_cells_its_table_shows():
    data = district_table().data.assign(secret=[1, 2, 3, 4, 5, 6])
    chart = Chart(
        "c",
        "C",
        "bar",
        data,
        x="district",
        y="count",
        color="year",
        alt_text="x",
        table="districts",
    )
    drawn = public(chart_section(chart)).sections[0].charts[0].data
    assert list(drawn.columns) == ["district", "year", "count"]
    # South 2023/24 is withheld as a secondary cell: undrawn, like the 3.
    assert np.isnan(drawn["count"].iloc[1]) and np.isnan(drawn["count"].iloc[2])
    assert drawn["count"].iloc[0] == 50


def test_a_map_says_which_of_its_grey_areas_are_withheld():
    # The latest year's districts as a map: the unknown district's 3 is
    # withheld (and South, its secondary cell); North is drawn. The map marks
    # the withheld ones so that its legend can say why they are grey.
    data = district_table().data.iloc[:3].assign(geometry=["{}"] * 3)
    chart = Chart(
        "m", "M", "map", data, x="district", y="count", color="count",
        geometry="geometry", alt_text="x", table="districts",
    )  # fmt: skip
    drawn = public(chart_section(chart)).sections[0].charts[0].data
    assert drawn["withheld"].tolist() == [False, True, True]
    assert drawn["count"].isna().tolist() == [False, True, True]


def test_a_chart_value_no_table_protects_is_not_drawn():
    data = pd.DataFrame({"year": YEARS, "n": [12.0, 40.0]})
    chart = Chart("c", "C", "bar", data, x="year", y="n", alt_text="x")
    drawn = public(chart_section(chart)).sections[0].charts[0].data
    assert drawn["n"].isna().all()


def test_alt_text_lists_the_values_as_drawn():
    chart = Chart(
        "c",
        "C",
        "bar",
        district_table().data[district_table().data["year"] == "2023/24"],
        x="district",
        y="count",
        alt_text="Bar chart: {values}.",
        table="districts",
    )
    restricted = edition_report(
        report(chart_section(chart), edition="restricted"), definition=definition()
    )
    assert (
        restricted.sections[0].charts[0].alt_text
        == "Bar chart: North 50, South 47, unknown 3."
    )
    shown = public(chart_section(chart)).sections[0].charts[0].alt_text
    assert shown == "Bar chart: North 50, South [c], unknown [c]."


def homicide_finding(knives: int) -> Finding:
    cells = Cells("area", "all", {"year": "2024/25"})
    return Finding(
        "f",
        f"There were 45 robberies in 2024/25; {knives} involved knives.",
        current=45,
        cites={
            "current": cells.at(group="robbery"),
            "knives": Cells("knives", "count"),
        },
        withheld_text="There were {current} robberies in 2024/25; {knives} involved knives.",
    )


def knives(count: int) -> Table:
    return Table(
        "knives",
        "K",
        pd.DataFrame({"year": ["2024/25"], "count": [count]}),
        count_columns=("count",),
    )


def test_a_sentence_citing_a_withheld_small_count_says_fewer_than():
    section = Section(
        "s", "1", "S", tables=(area_table(), knives(2)), findings=(homicide_finding(2),)
    )
    (finding,) = public(section).sections[0].findings
    assert (
        finding.text
        == "There were 45 robberies in 2024/25; fewer than 5 involved knives."
    )
    # The threshold comes from the definition.
    (finding,) = public(section, threshold=9).sections[0].findings
    assert "fewer than 10 involved knives" in finding.text


def test_a_sentence_whose_numbers_are_shown_is_unchanged_and_its_summary_line_follows():
    shown = homicide_finding(12)
    section = Section(
        "s",
        "1",
        "S",
        summary=(shown.text, "Other."),
        tables=(area_table(), knives(12)),
        findings=(shown,),
    )
    out = public(section).sections[0]
    assert out.findings == (shown,)
    assert out.summary == (shown.text, "Other.")


def test_a_sentence_citing_a_secondary_cell_is_left_out():
    # South 2023/24 (47) is withheld to protect the unknown district's 3: a
    # sentence may not say "fewer than 5" of it, nor print it.
    cite = Cells("districts", "count", {"district": "South", "year": "2023/24"})
    finding = Finding(
        "n",
        "South had 47 in 2023/24.",
        cites={"n": cite},
        withheld_text="South had {n}.",
    )
    section = Section(
        "s",
        "1",
        "S",
        summary=(finding.text,),
        tables=(area_table(), district_table()),
        findings=(finding,),
    )
    out = public(section).sections[0]
    assert out.findings == () and out.summary == ()


def test_a_sentence_stating_a_sum_is_protected_with_the_tables():
    # "South and unknown had 50 in 2023/24" states a sum: with South shown it
    # would give the unknown district's 3, so South goes too (North need not).
    cite = Cells(
        "districts", "count", {"district": ("South", "unknown"), "year": "2023/24"}
    )
    finding = Finding("n", "South and unknown had 50.", cites={"n": cite})
    section = Section("s", "1", "S", tables=(district_table(),), findings=(finding,))
    out = public(section).sections[0]
    assert out.tables[0].data["count"].tolist()[:3] == [50, C, C]
    assert out.findings == (finding,)


def test_rounding_to_base_five_rounds_every_count_and_total_on_its_own():
    shown = tables_of(
        public(
            Section("s", "1", "S", tables=(area_table(), district_table())),
            method="round",
        )
    )
    assert shown["districts"]["count"].tolist() == [50, 45, 5, 50, 50, 0]
    assert shown["area"]["all"].tolist() == [40, 60, 100, 45, 55, 100]


def test_rounding_redoes_shares_from_the_rounded_counts():
    data = pd.DataFrame({"kind": ["a", "b"], "count": [3, 7], "pct": [30.0, 70.0]})
    table = Table(
        "t",
        "T",
        data,
        count_columns=("count",),
        derived_columns={"pct": ("count",)},
        shares={"pct": ()},
    )
    shown = tables_of(public(Section("s", "1", "S", tables=(table,)), method="round"))[
        "t"
    ]
    assert shown["count"].tolist() == [5, 5]
    assert shown["pct"].tolist() == [50.0, 50.0]


def test_rounding_prints_sentences_from_rounded_numbers():
    section = Section(
        "s", "1", "S", tables=(area_table(), knives(2)), findings=(homicide_finding(2),)
    )
    (finding,) = public(section, method="round").sections[0].findings
    assert finding.text == "There were 45 robberies in 2024/25; 0 involved knives."


def test_every_short_note_says_counts_are_rounded_when_they_are():
    from svsna.config.definition import Disclosure
    from svsna.results import Edition

    rounded = Disclosure(method="round", base=5)
    note = Edition.PUBLIC.disclosure_note(4, "[c]", rounded_to=rounded.rounded_to)
    assert "multiple of 5" in note and "[c]" not in note
    assert Disclosure().rounded_to is None
    assert "1 to 4" in Edition.PUBLIC.disclosure_note(4, "[c]", rounded_to=None)


def shares_of_areas() -> Table:
    """Three areas' offences and each one's share of all (withheld whenever one is)."""
    data = pd.DataFrame(
        {"area": ["A", "B", "C"], "offences": [40, 30, 3], "share": [54.8, 41.1, 4.1]}
    )
    return Table(
        "areas",
        "Areas",
        data,
        count_columns=("offences",),
        derived_columns={"share": ("offences",)},
        derived_within={"share": ()},
    )


def area_a_finding(withheld_text: str = "") -> Finding:
    where = {"area": "A"}
    return Finding(
        "a",
        "A had 40 (54.8% of all).",
        cites={"a": Cells("areas", "offences", where), "s": Cells("areas", "share", where)},
        withheld_text=withheld_text,
    )


def test_a_sentence_citing_a_withheld_share_is_left_out():
    section = Section("s", "1", "S", tables=(shares_of_areas(),), findings=(area_a_finding(),))
    out = public(section).sections[0]
    assert out.tables[0].data["share"].tolist() == [C, C, C]
    assert out.findings == ()


def test_a_withheld_form_may_leave_a_withheld_number_out():
    finding = area_a_finding(withheld_text="A had {a}.")
    section = Section("s", "1", "S", tables=(shares_of_areas(),), findings=(finding,))
    (out,) = public(section).sections[0].findings
    assert out.text == "A had 40."


def test_a_heat_map_keeps_every_hour_and_day_whatever_is_withheld():
    # Hours 1-4 are numbers at or under the threshold: protection withholds
    # counts, never the dimension a count is placed by.
    days = ["Mon", "Tue"]
    data = pd.DataFrame(
        {
            "day": [d for d in days for _ in range(24)],
            "hour": list(range(24)) * 2,
            "count": [(h * 7 + len(d)) % 11 for d in days for h in range(24)],
        }
    )
    table = Table("day_hour", "Day by hour", data, count_columns=("count",))
    for x, y in (("day", "hour"), ("hour", "day")):
        chart = Chart("h", "H", "heatmap", data, x=x, y=y, color="count", alt_text="x",
                      source=table, tooltip=("hour", "day"))  # fmt: skip
        drawn = public(Section("s", "1", "S", charts=(chart,))).sections[0].charts[0].data
        assert drawn["hour"].tolist() == data["hour"].tolist()
        assert drawn["day"].tolist() == data["day"].tolist()
        assert drawn["count"].isna().any() and drawn["count"].notna().any()
