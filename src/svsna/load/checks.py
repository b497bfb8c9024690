"""Every contract rule as SQL over one file's raw values.

For each contract column the query computes, from the file's own value
(text from a CSV file, typed or text from a Parquet file): ``p``, the value
parsed (NULL when empty or when it does not parse), and ``f``, the rule it
breaks (NULL when none). The value loaded is ``p`` unless a rule is broken. A
broken required value rejects its row; a broken optional one is set to
unknown and the row stays (the contract's "every crime counts").

Text is matched exactly first and trimmed of surrounding spaces only when that
fails, so the common case costs one regular-expression match per value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pyarrow as pa

from svsna.contract import Column, Kind, TableSchema
from svsna.load.rules import Rule

#: Arrow type of each kind once loaded.
ARROW_TYPES: dict[Kind, pa.DataType] = {
    Kind.TEXT: pa.string(),
    Kind.INTEGER: pa.int64(),
    Kind.NUMBER: pa.float64(),
    Kind.DATE: pa.date32(),
    Kind.TIME: pa.time64("us"),
    Kind.TIMESTAMP: pa.timestamp("us"),
    Kind.BOOLEAN: pa.bool_(),
}
TRUE = ("true", "yes", "y", "1", "t")
FALSE = ("false", "no", "n", "0", "f")
INVALID: dict[Kind, Rule] = {
    Kind.INTEGER: Rule.INVALID_INTEGER,
    Kind.NUMBER: Rule.INVALID_NUMBER,
    Kind.DATE: Rule.INVALID_DATE,
    Kind.TIME: Rule.INVALID_TIME,
    Kind.TIMESTAMP: Rule.INVALID_TIMESTAMP,
    Kind.BOOLEAN: Rule.INVALID_BOOLEAN,
}
INTEGER_RE = r"[+-]?[0-9]{1,15}(\.0*)?"
NUMBER_RE = r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"
ISO_DATE_RE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
UK_DATE_RE = r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"
TIME_RE = r"([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?"
OFFSET_RE = r"(Z|[+-][0-9]{2}:?[0-9]{2})"
TIMESTAMP_RE = (
    rf"{ISO_DATE_RE}([T ][0-9]{{2}}:[0-9]{{2}}(:[0-9]{{2}}(\.[0-9]+)?)?)?{OFFSET_RE}?"
)
STRIP_RE = r"^[\s\p{Z}]+|[\s\p{Z}]+$"
NUMERIC_TYPES = (
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "FLOAT",
    "DOUBLE",
)
INTEGER_TYPES = NUMERIC_TYPES[:5] + tuple(f"U{t}" for t in NUMERIC_TYPES[:5])
LINE = "__line"
REJECTED = "__rejected"
FAULTS = "__faults"
WRITTEN = "__written"
FILE = "__file"


@dataclass(frozen=True)
class Field:
    """Where a column's values come from in one file: a SQL expression and its DuckDB type."""

    sql: str
    sql_type: str = "VARCHAR"


