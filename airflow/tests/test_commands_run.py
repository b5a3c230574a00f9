"""The DAGs' rendered commands, run for real: the test that catches a wrong class, flag or date.

For one generated day, every task of huntlake_daily and then huntlake_maintenance renders its
templates for that day's data interval (as a worker would) and executes: the stand-in
SparkSubmitOperator builds SparkSubmitHook's command line and runs it. ``spark-submit`` is a
stand-in Spark installation made of the project's own classpath (target/lib: the Spark 3.5 and
Delta jars HuntLake is built against) that starts Spark's real launcher class,
org.apache.spark.deploy.SparkSubmit, with the shaded jar (target/huntlake-*-spark.jar).
Independent tasks run side by side, as Airflow's workers would run them. The tables are then
checked from their Delta logs.

Needs Java 17 and ``mvn package``; skipped with a message otherwise, unless
HUNTLAKE_AIRFLOW_REQUIRE_JAR=1 (set by AirflowDagsIT, so `mvn verify` never skips it).
"""

from __future__ import annotations

import concurrent.futures
import datetime
import glob
import json
import os
import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest

from airflow.sdk import task_context
from airflow.sdk.exceptions import AirflowException, AirflowFailException
from conftest import PROJECT
from test_dag_graph import topological_order

DAY = datetime.date(2026, 11, 1)
#: Maintenance of a day eight days later: raw events (kept 7 days here) of DAY expire and go
#: to the archive, so maintain archives, verifies and deletes for real.
MAINTAINED_DAY = DAY + datetime.timedelta(days=8)
UTC = datetime.timezone.utc


def spark_jar() -> Path | None:
    jars = sorted(glob.glob(str(PROJECT / "target" / "huntlake-*-spark.jar")))
    return Path(jars[-1]) if jars else None


def require_build():
    missing = []
    if spark_jar() is None:
        missing.append("target/huntlake-*-spark.jar")
    if not (PROJECT / "target" / "lib").is_dir():
        missing.append("target/lib/")
    if shutil.which("java") is None:
        missing.append("java")
    if missing:
        message = f"needs {', '.join(missing)}: run 'mvn -DskipTests package' first"
        if os.environ.get("HUNTLAKE_AIRFLOW_REQUIRE_JAR") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def estate(tmp_path_factory):
    """A stand-in Spark installation on PATH, a HuntLake config, and the Variable pointing at them."""
    require_build()
    root = tmp_path_factory.mktemp("airflow-run")
    spark_home = root / "spark"
    (spark_home / "bin").mkdir(parents=True)
    jvm_options = next(
        line.split("=", 1)[1].strip()
        for line in (PROJECT / "jobs" / "jvm.properties").read_text().splitlines()
        if line.startswith("huntlake.jvm.options=")
    )
    # What bin/spark-submit of a Spark distribution runs: Spark's launcher class on Spark's jars,
    # with the distribution's logging configuration (here HuntLake's, at WARN). Each driver here
    # lives ~20 s on a tiny day: the client compiler and serial GC cost 30% less CPU for that.
    log_config = PROJECT / "src" / "main" / "resources" / "log4j2-huntlake.properties"
    submit = spark_home / "bin" / "spark-submit"
    submit.write_text(
        "#!/usr/bin/env bash\n"
        "# Stand-in Spark installation for the DAG tests: Spark's own SparkSubmit class.\n"
        f'exec java -Xmx2g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC {jvm_options} -Dlog4j2.configurationFile="{log_config}" '
        f'-cp "{PROJECT / "target" / "lib"}/*" org.apache.spark.deploy.SparkSubmit "$@"\n'
    )
    submit.chmod(submit.stat().st_mode | stat.S_IEXEC)

    config = root / "huntlake.yaml"
    config.write_text(
        "# HuntLake config of the DAG test estate\n"
        "storage:\n"
        f"  raw: {root / 'raw'}\n"
        f"  lake: {root / 'lake'}\n"
        f"  archive: {root / 'archive'}\n"
        f"  reports: {root / 'reports'}\n"
        # Kubernetes Events are off by default (older configs keep working); the estate has them.
        "sources:\n"
        "  events:\n"
        "    enabled: true\n"
        # Session settings reach Spark through the HuntLake config: one shuffle partition suits
        # a day this small (about 14% less CPU per command).
        "spark:\n"
        "  conf:\n"
        "    spark.sql.shuffle.partitions: 1\n"
        "retention:\n"
        "  audit_events: 7\n"
        "  container_logs: 7\n"
        "  network_flows: 7\n"
        "  rejects: 7\n"
    )
    environment = {
        "PATH": f"{spark_home / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "HUNTLAKE_STANDIN_SPARK_MASTER": "local[2]",
        "SPARK_LOCAL_IP": "127.0.0.1",
        "AIRFLOW_VAR_HUNTLAKE": json.dumps({"config": str(config), "application": str(spark_jar())}),
        "HUNTLAKE_AIRFLOW_RUNNER": "spark-submit",
    }
    saved = {key: os.environ.get(key) for key in environment}
    os.environ.update(environment)
    yield root
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def run_task(dag, task_id: str, day: datetime.date):
    task = dag.task_dict[task_id]
    start = datetime.datetime(day.year, day.month, day.day, tzinfo=UTC)
    task.render_template_fields(task_context(dag, start))
    began = time.monotonic()
    try:
        task.execute({})
    except AirflowException as error:
        error.add_note(getattr(task, "output", "")[-4000:])
        raise
    finally:
        print(f"{dag.dag_id}.{task_id} {day}: {time.monotonic() - began:.1f} s")
    return task


