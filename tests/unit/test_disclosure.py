"""Disclosure control: no [c] can be worked out from the totals of its table."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from svsna.results import Margin, Table
from svsna.stats.disclosure import Equation, recoverable, suppress
from svsna.stats.linked import (
    Publication,
    public_frame,
    suppress_frame,
    table_equations,
)

C = "[c]"


def wide_with_margins(body: np.ndarray) -> tuple[np.ndarray, list[Equation]]:
    """A body with a total column and a total row, flattened with its equations."""
    rows, cols = body.shape
    full = np.zeros((rows + 1, cols + 1), dtype=np.int64)
    full[:rows, :cols] = body
    full[:rows, cols] = body.sum(axis=1)
    full[rows, :cols] = body.sum(axis=0)
    full[rows, cols] = body.sum()
    width = cols + 1
    eqs = [
        Equation(r * width + cols, tuple(r * width + c for c in range(cols)))
        for r in range(rows + 1)
    ]
    eqs += [
        Equation(rows * width + c, tuple(r * width + c for r in range(rows)))
        for c in range(cols + 1)
    ]
    return full.ravel(), eqs


def lp_range(values: np.ndarray, hidden: np.ndarray, eqs: list[Equation], cell: int):
    """Smallest and largest value a reader can give ``cell`` (x >= 0), by LP.

    An independent check of :func:`recoverable`: it knows nothing of ranks.
    """
    idx = list(np.flatnonzero(hidden))
    a_eq, b_eq = [], []
    for eq in eqs:
        row = np.zeros(len(idx))
        rhs = 0.0
        for c, sign in [(eq.total, -1.0)] + [(m, 1.0) for m in eq.members]:
            if hidden[c]:
                row[idx.index(c)] += sign
            else:
                rhs -= sign * values[c]
        if np.any(row):
            a_eq.append(row)
            b_eq.append(rhs)
    target = np.zeros(len(idx))
    target[idx.index(cell)] = 1.0
    bounds = [(0, None)] * len(idx)
    low = linprog(target, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds)
    high = linprog(-target, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds)
    assert low.status == 0, low.message  # the true values are always feasible
    # status 3: unbounded above, so certainly not pinned.
    return low.fun, np.inf if high.status == 3 else -high.fun


def test_one_small_cell_in_a_row_takes_a_second_with_it():
    # 20 = 3 + 10 + 7: the 3 alone could be read as 20 - 10 - 7.
    values = np.array([20, 3, 10, 7])
    hidden = suppress(values, [Equation(0, (1, 2, 3))], threshold=4)
    assert hidden.tolist() == [False, True, False, True]


def test_two_by_two_block_is_safe_in_a_table_with_margins():
    # Rows (2, 3 | 5), (4, 1 | 5): all four body cells are primaries; with the
    # margins shown they form a 2x2 block with one degree of freedom left.
    values, eqs = wide_with_margins(np.array([[2, 3], [4, 1]]))
    hidden = suppress(values, eqs, threshold=1)
    # threshold 1 hides only the 1 (cell (1, 1) = index 4); its row holds 4 and
    # its column 3, so one of each goes too, then the corner (2) that closes it.
    assert hidden.reshape(3, 3)[:2, :2].tolist() == [[True, True], [True, True]]
    assert recoverable(values, hidden, eqs) == []


def test_two_small_cells_that_must_both_be_one_are_exposed():
    # 12 = 1 + 1 + 10 with the two 1s hidden: their sum is 2, so each is 1.
    values = np.array([12, 1, 1, 10])
    hidden = np.array([False, True, True, False])
    assert recoverable(values, hidden, [Equation(0, (1, 2, 3))]) == [1, 2]
    safe = suppress(values, [Equation(0, (1, 2, 3))], threshold=4)
    assert safe.tolist() == [False, True, True, True]


def test_zero_is_shown_and_threshold_is_inclusive():
    frame = pd.DataFrame({"area": ["a", "b", "c", "d"], "n": [0, 4, 5, 40]})
    out = suppress_frame(frame, count_columns=("n",), threshold=4)
    assert out["n"].tolist() == [0, C, 5, 40]


def test_long_table_total_rows_group_by_their_labels():
    frame = pd.DataFrame(
        {
            "year": ["2023/24"] * 4 + ["2024/25"] * 4,
            "group": ["robbery", "homicide", "weapons", "total"] * 2,
            "all": [50, 2, 30, 82, 60, 9, 31, 100],
        }
    )
    out = suppress_frame(frame, count_columns=("all",), threshold=4, total_rows=(3, 7))
    # 2023/24: homicide 2 is hidden and the next smallest of its year (30) with it;
    # 2024/25 has nothing small and is shown whole.
    assert out["all"].tolist() == [50, C, C, 82, 60, 9, 31, 100]


def test_equations_of_a_long_table():
    frame = pd.DataFrame(
        {"year": ["a", "a", "a", "b", "b", "b"], "g": ["x", "y", "total"] * 2}
    )
    frame["n"] = [1, 2, 3, 4, 5, 9]
    eqs = table_equations(frame, count_columns=("n",), total_rows=(2, 5))
    assert eqs == [Equation(2, (0, 1)), Equation(5, (3, 4))]


def test_total_column_and_derived_rate():
    frame = pd.DataFrame(
        {
            "year": ["2023/24", "2024/25"],
            "positive": [3, 30],
            "other": [40, 50],
            "all": [43, 80],
            "pct_positive": [7.0, 37.5],
        }
    )
    out = suppress_frame(
        frame,
        count_columns=("positive", "other", "all"),
        threshold=4,
        total_columns={"all": ("positive", "other")},
        derived_columns={"pct_positive": ("positive", "all")},
    )
    assert out.loc[0].tolist() == ["2023/24", C, C, 43, C]
    assert out.loc[1].tolist() == ["2024/25", 30, 50, 80, 37.5]


@settings(max_examples=80, deadline=None)
@given(
    st.integers(2, 5).flatmap(
        lambda r: st.integers(2, 5).flatmap(
            lambda c: st.lists(
                st.lists(st.integers(0, 30), min_size=c, max_size=c),
                min_size=r,
                max_size=r,
            )
        )
    ),
    # From 2: with a threshold of 1, "[c]" itself means 1, whatever is hidden.
    st.integers(2, 6),
)
def test_no_hidden_cell_recoverable_from_margins(body, threshold):
    values, eqs = wide_with_margins(np.array(body, dtype=np.int64))
    hidden = suppress(values, eqs, threshold=threshold)
    # Every primary is hidden ...
    assert np.all(hidden[(values >= 1) & (values <= threshold)])
    # ... and a reader solving the margins (LP over x >= 0) cannot pin any of them.
    for cell in np.flatnonzero(hidden):
        low, high = lp_range(values, hidden, eqs, int(cell))
        assert high - low > 1e-6, (cell, values.tolist(), hidden.tolist())


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=2, max_size=8), st.integers(1, 4))
def test_single_row_with_total_never_leaves_one_hidden(parts, threshold):
    values = np.array([sum(parts), *parts])
    eqs = [Equation(0, tuple(range(1, len(values))))]
    hidden = suppress(values, eqs, threshold=threshold)
    assert hidden.sum() != 1
    if hidden.sum() and not hidden[0]:
        # The hidden cells are at least 1 each: their known sum must leave room.
        assert values[hidden].sum() > hidden.sum()


def test_shares_give_away_their_total_so_a_second_cell_goes():
    # 2024/25: 3 + 40 + 57 = 100, printed with shares of the year. Hiding the 3
    # alone would not do: 40 / 40% gives the year's 100, and 100 - 40 - 57 = 3.
    frame = pd.DataFrame(
        {
            "relationship": ["stranger", "acquaintance", "other"] * 2,
            "year": ["2023/24"] * 3 + ["2024/25"] * 3,
            "count": [50, 30, 20, 3, 40, 57],
            "pct": [50.0, 30.0, 20.0, 3.0, 40.0, 57.0],
        }
    )
    out = suppress_frame(
        frame,
        count_columns=("count",),
        threshold=4,
        derived_columns={"pct": ("count",)},
    )
    assert out["count"].tolist() == [50, 30, 20, C, C, 57]
    assert out["pct"].tolist() == [50.0, 30.0, 20.0, C, C, 57.0]


def test_shares_printed_on_total_rows_give_their_group_away_too():
    # Two hospitals and all hospitals (total rows), each row a share of its
    # hospital. The 2 and the 16 of all hospitals above it are withheld; all
    # hospitals' 12 printed at 42.9% would give 28 away, 28 - 12 = 16 and
    # 16 - 14 = 2.
    frame = pd.DataFrame(
        {
            "hospital": ["h1", "h1", "h2", "h2", "all", "all"],
            "method": ["body part", "weapon"] * 3,
            "count": [0, 2, 12, 14, 12, 16],
            "pct": [0.0, 100.0, 46.2, 53.8, 42.9, 57.1],
        }
    )
    table = Table(
        "ed",
        "",
        frame,
        count_columns=("count",),
        derived_columns={"pct": ("count",)},
        shares={"pct": ("hospital",)},
        total_rows=(4, 5),
    )
    pub = Publication.of([table])
    groups = [members for *_, members in pub.stated.values()]
    assert groups == [(0, 1), (2, 3), (4, 5)]
    out = public_frame(
        table,
        pub.table_mask("ed", pub.protect(threshold=4)),
        symbol=C,
        withheld_shares=pub.stated_hidden("ed", pub.protect(threshold=4)),
    )
    # The outsider: all = h1 + h2 by method; a printed share beside a printed
    # count gives its group's total; every [c] is at least 1.
    hidden = np.flatnonzero(out["count"].to_numpy() == C)
    assert len(hidden)
    rows, rhs = [], []
    for method in (0, 1):
        rows.append(
            [{method: -1, method + 2: -1, method + 4: 1}.get(i, 0) for i in hidden]
        )
        rhs.append(
            -sum(
                c * int(frame["count"][i])
                for i, c in {method: -1, method + 2: -1, method + 4: 1}.items()
                if i not in hidden
            )
        )
    for first in (0, 2, 4):
        pair = (first, first + 1)
        told = [
            i
            for i in pair
            if out["count"][i] != C and out["pct"][i] != C and frame["pct"][i] > 0
        ]
        if told:
            whole = round(100 * int(frame["count"][told[0]]) / frame["pct"][told[0]])
            rows.append([1 if i in pair else 0 for i in hidden])
            rhs.append(
                whole - sum(int(frame["count"][i]) for i in pair if i not in hidden)
            )
    for k in range(len(hidden)):
        target = np.eye(len(hidden))[k]
        low = linprog(target, A_eq=rows, b_eq=rhs, bounds=[(1, None)] * len(hidden))
        high = linprog(-target, A_eq=rows, b_eq=rhs, bounds=[(1, None)] * len(hidden))
        assert high.status == 3 or -high.fun - low.fun >= 1 - 1e-6, out


def test_a_total_row_is_no_part_of_its_own_share_group():
    frame = pd.DataFrame(
        {
            "method": ["fist", "knife", "total"],
            "count": [30, 10, 40],
            "pct": [75.0, 25.0, 100.0],
        }
    )
    table = Table(
        "ed",
        "",
        frame,
        count_columns=("count",),
        derived_columns={"pct": ("count",)},
        shares={"pct": ()},
        total_rows=(2,),
    )
    pub = Publication.of([table])
    assert [members for *_, members in pub.stated.values()] == [(0, 1)]


# Random linked tables: an area table with a total row per year, districts that
# add up to the area's total, and victims by age and by sex that add up to the
# same unprinted number. The attacker below knows these relations from the
# tables' meaning (not from the declarations) and solves them by LP.


def _area(body: np.ndarray) -> pd.DataFrame:
    groups, years = body.shape
    rows = [
        {"group": f"g{g}", "year": f"y{y}", "count": int(body[g, y])}
        for y in range(years)
        for g in range(groups)
    ]
    rows += [
        {"group": "total", "year": f"y{y}", "count": int(body[:, y].sum())}
        for y in range(years)
    ]
    return pd.DataFrame(rows)


def _split(total: int, parts: int, draw: st.DrawFn) -> list[int]:
    cuts = sorted(
        draw(st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1))
    )
    edges = [0, *cuts, total]
    return [edges[i + 1] - edges[i] for i in range(parts)]


@st.composite
def linked_tables(draw: st.DrawFn) -> dict[str, pd.DataFrame]:
    groups, years = draw(st.integers(2, 4)), draw(st.integers(1, 3))
    body = np.array(
        draw(
            st.lists(
                st.lists(st.integers(0, 25), min_size=years, max_size=years),
                min_size=groups,
                max_size=groups,
            )
        )
    )
    districts = draw(st.integers(2, 4))
    district_rows, age_rows, sex_rows = [], [], []
    for y in range(years):
        total = int(body[:, y].sum())
        for d, n in enumerate(_split(total, districts, draw)):
            district_rows.append({"district": f"d{d}", "year": f"y{y}", "count": n})
        victims = draw(st.integers(0, 40))
        for a, n in enumerate(_split(victims, 3, draw)):
            age_rows.append({"age": f"a{a}", "year": f"y{y}", "count": n})
        for s, n in enumerate(_split(victims, 2, draw)):
            sex_rows.append({"sex": f"s{s}", "year": f"y{y}", "count": n})
    return {
        "area": _area(body),
        "districts": pd.DataFrame(district_rows),
        "ages": pd.DataFrame(age_rows),
        "sexes": pd.DataFrame(sex_rows),
    }


def _declared(frames: dict[str, pd.DataFrame]) -> list[Table]:
    area = frames["area"]
    each_year = (Margin("victims each year", by=("year",)),)
    return [
        Table(
            "area",
            "",
            area,
            count_columns=("count",),
            total_rows=tuple(int(i) for i in np.flatnonzero(area["group"] == "total")),
        ),
        Table(
            "districts",
            "",
            frames["districts"],
            count_columns=("count",),
            margins=(Margin("area", by=("year",), at={"group": "total"}),),
        ),
        Table("ages", "", frames["ages"], count_columns=("count",), margins=each_year),
        Table(
            "sexes", "", frames["sexes"], count_columns=("count",), margins=each_year
        ),
    ]


def _outsider_ranges(
    frames: dict[str, pd.DataFrame], shown: dict[str, pd.Series]
) -> list[tuple[str, int, float, float, int]]:
    """What an outsider can say of each [c]: (table, row, least, greatest, truth).

    The outsider reads the tables' meaning: a total row per year, districts
    adding up to the area's total, ages and sexes adding up to the same
    (unprinted) number of victims each year; every [c] is at least 1.
    """
    unknowns = [
        (t, i) for t, s in shown.items() for i in np.flatnonzero(s.to_numpy() == C)
    ]
    years = sorted(frames["area"]["year"].unique())
    unknowns += [("victims", i) for i in range(len(years))]
    index = {u: k for k, u in enumerate(unknowns)}
    rows, rhs = [], []

    def add(terms: list[tuple[str, int, float]]) -> None:
        row, b = np.zeros(len(unknowns)), 0.0
        for table, i, coef in terms:
            if (table, i) in index:
                row[index[(table, i)]] += coef
            else:
                b -= coef * float(frames[table]["count"].iloc[i])
        if row.any():
            rows.append(row)
            rhs.append(b)

    for k, year in enumerate(years):
        area = frames["area"]
        in_year = np.flatnonzero(area["year"] == year)
        total = [i for i in in_year if area["group"].iloc[i] == "total"][0]
        members = [("area", int(i), 1.0) for i in in_year if i != total]
        add([*members, ("area", total, -1.0)])
        districts = np.flatnonzero(frames["districts"]["year"] == year)
        add([*(("districts", int(i), 1.0) for i in districts), ("area", total, -1.0)])
        for name in ("ages", "sexes"):
            cells = np.flatnonzero(frames[name]["year"] == year)
            add([*((name, int(i), 1.0) for i in cells), ("victims", k, -1.0)])
    bounds = [(0.0, None) if t == "victims" else (1.0, None) for t, _ in unknowns]
    found = []
    for (table, i), k in index.items():
        if table == "victims":
            continue
        target = np.zeros(len(unknowns))
        target[k] = 1.0
        a = np.array(rows) if rows else None
        b = np.array(rhs) if rows else None
        low = linprog(target, A_eq=a, b_eq=b, bounds=bounds)
        high = linprog(-target, A_eq=a, b_eq=b, bounds=bounds)
        assert low.status == 0, low.message
        top = np.inf if high.status == 3 else -high.fun
        found.append((table, i, low.fun, top, int(frames[table]["count"].iloc[i])))
    return found


@settings(max_examples=60, deadline=None)
@given(linked_tables(), st.integers(2, 5))
def test_no_withheld_count_of_random_linked_tables_can_be_worked_out(frames, threshold):
    tables = _declared(frames)
    pub = Publication.of(tables)
    hidden = pub.protect(threshold=threshold)
    shown = {
        t.id: public_frame(t, pub.table_mask(t.id, hidden), symbol=C)["count"]
        for t in tables
    }
    for name, frame in frames.items():
        small = frame["count"].between(1, threshold).to_numpy()
        assert (shown[name].to_numpy()[small] == C).all(), name
        assert not (shown[name].to_numpy()[frame["count"].to_numpy() == 0] == C).any()
    for table, row, low, high, truth in _outsider_ranges(frames, shown):
        assert low - 1e-6 <= truth <= high + 1e-6
        # Room for at least two whole numbers: the count cannot be pinned.
        assert np.floor(high + 1e-6) - np.ceil(low - 1e-6) >= 1, (table, row, truth)
