"""Stand-in for the cncf-kubernetes provider's KubernetesPodOperator (see airflow/__init__.py).

Same template fields and the constructor parameters HuntLake passes; ``cleanup`` fails a pod
that did not succeed the way the provider does. It starts no pod: ``execute`` is not provided.
"""

from __future__ import annotations

from typing import Any

from airflow.sdk import BaseOperator
from airflow.sdk.exceptions import AirflowException, AirflowSkipException


class KubernetesPodOperator(BaseOperator):
    BASE_CONTAINER_NAME = "base"

    template_fields = (
        "image",
        "name",
        "hostname",
        "cmds",
        "annotations",
        "arguments",
        "env_vars",
        "labels",
        "config_file",
        "pod_template_file",
        "pod_template_dict",
        "namespace",
        "container_resources",
        "volumes",
        "volume_mounts",
        "cluster_context",
        "env_from",
        "node_selector",
        "kubernetes_conn_id",
        "base_container_name",
        "trigger_kwargs",
    )

    def __init__(
        self,
        *,
        kubernetes_conn_id: str | None = "kubernetes_default",
        namespace: str | None = None,
        image: str | None = None,
        name: str | None = None,
        random_name_suffix: bool = True,
        cmds: list[str] | None = None,
        arguments: list[str] | None = None,
        volume_mounts: list | None = None,
        volumes: list | None = None,
        env_vars: Any = None,
        env_from: list | None = None,
        in_cluster: bool | None = None,
        cluster_context: str | None = None,
        labels: dict | None = None,
        get_logs: bool = True,
        base_container_name: str | None = None,
        annotations: dict | None = None,
        container_resources: Any = None,
        config_file: str | None = None,
        node_selector: dict | None = None,
        service_account_name: str | None = None,
        hostname: str | None = None,
        pod_template_file: str | None = None,
        pod_template_dict: dict | None = None,
        skip_on_exit_code: int | list[int] | None = None,
        on_finish_action: str = "delete_pod",
        trigger_kwargs: dict | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.kubernetes_conn_id = kubernetes_conn_id
        self.namespace = namespace
        self.image = image
        self.name = name
        self.cmds = cmds or []
        self.arguments = arguments or []
        self.volume_mounts = volume_mounts or []
        self.volumes = volumes or []
        self.env_vars = env_vars
        self.env_from = env_from
        self.cluster_context = cluster_context
        self.labels = labels or {}
        self.get_logs = get_logs
        self.base_container_name = base_container_name or self.BASE_CONTAINER_NAME
        self.annotations = annotations or {}
        self.container_resources = container_resources
        self.config_file = config_file
        self.node_selector = node_selector or {}
        self.hostname = hostname
        self.pod_template_file = pod_template_file
        self.pod_template_dict = pod_template_dict
        self.skip_on_exit_code = (
            skip_on_exit_code
            if isinstance(skip_on_exit_code, (list, tuple))
            else ([skip_on_exit_code] if skip_on_exit_code is not None else [])
        )
        self.on_finish_action = on_finish_action
        self.trigger_kwargs = trigger_kwargs or {}
        self._killed = False

    def cleanup(self, pod, remote_pod, xcom_result=None, context=None) -> None:
        if self._killed or not remote_pod:
            return
        failed = remote_pod.status.phase != "Succeeded"
        if self.skip_on_exit_code:
            for status in remote_pod.status.container_statuses or []:
                if status.name == self.base_container_name and status.state.terminated:
                    if status.state.terminated.exit_code in self.skip_on_exit_code:
                        raise AirflowSkipException(f"Pod {pod.metadata.name} skipped")
        if failed:
            raise AirflowException(f"Pod {pod and pod.metadata.name} returned a failure.")