def run_dag(dag, day: datetime.date, skip=()):
    """Every task once, each as soon as its upstream tasks succeeded; two at a time (two cores)."""
    order = [t for t in topological_order(dag) if t not in skip]
    done: set[str] = set(skip)
    finished: list[str] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        running: dict[concurrent.futures.Future, str] = {}
        while len(finished) < len(order):
            for task_id in order:
                if task_id in done or task_id in running.values():
                    continue
                if dag.task_dict[task_id].upstream_task_ids <= done:
                    running[pool.submit(run_task, dag, task_id, day)] = task_id
            complete, _ = concurrent.futures.wait(running, return_when=concurrent.futures.FIRST_COMPLETED)
            for future in complete:
                task_id = running.pop(future)
                future.result()  # a failed task fails the test with its command's output
                done.add(task_id)
                finished.append(task_id)
    return finished


def live_files(table: Path) -> list[dict]:
    """The table's current data files (add actions not removed since), from its JSON log."""
    log = table / "_delta_log"
    assert log.is_dir(), f"{table.name} was never written"
    assert not (log / "_last_checkpoint").exists(), "the test reads JSON commits only"
    files: dict[str, dict] = {}
    for commit in sorted(log.glob("*.json")):
        for line in commit.read_text().splitlines():
            action = json.loads(line)
            if "add" in action:
                files[action["add"]["path"]] = action["add"]
            elif "remove" in action:
                files.pop(action["remove"]["path"], None)
    return list(files.values())


def rows(table: Path, partition: str | None = None, day: datetime.date | None = None) -> int:
    total = 0
    for add in live_files(table):
        if partition and add["partitionValues"].get(partition) != str(day):
            continue
        total += json.loads(add["stats"])["numRecords"]
    return total


def test_dag_commands_run_against_the_real_jar(estate, load_dags):
    dags = load_dags("spark-submit")
    daily, maintenance = dags["huntlake_daily"], dags["huntlake_maintenance"]
    lake = estate / "lake"

    # 1. The day's logs have not arrived: the input check exits 4, a failure Airflow retries.
    with pytest.raises(AirflowException) as waiting:
        run_task(daily, "check_inputs", DAY)
    assert type(waiting.value) is AirflowException and "Error code is: 4." in str(waiting.value)

    # 2. They arrive (the generator writes the day's raw folders, with its own counts).
    jar = spark_jar()
    subprocess.run(
        ["java", "-cp", f"{jar}:{PROJECT / 'target' / 'lib'}/*", "io.huntlake.cli.HuntlakeCli",
         "generate", "--out", str(estate / "raw"), "--days", "1", "--start", str(DAY),
         "--scale", "small", "--seed", "11"],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    totals = json.loads((estate / "raw" / "manifest.json").read_text())["totals"]

    # 3. The whole daily DAG for that day, in dependency order.
    finished = run_dag(daily, DAY)
    assert finished[0] == "check_inputs" and set(finished) == set(daily.task_dict)

    described = json.loads((PROJECT / "airflow" / "dags" / "huntlake_airflow" / "sources.json").read_text())
    for source, table in ((s["id"], s["table"]) for s in described["sources"]):
        assert rows(lake / table, "event_date", DAY) == totals[source][str(DAY)]["events"], table
        report = json.loads((estate / "reports" / "ingest" / f"{DAY}-{source}.json").read_text())
        counts = report["sources"][source.upper()]
        assert counts["lines"] == totals[source][str(DAY)]["lines"], f"{source} lines read"
        assert counts["rejects"] == 0
    ledger_files = rows(lake / "ingest_ledger", "ingest_date", DAY)
    assert ledger_files == sum(totals[s][str(DAY)]["files"] for s in totals), "one ledger row per file"
    assert rows(lake / "user_activity_daily", "event_date", DAY) > 0
    assert rows(lake / "log_volume_daily", "event_date", DAY) > 0
    for task in daily.tasks:
        for asset in task.outlets:
            table = asset.name.removeprefix("huntlake.")
            assert (lake / table / "_delta_log").is_dir(), f"{task.task_id} declares {table} but did not write it"

    # 4. Maintenance, for a day whose retention has expired DAY's raw events: archived,
    # verified and deleted (the sensor only waits for the daily run, which is done).
    run_dag(maintenance, MAINTAINED_DAY, skip={"wait_for_daily"})
    assert rows(lake / "audit_events", "event_date", DAY) == 0, "expired day deleted after archiving"
    assert rows(lake / "archive_manifest") > 0
    archived = sorted((estate / "archive").rglob("*.parquet"))
    assert archived, "maintain wrote no archive files"

    # 5. Tampered evidence: verify_archive exits 3, which must fail the task without retries.
    with archived[0].open("r+b") as tampered:
        tampered.seek(100)
        tampered.write(b"\x00tampered")
    with pytest.raises(AirflowFailException, match="exited 3"):
        run_task(maintenance, "verify_archive", MAINTAINED_DAY)
