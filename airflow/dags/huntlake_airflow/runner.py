"""How a HuntLake command runs as an Airflow task: the one place to change it.

* ``spark-submit`` (default): ``SparkSubmitOperator`` submits the shaded jar with the Spark
  connection ``spark_default`` (master, deploy mode, queue, Spark home).
* ``kubernetes``: ``KubernetesPodOperator`` starts a pod from the ``image`` setting that runs
  ``spark-submit`` on the same jar inside the pod.

Both map the CLI's exit codes: 2 (bad usage or config) and 3 (unusable input data) fail the task
at once, since a retry would fail the same way; every other failure, including 4 (input not there
yet), is retried per the task's retry settings. The exit code reaches Airflow only when the driver
runs in the process Airflow watches: spark-submit in client deploy mode (the default), or the pod.
In cluster deploy mode every failure is retried.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from huntlake_airflow import commands, settings

_SPARK_SUBMIT_EXIT = re.compile(r"Error code is: (\d+)")
_K8S_SPARK_EXIT = re.compile(r"Kubernetes spark exit code is: (\d+)")


def exit_code_from_spark_submit_error(message: str) -> int | None:
    """The driver's exit code named in SparkSubmitHook's failure message, if any."""
    match = _K8S_SPARK_EXIT.search(message) or _SPARK_SUBMIT_EXIT.search(message)
    return int(match.group(1)) if match else None


def exit_code_of_pod(remote_pod: Any, container_name: str) -> int | None:
    """The exit code of the pod's container that ran HuntLake, once it has terminated."""
    status = getattr(remote_pod, "status", None)
    for container in getattr(status, "container_statuses", None) or []:
        if container.name == container_name and container.state and container.state.terminated:
            return container.state.terminated.exit_code
    return None


def no_retry_failure(task_id: str, exit_code: int | None) -> Exception | None:
    """The exception that ends the task without retries, or None when a retry may help."""
    if exit_code not in commands.NO_RETRY_EXIT_CODES:
        return None
    from airflow.sdk.exceptions import AirflowFailException

    return AirflowFailException(
        f"HuntLake task {task_id} exited {exit_code}:"
        f" {commands.NO_RETRY_EXIT_CODES[exit_code]}. Not retrying, because a retry would fail the"
        " same way; the task log above holds HuntLake's message with the fix."
    )


def huntlake_task(
    task_id: str,
    arguments: Sequence[str],
    **task_args: Any,
):
    """One HuntLake command as a task of the runner in use.

    ``arguments`` is the command line after ``huntlake`` (commands.py); ``task_args`` are
    BaseOperator arguments (retries, pool, outlets, doc_md, ...).
    """
    name = "huntlake-" + task_id.replace("_", "-")
    if settings.runner() == "spark-submit":
        return _spark_submit_operator()(
            task_id=task_id,
            name=name,
            application="{{ huntlake.application }}",
            java_class=commands.MAIN_CLASS,
            application_args=list(arguments),
            properties_file="{{ huntlake.spark_properties_file }}",
            jars="{{ huntlake.spark_jars }}",
            **task_args,
        )
    return _pod_operator()(
        task_id=task_id,
        name=name,
        namespace="{{ huntlake.namespace }}",
        image="{{ huntlake.required('image') }}",
        cmds=["{{ huntlake.pod_spark_submit }}"],
        arguments=[
            "--master",
            "{{ huntlake.pod_master }}",
            "--deploy-mode",
            "client",
            "--driver-memory",
            "{{ huntlake.pod_driver_memory }}",
            "--name",
            name,
            "--class",
            commands.MAIN_CLASS,
            "{{ huntlake.application }}",
            *arguments,
        ],
        get_logs=True,
        on_finish_action="delete_pod",
        **task_args,
    )


def _spark_submit_operator():
    # Imported only for the runner in use: the other runner's provider need not be installed.
    from huntlake_airflow.spark_submit_runner import HuntlakeSparkSubmitOperator

    return HuntlakeSparkSubmitOperator


def _pod_operator():
    from huntlake_airflow.kubernetes_runner import HuntlakePodOperator

    return HuntlakePodOperator
