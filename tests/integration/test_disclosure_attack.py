"""An outsider's attack on the public edition recovers no withheld count.

The synthetic area and small hand-made areas are built in both editions; the
outsider then works with everything the public folder holds: the tables'
margins and the sums across tables (CSV), the chart data embedded in the HTML
(maps' GeoJSON included), the heat maps printed nowhere else, alt text, the
sentences of the pages and ``findings.json``, the Excel and Word files. Each
relation is solved by linear programming for the least and greatest value of
every withheld count (:mod:`outsider`). The restricted edition is only the key
that says whether an answer is right. Nothing may be recovered.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import docx
import numpy as np
import openpyxl
import pandas as pd
import pytest
from outsider import Attack, C, number, read_tables, rows
from published import Printed, alt_texts, chart_data, heat_maps, sentences
from relations_read import (
    across_partner_tables,
    across_place_tables,
    across_police_tables,
    people_over_time,
    profiles,
    shares_and_rates,
    within_tables,
)
from relations_said import (
    THRESHOLD,
    alt_text_relations,
    heat_map_relations,
    sentence_relations,
)

from svsna.pipeline import build
from svsna.report.excel import headers
from svsna.report.layout import wide
from svsna.report.view import header_label
from svsna.synth import DEMO_SEED, write_area

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow


def built(data: Path, root: Path, formats: tuple[str, ...]) -> dict[str, Path]:
    """Both editions of ``data``: the restricted one is the key (its HTML holds the heat maps)."""
    outs = {"restricted": root / "restricted", "public": root / "public"}
    build(data, outs["restricted"], edition="restricted", formats=("html",))
    build(data, outs["public"], edition="public", formats=formats)
    return outs


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo area in both editions, the public one in HTML, Excel and Word."""
    root = tmp_path_factory.mktemp("published")
    write_area(root / "data", seed=DEMO_SEED)
    return built(root / "data", root, ("html", "xlsx", "docx"))


def fiscal_months(public: dict[str, pd.DataFrame]) -> dict[str, list[str]]:
    """The months of each complete financial year (April to March) monthly tables cover."""
    months: dict[str, set[str]] = {}
    for table in ("sv_monthly", "ed_by_month", "fire_by_month", "hidden_violence"):
        for month in public.get(table, pd.DataFrame({"month": []}))["month"].unique():
            year, m = int(month[:4]), int(month[5:7])
            start = year if m >= 4 else year - 1
            months.setdefault(f"{start}/{(start + 1) % 100:02d}", set()).add(month)
    return {y: sorted(m) for y, m in months.items() if len(m) == 12}


def attack(outs: dict[str, Path]) -> Attack:
    """Everything the outsider can say, from the public folder only."""
    public = outs["public"]
    at = Attack(read_tables(public), read_tables(outs["restricted"]))
    months = fiscal_months(at.public)
    within_tables(at)
    across_police_tables(at, months)
    across_place_tables(at)
    across_partner_tables(at, months)
    profiles(at)
    people_over_time(at)
    shares_and_rates(at)
    heat_map_relations(at, heat_maps(public), heat_maps(outs["restricted"]))
    alt_text_relations(at, alt_texts(public))
    sentence_relations(at, sentences(public))
    return at


@pytest.fixture(scope="session")
def demo_attack(published: dict[str, Path]) -> Attack:
    return attack(published)


def test_the_outsider_recovers_no_withheld_count_of_the_synthetic_area(demo_attack):
    assert len(demo_attack.targets()) > 100  # the demo withholds plenty to attack
    assert any(t[0] == "profile_heat_maps" for t in demo_attack.targets())
    assert demo_attack.recovered() == []


def test_the_attack_would_catch_a_missing_secondary_cell(demo_attack):
    # Publish one secondary cell again (the larger [c] of a year of districts):
    # the attack must then pin a withheld count beside it.
    at = demo_attack
    frame, key = at.public["knife_by_district"], at.key["knife_by_district"]
    withheld = [i for i in range(len(frame)) if frame["count"].iloc[i] == C]
    assert withheld, "the demo withholds a district's knife crime"
    year = frame["year"].iloc[withheld[0]]
    in_year = [i for i in withheld if frame["year"].iloc[i] == year]
    larger = max(in_year, key=lambda i: int(key["count"].iloc[i]))
    weakened = {name: f.copy() for name, f in at.public.items()}
    weakened["knife_by_district"].loc[larger, "count"] = key["count"].iloc[larger]
    again = Attack(weakened, at.key)
    across_police_tables(again, fiscal_months(weakened))
    within_tables(again)
    assert any(cell[0] == "knife_by_district" for cell, *_ in again.recovered())


