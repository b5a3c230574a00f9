"""Stand-in for the standard provider's ExternalTaskSensor (see airflow/__init__.py).

Constructor parameters only: it records what it waits for; it does not poke.
"""

from __future__ import annotations

import datetime
from typing import Any

from airflow.sdk import BaseOperator


class ExternalTaskSensor(BaseOperator):
    def __init__(
        self,
        *,
        external_dag_id: str,
        external_task_id: str | None = None,
        external_task_ids: list[str] | None = None,
        external_task_group_id: str | None = None,
        allowed_states: list[str] | None = None,
        skipped_states: list[str] | None = None,
        failed_states: list[str] | None = None,
        execution_delta: datetime.timedelta | None = None,
        execution_date_fn: Any = None,
        check_existence: bool = False,
        poll_interval: float = 2.0,
        deferrable: bool = False,
        poke_interval: float = 60,
        timeout: float = 7 * 24 * 60 * 60,
        soft_fail: bool = False,
        mode: str = "poke",
        exponential_backoff: bool = False,
        max_wait: Any = None,
        silent_fail: bool = False,
        never_fail: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if mode not in ("poke", "reschedule"):
            raise ValueError(f"mode must be poke or reschedule, not {mode!r}")
        self.external_dag_id = external_dag_id
        self.external_task_id = external_task_id
        self.allowed_states = list(allowed_states or ["success"])
        self.failed_states = list(failed_states or [])
        self.execution_delta = execution_delta
        self.mode = mode
        self.poke_interval = poke_interval
        self.timeout = timeout
