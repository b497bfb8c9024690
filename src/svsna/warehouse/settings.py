"""Which engine runs the analyses, and Spark's settings: command line, environment, file.

The first that says wins: ``--engine`` and ``--spark-conf KEY=VALUE`` on the
command line; the ``SVSNA_ENGINE`` environment variable; a settings file
(``--settings FILE``, or ``svsna.yaml`` in the working folder) such as::

    engine: spark
    spark_conf:
      spark.master: local[4]
      spark.driver.memory: 8g

DuckDB is the default. ``--spark-conf`` pairs are added to the file's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from svsna.errors import SvsnaError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from svsna.warehouse.engine import Engine

ENGINES = ("duckdb", "spark")
SETTINGS_FILE = "svsna.yaml"


@dataclass(frozen=True)
class EngineSettings:
    """An engine by name, with Spark settings when it is Spark."""

    name: str = "duckdb"
    spark_conf: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.name not in ENGINES:
            raise SvsnaError(
                f"Unknown engine '{self.name}'; choose {' or '.join(ENGINES)}."
            )


def start_engine(settings: EngineSettings) -> Engine:
    """A running engine of ``settings``."""
    if settings.name == "spark":
        from svsna.warehouse.spark_engine import SparkEngine

        return SparkEngine.start(settings.spark_conf)
    from svsna.warehouse.duckdb_engine import DuckDBEngine

    return DuckDBEngine()


def engine_settings(
    engine: str | None = None,
    spark_conf: Sequence[str] = (),
    settings_file: Path | None = None,
) -> EngineSettings:
    """The engine chosen by the command line, the environment or a settings file."""
    from_file = _read_file(settings_file)
    name = engine or os.environ.get("SVSNA_ENGINE") or from_file.get("engine")
    listed = from_file.get("spark_conf") or {}
    conf = {str(k): str(v) for k, v in dict(listed).items()}  # type: ignore[call-overload]
    for pair in spark_conf:
        key, equals, value = pair.partition("=")
        if not equals or not key.strip():
            raise SvsnaError(
                f"--spark-conf '{pair}' is not KEY=VALUE; write e.g. "
                "--spark-conf spark.driver.memory=8g."
            )
        conf[key.strip()] = value.strip()
    return EngineSettings(str(name or "duckdb").strip().lower(), conf)


def _read_file(path: Path | None) -> dict[str, object]:
    if path is None:
        path = Path(SETTINGS_FILE)
        if not path.is_file():
            return {}
    if not path.is_file():
        raise SvsnaError(f"No settings file at {path}; give an existing YAML file.")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise SvsnaError(
            f"The settings file {path} is not valid YAML ({type(exc).__name__})."
        ) from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("spark_conf") or {}, dict):
        raise SvsnaError(
            f"The settings file {path} must be a mapping (engine:, spark_conf:)."
        )
    return raw
