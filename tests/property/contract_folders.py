"""Hypothesis strategies for data folders in the contract's form, and nothing tuned to svsna.

A folder is drawn as plain data (:class:`Folder`: each table's header and
rows of text or None), so that Hypothesis can shrink it and a failing one can
be written to ``tests/data/nasty/`` and replayed. Any subset of the contract's
tables is drawn, from 0 rows up, each optional column sometimes left out,
every cell sometimes empty, sometimes hostile (markup, formulas, bidi
overrides, emoji, 300 characters, SQL), sometimes any unicode; dates over any
span from 1990 to beyond today, ISO or day-first. Values mostly come from one
small "world" (districts, neighbourhoods, LSOAs, a centre point), so that the
tables meet each other and the chapters have something to compute.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

from svsna.config import load_definition
from svsna.contract import CONTRACT, Column, Kind

TODAY = dt.date(2026, 11, 27)  # SVSNA_TODAY in the tests
HOSTILE = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "</td></tr></table><h1>x</h1>",
    "Derby\u202eevil\u202c",
    "\u200f\u202bright-to-left\u202c",
    "knife 🔪 crime 😀",
    "\"quoted\", 'single' & <angle>",
    "=HYPERLINK(\"http://example.com\",\"click\")",
    "=1+2",
    "+44 1234",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTAB",
    "\rCR",
    "x" * 300,
    "'; DROP TABLE occurrences; --",
    '"; SELECT 1; --',
    "{{ 7*7 }}{% raw %}",
    "#set page(paper: \"a3\") #panic(\"x\") $x$ *bold* _it_ @ref <label>",
    "\\ \\\\ \\n",
    "NULL",
    "unknown",
    "total",
    " ",
    "multi\nline",
    "../../escape",
    "CON",
    "a/b\\c:d*e?f",
    "[click](http://evil.example)",
    "$$note$$",
    "—",
    "*",
    "Ctl\x0bVT\x1bESC",
)
PLACES = ("Derby", "Amber Valley", "High Peak", "Bolsover", "Erewash", "Chesterfield")
CODES = tuple(sorted({c for g in load_definition(None).offence_groups for c in g.codes}))
LOCATIONS = ("dwelling", "street", "school", "education establishment", "licensed premises")
ID_COLUMNS = {"occurrence_id", "person_id", "attendance_id", "incident_id", "offence_id",
              "case_id", "urn"}  # fmt: skip


@dataclass
class Folder:
    """A data folder as data: table name -> (header, rows), each cell text or None."""

    tables: dict[str, tuple[list[str], list[list[str | None]]]] = field(
        default_factory=dict
    )

    def write(self, folder: Path) -> None:
        """Write every table as ``<name>.csv`` (UTF-8, every field quoted when needed)."""
        folder.mkdir(parents=True, exist_ok=True)
        for name, (header, rows) in self.tables.items():
            with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(header)
                writer.writerows([["" if v is None else v for v in row] for row in rows])


@dataclass(frozen=True)
class World:
    """What the tables of one folder share, so that they meet."""

    districts: tuple[str, ...]
    neighbourhoods: tuple[tuple[str, str], ...]
    lsoas: tuple[str, ...]
    first_day: dt.date
    span_days: int
    easting: int
    northing: int


def any_text() -> st.SearchStrategy[str]:
    """Unicode without surrogates or control characters (the loader's own tests take those)."""
    return st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)


def names() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(PLACES), st.sampled_from(HOSTILE), any_text())


@st.composite
def worlds(draw: st.DrawFn) -> World:
    districts = tuple(draw(st.lists(names(), min_size=1, max_size=3, unique=True)))
    hoods = draw(
        st.lists(
            st.tuples(names(), st.sampled_from(districts)),
            max_size=4,
            unique_by=lambda pair: pair[0],
        )
    )
    lsoas = draw(st.lists(st.from_regex(r"E0[0-9]{7}", fullmatch=True), max_size=3))
    return World(
        districts=districts,
        neighbourhoods=tuple(hoods),
        lsoas=tuple(dict.fromkeys(lsoas)),
        first_day=draw(st.dates(dt.date(1990, 1, 1), TODAY)),
        span_days=draw(st.sampled_from([0, 1, 31, 200, 400, 800, 1500, 3700, 12000])),
        easting=draw(st.integers(400_000, 460_000)),
        northing=draw(st.integers(320_000, 400_000)),
    )


def dates(world: World) -> st.SearchStrategy[str]:
    """A day of the world's span (ISO or day-first), now and then a future or broken one."""
    days = st.integers(0, world.span_days).map(
        lambda n: world.first_day + dt.timedelta(days=n)
    )
    return st.one_of(
        days.map(dt.date.isoformat),
        days.map(dt.date.isoformat),
        days.map(lambda d: d.strftime("%d/%m/%Y")),
        st.sampled_from(["2099-01-01", "31/02/2024", "2024-13-01", "yesterday", "0000-00-00"]),
    )


