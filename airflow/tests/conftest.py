"""Shared set-up of the DAG tests: the stand-in ``airflow`` package and loading DAG files.

The stand-in (airflow/tests/standin/airflow, labelled TEST-ONLY) goes first on sys.path, then
airflow/dags, as Airflow puts its dags folder on sys.path for the DAG files' own imports.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
AIRFLOW_DIR = TESTS.parent
DAGS = AIRFLOW_DIR / "dags"
PROJECT = AIRFLOW_DIR.parent
STANDIN = TESTS / "standin"

sys.path.insert(0, str(DAGS))
sys.path.insert(0, str(STANDIN))

import airflow  # noqa: E402  (must be the stand-in, never a real Airflow)

assert getattr(airflow, "STANDIN", False), f"expected the test stand-in, imported {airflow.__file__}"

DAG_FILES = sorted(p for p in DAGS.glob("*.py") if "DAG(" in p.read_text())
HELPER_FILES = sorted((DAGS / "huntlake_airflow").glob("*.py"))


def load_dag_module(path: Path, runner: str = "spark-submit", monkeypatch=None):
    """Imports a DAG file as Airflow's DAG processor would, with the given runner."""
    if monkeypatch is not None:
        monkeypatch.setenv("HUNTLAKE_AIRFLOW_RUNNER", runner)
    # Fresh imports each time, so a runner chosen by one test never leaks into the next.
    for name in [m for m in sys.modules if m == "huntlake_airflow" or m.startswith("huntlake_airflow.")]:
        del sys.modules[name]
    spec = importlib.util.spec_from_file_location(f"dagfile_{path.stem}_{runner.replace('-', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def load_dags(monkeypatch):
    """``load_dags(runner)`` -> {dag_id: DAG} of every DAG file."""

    def load(runner: str = "spark-submit"):
        dags = {}
        for path in DAG_FILES:
            module = load_dag_module(path, runner, monkeypatch)
            dags[module.dag.dag_id] = module.dag
        return dags

    return load
