"""The kubernetes runner's operator (imported only when that runner is in use)."""

from __future__ import annotations

from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

from huntlake_airflow.runner import exit_code_of_pod, no_retry_failure


class HuntlakePodOperator(KubernetesPodOperator):
    """KubernetesPodOperator that fails without retrying on HuntLake's exit codes 2 and 3.

    The provider raises a plain failure for any non-zero pod; the container's exit code is read
    from the finished pod's status in ``cleanup``, where that failure is raised.
    """

    def cleanup(self, pod, remote_pod, xcom_result=None, context=None):
        try:
            return super().cleanup(
                pod=pod, remote_pod=remote_pod, xcom_result=xcom_result, context=context
            )
        except Exception as error:
            if type(error).__name__ == "AirflowSkipException":
                raise
            final = no_retry_failure(
                self.task_id, exit_code_of_pod(remote_pod, self.base_container_name)
            )
            if final is None:
                raise
            raise final from error
