"""The DAGs imported against the stand-in: task graph, retries, pools, assets, settings, exit codes.

These build the very objects Airflow would build from the files (the stand-in keeps Airflow's
constructor signatures, default_args merging and dependency operators).
"""

from __future__ import annotations

import builtins
import datetime
import os
import re
import stat
import subprocess
import types

import pytest

from airflow.sdk import Asset, task_context
from airflow.sdk.exceptions import AirflowException, AirflowFailException

UTC = datetime.timezone.utc
SOURCES = ("audit", "container", "flow", "events")
DAILY_TASKS = {
    "check_inputs",
    *{f"ingest_{s}" for s in SOURCES},
    "features",
    "baseline",
    "score",
    "gaps",
    "detect",
    "volume",
}
DAILY_EDGES = {
    *{("check_inputs", f"ingest_{s}") for s in SOURCES},
    *{(f"ingest_{s}", "features") for s in SOURCES},
    *{(f"ingest_{s}", "gaps") for s in SOURCES},
    ("features", "baseline"),
    ("baseline", "score"),
    ("score", "volume"),
    ("features", "detect"),
    ("gaps", "detect"),
}
MAINTENANCE_EDGES = {("wait_for_daily", "maintain"), ("maintain", "verify_archive")}


def edges(dag):
    return {(task.task_id, down) for task in dag.tasks for down in task.downstream_task_ids}


def topological_order(dag):
    """Kahn's algorithm; fails on a cycle."""
    upstream = {t.task_id: set(t.upstream_task_ids) for t in dag.tasks}
    order = []
    ready = sorted(t for t, ups in upstream.items() if not ups)
    while ready:
        task = ready.pop(0)
        order.append(task)
        for down in sorted(dag.task_dict[task].downstream_task_ids):
            upstream[down].discard(task)
            if not upstream[down] and down not in order and down not in ready:
                ready.append(down)
    assert len(order) == len(dag.tasks), f"cycle among {set(upstream) - set(order)}"
    return order


@pytest.fixture(params=["spark-submit", "kubernetes"])
def dags(request, load_dags):
    return load_dags(request.param)


def test_daily_graph(dags):
    daily = dags["huntlake_daily"]
    assert set(daily.task_dict) == DAILY_TASKS
    assert edges(daily) == DAILY_EDGES
    order = topological_order(daily)
    assert order[0] == "check_inputs"
    assert order.index("baseline") < order.index("score") < order.index("volume")


def test_maintenance_graph_waits_for_the_same_days_daily_run(dags):
    maintenance, daily = dags["huntlake_maintenance"], dags["huntlake_daily"]
    assert set(maintenance.task_dict) == {"wait_for_daily", "maintain", "verify_archive"}
    assert edges(maintenance) == MAINTENANCE_EDGES
    topological_order(maintenance)
    sensor = maintenance.task_dict["wait_for_daily"]
    assert sensor.external_dag_id == daily.dag_id
    assert sensor.external_task_id is None and sensor.allowed_states == ["success"]
    assert sensor.mode == "reschedule", "waiting must not hold a worker slot"
    # No execution_delta: the two DAGs' runs pair up because their timetables are the same.
    assert sensor.execution_delta is None
    assert maintenance.timetable.expression == daily.timetable.expression


def test_schedules_are_one_utc_day_and_backfill_in_order(dags):
    for dag in dags.values():
        assert type(dag.timetable).__name__ == "CronDataIntervalTimetable"
        assert dag.timetable.timezone == "UTC"
        start = datetime.datetime(2026, 11, 1, tzinfo=UTC)
        assert dag.timetable.interval_end(start) - start == datetime.timedelta(days=1)
        assert dag.start_date.tzinfo is not None
        assert dag.catchup is True, "missed days are caught up (backfill by catchup)"
        assert dag.max_active_runs == 1, "days run one at a time, oldest first"


def test_every_task_retries_with_backoff_except_sensors(dags):
    for dag in dags.values():
        for task in dag.tasks:
            assert task.owner == "huntlake"
            assert task.execution_timeout is not None, task.task_id
            if task.task_id in ("check_inputs", "wait_for_daily"):
                continue
            assert task.retries == 3, task.task_id
            assert task.retry_exponential_backoff, task.task_id
            assert task.max_retry_delay == datetime.timedelta(hours=1)
    check = dags["huntlake_daily"].task_dict["check_inputs"]
    assert check.retries * check.retry_delay == datetime.timedelta(hours=12)
    assert not check.retry_exponential_backoff


def test_one_writer_at_a_time_through_the_lake_pool(dags):
    from huntlake_airflow import settings

    daily, maintenance = dags["huntlake_daily"], dags["huntlake_maintenance"]
    for task in daily.tasks:
        if task.task_id == "check_inputs":
            assert task.pool == "default_pool", "waiting for files must not hold a lake slot"
        else:
            assert (task.pool, task.pool_slots) == (settings.POOL, 1), task.task_id
    # Ingests run side by side as far as the pool allows (three of the four sources at once; the
    # pool's size stays what existing installations created); maintain needs every slot, so it
    # excludes them all.
    parallel = [t for t in daily.tasks if t.task_id.startswith("ingest_")]
    assert len(parallel) == len(SOURCES)
    assert all(t.pool_slots == 1 for t in parallel) and settings.POOL_SLOTS >= 3
    maintain = maintenance.task_dict["maintain"]
    assert (maintain.pool, maintain.pool_slots) == (settings.POOL, settings.POOL_SLOTS)
    assert maintenance.task_dict["wait_for_daily"].pool == "default_pool"


