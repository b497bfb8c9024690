"""Linked people never leave the warehouse: no person id, link or quasi-identifier is published.

The public folders of the small area's command-line build (every format) and
of the demo area's build are read file by file, inside every xlsx, docx and
PDF, for any police or youth-justice person id, any linked person's key and
any name token; the links themselves must be in the private warehouse.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pytest
from small_area import texts

from svsna.warehouse import Warehouse

if TYPE_CHECKING:
    from conftest import OfflineBuild

pytestmark = pytest.mark.slow


def _words(text: str) -> set[str]:
    """Id-like words: letters, digits and the hyphens some ids hold."""
    return set(re.findall(r"[A-Za-z0-9_-]+", text))


def _secrets(data: Path, warehouse: Path) -> set[str]:
    """Every person id, youth-justice person id, name token and linked person key."""
    found: set[str] = set()
    for name, columns in (
        ("persons", ["person_id", "name_token"]),
        ("youth_justice", ["person_id", "name_token"]),
        ("probation", ["name_token"]),
        ("ed_attendances", ["name_token"]),
        ("school_exclusions", ["name_token"]),
    ):
        frame = pd.read_csv(data / f"{name}.csv", dtype=str, usecols=columns)
        for column in columns:
            found.update(frame[column].dropna())
    with Warehouse.open(warehouse) as opened:
        found.update(opened.query("SELECT person_key FROM person_links")["person_key"])
    return found


def _published(folder: Path, secrets: set[str]) -> list[tuple[str, str]]:
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        for part, text in texts(path):
            found += [(part, s) for s in sorted(secrets & _words(text))[:3]]
    return found


def test_no_person_id_link_or_token_in_any_public_file_of_the_small_area(
    offline_builds: dict[str, OfflineBuild],
) -> None:
    built = offline_builds["public"]
    secrets = _secrets(built.data, built.private / "warehouse")
    assert len(secrets) > 3000
    assert not _published(built.out, secrets)


def test_no_person_id_link_or_token_in_the_demo_public_tables(
    demo_builds: dict[str, Path],
) -> None:
    out = demo_builds["public"]
    data = out.parent / "data"
    secrets = _secrets(data, out.with_name(f"{out.name}.private") / "warehouse")
    assert len(secrets) > 100_000
    assert not _published(out, secrets)


def test_the_links_are_in_the_private_warehouse_only(
    demo_builds: dict[str, Path],
) -> None:
    out = demo_builds["public"]
    private = out.with_name(f"{out.name}.private") / "warehouse"
    with Warehouse.open(private) as opened:
        tables = {t for t in ("person_links", "link_pairs", "link_model") if opened.has_table(t)}
        linked = opened.query(
            "SELECT COUNT(*) AS n, COUNT(DISTINCT person_key) AS k FROM person_links"
        ).iloc[0]
    assert tables == {"person_links", "link_pairs", "link_model"}
    assert linked["n"] > linked["k"] > 100_000
    assert not any(p.suffix in (".duckdb", ".parquet") for p in out.rglob("*"))


def test_the_knife_carriers_are_listed_in_the_restricted_edition_only(
    demo_builds: dict[str, Path],
) -> None:
    restricted, public = demo_builds["restricted"], demo_builds["public"]
    top = pd.read_csv(restricted / "tables" / "knife_carriers_top.csv", comment="#")
    assert len(top) == 20 and top["score"].is_monotonic_decreasing
    private = restricted.with_name(f"{restricted.name}.private") / "warehouse"
    secrets = _secrets(restricted.parent / "data", private)
    listed = set(top["person"].astype(str))
    # The scan would see them: the listed keys are linked people's keys.
    assert listed <= secrets | {p for p in listed if p.startswith("persons:")}
    assert listed & secrets
    assert not list(public.rglob("knife_carriers_top*"))
    assert not _published(public, listed | secrets)