def test_the_attack_reads_sentences_and_alt_text(demo_attack):
    # Were a sentence to say how many homicides involved knives, or an alt
    # text to list a withheld yearly count, the attack would pin them.
    public = {name: f.copy() for name, f in demo_attack.public.items()}
    key = demo_attack.key
    yearly = public["sv_yearly"]
    latest = sorted(set(yearly["year"]))[-1]
    (sv,) = rows(yearly, measure="serious violence", group="homicide", year=latest)
    (knives,) = rows(yearly, measure="knife crime", group="homicide", year=latest)
    assert yearly["all"].iloc[knives] == C, "the demo withholds knife homicides"
    trend = sorted(
        t for t in public if t.startswith("profile_") and t.endswith("_trend")
    )[0]
    public[trend].loc[0, "count"] = C  # as if withheld
    at = Attack(public, key)
    truth = key[trend]
    pairs = zip(truth["year"], truth["count"], strict=True)
    alt_text_relations(
        at, {f"{trend}_chart": [", ".join(f"{y} {c}" for y, c in pairs)]}
    )
    told = (
        f"There were {key['sv_yearly']['all'].iloc[sv]} homicides in {latest}; "
        f"{key['sv_yearly']['all'].iloc[knives]} involved knives."
    )
    sentence_relations(at, [told])
    pinned = {cell for cell, *_ in at.recovered()}
    assert ("sv_yearly", knives, "all") in pinned
    assert (trend, 0, "count") in pinned


def test_charts_and_maps_embed_only_numbers_their_tables_show(published):
    printed = Printed(read_tables(published["public"]))
    drawn = chart_data(published["public"])
    assert any("map" in c for c in drawn), "the demo draws maps"
    for chart_id, data in drawn.items():
        if chart_id.endswith("_day_hour") and chart_id.startswith("profile_"):
            continue  # printed nowhere else: attacked as cells of their own
        for datum in data:
            assert printed.shows(datum), (chart_id, datum)


def test_no_sentence_prints_a_count_from_one_to_the_threshold(published):
    said = sentences(published["public"])
    assert any(f"fewer than {THRESHOLD + 1}" in t for t in said)
    for text in said:
        plain = re.sub(
            r"[\d.]+%|\d{4}/\d{2}|\d{4}-\d{2}|\d{2}:\d{2}|\d+-\d+|decile \d+|"
            rf"fewer than {THRESHOLD + 1}|\d{{4}}|p = [\d.]+|[\d.]+ times|"
            # Ranks, counts of places ("and 3 more" areas), monthly averages of totals.
            r"ranked \d+|but \d+ by count|\d+ of the \d+ areas|the \d+ with most|"
            r"an average of \d+ a month|and \d+ more|within \d+|of \d+ or more",
            "",
            text,
        )
        small = [
            int(n)
            for n in re.findall(r"(?<![\d.,])\d{1,3}(?![\d.,%])", plain)
            if 1 <= int(n) <= THRESHOLD
        ]
        assert not small, text


def test_excel_shows_exactly_what_the_csv_shows(published):
    folder = published["public"]
    book = openpyxl.load_workbook(folder / "tables.xlsx", read_only=True)
    checked = 0
    for name, frame in read_tables(folder).items():
        if name not in book.sheetnames or frame.empty:
            continue
        sheet = [[_text(v) for v in r] for r in book[name].iter_rows(values_only=True)]
        header = headers(list(frame.columns))
        start = next(i for i, r in enumerate(sheet) if r[: len(header)] == header) + 1
        for i, row in enumerate(frame.itertuples(index=False)):
            assert sheet[start + i][: len(header)] == [_text(v) for v in row], (name, i)
        checked += 1
    assert checked > 20


def _text(value: object) -> str:
    """A cell as comparable text: numbers without trailing zeros, blanks empty."""
    if value is None:
        return ""
    n = number(str(value))
    return str(value) if n is None else f"{n:g}"


def test_word_prints_each_table_as_the_csv_does(published):
    # Every Word table is a CSV table cell by cell: [c] where the CSV withholds,
    # and each number the CSV's, rounded to the decimals Word shows (Word prints
    # statistics such as a trend's tau to two decimals; the CSV to three).
    # A table Word lays out wide (years across, totals last) is the CSV's
    # cells moved, not changed: its rows are matched by their labels; a table
    # of several measures by year has a second header row (each measure's
    # name over its years). (A table with a blank label stays long.)
    folder = published["public"]
    layouts: dict[tuple[tuple[str, ...], int], list[tuple[pd.DataFrame, int]]] = {}
    for frame in read_tables(folder).values():
        laid = wide(frame)
        forms = [(frame, 0, tuple(frame.columns))]
        if laid is not None:
            labels = len(frame.columns) - 1 - len(laid.values)
            forms.append((laid.frame, labels, laid.headers))
        for shown, labels, names in forms:
            header = tuple(header_label(c) for c in names)
            layouts.setdefault((header, len(shown)), []).append((shown, labels))
    document = docx.Document(str(folder / "report.docx"))
    assert len(document.tables) > 20
    spread = grouped = 0
    for table in document.tables:
        cells = [[c.text.strip() for c in r.cells] for r in table.rows]
        heads = 1 + (len(cells) > 1 and (tuple(cells[1]), len(cells) - 2) in layouts)
        forms = layouts.get((tuple(cells[heads - 1]), len(cells) - heads), [])
        assert any(_same_table(cells[heads:], *form) for form in forms), cells[0]
        spread += any(labels for _, labels in forms)
        grouped += heads == 2
    assert spread > 5
    assert grouped >= 2
    assert any(C in (c.text for r in t.rows for c in r.cells) for t in document.tables)


