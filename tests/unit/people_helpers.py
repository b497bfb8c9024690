"""Hand-made people for the people-over-time tests, loaded and linked the way a build does.

A test writes CSV texts for the tables it needs; they go through the real
loader into an in-memory warehouse, the linkage runs on it (as the build's
link stage does), and the test gets the chapter Context.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from svsna.analyses import make_context
from svsna.config import load_definition
from svsna.load import load_folder
from svsna.warehouse import Warehouse, link_people

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.analyses import Context
    from svsna.config import Definition

#: Ten police persons in ten serious-violence occurrences (GBH with intent) of
#: 2023/24, each with their own identity: the people every test starts from.
POLICE = {
    "P01": ("2007-03-09", "male", "DE22", "tk01"),
    "P02": ("1990-11-23", "male", "DE1", "tk02"),
    "P03": ("2006-05-05", "female", "S40", "tk03"),
    "P04": ("1985-01-30", "male", "DE23", "tk04"),
    "P05": ("2001-07-12", "male", "DE22", "tk05"),
    "P06": ("1979-02-02", "female", "NG10", "tk06"),
    "P07": ("2008-10-04", "male", "DE24", "tk07"),
    "P08": ("1995-08-16", "male", "S41", "tk08"),
    "P09": ("1969-12-01", "female", "DE1", "tk09"),
    "P10": ("2004-04-20", "male", "DE23", "tk10"),
}


def police_tables(extra: int = 0) -> tuple[str, str]:
    """The occurrences and persons CSV of :data:`POLICE` (each a suspect), plus ``extra``
    more police persons (suspects with identities of their own, P11...)."""
    people = dict(POLICE)
    for n in range(11, 11 + extra):
        year, month, day = 1960 + n % 45, 1 + n % 12, 1 + (7 * n) % 28
        sex = "male" if n % 3 else "female"
        district = ("DE1", "DE21", "DE22", "DE23", "S40", "S41", "NG10", "SK17")[n % 8]
        people[f"P{n:02d}"] = (
            f"{year}-{month:02d}-{day:02d}",
            sex,
            district,
            f"tk{n:02d}",
        )
    # The first and last day of 2023/24 make it a complete financial year.
    occ = [
        "occurrence_id,committed_date,offence_code",
        "B1,2023-04-01,105A",
        "B2,2024-03-31,105A",
    ]
    persons = [
        "occurrence_id,person_id,role,sex,birth_date,postcode_district,name_token"
    ]
    for i, (pid, (birth, sex, postcode, token)) in enumerate(people.items()):
        month = 4 + i % 12
        occ.append(f"O{i:03d},{2023 + (month > 12)}-{1 + (month - 1) % 12:02d}-15,5D")
        persons.append(f"O{i:03d},{pid},suspect,{sex},{birth},{postcode},{token}")
    return "\n".join(occ), "\n".join(persons)


def linked_context(
    folder: Path,
    tables: dict[str, str],
    *,
    definition: Definition | None = None,
    link: bool = True,
) -> Context:
    """Load ``tables`` (name → CSV text), link their people, and return the run's Context."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(textwrap.dedent(text).strip() + "\n")
    loaded = load_folder(folder)
    assert not loaded.problems, loaded.problems
    assert loaded.rejects.empty, loaded.rejects.to_dict("records")
    chosen = definition or load_definition()
    warehouse = Warehouse.in_memory(loaded.arrow_tables())
    if link:
        link_people(warehouse, chosen.people_over_time.linkage)
    return make_context(warehouse, chosen, frozenset(loaded.tables))
