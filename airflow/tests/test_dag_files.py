"""Static checks of the DAG files with ``ast``: what a DAG processor and a reviewer would reject.

Nothing here imports Airflow or the DAG files.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import DAG_FILES, HELPER_FILES

#: Airflow 2 locations that Airflow 3 removed or moved (airflow.sdk, the standard provider).
AIRFLOW_2_IMPORTS = (
    "airflow.models",
    "airflow.operators",
    "airflow.sensors",
    "airflow.decorators",
    "airflow.datasets",
    "airflow.hooks",
    "airflow.utils.dates",
    "airflow.contrib",
    "airflow.exceptions",
    "airflow.providers.cncf.kubernetes.operators.kubernetes_pod",
)
AIRFLOW_3_IMPORTS = (
    "airflow.sdk",
    "airflow.timetables.",
    "airflow.providers.apache.spark.",
    "airflow.providers.cncf.kubernetes.",
    "airflow.providers.standard.",
)

#: Calls that do work, read state or read the clock: never at parse time.
FORBIDDEN_AT_IMPORT = {
    "Variable.get",
    "Variable.set",
    "BaseHook.get_connection",
    "Connection.get",
    "datetime.now",
    "datetime.utcnow",
    "datetime.today",
    "date.today",
    "time.time",
    "pendulum.now",
    "pendulum.today",
    "open",
    "subprocess.run",
    "subprocess.Popen",
    "subprocess.check_output",
    "os.system",
    "requests.get",
    "requests.post",
}


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def call_name(node: ast.Call) -> str:
    parts = []
    target = node.func
    while isinstance(target, ast.Attribute):
        parts.append(target.attr)
        target = target.value
    if isinstance(target, ast.Name):
        parts.append(target.id)
    return ".".join(reversed(parts))


def calls_run_at_import(tree: ast.Module):
    """Calls outside any function or lambda body: they run when the file is imported."""

    def visit(node, in_function):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            # Decorators and default values still run at import.
            for child in getattr(node, "decorator_list", []) + list(ast.iter_child_nodes(node.args)):
                yield from visit(child, in_function)
            return
        if isinstance(node, ast.Call) and not in_function:
            yield node
        for child in ast.iter_child_nodes(node):
            yield from visit(child, in_function)

    yield from visit(tree, False)


def dag_call(tree: ast.Module) -> ast.Call:
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and call_name(node) in ("DAG", "dag")
    ]
    assert len(calls) == 1, "each DAG file defines exactly one DAG"
    return calls[0]


def keywords(call: ast.Call) -> dict[str, ast.expr]:
    return {k.arg: k.value for k in call.keywords if k.arg}


def test_there_are_dag_files():
    assert {p.name for p in DAG_FILES} == {"huntlake_daily.py", "huntlake_maintenance.py"}


@pytest.mark.parametrize("path", DAG_FILES, ids=lambda p: p.name)
def test_schedule_is_an_explicit_data_interval_timetable(path):
    schedule = keywords(dag_call(parse(path))).get("schedule")
    assert schedule is not None, "schedule must be given (Airflow 3 defaults to none)"
    assert isinstance(schedule, ast.Call) and call_name(schedule) == "CronDataIntervalTimetable", (
        "a bare cron string gives a zero-width data interval in Airflow 3;"
        " declare CronDataIntervalTimetable(cron, timezone=...)"
    )
    assert "timezone" in keywords(schedule) or len(schedule.args) == 2


@pytest.mark.parametrize("path", DAG_FILES, ids=lambda p: p.name)
def test_start_date_has_a_time_zone(path):
    start = keywords(dag_call(parse(path))).get("start_date")
    assert isinstance(start, ast.Call), "start_date must be a fixed datetime, not computed"
    given = keywords(start)
    assert "tzinfo" in given or "tz" in given, "start_date must carry a time zone (UTC)"


@pytest.mark.parametrize("path", DAG_FILES, ids=lambda p: p.name)
def test_catchup_and_concurrency_are_explicit(path):
    given = keywords(dag_call(parse(path)))
    assert isinstance(given.get("catchup"), ast.Constant), "catchup must be set, True or False"
    assert isinstance(given.get("max_active_runs"), ast.Constant)
    for required in ("doc_md", "tags", "default_args", "description"):
        assert required in given, f"DAG(...) needs {required}"


@pytest.mark.parametrize("path", DAG_FILES + HELPER_FILES, ids=lambda p: p.name)
def test_no_work_or_clock_at_import(path):
    offending = [
        f"line {call.lineno}: {call_name(call)}()"
        for call in calls_run_at_import(parse(path))
        if call_name(call) in FORBIDDEN_AT_IMPORT or call_name(call).endswith(".now")
    ]
    assert not offending, f"{path.name} does work at import time: {offending}"


@pytest.mark.parametrize("path", DAG_FILES + HELPER_FILES, ids=lambda p: p.name)
def test_only_airflow_3_import_paths(path):
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module]
            if node.module == "airflow":
                pytest.fail(f"{path.name}:{node.lineno}: 'from airflow import ...' is Airflow 2 style")
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        else:
            continue
        for module in modules:
            if not module.startswith("airflow"):
                continue
            assert not module.startswith(AIRFLOW_2_IMPORTS), f"{path.name}:{node.lineno}: {module}"
            assert module.startswith(AIRFLOW_3_IMPORTS), f"{path.name}:{node.lineno}: {module}"


@pytest.mark.parametrize("path", DAG_FILES + HELPER_FILES, ids=lambda p: p.name)
def test_no_airflow_2_arguments(path):
    removed = {"schedule_interval", "timetable", "concurrency", "provide_context", "task_concurrency"}
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.keyword) and node.arg in removed:
            pytest.fail(f"{path.name}:{node.value.lineno}: {node.arg}= was removed in Airflow 3")


def test_the_checks_catch_what_they_look_for():
    """The checks above are only worth something if they fail on a bad DAG file."""
    bad = ast.parse(
        "from airflow import DAG\n"
        "from airflow.models import Variable\n"
        "import datetime\n"
        "config = Variable.get('x')\n"
        "with DAG('x', schedule='@daily', start_date=datetime.datetime(2026, 1, 1)) as dag:\n"
        "    stamp = datetime.datetime.now()\n"
        "def later():\n"
        "    return Variable.get('y')\n"
    )
    at_import = [call_name(c) for c in calls_run_at_import(bad)]
    assert "Variable.get" in at_import and "datetime.datetime.now" in at_import
    assert at_import.count("Variable.get") == 1, "a call inside a function is not import-time"
    schedule = keywords(dag_call(bad))["schedule"]
    assert isinstance(schedule, ast.Constant)
    assert "tzinfo" not in keywords(keywords(dag_call(bad))["start_date"])