def quote(name: str) -> str:
    """A SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def check_sql(
    schema: TableSchema,
    fields: dict[str, Field],
    extras: dict[str, Field | None],
    relation: str,
    *,
    line_sql: str | None,
    today: dt.date,
) -> str:
    """One query over ``relation`` giving, per row, loaded values, faults and the verdict.

    ``fields`` maps contract columns present in the files to their source;
    ``extras`` maps every extra column of the table to its source (None
    when these files lack it); ``relation`` has a ``__file`` column naming
    each row's file. Result columns: each contract column, each extra
    column, ``source_file``; ``__faults`` and ``__written``, NULL when the
    row breaks no rule, else one entry per contract column (the rule broken
    and the value as written, both NULL where none); the ``__rejected``
    verdict; and ``__line`` when ``line_sql`` is given.
    """
    raw, parsed, faults, out = [f"{FILE} AS fn"], ["fn"], ["fn"], []
    for i, column in enumerate(schema.columns):
        field = fields.get(column.name)
        raw.append(f"{'NULL' if field is None else field.sql} AS s{i}")
        parsed.append(f"s{i}, {_parse(column, f's{i}', field)} AS p{i}")
        fault = _fault(column, f"p{i}", f"s{i}", field, today)
        faults.append(f"s{i}, p{i}, {fault} AS f{i}")
        out.append(_loaded(column, i, today))
    for j, (name, field) in enumerate(extras.items()):
        source = "NULL" if field is None else _text(field, f"x{j}")
        raw.append(f"{'NULL' if field is None else field.sql} AS x{j}")
        parsed.append(f"{_clean(source) if field else 'CAST(NULL AS VARCHAR)'} AS x{j}")
        faults.append(f"x{j}")
        out.append(f"x{j} AS {quote(name)}")
    out.append("parse_filename(fn) AS source_file")
    out += _fault_lists(schema, fields)
    required = [f"f{i} IS NOT NULL" for i, c in enumerate(schema.columns) if c.required]
    out.append(f"({' OR '.join(required) or 'false'}) AS {REJECTED}")
    if line_sql is not None:
        raw.append(f"{line_sql} AS {LINE}")
        parsed.append(LINE)
        faults.append(LINE)
        out.append(LINE)
    return (
        f"SELECT {', '.join(out)} FROM (SELECT {', '.join(faults)} FROM ("
        f"SELECT {', '.join(parsed)} FROM (SELECT {', '.join(raw)} FROM {relation})))"
    )


def _fault_lists(schema: TableSchema, fields: dict[str, Field]) -> list[str]:
    """``__faults`` and ``__written``: NULL for a row without faults (most rows)."""
    count = len(schema.columns)
    broken = " OR ".join(f"f{i} IS NOT NULL" for i in range(count))
    rules = ", ".join(f"f{i}" for i in range(count))
    written = []
    for i, column in enumerate(schema.columns):
        field = fields.get(column.name)
        text = "NULL" if field is None else _text(field, f"s{i}")
        written.append(
            f"CASE WHEN f{i} IS NOT NULL THEN COALESCE(left({text}, 200), '') END"
        )
    return [
        f"CASE WHEN {broken} THEN [{rules}] END AS {FAULTS}",
        f"CASE WHEN {broken} THEN [{', '.join(written)}] END AS {WRITTEN}",
    ]


def _edges(text: str) -> str:
    return f"({text} LIKE ' %' OR {text} LIKE '% ')"


def _strip(text: str) -> str:
    return f"regexp_replace({text}, {literal(STRIP_RE)}, '', 'g')"


def _clean(text: str) -> str:
    """Text trimmed of surrounding spaces, NULL when empty."""
    return (
        f"CASE WHEN {_edges(text)} THEN NULLIF({_strip(text)}, '') "
        f"ELSE NULLIF({text}, '') END"
    )


def _typed(column: Column, field: Field | None) -> bool:
    """Whether a Parquet value already has the column's type (no text parsing)."""
    if field is None or column.vocabulary is not None:
        return False
    sql_type = field.sql_type.upper()
    numeric = sql_type in NUMERIC_TYPES or sql_type.startswith("DECIMAL")
    return {
        Kind.INTEGER: numeric,
        Kind.NUMBER: numeric,
        Kind.DATE: sql_type == "DATE",
        Kind.TIME: sql_type in ("TIME", "TIME WITH TIME ZONE"),
        Kind.TIMESTAMP: sql_type
        in ("TIMESTAMP", "DATE", "TIMESTAMP_NS", "TIMESTAMP_MS"),
        Kind.BOOLEAN: sql_type == "BOOLEAN",
    }.get(column.kind, False)


def _text(field: Field, s: str) -> str:
    """Source ``s`` as the text a CSV would hold."""
    return s if field.sql_type.upper() == "VARCHAR" else _as_text(s, field.sql_type)


def _parse(column: Column, s: str, field: Field | None) -> str:
    """The value of source ``s`` parsed, NULL when empty or unparsable."""
    if field is None:
        return f"CAST(NULL AS {_SQL_TYPES[column.kind]})"
    if _typed(column, field):
        return _parse_typed(column, s)
    text = _text(field, s)
    if column.kind is Kind.TEXT and column.vocabulary is None:
        return _clean(text)
    if column.vocabulary is not None:
        cases = " ".join(
            f"WHEN {literal(k)} THEN {literal(v)}" for k, v in column.vocabulary.items()
        )
        return f"CASE lower({_clean(text)}) {cases} END"
    kind = column.kind
    stripped = _parsed(kind, _strip(text))
    return f"COALESCE({_parsed(kind, text)}, CASE WHEN {_edges(text)} THEN {stripped} END)"


def _as_text(s: str, sql_type: str) -> str:
    """A typed Parquet value as the text a CSV would hold (12.0 as 12)."""
    if sql_type.upper() in ("FLOAT", "DOUBLE"):
        return (
            f"CASE WHEN {s} = trunc({s}) AND abs({s}) < 1e15 "
            f"THEN CAST(CAST({s} AS BIGINT) AS VARCHAR) ELSE CAST({s} AS VARCHAR) END"
        )
    return f"CAST({s} AS VARCHAR)"


def _parse_typed(column: Column, s: str) -> str:
    if column.kind is Kind.INTEGER:
        return (
            f"CASE WHEN {s} = trunc({s}) AND abs({s}) < 1e15 "
            f"THEN CAST({s} AS BIGINT) END"
        )
    if column.kind is Kind.NUMBER:
        return f"CASE WHEN isfinite(CAST({s} AS DOUBLE)) THEN CAST({s} AS DOUBLE) END"
    return f"CAST({s} AS {_SQL_TYPES[column.kind]})"


def _matched(pattern: str, text: str, value: str) -> str:
    return f"CASE WHEN regexp_full_match({text}, {literal(pattern)}) THEN {value} END"


