"""Linking people across agencies with Splink, inside the warehouse.

Each partner keeps its own person ids; the same young person may be a police
suspect, a youth-justice case, an excluded pupil and an ED patient. Where
partners share quasi-identifiers (date or year of birth, sex, postcode
district, a pseudonymised name token) this build stage links their records
with Splink's DuckDB backend and keeps the result as private warehouse
tables, which chapters read only to count:

- ``person_links``: dataset, record_id, person_key (one linked person);
- ``link_pairs``: every scored pair (its two records and match weight);
- ``link_model``: the estimated m and u probabilities of each level.

Splink runs on its own in-memory DuckDB connection over the records read
from the warehouse, so its working tables never reach the warehouse file.
The model is described by the definition (:mod:`svsna.stats.linkage`).
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NamedTuple

import duckdb
import pyarrow as pa
import pyarrow.compute

from svsna.contract.tables import LINKED_RECORDS, QUASI_IDENTIFIERS, STABLE_PERSON_IDS
from svsna.stats.linkage import blocking_rule, record_key_sql, splink_settings

if TYPE_CHECKING:
    from collections.abc import Iterator

    from svsna.config.definition import Linkage
    from svsna.warehouse.connection import Warehouse

LINKS, PAIRS, MODEL = "person_links", "link_pairs", "link_model"
#: Levels of the date of birth that agree on a whole date (a day among the span).
DATE_LEVELS = ("exact", "day_month_transposed")
#: A linkable record needs one of these: sex alone tells nobody apart (a pupil row
#: of the cohorts, too, names a pupil only with one of these).
IDENTIFYING = ("birth_date", "birth_year", "postcode_district", "name_token")


class LinkRun(NamedTuple):
    """What one linkage did: records read, people formed, pairs scored."""

    records: int
    persons: int
    pairs: int


def _text(column: str) -> str:
    return f"NULLIF(TRIM(CAST({column} AS VARCHAR)), '')"


def _rows_sql(table: str, columns: list[str]) -> str:
    """One row per input row: the record's key and its cleaned quasi-identifiers."""

    def has(c: str) -> bool:
        return c in columns

    birth_date = (
        "CAST(birth_date AS DATE)" if has("birth_date") else "CAST(NULL AS DATE)"
    )
    year = (
        "CAST(birth_year AS INTEGER)" if has("birth_year") else "CAST(NULL AS INTEGER)"
    )
    sex = (
        "CASE WHEN sex IN ('male', 'female') THEN sex END"
        if has("sex")
        else "CAST(NULL AS VARCHAR)"
    )
    postcode = (
        f"UPPER({_text('postcode_district')})" if has("postcode_district") else "NULL"
    )
    token = _text("name_token") if has("name_token") else "NULL"
    key = record_key_sql(LINKED_RECORDS[table], columns, QUASI_IDENTIFIERS)
    return (
        f"SELECT '{table}' AS dataset, {key} AS record_id, "
        f"{birth_date} AS birth_date, COALESCE(year({birth_date}), {year}) AS birth_year, "
        f"{sex} AS sex, CAST({postcode} AS VARCHAR) AS postcode_district, "
        f"CAST({token} AS VARCHAR) AS name_token FROM {table}"
    )


def records_sql(warehouse: Warehouse) -> str | None:
    """SQL: one row per linkable record, each quasi-identifier its most recorded value.

    A police person is in many rows, not always recorded alike: each field
    takes the value on most of their rows (a tie goes to the smaller value,
    so the answer never depends on row order). Records with nothing but sex
    are left out. None when no table holds a quasi-identifier.
    """
    parts = []
    for table in LINKED_RECORDS:
        if not warehouse.has_table(table):
            continue
        columns = warehouse.columns(table)
        if any(c in columns for c in IDENTIFYING):
            parts.append(_rows_sql(table, columns))
    if not parts:
        return None
    fields = ("birth_date", "birth_year", "sex", "postcode_district", "name_token")
    modes = ",\n".join(
        f"m_{f} AS (SELECT dataset, record_id, {f} FROM (SELECT dataset, record_id, {f}, "
        f"COUNT(*) AS n FROM rows WHERE {f} IS NOT NULL GROUP BY ALL) "
        f"QUALIFY row_number() OVER (PARTITION BY dataset, record_id ORDER BY n DESC, {f}) = 1)"
        for f in fields
    )
    joins = " ".join(f"LEFT JOIN m_{f} USING (dataset, record_id)" for f in fields)
    return f"""
    WITH rows AS ({" UNION ALL ".join(parts)}),
    keys AS (SELECT DISTINCT dataset, record_id FROM rows WHERE record_id IS NOT NULL),
    {modes}
    SELECT dataset || ':' || record_id AS unique_id, dataset, record_id, m_birth_date.birth_date,
           COALESCE(year(m_birth_date.birth_date), m_birth_year.birth_year) AS birth_year,
           sex, postcode_district, name_token
    FROM keys {joins}
    WHERE m_birth_date.birth_date IS NOT NULL OR m_birth_year.birth_year IS NOT NULL
       OR postcode_district IS NOT NULL OR name_token IS NOT NULL
    ORDER BY unique_id
    """


