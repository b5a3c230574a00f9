"""HuntLake from a notebook: the lake's tables, hunts and volume figures as pandas DataFrames.

    import huntlake_nb
    lake = huntlake_nb.connect("../jobs/huntlake.yaml")
    lake.sql("SELECT * FROM findings WHERE event_date = ${day}", day="2026-11-10")
    lake.hunt("entity_timeline", entity="carol@corp.example", day="2026-11-08")

Everything runs through the same Java code as `huntlake sql` and `huntlake hunt`
(io.huntlake.notebook.NotebookBridge): the same table registration, the same read-only rule, the
same hunts. This module only starts the JVM and turns JSON rows into DataFrames.

Where the JVM comes from:
- with pyspark importable (a Spark cluster, Databricks, EMR), the active or a new SparkSession,
  with HuntLake's jar added to it;
- otherwise Spark starts in this Python process through JPype (Debian: apt install python3-jpype),
  with the launcher's jar, classpath and JVM options (jobs/jvm.properties), on local[*] unless
  HUNTLAKE_MASTER says otherwise. Build the jar first: `jobs/huntlake --version` does.
"""

import atexit
import json
import os
import warnings
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
"""The HuntLake checkout this helper belongs to."""

DEFAULT_LIMIT = 10_000
"""Rows a query returns unless limit= says otherwise (0: all of them)."""

_BRIDGE_CLASS = "io.huntlake.notebook.NotebookBridge"
# Debian's JPype finds its own Java support classes only when this jar is on the classpath.
_DEBIAN_JPYPE_JAR = Path("/usr/share/java/org.jpype.jar")


class HuntlakeError(RuntimeError):
    """A HuntLake error (what went wrong, why, what to do), raised from the Java side."""


def connect(config=None, master=None):
    """Opens the lake that `config` (a HuntLake YAML file) points at.

    config: default $HUNTLAKE_CONFIG, else jobs/huntlake.yaml of this checkout.
    master: Spark master for the in-process JVM; default $HUNTLAKE_MASTER, else local[*].
    """
    config = str(Path(config or os.environ.get("HUNTLAKE_CONFIG") or ROOT / "jobs" / "huntlake.yaml").resolve())
    if not Path(config).is_file():
        raise HuntlakeError(
            f"Config file {config} does not exist.\n"
            "Pass the YAML file of your lake (huntlake demo writes one into its work directory).")
    try:
        import pyspark  # noqa: F401  (only to see whether it is there)
    except ImportError:
        return Lake(_start_in_process(config, master or os.environ.get("HUNTLAKE_MASTER")))
    return Lake(_attach_to_pyspark(config))


class Lake:
    """The lake's tables and hunts; every method returns a pandas DataFrame unless it says not."""

    def __init__(self, bridge):
        self._bridge = bridge

    def sql(self, query, limit=DEFAULT_LIMIT, **params):
        """Rows of one read-only statement. ${name} in it takes the keyword argument `name`,
        written in as a quoted string literal (WHERE user_name = ${user}, without quotes)."""
        return _frame(_call(self._bridge.query, query, json.dumps(_strings(params)), limit))

    def tables(self):
        """The tables and views, one line each (SHOW TABLES)."""
        return self.sql("SHOW TABLES")

    def describe(self, table):
        """A table's columns, types and meanings."""
        return _frame(_call(self._bridge.describe, table))

    def hunts(self):
        """The built-in hunts: name, title, purpose, ATT&CK ids, parameters."""
        return pd.DataFrame(json.loads(str(self._bridge.hunts())))

    def hunt(self, name, limit=DEFAULT_LIMIT, **params):
        """Runs a built-in hunt (see hunts()) with its parameters as keyword arguments."""
        return _frame(_call(self._bridge.hunt, name, json.dumps(_strings(params)), limit))

    def hunt_sql(self, name, **params):
        """The SQL a hunt runs with these parameters written in (a string)."""
        return str(_call(self._bridge.renderHunt, name, json.dumps(_strings(params))))

    def volume_figures(self, day):
        """The capacity report's figures as of `day` (a dict): growth, forecasts, talkers."""
        return json.loads(str(_call(self._bridge.volumeFigures, str(day))))

    def stop(self):
        """Stops Spark (the in-process JVM itself stays until Python exits)."""
        self._bridge.stop()