def polygons(world: World) -> st.SearchStrategy[str]:
    def square(offset: tuple[int, int, int]) -> str:
        x, y, size = world.easting + offset[0], world.northing + offset[1], offset[2]
        ring = [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]
        return "POLYGON ((" + ", ".join(f"{a} {b}" for a, b in ring) + "))"

    return st.one_of(
        st.tuples(
            st.integers(-3000, 3000), st.integers(-3000, 3000), st.integers(1, 4000)
        ).map(square),
        st.sampled_from(["POLYGON ((", "POINT (1 2)", "not wkt", "POLYGON EMPTY"]),
    )


def vocabulary(column: Column) -> st.SearchStrategy[str]:
    spellings = sorted(column.vocabulary or {})
    return st.one_of(
        st.sampled_from(spellings),
        st.sampled_from(spellings).map(str.upper),
        st.sampled_from(spellings),
        any_text(),
    )


def numbers(column: Column, world: World) -> st.SearchStrategy[str]:
    if column.name in ("easting", "northing"):
        centre = world.easting if column.name == "easting" else world.northing
        return st.integers(centre - 4000, centre + 4000).map(str)
    if column.name == "latitude":
        return st.floats(52.6, 53.5).map(lambda v: f"{v:.5f}")
    if column.name == "longitude":
        return st.floats(-2.0, -1.2).map(lambda v: f"{v:.5f}")
    low = int(column.minimum) if column.minimum is not None else -5
    high = int(column.maximum) if column.maximum is not None else 100_000
    fitting = st.integers(low, high).map(str)
    return st.one_of(
        fitting, fitting, fitting, st.sampled_from(["-1", "1e9", "12.5", "n/a", "1,000"])
    )


def text_for(column: Column, world: World) -> st.SearchStrategy[str]:
    name = column.name
    if name == "district":
        return st.one_of(st.sampled_from(world.districts), names())
    if name == "neighbourhood" and world.neighbourhoods:
        return st.one_of(st.sampled_from([n for n, _ in world.neighbourhoods]), names())
    if name == "lsoa_code" and world.lsoas:
        return st.sampled_from(world.lsoas)
    if name == "offence_code":
        return st.one_of(st.sampled_from(CODES), st.sampled_from(CODES), any_text())
    if name == "geometry_wkt":
        return polygons(world)
    if name == "location_type":
        return st.one_of(st.sampled_from(LOCATIONS), names())
    if name in ("year", "academic_year"):
        return st.one_of(
            st.integers(1990, 2030).map(lambda y: f"{y}/{(y + 1) % 100:02d}"),
            st.integers(1990, 2030).map(str),
            names(),
        )
    if name in ID_COLUMNS:
        return st.from_regex(r"[A-Z]{1,2}[0-9]{1,3}", fullmatch=True)
    return st.one_of(names(), st.sampled_from(HOSTILE))


def values(column: Column, world: World) -> st.SearchStrategy[str | None]:
    """Any value a partnership might put in this column, empty now and then."""
    kind = column.kind
    if column.vocabulary:
        filled = vocabulary(column)
    elif kind in (Kind.INTEGER, Kind.NUMBER):
        filled = numbers(column, world)
    elif kind == Kind.DATE:
        filled = dates(world)
    elif kind == Kind.TIME:
        filled = st.one_of(
            st.times().map(lambda t: t.strftime("%H:%M")),
            st.sampled_from(["25:61", "7", "noon"]),
        )
    elif kind == Kind.TIMESTAMP:
        filled = dates(world).map(lambda d: f"{d}T13:45:00+00:00")
    elif kind == Kind.BOOLEAN:
        filled = st.sampled_from(["true", "false", "yes", "no", "Y", "N", "1", "0", "maybe"])
    else:
        filled = text_for(column, world)
    return st.one_of(st.none(), filled, filled, filled)


@st.composite
def tables(
    draw: st.DrawFn, name: str, world: World, max_rows: int, ids: tuple[str, ...] = ()
) -> tuple[list[str], list[list[str | None]]]:
    """One table: a header (optional columns sometimes left out) and 0 to ``max_rows`` rows."""
    schema = CONTRACT[name]
    columns = [c for c in schema.columns if c.required or draw(st.booleans())]
    strategies = [
        st.one_of(st.sampled_from(ids), values(c, world))
        if c.references and ids
        else values(c, world)
        for c in columns
    ]
    rows = draw(st.lists(st.tuples(*strategies).map(list), max_size=max_rows))
    return [c.header or c.name for c in columns], rows


@st.composite
def folders(draw: st.DrawFn, max_rows: int = 12) -> Folder:
    """A folder: any subset of the contract's tables, the two required ones nearly always."""
    world = draw(worlds())
    folder = Folder()
    for name, schema in CONTRACT.items():
        wanted = draw(st.integers(0, 9)) > 0 if schema.required else draw(st.booleans())
        if not wanted:
            continue
        ids: tuple[str, ...] = ()
        if name == "persons" and "occurrences" in folder.tables:
            header, rows = folder.tables["occurrences"]
            ids = tuple(str(r[0]) for r in rows if r[0]) or ("none",)
        size = 2 * max_rows if name in ("occurrences", "persons") else max_rows
        folder.tables[name] = draw(tables(name, world, size, ids))
    return folder
