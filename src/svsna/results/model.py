"""Plain results: what analyses return and renderers read.

An analysis returns a :class:`Section` of tables (stable ids, data, caption,
notes), chart specifications (data plus encodings, never drawn here) and
findings (numbers with their meaning). Renderers format these for a medium and
never query. Everything is frozen: a result, once made, does not change.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from svsna.results.edition import Edition

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas as pd

    from svsna.results.relations import Cells, DerivedFrom, Margin

ChartKind = Literal["line", "bar", "stacked_bar", "heatmap", "pie", "map", "scatter"]


@dataclass(frozen=True)
class Table:
    """A table of the report.

    ``count_columns`` are counts of people or occurrences (small ones are
    suppressed in the public edition); ``derived_columns`` maps each rate or
    percentage column to the count columns it is built from, so that it is
    suppressed with them. ``total_rows`` are the positions of rows that are
    totals of the other rows sharing their labels (a ``total`` group, an
    ``all years`` period); ``total_columns`` maps a count column that is the
    sum of other count columns of the same row to those columns. Both let the
    public edition hide enough cells that no ``[c]`` can be worked out from a
    total. ``person_level`` tables (one row per person) are left out of the
    public edition. ``fixed_form`` marks tables whose columns ``outputs.md``
    fixes.

    The public edition protects all tables together, so a table also declares
    how its counts meet other numbers: ``margins`` are sums across tables (or
    within this one) that total rows and columns do not say, such as districts
    adding up to the area; ``shares`` maps a percentage column to the labels
    of the rows it is a share within (a printed share beside a printed count
    gives the group's total away); ``derived_within`` maps a derived column to
    the labels of the rows whose counts it is built from together (a trend
    line, a share repeated on every row of a year, a weighted total such as a
    cost), so that it is withheld whenever one of them is. ``derived_from``
    names columns built on another table's counts (a share printed without
    its counts), withheld with them.
    """

    id: str
    title: str
    data: pd.DataFrame
    caption: str = ""
    notes: tuple[str, ...] = ()
    count_columns: tuple[str, ...] = ()
    derived_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    total_rows: tuple[int, ...] = ()
    fixed_form: bool = False
    total_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    person_level: bool = False
    margins: tuple[Margin, ...] = ()
    shares: dict[str, tuple[str, ...]] = field(default_factory=dict)
    derived_within: dict[str, tuple[str, ...]] = field(default_factory=dict)
    derived_from: tuple[DerivedFrom, ...] = ()

    def with_data(self, data: pd.DataFrame) -> Table:
        """The same table with other data (e.g. after suppression)."""
        return replace(self, data=data)


@dataclass(frozen=True)
class Chart:
    """A chart specification: the data and how to encode it, not a drawing.

    ``x``, ``y`` and ``color`` name columns of ``data``; ``alt_text`` is the
    text alternative every chart must carry. A ``map`` has one row per area,
    ``geometry`` naming a column of GeoJSON geometries (WGS84, as text or
    dict) and ``y`` the value that colours it; ``x`` names the area. ``tooltip``
    lists extra columns shown on hover.

    ``table`` names the table whose cells the chart draws: the public edition
    draws only what that table shows after protection, matching rows by their
    labels (``measure_column``, for a table melted to long form, names the
    column saying which of the table's columns a row's value comes from).
    ``source`` is the chart's own table of counts when they are printed in no
    table (a heat map); it joins the protection but is never printed. An
    ``alt_text`` holding ``{values}`` has it replaced by the drawn values.
    lists extra columns shown on hover. ``breaks`` marks series breaks (a
    change of definition): each an ``x`` value and the words shown at it.
    ``places`` names a map's districts where they lie: (name, longitude,
    latitude) in WGS84.
    """

    id: str
    title: str
    kind: ChartKind
    data: pd.DataFrame
    x: str
    y: str
    alt_text: str
    color: str | None = None
    x_title: str | None = None
    y_title: str | None = None
    trend_column: str | None = None
    geometry: str | None = None
    tooltip: tuple[str, ...] = ()
    table: str | None = None
    measure_column: str | None = None
    source: Table | None = None
    breaks: tuple[tuple[str, str], ...] = ()
    places: tuple[tuple[str, float, float], ...] = ()


@dataclass(frozen=True)
class Finding:
    """A number with its meaning, e.g. serious violence 2023/24 → 2024/25.

    ``current``/``previous`` are the two values compared; ``change`` and
    ``pct_change`` follow from them; ``significant`` says whether the change
    passed its test (None when no test applies); ``text`` is the sentence
    generated from these numbers. ``test`` says in words what was tested (and
    how), so that the reader of ``findings.json`` or the report knows what an
    arrow rests on; ``headline`` marks a measure the definition declares a
    headline (its arrow is not adjusted for multiplicity). ``lower``/``upper``
    are the confidence limits of ``current`` when it is a rate or a share.
    ``cites`` names the table cells each number of the sentence comes from, so
    that the public edition can check them; ``withheld_text`` is the sentence
    to print when one of them is withheld, with ``{name}`` where each cited
    number goes (it then reads "fewer than 5", say).
    """

    id: str
    text: str
    current: float | None = None
    previous: float | None = None
    current_label: str = ""
    previous_label: str = ""
    significant: bool | None = None
    p_value: float | None = None
    unit: str = ""
    test: str | None = None
    headline: bool = False
    lower: float | None = None
    upper: float | None = None
    cites: Mapping[str, Cells] = field(default_factory=dict)
    withheld_text: str = ""

    @property
    def change(self) -> float | None:
        """Current minus previous."""
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def pct_change(self) -> float | None:
        """Change as a percentage of previous (None when previous is 0)."""
        if self.change is None or not self.previous:
            return None
        return 100.0 * self.change / self.previous

    @property
    def direction(self) -> Literal["up", "down", "same"]:
        """Arrow direction shown only when the change is significant."""
        if not self.significant or not self.change:
            return "same"
        return "up" if self.change > 0 else "down"

    @property
    def compared(self) -> tuple[str, str] | None:
        """The two periods (or groups) compared, earlier first; None for a level."""
        if not self.previous_label or not self.current_label:
            return None
        return (self.previous_label, self.current_label)


@dataclass(frozen=True)
class Callout:
    """A national figure shown beside local results, never mixed into them.

    ``value`` with its ``unit`` is the big number; ``figure`` says what it
    counts; ``period``, ``source`` and ``source_date`` say where it comes from
    (the optional ``national_context`` input).
    """

    id: str
    figure: str
    value: float
    source: str
    unit: str = ""
    period: str = ""
    source_date: str = ""


@dataclass(frozen=True)
class Section:
    """One chapter of the report.

    ``missing_inputs`` names the contract tables whose absence left it out;
    ``not_computed`` says why a chapter whose inputs were there could not be
    computed from them. Either way the section holds no tables and is
    rendered as one line.
    ``callouts`` are national figures shown as boxes beside the section.
    ``reference`` is the chapter's number in the Derby and Derbyshire SNA
    2025, which the methods list as a cross-reference.
    """

    id: str
    number: str
    title: str
    summary: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    findings: tuple[Finding, ...] = ()
    missing_inputs: tuple[str, ...] = ()
    callouts: tuple[Callout, ...] = ()
    not_computed: str = ""
    reference: str = ""

    @property
    def available(self) -> bool:
        """Whether the section could be computed."""
        return not self.missing_inputs and not self.not_computed


@dataclass(frozen=True)
class Report:
    """Every section of one build, with what a renderer needs to label it.

    ``profiles`` holds one section per district (its ``title`` the district's
    name), rendered as ``profiles/<district>.html`` and ``.pdf``.
    """

    title: str
    area_name: str
    period_label: str
    edition: Edition
    sections: tuple[Section, ...]
    definition_name: str
    generated_on: str
    data_quality: tuple[str, ...] = ()
    profiles: tuple[Section, ...] = ()

    def __post_init__(self) -> None:
        # The edition may be given by name ("public"); it is always held as the enum.
        object.__setattr__(self, "edition", Edition(self.edition))

    def tables(self) -> list[Table]:
        """Every table of every section, in report order."""
        return [t for s in self.sections for t in s.tables]