@contextmanager
def _quiet() -> Iterator[None]:
    """Splink's advice (raise max_pairs, untrained levels) is for its own users, not ours."""
    logger = logging.getLogger("splink")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
        logger.propagate = propagate


def _rule(columns: tuple[str, ...]) -> Any:
    """A blocking rule as Splink reads it (a dict it turns into its own rule object)."""
    return {
        "blocking_rule": blocking_rule(columns, STABLE_PERSON_IDS),
        "sql_dialect": "duckdb",
    }


def _rule_pairs(con: duckdb.DuckDBPyConnection, columns: tuple[str, ...]) -> int:
    """How many pairs a rule compares: agreeing on every column, not two police persons."""
    keys = ", ".join(columns)
    known = " AND ".join(f"{c} IS NOT NULL" for c in columns)
    stable = ", ".join(f"'{t}'" for t in STABLE_PERSON_IDS) or "NULL"
    row = con.execute(
        f"SELECT COALESCE(SUM(n * (n - 1) / 2 - s * (s - 1) / 2), 0) FROM ("
        f"SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE dataset IN ({stable})) AS s "
        f"FROM svsna_records WHERE {known} GROUP BY {keys})"
    ).fetchone()
    return int(row[0]) if row else 0


def _comparable_pairs(con: duckdb.DuckDBPyConnection) -> int:
    """Pairs the model may compare: every pair but two records of one stable-id table."""
    stable = ", ".join(f"'{t}'" for t in STABLE_PERSON_IDS) or "NULL"
    row = con.execute(
        f"SELECT COUNT(*), COUNT(*) FILTER (WHERE dataset IN ({stable})) FROM svsna_records"
    ).fetchone()
    n, s = (int(row[0]), int(row[1])) if row else (0, 0)
    return n * (n - 1) // 2 - s * (s - 1) // 2


def _prior(con: duckdb.DuckDBPyConnection, linkage: Linkage) -> float:
    """The chance that two comparable records are one person.

    Pairs agreeing on the prior rule, divided by its assumed recall, over the
    pairs the model may compare (pairs of two police persons are known
    different people and never compared, so they are not in the denominator).
    """
    comparable = _comparable_pairs(con)
    found = _rule_pairs(con, linkage.prior_rule) / linkage.prior_recall
    return min(max(found, 1.0) / max(comparable, 1), 0.5)


def _non_matches(records: pa.Table) -> pa.Table | None:
    """Records any two of which are known different people (police persons), if enough."""
    stable = records.filter(
        pa.compute.is_in(records.column("dataset"), pa.array(STABLE_PERSON_IDS))
    )
    return stable if stable.num_rows >= 2 else None


