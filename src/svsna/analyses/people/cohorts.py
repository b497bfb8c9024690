"""People across agencies: who the police, youth justice, probation, schools and EDs share.

Each partner has its own person ids, so the reference SNA could count people
only within one agency's records. Where partners share quasi-identifiers the
build links their records (Splink; :mod:`svsna.warehouse.linkage`) and this
chapter counts the linked people: how many police suspects of serious
violence are also youth-justice or probation cases, excluded pupils or ED
patients (``cohort_overlap``), how many people are in exactly each
combination of datasets (``cohort_intersections``, an UpSet-style chart),
and how many are both victim and suspect (``victim_suspect_overlap``). How
good the links are is shown beside them: the match weights of the scored
pairs and, where a truth is known, precision and recall
(``linkage_quality``), with the model's estimated parameters
(``linkage_model``). The links never leave the warehouse; only counts do.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.figures import pct
from svsna.analyses.core.sql import in_list, literal
from svsna.analyses.people.linked import (
    LINKS,
    SUSPECTS,
    TRUTH,
    datasets,
    has_links,
    membership_sql,
    police_people_sql,
)
from svsna.results import Cells, Chart, Finding, Margin, Section, Table
from svsna.stats.cohorts import containing, intersections, overlaps
from svsna.stats.linkage import pair_counts, weight_bands
from svsna.warehouse.linkage import MODEL, PAIRS

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

PARTNER_TABLES = ("youth_justice", "probation", "school_exclusions", "ed_attendances")


def cohort_tables(ctx: Context) -> tuple[Table, Table]:
    """``cohort_overlap`` and ``cohort_intersections``, each count tied to the other's."""
    membership = ctx.query(membership_sql(ctx))
    order = datasets(ctx)
    pairs = overlaps(membership, order)
    combos = intersections(membership, order)
    labels = list(combos["combination"])
    margins = []
    for a, b in zip(
        pairs["dataset_a"].astype(str), pairs["dataset_b"].astype(str), strict=True
    ):
        at = {"dataset_a": a, "dataset_b": b}
        for column, named in (
            ("persons_a", (a,)),
            ("persons_b", (b,)),
            ("in_both", (a, b)),
        ):
            margins.append(
                Margin(
                    "cohort_overlap",
                    column="persons",
                    total_column=column,
                    where={"combination": containing(labels, *named) or ("",)},
                    at=at,
                )
            )
    overlap = Table(
        "cohort_overlap", "People in two datasets",
        pairs,
        caption=_period_caption(ctx),
        count_columns=("persons_a", "persons_b", "in_both"),
        derived_columns={"share_of_a": ("in_both", "persons_a")},
        fixed_form=True,
    )
    combined = Table(
        "cohort_intersections", "People in exactly each combination of datasets",
        combos,
        caption="Each person is counted once, in the combination of every dataset "
        "they are in. " + _period_caption(ctx),
        count_columns=("persons",),
        margins=tuple(margins),
    )
    return overlap, combined


def _period_caption(ctx: Context) -> str:
    return (
        f"People of {ctx.years[0]} to {ctx.years[-1]}: police suspects and victims of "
        "serious violence; youth-justice offences, probation cases and ED attendances "
        "of the period; pupils excluded in academic years starting in it. A person is "
        "one linked person, however many records each agency holds."
    )


def victim_suspect_table(ctx: Context) -> Table:
    """``victim_suspect_overlap``: victims, suspects and people who were both, each year."""
    rows = ctx.query(
        f"SELECT fy AS year, person, person_role FROM ({police_people_sql(ctx)}) p"
    )
    out = []
    for year in ctx.years:
        part = rows[rows["year"] == year]
        victims = set(part.loc[part["person_role"] == "victim", "person"])
        suspects = set(part.loc[part["person_role"] == "suspect", "person"])
        out.append(
            {
                "year": year,
                "victims": len(victims),
                "suspects": len(suspects),
                "both": len(victims & suspects),
            }
        )
    return Table(
        "victim_suspect_overlap",
        "People who were both victim and suspect of serious violence",
        pd.DataFrame(out, columns=["year", "victims", "suspects", "both"]),
        caption="Distinct people in serious-violence occurrences of each year, as "
        "victim, as suspect (offenders included), and in both roles that year.",
        count_columns=("victims", "suspects", "both"), fixed_form=True,
    )


