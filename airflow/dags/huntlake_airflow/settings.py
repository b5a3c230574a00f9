"""Deployment settings of the HuntLake DAGs, in one place.

Two kinds, read at two different times:

* How tasks run (``spark-submit`` or a Kubernetes pod) shapes the task graph's operators, so it is
  chosen when the DAG file is parsed, from the environment variable ``HUNTLAKE_AIRFLOW_RUNNER``
  (Airflow's own advice: environment variables, not Variables, for what parsing needs).
* Everything else (the HuntLake config file, the jar, the image, Spark properties) lives in one
  JSON Airflow Variable, ``huntlake``, read only when a task renders its templates, through the
  ``huntlake`` template macro. Unknown keys are an error, so a typo never goes unnoticed.
"""

from __future__ import annotations

import datetime
import os
from typing import Any

RUNNER_ENV = "HUNTLAKE_AIRFLOW_RUNNER"
RUNNERS = ("spark-submit", "kubernetes")

VARIABLE = "huntlake"

#: Every key of the ``huntlake`` Variable, with its default and meaning (README: Settings).
DEFAULTS: dict[str, tuple[Any, str]] = {
    "config": (
        "/opt/huntlake/huntlake.yaml",
        "HuntLake config file (--config) as the job sees it: a path on the spark-submit host, or"
        " in the image.",
    ),
    "application": (
        "/opt/huntlake/huntlake-spark.jar",
        "The shaded jar (target/huntlake-<version>-spark.jar); for kubernetes, its path in the"
        " image.",
    ),
    "spark_properties_file": (
        "",
        "spark-submit runner: a Spark properties file (--properties-file) for submit-time"
        " settings such as spark.driver.memory or executor sizes. Empty: Spark's own defaults.",
    ),
    "spark_jars": (
        "",
        "spark-submit runner: comma-separated extra jars (--jars), e.g. hadoop-aws and the AWS"
        " SDK bundle when the cluster's Spark lacks them.",
    ),
    "image": (
        "",
        "kubernetes runner: an image with Spark 3.5 (spark-submit on PATH) and the shaded jar at"
        " `application`. Required for that runner.",
    ),
    "namespace": ("default", "kubernetes runner: the namespace the pods run in."),
    "pod_spark_submit": (
        "/opt/spark/bin/spark-submit",
        "kubernetes runner: spark-submit inside the image (this is where apache/spark images"
        " keep it).",
    ),
    "pod_master": (
        "local[*]",
        "kubernetes runner: the Spark master inside the pod; local[*] runs the whole job in the"
        " pod, k8s://https://kubernetes.default.svc starts executors.",
    ),
    "pod_driver_memory": ("4g", "kubernetes runner: spark-submit --driver-memory in the pod."),
}

POOL = "huntlake_lake"
#: The pool's size. Daily tasks take one slot each (three of the ingests run side by side);
#: maintenance takes all of them, so it never overlaps a daily write and no daily write starts
#: while it runs. Create the pool with exactly this many slots (airflow/README.md).
POOL_SLOTS = 3

OWNER = "huntlake"

#: Retries for transient failures (storage hiccups, lost executors, a Delta commit that lost to a
#: concurrent writer too often): three, backing off from five minutes up to an hour.
TASK_DEFAULTS: dict[str, Any] = {
    "owner": OWNER,
    "retries": 3,
    "retry_delay": datetime.timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "max_retry_delay": datetime.timedelta(hours=1),
    "execution_timeout": datetime.timedelta(hours=6),
}

#: The input check waits for late log delivery by retrying: every 30 minutes for up to 12 hours.
INPUT_WAIT = {
    "retries": 24,
    "retry_delay": datetime.timedelta(minutes=30),
    "retry_exponential_backoff": False,
    "execution_timeout": datetime.timedelta(minutes=15),
}


class SettingsError(ValueError):
    """The ``huntlake`` Variable (or the runner variable) holds something the DAGs cannot use."""


def runner(environ: dict[str, str] | None = None) -> str:
    """The runner named by ``HUNTLAKE_AIRFLOW_RUNNER`` (default: spark-submit)."""
    value = (environ if environ is not None else os.environ).get(RUNNER_ENV, "spark-submit")
    if value not in RUNNERS:
        raise SettingsError(
            f"{RUNNER_ENV}={value!r} is not a HuntLake runner: use one of {', '.join(RUNNERS)}"
            " (set it in the environment of the DAG processor and the workers)."
        )
    return value


def resolve(variable: Any) -> dict[str, Any]:
    """The settings: the Variable's values over the defaults, checked."""
    if variable is None:
        variable = {}
    if not isinstance(variable, dict):
        raise SettingsError(
            f"Airflow Variable {VARIABLE!r} must be a JSON object, got {type(variable).__name__};"
            f" set it with: airflow variables set --json {VARIABLE} '{{\"config\": \"...\"}}'"
        )
    unknown = sorted(set(variable) - set(DEFAULTS))
    if unknown:
        raise SettingsError(
            f"Airflow Variable {VARIABLE!r} has unknown keys {unknown}; known keys:"
            f" {', '.join(sorted(DEFAULTS))} (airflow/README.md, Settings)."
        )
    settings = {key: default for key, (default, _) in DEFAULTS.items()}
    for key, value in variable.items():
        if not isinstance(value, str):
            raise SettingsError(
                f"Airflow Variable {VARIABLE!r}: {key!r} must be a string, got {value!r}."
            )
        settings[key] = value
    return settings


class TemplateSettings:
    """The ``huntlake`` template macro: ``{{ huntlake.config }}`` and so on.

    It reads the Variable when a task renders its templates on a worker; never at import or
    parse time.
    """

    def __init__(self, read_variable=None):
        self._read_variable = read_variable or _read_airflow_variable

    def _load(self) -> dict[str, Any]:
        # Read on every use, not cached: a process may render tasks of several runs.
        return resolve(self._read_variable())

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        settings = self._load()
        if key not in settings:
            raise SettingsError(f"No HuntLake setting {key!r}; known: {', '.join(sorted(settings))}.")
        return settings[key]

    def required(self, key: str) -> str:
        """A setting that must not be empty for the runner in use (the image for pods)."""
        value = getattr(self, key)
        if not value:
            raise SettingsError(
                f"Airflow Variable {VARIABLE!r} needs {key!r} for the"
                f" {runner()} runner: {DEFAULTS[key][1]}"
            )
        return value


def _read_airflow_variable() -> Any:
    from airflow.sdk import Variable

    return Variable.get(VARIABLE, default=None, deserialize_json=True)


def template_macros() -> dict[str, Any]:
    """The user_defined_macros every HuntLake DAG declares."""
    return {"huntlake": TemplateSettings()}