def _strings(params):
    return {name: str(value) for name, value in params.items()}


def _frame(result_json):
    """A DataFrame from the bridge's {columns, rows (JSON lines), truncated} answer."""
    result = json.loads(str(result_json))
    names = [c["name"] for c in result["columns"]]
    records = [json.loads(line) for line in result["rows"].splitlines() if line]
    frame = pd.DataFrame.from_records(records, columns=names)
    for column in result["columns"]:
        if column["type"] in ("timestamp", "timestamp_ntz"):
            frame[column["name"]] = pd.to_datetime(frame[column["name"]], utc=True)
        elif column["type"] == "date":
            frame[column["name"]] = pd.to_datetime(frame[column["name"]], format="%Y-%m-%d")
    if result["truncated"]:
        warnings.warn(f"the result has more than {len(frame)} rows; pass limit=0 for all of them",
                      stacklevel=3)
    return frame


def _call(method, *args):
    """Calls the bridge, turning a Java exception into a HuntlakeError with its message."""
    try:
        return method(*args)
    except Exception as error:  # JPype and Py4J raise their own exception types
        message = _java_message(error)
        if message is None:
            raise
        raise HuntlakeError(message) from None


def _java_message(error):
    java = getattr(error, "java_exception", None)  # Py4J
    if java is not None:
        return str(java.getMessage())
    if hasattr(error, "getMessage"):  # JPype: the exception is the Java object
        return str(error.getMessage())
    return None


def _version():
    for line in (ROOT / "pom.xml").read_text().splitlines():
        line = line.strip()
        if line.startswith("<version>"):
            return line[len("<version>"):-len("</version>")]
    raise HuntlakeError("cannot read HuntLake's version from pom.xml")


def _jars():
    target = ROOT / "target"
    app = target / f"huntlake-{_version()}.jar"
    lib = target / "lib"
    if not app.is_file() or not lib.is_dir():
        raise HuntlakeError(
            f"{app} is not built.\nRun `jobs/huntlake --version` (or `mvn -DskipTests package`) "
            f"in {ROOT} once, then restart the kernel.")
    return app, sorted(lib.glob("*.jar"))


def _jvm_options():
    properties = (ROOT / "jobs" / "jvm.properties").read_text().splitlines()
    line = next(p for p in properties if p.startswith("huntlake.jvm.options="))
    return line.split("=", 1)[1].split()


def _start_in_process(config, master):
    import jpype  # Debian: python3-jpype; run the notebook with /usr/bin/python3's Jupyter

    if not jpype.isJVMStarted():
        app, libs = _jars()
        classpath = [str(app)] + [str(jar) for jar in libs]
        if _DEBIAN_JPYPE_JAR.is_file():
            classpath.append(str(_DEBIAN_JPYPE_JAR))
        # HUNTLAKE_JAVA_OPTS: extra JVM flags, as for jobs/huntlake.
        options = [f"-Xmx{os.environ.get('HUNTLAKE_DRIVER_MEMORY', '4g')}",
                   "-Dlog4j2.configurationFile=log4j2-huntlake.properties"] + _jvm_options() \
            + os.environ.get("HUNTLAKE_JAVA_OPTS", "").split()
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        jpype.startJVM(*options, classpath=classpath, convertStrings=True)
    bridge = _call(jpype.JClass(_BRIDGE_CLASS).start, config, master)
    # Stop Spark before JPype shuts the JVM down, or Hadoop's shutdown hooks are interrupted.
    atexit.register(bridge.stop)
    return bridge


def _attach_to_pyspark(config):
    from pyspark.sql import SparkSession

    spark = SparkSession.getActiveSession()
    if spark is None:
        jar = ROOT / "target" / f"huntlake-{_version()}-spark.jar"
        spark = (SparkSession.builder.appName("huntlake notebook")
                 .config("spark.jars", str(jar))
                 .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                 .config("spark.sql.catalog.spark_catalog",
                         "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                 .config("spark.sql.session.timeZone", "UTC")
                 .getOrCreate())
    bridge = spark._jvm.io.huntlake.notebook.NotebookBridge
    return _call(bridge.attach, spark._jsparkSession, config)