def _truth_join(ctx: Context) -> bool:
    return ctx.has(TRUTH)


def _band_sql(column: str, starts: tuple[float, ...]) -> str:
    whens = " ".join(
        f"WHEN {column} >= {low!r} THEN {literal(label)}"
        for low, _, label in reversed(weight_bands(starts)[1:])
    )
    return f"(CASE {whens} ELSE {literal(weight_bands(starts)[0][2])} END)"


def weight_rows(ctx: Context) -> pd.DataFrame:
    """Scored pairs by band of match weight and, with a truth, how many truly match."""
    starts = ctx.definition.people_over_time.linkage.weight_bands
    truth = _truth_join(ctx)
    correct = (
        "SUM(CASE WHEN tl.person = tr.person THEN 1 ELSE 0 END)" if truth else "NULL"
    )
    joins = (
        f"LEFT JOIN {TRUTH} tl ON tl.dataset = p.dataset_l AND tl.record_id = p.record_id_l "
        f"LEFT JOIN {TRUTH} tr ON tr.dataset = p.dataset_r AND tr.record_id = p.record_id_r"
        if truth
        else ""
    )
    counted = ctx.query(
        f"SELECT {_band_sql('p.match_weight', starts)} AS band, COUNT(*) AS pairs, "
        f"{correct} AS correct FROM {PAIRS} p {joins} GROUP BY 1"
    )
    bands = pd.DataFrame({"band": [label for _, _, label in weight_bands(starts)]})
    frame = bands.merge(counted, on="band", how="left")
    frame["pairs"] = frame["pairs"].fillna(0).astype("int64")
    if truth:
        frame["correct"] = frame["correct"].fillna(0).astype("int64")
    frame.insert(0, "measure", "match weight")
    return frame


def accuracy_rows(ctx: Context) -> tuple[pd.DataFrame, str]:
    """Precision and recall of the linked people against the truth (pairs of records)."""
    threshold = ctx.definition.people_over_time.linkage.match_probability
    known = ctx.query(
        f"SELECT t.dataset || ':' || t.record_id AS record, t.person, "
        f"COALESCE(l.person_key, t.dataset || ':' || t.record_id) AS linked "
        f"FROM {TRUTH} t LEFT JOIN {LINKS} l "
        f"ON l.dataset = t.dataset AND l.record_id = t.record_id "
        f"WHERE t.dataset IN {in_list(['persons', *PARTNER_TABLES])}"
    ).set_index("record")
    counts = pair_counts(known["linked"], known["person"])
    band = f"linked at match probability {threshold:g}"
    frame = pd.DataFrame(
        [
            {"measure": "precision", "band": band, "pairs": counts.linked},
            {"measure": "recall", "band": band, "pairs": counts.true},
        ]
    )
    frame["correct"] = counts.correct
    return frame, band


def quality_table(ctx: Context) -> Table:
    """``linkage_quality``: match weights and, with a truth, precision and recall."""
    frame = weight_rows(ctx)
    margins: tuple[Margin, ...] = ()
    if _truth_join(ctx):
        accuracy, band = accuracy_rows(ctx)
        frame = pd.concat([frame, accuracy], ignore_index=True)
        # The correct pairs are printed twice: as precision's and as recall's.
        margins = (
            Margin(
                "linkage_quality",
                column="correct",
                where={"measure": "recall"},
                at={"measure": "precision", "band": band},
            ),
        )
    frame["pct"] = pct(frame["correct"].astype("float64"), frame["pairs"])
    return Table(
        "linkage_quality", "How good the links are",
        frame[["measure", "band", "pairs", "correct", "pct"]],
        caption="Pairs of records the model scored, by band of match weight (log2 of "
        "how much likelier the pair's agreements are for one person than for two); "
        "where the truth is known, how many truly are one person (correct) and the "
        "precision and recall of the people formed, counted over pairs of records.",
        count_columns=("pairs", "correct"),
        derived_columns={"pct": ("correct", "pairs")},
        margins=margins,
    )


