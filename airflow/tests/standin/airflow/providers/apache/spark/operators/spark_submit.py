"""Stand-in for the apache-spark provider's SparkSubmitOperator (see airflow/__init__.py).

Same constructor parameters (the ones a client-mode submit uses), same template fields, and the
same command line as SparkSubmitHook builds for them. The Spark connection is not looked up: the
master comes from HUNTLAKE_STANDIN_SPARK_MASTER (default local[2]) and spark-submit from PATH, as
the real hook finds it when the connection names no Spark home.
"""

from __future__ import annotations

import os
import subprocess
from typing import Any

from airflow.sdk import BaseOperator
from airflow.sdk.exceptions import AirflowException

ALLOWED_SPARK_BINARIES = ["spark-submit", "spark2-submit", "spark3-submit"]


class SparkSubmitOperator(BaseOperator):
    template_fields = (
        "application",
        "conf",
        "files",
        "py_files",
        "jars",
        "driver_class_path",
        "packages",
        "exclude_packages",
        "keytab",
        "principal",
        "proxy_user",
        "name",
        "application_args",
        "env_vars",
        "post_submit_commands",
        "properties_file",
    )

    def __init__(
        self,
        *,
        application: str = "",
        conf: dict[Any, Any] | None = None,
        conn_id: str = "spark_default",
        files: str | None = None,
        py_files: str | None = None,
        archives: str | None = None,
        driver_class_path: str | None = None,
        jars: str | None = None,
        java_class: str | None = None,
        packages: str | None = None,
        exclude_packages: str | None = None,
        repositories: str | None = None,
        total_executor_cores: int | None = None,
        executor_cores: int | None = None,
        executor_memory: str | None = None,
        driver_memory: str | None = None,
        keytab: str | None = None,
        principal: str | None = None,
        proxy_user: str | None = None,
        name: str = "arrow-spark",
        num_executors: int | None = None,
        status_poll_interval: int = 1,
        application_args: list[Any] | None = None,
        env_vars: dict[str, Any] | None = None,
        verbose: bool = False,
        spark_binary: str | None = None,
        properties_file: str | None = None,
        yarn_queue: str | None = None,
        deploy_mode: str | None = None,
        use_krb5ccache: bool = False,
        post_submit_commands: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.application = application
        self.conf = conf
        self.files = files
        self.py_files = py_files
        self.driver_class_path = driver_class_path
        self.jars = jars
        self.java_class = java_class
        self.packages = packages
        self.exclude_packages = exclude_packages
        self.keytab = keytab
        self.principal = principal
        self.proxy_user = proxy_user
        self.name = name
        self.application_args = application_args
        self.env_vars = env_vars
        self.post_submit_commands = post_submit_commands
        self.properties_file = properties_file
        self.conn_id = conn_id
        self.driver_memory = driver_memory
        self.executor_memory = executor_memory
        self.verbose = verbose
        self.spark_binary = spark_binary or "spark-submit"
        self.deploy_mode = deploy_mode
        if self.spark_binary not in ALLOWED_SPARK_BINARIES:
            raise RuntimeError(f"The spark-binary extra can be one of {ALLOWED_SPARK_BINARIES}")

    def spark_submit_command(self) -> list[str]:
        """The command SparkSubmitHook builds for these (rendered) arguments."""
        command = [self.spark_binary, "--master", os.environ.get("HUNTLAKE_STANDIN_SPARK_MASTER", "local[2]")]
        for key, value in (self.conf or {}).items():
            command += ["--conf", f"{key}={value}"]
        for flag, value in (
            ("--files", self.files),
            ("--py-files", self.py_files),
            ("--driver-class-path", self.driver_class_path),
            ("--jars", self.jars),
            ("--packages", self.packages),
            ("--exclude-packages", self.exclude_packages),
            ("--executor-memory", self.executor_memory),
            ("--driver-memory", self.driver_memory),
            ("--keytab", self.keytab),
            ("--principal", self.principal),
            ("--proxy-user", self.proxy_user),
            ("--properties-file", self.properties_file),
        ):
            if value:
                command += [flag, value]
        command += ["--name", self.name]
        if self.java_class:
            command += ["--class", self.java_class]
        if self.verbose:
            command += ["--verbose"]
        if self.deploy_mode:
            command += ["--deploy-mode", self.deploy_mode]
        command += [self.application]
        command += [str(arg) for arg in self.application_args or []]
        return command

    def execute(self, context):
        command = self.spark_submit_command()
        env = None
        if self.env_vars:
            env = {**os.environ, **{k: str(v) for k, v in self.env_vars.items()}}
        process = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.output = process.stdout
        if process.returncode:
            raise AirflowException(
                f"Cannot execute: {' '.join(command)}. Error code is: {process.returncode}."
            )
