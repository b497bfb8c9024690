"""Rendered tables: snapshots of their HTML, formatting rules and the editions."""

from __future__ import annotations

import numpy as np
import pandas as pd
from report_sample import sample_report, yearly_table

from svsna.config import load_definition
from svsna.report.document import environment
from svsna.report.edition import edition_report
from svsna.report.view import Arrow, arrow, table_view
from svsna.results import Finding, Section, Table
from svsna.results.findings import record


def rendered(table: Table, *, sortable: bool = True) -> str:
    template = environment().from_string(
        '{% import "macros.html.j2" as m with context %}{{ m.table(t, sortable=s) }}'
    )
    return template.render(
        t=table_view(table), s=sortable, threshold=4, tables_href="tables/"
    )


def test_public_sv_yearly_table_html(snapshot):
    definition = load_definition(None)
    public = edition_report(sample_report("public"), definition=definition)
    assert rendered(public.sections[0].tables[0]) == snapshot


def test_restricted_sv_yearly_table_html(snapshot):
    assert rendered(yearly_table(), sortable=False) == snapshot


def test_numbers_are_formatted_once_per_column():
    data = pd.DataFrame(
        {
            "year": [2023, 2024],
            "hour": [0, 23],
            "count": [2523, 12],
            "pct": [14.04, 5.0],
            "rate": [1.25, 0.5],
        }
    )
    view = table_view(Table("t", "T", data))
    texts = [[c.text for c in row] for row in view.rows]
    # Labels stay plain; counts get separators; a column keeps the decimals the
    # analysis rounded it to (at most 2), the same on every row.
    assert texts == [
        ["2023", "0", "2,523", "14.04", "1.25"],
        ["2024", "23", "12", "5.00", "0.50"],
    ]
    assert view.headers == ("Year", "Hour", "Count", "Share (%)", "Rate")


def test_arrow_only_for_significant_changes():
    section = Section("s", "1", "S")

    def shown(finding: Finding) -> Arrow | None:
        return arrow(record(section, finding), alpha=0.05)

    fell = Finding("a", "x", current=72, previous=100, significant=True, p_value=0.03)
    same = Finding("b", "x", current=3, previous=9, significant=False, p_value=0.15)
    none = Finding("c", "x")
    assert shown(fell).symbol == "▼"
    assert shown(same).symbol == "↔"
    assert shown(none) is None
    rose = Finding("d", "x", current=120, previous=100, significant=True)
    assert shown(rose).direction == "up"


def test_person_level_tables_are_left_out_of_the_public_edition():
    definition = load_definition(None)
    report = sample_report("public")
    people = Table(
        "top_people", "People", pd.DataFrame({"id": ["P1"]}), person_level=True
    )
    section = report.sections[0]
    with_people = type(section)(
        **{**section.__dict__, "tables": (*section.tables, people)}
    )
    report = type(report)(**{**report.__dict__, "sections": (with_people,)})
    public = edition_report(report, definition=definition)
    assert [t.id for t in public.tables()] == ["sv_yearly"]
    restricted = type(report)(**{**report.__dict__, "edition": "restricted"})
    assert [
        t.id for t in edition_report(restricted, definition=definition).tables()
    ] == [
        "sv_yearly",
        "top_people",
    ]


def test_executive_summary_ranks_headlines_then_significant_changes_then_leads():
    from svsna.report.view import key_findings
    from svsna.results import Section

    found = (
        Finding("lead", "Lead.", significant=False),
        Finding("a", "A.", significant=True, current=2, previous=9, p_value=0.03),
        Finding("b", "B."),
        Finding("c", "C.", significant=True, current=9, previous=2, p_value=0.001),
        Finding("d", "D.", significant=True, current=1, previous=20, p_value=0.01),
    )
    chapters = (
        Section("s1", "3", "One", findings=found),
        Section("s2", "4", "Two", missing_inputs=("persons",)),
        Section("s3", "5", "Three", findings=(Finding("x", "X.", headline=True),)),
        Section("s4", "6", "Four", findings=(Finding("y", "Y."), Finding("z", "Z."))),
    )
    texts = [f.text for f in key_findings(chapters, alpha=0.05)]
    # Headline measures, then significant changes by p-value, then each other
    # chapter's lead; at most two a chapter (A. and Lead. are left out).
    assert texts == ["X.", "C.", "D.", "Y."]
    assert [f.text for f in key_findings(chapters, alpha=0.05, most=2)] == ["X.", "C."]


def test_chart_points_the_table_withholds_are_not_drawn():
    # sv_yearly hides 2022/23 homicide (2) and, as its complement, possession of
    # weapons (30): the line chart of the same rows must not draw the 30 either,
    # or 82 - 50 - 30 would give the 2 away.
    definition = load_definition(None)
    public = edition_report(sample_report("public"), definition=definition)
    trend = public.sections[0].charts[0].data
    shown = {
        (r.year, r.group): r.all for r in trend.itertuples() if not np.isnan(r.all)
    }
    assert ("2022/23", "possession of weapons") not in shown
    assert ("2024/25", "possession of weapons") not in shown
    assert shown[("2023/24", "possession of weapons")] == 31
    assert shown[("2022/23", "robbery")] == 50


def test_a_column_of_missing_counts_has_a_format() -> None:
    # Found by the nasty corpus: pandas' NA cannot be compared with "[c]".
    from svsna.report.view import column_formats

    frame = pd.DataFrame({"count": pd.array([pd.NA, pd.NA], dtype="Int64")})
    assert len(column_formats(frame)) == 1