def model_table(ctx: Context) -> Table:
    """``linkage_model``: each comparison level's estimated m and u and its match weight."""
    frame = ctx.query(
        f"SELECT comparison, level, m_probability, u_probability FROM {MODEL} "
        "ORDER BY comparison, position"
    )
    ratio = frame["m_probability"] / frame["u_probability"]
    frame["match_weight"] = ratio.where(ratio > 0).map(
        lambda r: None if pd.isna(r) else round(math.log2(float(r)), 2)
    )
    for column in ("m_probability", "u_probability"):
        frame[column] = frame[column].map(
            lambda v: None if pd.isna(v) else float(f"{v:.3g}")
        )
    return Table(
        "linkage_model", "The linkage model's parameters",
        frame,
        caption="m: the chance a level is seen for two records of one person, "
        "estimated by expectation maximisation; u: for two different people, "
        "from random pairs of police persons (known to be different people).",
    )


def _chart(combos: pd.DataFrame) -> Chart:
    return Chart(
        id="cohort_intersections_chart", title="People in each combination of datasets",
        kind="bar", data=combos[["combination", "persons"]],
        x="combination", y="persons",
        x_title="Datasets a person is in (and no other)", y_title="People",
        alt_text="Bar chart (UpSet style) of how many people are in exactly each "
        "combination of datasets, largest first; the cohort_intersections table lists "
        "the same counts.",
        table="cohort_intersections",
    )


def _findings(overlap: pd.DataFrame) -> list[Finding]:
    found = []
    for row in overlap[overlap["dataset_a"] == SUSPECTS].to_dict("records"):
        other, both, of = (
            str(row["dataset_b"]),
            int(row["in_both"]),
            int(row["persons_a"]),
        )
        if not of:
            continue
        where = {"dataset_a": SUSPECTS, "dataset_b": other}
        found.append(
            Finding(
                f"suspects_also_{other.replace(' ', '_')}",
                f"{both:,} of the {of:,} police suspects of serious "
                f"violence ({row['share_of_a']}%) were also {other}.",
                current=float(row["share_of_a"]),
                unit="%",
                cites={
                    "both": Cells("cohort_overlap", "in_both", where),
                    "all": Cells("cohort_overlap", "persons_a", where),
                },
                withheld_text=f"{{both}} of the {{all}} police suspects of serious violence "
                f"were also {other}.",
            )
        )
    return found


def analyse(ctx: Context, heading: Heading) -> Section:
    """Linked cohorts, the victim-suspect overlap and how good the links are."""
    if not ctx.years:
        return Section(*heading, summary=("No complete financial year in the data.",))
    overlap, combined = cohort_tables(ctx)
    tables = [overlap, combined, victim_suspect_table(ctx)]
    summary = [
        "People counted across agencies: each partner keeps its own person ids, so "
        "records are linked by date of birth, sex, postcode district and a "
        "pseudonymised name token (Splink, a Fellegi-Sunter model). Only counts leave "
        "the warehouse; the links stay in it."
    ]
    if has_links(ctx):
        if ctx.warehouse.has_table(PAIRS):
            tables.append(quality_table(ctx))
        if ctx.warehouse.has_table(MODEL):
            tables.append(model_table(ctx))
    else:
        summary.append(
            "No quasi-identifiers were given, so every partner record counts as a "
            "person of its own and no one is linked across agencies."
        )
    return Section(
        *heading,
        summary=tuple(summary),
        tables=tuple(tables),
        charts=(_chart(combined.data),),
        findings=tuple(_findings(overlap.data)),
    )


CHAPTER = Chapter(
    "people_cohorts",
    "People across agencies",
    analyse,
    needs=("occurrences", "persons"),
    uses=(*PARTNER_TABLES, TRUTH),
    part="people",
)