def test_tables_written_are_declared_as_assets(dags):
    from huntlake_airflow import assets

    daily = dags["huntlake_daily"]
    produced = {a for t in daily.tasks for a in t.outlets}
    assert all(isinstance(a, Asset) for a in produced)
    expected = {
        "audit_events", "container_logs", "network_flows", "k8s_events", "rejects", "ingest_ledger",
        "user_activity_daily", "workload_activity_daily", "flow_edge_daily", "user_baseline",
        "workload_baseline", "flow_edge_baseline", "anomaly_scores", "delivery_gaps", "findings",
        "log_volume_daily",
    }  # fmt: skip
    assert {a.name for a in produced} == {f"huntlake.{t}" for t in expected}
    assert daily.task_dict["detect"].outlets == [assets.HUNTLAKE_TABLES["findings"]]
    assert dags["huntlake_maintenance"].task_dict["maintain"].outlets == [
        assets.HUNTLAKE_TABLES["archive_manifest"]
    ]


def test_documented_and_tagged(dags):
    for dag in dags.values():
        assert dag.doc_md and len(dag.doc_md) > 200
        assert "huntlake" in dag.tags
        for task in dag.tasks:
            assert task.doc_md, f"{dag.dag_id}.{task.task_id} has no doc_md"


def test_importing_reads_no_variable_and_starts_nothing(load_dags, monkeypatch):
    from airflow.sdk import Variable

    def refuse(*args, **kwargs):
        raise AssertionError("called while the DAG files were being imported")

    monkeypatch.setattr(Variable, "get", classmethod(refuse))
    monkeypatch.setattr(subprocess, "run", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    real_open = builtins.open

    def open_only_sources(file, *args, **kwargs):
        if str(file).endswith(".py") or "__pycache__" in str(file):
            return real_open(file, *args, **kwargs)
        raise AssertionError(f"opened {file} while importing")

    monkeypatch.setattr(builtins, "open", open_only_sources)
    for runner in ("spark-submit", "kubernetes"):
        assert set(load_dags(runner)) == {"huntlake_daily", "huntlake_maintenance"}


def test_an_unknown_runner_is_refused_with_the_choices(load_dags, monkeypatch):
    with pytest.raises(ValueError, match="HUNTLAKE_AIRFLOW_RUNNER='spark' .*spark-submit, kubernetes"):
        load_dags("spark")


# ---- rendering ----------------------------------------------------------------------------------


def render(task, day: datetime.date, variable: dict | None, monkeypatch):
    if variable is None:
        monkeypatch.delenv("AIRFLOW_VAR_HUNTLAKE", raising=False)
    else:
        import json

        monkeypatch.setenv("AIRFLOW_VAR_HUNTLAKE", json.dumps(variable))
    start = datetime.datetime(day.year, day.month, day.day, tzinfo=UTC)
    task.render_template_fields(task_context(task.dag, start))
    return task


def test_spark_submit_tasks_render_the_day_and_the_settings(load_dags, monkeypatch):
    daily = load_dags("spark-submit")["huntlake_daily"]
    settings = {"config": "s3a://etc/huntlake.yaml", "application": "/jars/hl.jar", "spark_jars": "a.jar"}
    ingest = render(daily.task_dict["ingest_flow"], datetime.date(2026, 11, 1), settings, monkeypatch)
    assert ingest.spark_submit_command()[-8:] == [
        "/jars/hl.jar",
        "ingest",
        "--config",
        "s3a://etc/huntlake.yaml",
        "--date",
        "2026-11-01",
        "--source",
        "flow",
    ]
    command = ingest.spark_submit_command()
    assert command[command.index("--class") + 1] == "io.huntlake.cli.HuntlakeCli"
    assert command[command.index("--jars") + 1] == "a.jar"
    assert "--properties-file" not in command, "an empty setting adds no flag"


def test_defaults_apply_without_the_variable(load_dags, monkeypatch):
    daily = load_dags("spark-submit")["huntlake_daily"]
    task = render(daily.task_dict["score"], datetime.date(2026, 2, 28), None, monkeypatch)
    assert task.application == "/opt/huntlake/huntlake-spark.jar"
    assert task.application_args == ["score", "--config", "/opt/huntlake/huntlake.yaml", "--date", "2026-02-28"]


def test_pod_tasks_render_the_same_command_inside_the_image(load_dags, monkeypatch):
    daily = load_dags("kubernetes")["huntlake_daily"]
    settings = {"image": "registry.example/huntlake:0.1.0", "namespace": "security"}
    pod = render(daily.task_dict["detect"], datetime.date(2026, 11, 3), settings, monkeypatch)
    assert pod.image == "registry.example/huntlake:0.1.0"
    assert pod.namespace == "security"
    assert pod.cmds == ["/opt/spark/bin/spark-submit"]
    assert pod.arguments[pod.arguments.index("--class") + 1] == "io.huntlake.cli.HuntlakeCli"
    assert pod.arguments[-6:] == [
        "/opt/huntlake/huntlake-spark.jar",
        "detect",
        "--config",
        "/opt/huntlake/huntlake.yaml",
        "--date",
        "2026-11-03",
    ]


def test_the_pod_runner_needs_an_image(load_dags, monkeypatch):
    daily = load_dags("kubernetes")["huntlake_daily"]
    with pytest.raises(ValueError, match="needs 'image' for the kubernetes runner"):
        render(daily.task_dict["features"], datetime.date(2026, 11, 3), {}, monkeypatch)


@pytest.mark.parametrize(
    "variable, message",
    [
        ({"confg": "/x.yaml"}, r"unknown keys \['confg'\]; known keys: application, config"),
        (["config"], "must be a JSON object"),
        ({"config": 3}, "'config' must be a string"),
    ],
)
def test_bad_settings_are_refused_naming_the_fix(load_dags, monkeypatch, variable, message):
    daily = load_dags("spark-submit")["huntlake_daily"]
    with pytest.raises(ValueError, match=message):
        render(daily.task_dict["features"], datetime.date(2026, 11, 3), variable, monkeypatch)


def test_the_date_is_the_data_interval_never_the_clock(load_dags, monkeypatch):
    """A backfill of an old day and a retry next week render the same command."""
    daily = load_dags("spark-submit")["huntlake_daily"]
    first = render(daily.task_dict["baseline"], datetime.date(2025, 12, 31), {}, monkeypatch)
    assert first.application_args[-2:] == ["--date", "2025-12-31"]


# ---- exit codes ---------------------------------------------------------------------------------


@pytest.fixture
def fake_spark_submit(tmp_path, monkeypatch):
    """A spark-submit on PATH that exits with the code the test asks for."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "spark-submit"
    script.write_text('#!/bin/sh\necho "huntlake: what went wrong, why, what to do" >&2\nexit "$FAKE_EXIT"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return lambda code: monkeypatch.setenv("FAKE_EXIT", str(code))


@pytest.mark.parametrize(
    "code, outcome",
    [(0, None), (1, AirflowException), (4, AirflowException), (2, AirflowFailException), (3, AirflowFailException)],
)
def test_spark_submit_exit_codes_decide_retry(load_dags, monkeypatch, fake_spark_submit, code, outcome):
    daily = load_dags("spark-submit")["huntlake_daily"]
    task = render(daily.task_dict["detect"], datetime.date(2026, 11, 3), {}, monkeypatch)
    fake_spark_submit(code)
    if outcome is None:
        task.execute({})
        return
    with pytest.raises(outcome) as raised:
        task.execute({})
    assert type(raised.value) is outcome, "only 2 and 3 may skip the retries"
    if outcome is AirflowFailException:
        assert f"exited {code}" in str(raised.value)


def pod(phase: str, exit_code: int | None):
    terminated = types.SimpleNamespace(exit_code=exit_code) if exit_code is not None else None
    container = types.SimpleNamespace(name="base", state=types.SimpleNamespace(terminated=terminated))
    return types.SimpleNamespace(
        metadata=types.SimpleNamespace(name="huntlake-detect-x1"),
        status=types.SimpleNamespace(phase=phase, container_statuses=[container]),
    )


@pytest.mark.parametrize(
    "phase, code, outcome",
    [
        ("Succeeded", 0, None),
        ("Failed", 1, AirflowException),
        ("Failed", 4, AirflowException),
        ("Failed", 2, AirflowFailException),
        ("Failed", 3, AirflowFailException),
        ("Failed", None, AirflowException),
    ],
)
def test_pod_exit_codes_decide_retry(load_dags, phase, code, outcome):
    task = load_dags("kubernetes")["huntlake_daily"].task_dict["detect"]
    remote = pod(phase, code)
    if outcome is None:
        task.cleanup(pod=remote, remote_pod=remote)
        return
    with pytest.raises(outcome) as raised:
        task.cleanup(pod=remote, remote_pod=remote)
    assert type(raised.value) is outcome


def test_exit_codes_match_the_cli():
    """commands.py repeats the CLI's exit codes; they must agree with ExitCode.java."""
    from conftest import PROJECT
    from huntlake_airflow import commands

    source = (PROJECT / "src/main/java/io/huntlake/error/ExitCode.java").read_text()
    declared = {name: int(code) for name, code in re.findall(r"\b([A-Z_]+)\((\d+)\)", source)}
    assert declared == {
        "OK": commands.EXIT_OK,
        "FAILED": commands.EXIT_FAILED,
        "USAGE": commands.EXIT_USAGE,
        "BAD_INPUT": commands.EXIT_BAD_INPUT,
        "INPUT_NOT_READY": commands.EXIT_INPUT_NOT_READY,
    }