#: How each kind's text becomes its value: the patterns it may match, each
#: with the SQL cast of the text ``{t}`` (the first that matches wins).
_PARSES = {
    Kind.INTEGER: ((INTEGER_RE, "CAST(CAST({t} AS DOUBLE) AS BIGINT)"),),
    Kind.NUMBER: (
        (
            NUMBER_RE,
            "CASE WHEN isfinite(TRY_CAST({t} AS DOUBLE)) "
            "THEN TRY_CAST({t} AS DOUBLE) END",
        ),
    ),
    Kind.DATE: (
        (ISO_DATE_RE, "TRY_CAST({t} AS DATE)"),
        (UK_DATE_RE, "CAST(try_strptime({t}, '%d/%m/%Y') AS DATE)"),
    ),
    Kind.TIME: ((TIME_RE, "TRY_CAST({t} AS TIME)"),),
    Kind.TIMESTAMP: (
        (
            TIMESTAMP_RE,
            f"TRY_CAST(regexp_replace({{t}}, {literal(OFFSET_RE + '$')}, '') "
            "AS TIMESTAMP)",
        ),
    ),
}


def _parsed(kind: Kind, t: str) -> str:
    """SQL: the text ``t`` as a value of ``kind``, NULL when no pattern matches."""
    if kind is Kind.BOOLEAN:
        return _boolean(t)
    parsed = [_matched(p, t, cast.replace("{t}", t)) for p, cast in _PARSES[kind]]
    return parsed[0] if len(parsed) == 1 else f"COALESCE({', '.join(parsed)})"


def _boolean(t: str) -> str:
    spellings = ", ".join(literal(v) for v in TRUE + FALSE)
    truth = ", ".join(literal(v) for v in TRUE)
    return f"CASE WHEN lower({t}) IN ({spellings}) THEN lower({t}) IN ({truth}) END"


_SQL_TYPES = {
    Kind.TEXT: "VARCHAR",
    Kind.INTEGER: "BIGINT",
    Kind.NUMBER: "DOUBLE",
    Kind.DATE: "DATE",
    Kind.TIME: "TIME",
    Kind.TIMESTAMP: "TIMESTAMP",
    Kind.BOOLEAN: "BOOLEAN",
}


def _fault(column: Column, p: str, s: str, field: Field | None, today: dt.date) -> str:
    """The rule the value breaks, or NULL: empty, unparsable, then out of bounds."""
    if field is None or _typed(column, field):
        empty = f"{s} IS NULL"
    else:
        text = _text(field, s)
        empty = (
            f"{s} IS NULL OR {text} = '' OR ({_edges(text)} AND {_strip(text)} = '')"
        )
    missing = literal(Rule.MISSING_VALUE) if column.required else "NULL"
    invalid = (
        Rule.NOT_IN_VOCABULARY
        if column.vocabulary is not None
        else INVALID.get(column.kind)
    )
    unparsed = literal(invalid) if invalid else "NULL"
    checks = [
        f"WHEN {p} IS NULL THEN CASE WHEN {empty} THEN {missing} ELSE {unparsed} END"
    ]
    checks += [f"WHEN {c} THEN {literal(r)}" for c, r in _bounds(column, p, today)]
    return f"CASE {' '.join(checks)} END"


#: Characters XML 1.0 cannot hold (so neither can Word, Excel, SVG charts nor Typst's
#: input), NUL aside (its own rule) and tab, line feed and carriage return allowed.
CONTROL = r"[\x01-\x08\x0b\x0c\x0e-\x1f\x{FFFE}\x{FFFF}]"


def _bounds(column: Column, p: str, today: dt.date) -> list[tuple[str, Rule]]:
    """Checks on a parsed value: range, not in the future, no NUL or control character."""
    found: list[tuple[str, Rule]] = []
    limits = []
    if column.minimum is not None:
        limits.append(f"{p} < {column.minimum!r}")
    if column.maximum is not None:
        limits.append(f"{p} > {column.maximum!r}")
    if limits:
        found.append((" OR ".join(limits), Rule.OUT_OF_RANGE))
    if column.not_future and column.kind is Kind.DATE:
        found.append((f"{p} > DATE '{today.isoformat()}'", Rule.FUTURE_DATE))
    elif column.not_future:
        tomorrow = today + dt.timedelta(days=1)
        found.append((f"{p} >= TIMESTAMP '{tomorrow.isoformat()}'", Rule.FUTURE_DATE))
    if column.kind is Kind.TEXT and column.vocabulary is None:
        found.append((f"contains({p}, chr(0))", Rule.NUL_BYTE))
        found.append((f"regexp_matches({p}, {literal(CONTROL)})", Rule.CONTROL_CHARACTER))
    return found


def _loaded(column: Column, i: int, today: dt.date) -> str:
    """The value loaded: the parsed one, unless a check on it failed."""
    if _bounds(column, f"p{i}", today):
        return f"CASE WHEN f{i} IS NULL THEN p{i} END AS {quote(column.name)}"
    return f"p{i} AS {quote(column.name)}"


def arrow_schema(schema: TableSchema, extras: list[str]) -> pa.Schema:
    """The Arrow schema of a checked table: contract columns, extras, then the source."""
    fields = [pa.field(c.name, ARROW_TYPES[c.kind]) for c in schema.columns]
    fields += [pa.field(name, pa.string()) for name in extras]
    fields += [
        pa.field("source_file", pa.string()),
        pa.field("source_line", pa.int64()),
    ]
    return pa.schema(fields)