def _same_table(printed: list[list[str]], frame: pd.DataFrame, labels: int) -> bool:
    """Whether Word's rows print ``frame`` (numbers rounded to Word's decimals).

    With ``labels``, rows are paired by their first ``labels`` cells (a wide
    table moves its total rows last).
    """
    expected = [list(r) for r in frame.itertuples(index=False)]
    if labels:
        printed = sorted(printed, key=lambda r: r[:labels])
        expected = sorted(expected, key=lambda r: [str(v) for v in r[:labels]])
    for row, values in zip(printed, expected, strict=True):
        for word, csv in zip(row, values, strict=True):
            if word == csv:
                continue
            if word.startswith("< ") and (exact := number(csv)) is not None:
                # A p-value below what is printed ("< 0.001").
                if exact < float(word[2:]):
                    continue
                return False
            shown, exact = number(word.rstrip("%")), number(csv)
            if shown is None or exact is None:
                return False
            decimals = len(word.rstrip("%").partition(".")[2])
            if abs(shown - exact) > 0.5 * 10.0**-decimals + 1e-9:
                return False
    return True


def small_area(folder: Path, *, seed: int) -> Path:
    """A hand-made area: two districts, three years, few crimes of each kind.

    Random homicides carry no knife; two knife homicides are added in
    2024/25, so the homicide sentence must say "fewer than 5".
    """
    rng = np.random.default_rng(seed)
    codes = {"1": 2, "34B": 9, "34A": 3, "10A": 14, "5D": 12, "8F": 4}
    occurrences: list[dict[str, str]] = []
    persons: list[dict[str, str]] = []
    for year in (2022, 2023, 2024):
        for code, mean in codes.items():
            for _ in range(int(rng.poisson(mean))):
                knife = code != "1" and rng.random() < 0.3
                _crime(occurrences, persons, rng, year, code, knife=knife)
    for _ in range(2):
        _crime(occurrences, persons, rng, 2024, "1", knife=True)
    # A crime of May 2025, so that the data reach past March and 2024/25 is complete.
    _crime(occurrences, persons, rng, 2025, "8F", knife=False)
    occurrences[-1]["committed_date"] = "2025-05-20"
    data = folder / "data"
    data.mkdir(parents=True)
    pd.DataFrame(occurrences).to_csv(data / "occurrences.csv", index=False)
    pd.DataFrame(persons).to_csv(data / "persons.csv", index=False)
    pd.DataFrame(
        {"district": ["Northby", "Southby"], "population": [84000, 61000]}
    ).to_csv(data / "districts.csv", index=False)
    return data


def _crime(
    occurrences: list[dict[str, str]],
    persons: list[dict[str, str]],
    rng: np.random.Generator,
    year: int,
    code: str,
    *,
    knife: bool,
) -> None:
    """One occurrence of financial year ``year`` with a victim and a suspect."""
    n = f"O{len(occurrences) + 1}"
    month = int(rng.integers(4, 16))
    day = int(rng.integers(1, 28))
    occurrences.append(
        {
            "occurrence_id": n,
            "committed_date": f"{year + (month > 12)}-{(month - 1) % 12 + 1:02d}-{day:02d}",
            "committed_time": f"{int(rng.integers(0, 24)):02d}:{int(rng.integers(0, 60)):02d}",
            "offence_code": code,
            "district": ["Northby", "Southby", ""][
                int(rng.choice(3, p=[0.55, 0.4, 0.05]))
            ],
            "knife_flag": "yes" if knife else "no",
        }
    )
    for role in ("victim", "suspect"):
        persons.append(
            {
                "occurrence_id": n,
                "person_id": f"P{int(rng.integers(0, 120))}",
                "role": role,
                "age": str(int(rng.integers(10, 60))),
                "sex": ["male", "female"][int(rng.random() < 0.3)],
            }
        )


@pytest.mark.parametrize("seed", [1, 2])
def test_the_outsider_recovers_nothing_of_small_hand_made_areas(tmp_path, seed):
    outs = built(small_area(tmp_path, seed=seed), tmp_path, ("html",))
    at = attack(outs)
    assert at.targets(), "a small area withholds something"
    assert at.recovered() == []
    printed = Printed(at.public)
    for chart_id, data in chart_data(outs["public"]).items():
        if not chart_id.endswith("_day_hour") or not chart_id.startswith("profile_"):
            assert all(printed.shows(d) for d in data), chart_id
    said = sentences(outs["public"])
    (homicides,) = {t for t in said if t.startswith("There w") and "homicide" in t}
    assert f"fewer than {THRESHOLD + 1} involved knives" in homicides