def _with_u(
    settings: dict[str, Any], records: pa.Table, linkage: Linkage
) -> dict[str, Any]:
    """The settings with each level's u probability: how often different people agree.

    Splink samples random pairs for this, assuming they are different people;
    two police persons are known to be (their ids are stable), so the sample
    is drawn from them when there are any, and no true match inflates u, even
    in a small area. A level never seen in the sample gets u = 1 / (2 × pairs
    sampled), or for the date-of-birth levels 1 / (days from the earliest to
    the latest birth date in it): a small sample cannot show how rarely two
    people share a birthday, but the span of birth dates bounds it.
    """
    from splink import DuckDBAPI, Linker

    sample = _non_matches(records) or records
    con = duckdb.connect()
    try:
        api = DuckDBAPI(connection=con)
        linker = Linker(api.register(sample), settings, log_level=None)
        linker.training.estimate_u_using_random_sampling(
            max_pairs=linkage.u_pairs, seed=linkage.seed
        )
        trained = linker.misc.save_model_to_json()
    finally:
        con.close()
    n = sample.num_rows
    floor = 1 / (2 * max(min(linkage.u_pairs, n * (n - 1) // 2), 1))
    births = pa.compute.min_max(sample.column("birth_date")).as_py()
    if births["min"] is not None:
        span = (births["max"] - births["min"]).days + 1
        floor_of = {"birth": min(floor, 1 / span)}
    else:
        floor_of = {}
    for comp in trained["comparisons"]:
        for level in comp["comparison_levels"]:
            if not level.get("is_null_level") and "u_probability" not in level:
                dated = level.get("label_for_charts") in DATE_LEVELS
                level["u_probability"] = (
                    floor_of.get(comp["output_column_name"], floor) if dated else floor
                )
            level.pop("m_probability", None)
    return {**settings, "comparisons": trained["comparisons"]}


def _trained(
    records: pa.Table, linkage: Linkage, con: duckdb.DuckDBPyConnection
) -> Any:
    """A Splink linker over ``records`` with its parameters estimated."""
    from splink import DuckDBAPI, Linker

    con.register("svsna_records", records)
    settings = _with_u(splink_settings(linkage, STABLE_PERSON_IDS), records, linkage)
    settings["probability_two_random_records_match"] = _prior(con, linkage)
    api = DuckDBAPI(connection=con)
    linker = Linker(api.register(records), settings, log_level=None)
    for rule in linkage.training:
        if _rule_pairs(con, rule):
            linker.training.estimate_parameters_using_expectation_maximisation(
                _rule(rule)
            )
    return linker


def _model(linker: Any) -> pa.Table:
    """Each comparison level's m and u probabilities, as the model estimated them."""
    rows = []
    for comp in linker.misc.save_model_to_json()["comparisons"]:
        for order, level in enumerate(comp["comparison_levels"]):
            if level.get("is_null_level"):
                continue
            rows.append(
                {
                    "comparison": comp["output_column_name"],
                    "level": level.get("label_for_charts", ""),
                    "position": order,
                    "m_probability": level.get("m_probability"),
                    "u_probability": level.get("u_probability"),
                }
            )
    return pa.Table.from_pylist(rows)


def _split(unique_id: str, side: str = "") -> str:
    """SQL: a unique id (``dataset:record``) back to its dataset and record id."""
    suffix = f"_{side}" if side else ""
    dataset = f"split_part({unique_id}, ':', 1)"
    return (
        f"{dataset} AS dataset{suffix}, "
        f"substr({unique_id}, length({dataset}) + 2) AS record_id{suffix}"
    )


def _linked(
    linker: Any, threshold: float, con: duckdb.DuckDBPyConnection
) -> tuple[pa.Table, pa.Table]:
    """Every scored pair, and each record's person (connected components at the threshold)."""
    predictions = linker.inference.predict()
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=threshold
    )
    pairs = con.sql(
        f"SELECT {_split('unique_id_l', 'l')}, {_split('unique_id_r', 'r')}, "
        f"match_weight, match_probability FROM {predictions.physical_name} "
        "ORDER BY unique_id_l, unique_id_r"
    ).fetch_arrow_table()
    links = con.sql(
        f"""
        WITH c AS (SELECT unique_id, cluster_id FROM {clusters.physical_name}),
        firsts AS (SELECT cluster_id, MIN(unique_id) AS first_id FROM c GROUP BY cluster_id)
        SELECT {_split("c.unique_id")},
               'L' || lpad(CAST(dense_rank() OVER (ORDER BY f.first_id) AS VARCHAR), 7, '0')
                   AS person_key
        FROM c JOIN firsts f USING (cluster_id) ORDER BY dataset, record_id
        """
    ).fetch_arrow_table()
    return links, pairs


def link_people(warehouse: Warehouse, linkage: Linkage) -> LinkRun | None:
    """Link the warehouse's people and keep the links in it; None when nothing can be linked.

    The warehouse must be writable (a build stage, or an in-memory test
    warehouse). Fewer than two linkable records, or a linkage switched off
    in the definition, leave the warehouse as it was.
    """
    sql = records_sql(warehouse) if linkage.enabled else None
    records = warehouse.arrow(sql) if sql else None
    if records is None or records.num_rows < 2:
        return None
    con = duckdb.connect()
    try:
        with _quiet():
            linker = _trained(records, linkage, con)
            links, pairs = _linked(linker, linkage.match_probability, con)
            model = _model(linker)
    finally:
        con.close()
    warehouse.store(LINKS, links)
    warehouse.store(PAIRS, pairs)
    warehouse.store(MODEL, model)
    persons = len(set(links.column("person_key").to_pylist()))
    return LinkRun(records.num_rows, persons, pairs.num_rows)
