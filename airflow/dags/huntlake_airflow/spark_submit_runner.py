"""The spark-submit runner's operator (imported only when that runner is in use)."""

from __future__ import annotations

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

from huntlake_airflow.runner import exit_code_from_spark_submit_error, no_retry_failure


class HuntlakeSparkSubmitOperator(SparkSubmitOperator):
    """SparkSubmitOperator that fails without retrying on HuntLake's exit codes 2 and 3."""

    def execute(self, context):
        try:
            return super().execute(context)
        except Exception as error:
            final = no_retry_failure(self.task_id, exit_code_from_spark_submit_error(str(error)))
            if final is None:
                raise
            raise final from error
