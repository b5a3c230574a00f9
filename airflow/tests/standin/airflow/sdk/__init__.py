"""Stand-in for airflow.sdk (see airflow/__init__.py: TEST-ONLY).

DAG, Asset and Variable with Airflow 3's constructor parameters; BaseOperator with the task
arguments HuntLake uses, default_args merging, dependencies and template rendering.
"""

from __future__ import annotations

import datetime
import inspect
import json
import os
from typing import Any, Iterable

import jinja2
import jinja2.sandbox

_NOTSET = object()
_dag_stack: list["DAG"] = []


class Asset:
    def __init__(self, name=None, uri=None, *, group="asset", extra=None, watchers=()):
        if name is None and uri is None:
            raise TypeError("Asset() requires either 'name' or 'uri'")
        self.name = name if name is not None else uri
        self.uri = uri if uri is not None else name
        self.group = group
        self.extra = extra or {}
        # Airflow 3 requires URI-safe ASCII and reserves the "airflow" scheme.
        if not self.uri.isascii() or self.uri.split("://")[0] == "airflow":
            raise ValueError(f"invalid asset URI {self.uri!r}")

    def __eq__(self, other):
        return isinstance(other, Asset) and (self.name, self.uri) == (other.name, other.uri)

    def __hash__(self):
        return hash((self.name, self.uri))

    def __repr__(self):
        return f"Asset(name={self.name!r}, uri={self.uri!r})"


class Variable:
    """Reads AIRFLOW_VAR_<KEY> from the environment, one of the real Variable's backends."""

    @classmethod
    def get(cls, key: str, default: Any = _NOTSET, deserialize_json: bool = False) -> Any:
        raw = os.environ.get("AIRFLOW_VAR_" + key.upper())
        if raw is None:
            if default is _NOTSET:
                raise KeyError(f"Variable {key} does not exist")
            return default
        return json.loads(raw) if deserialize_json else raw


class DAG:
    def __init__(
        self,
        dag_id: str,
        description: str | None = None,
        schedule: Any = None,
        start_date: datetime.datetime | None = None,
        end_date: datetime.datetime | None = None,
        template_searchpath: Any = None,
        template_undefined: type = jinja2.StrictUndefined,
        user_defined_macros: dict | None = None,
        user_defined_filters: dict | None = None,
        default_args: dict | None = None,
        max_active_tasks: int = 16,
        max_active_runs: int = 16,
        max_consecutive_failed_dag_runs: int = 0,
        dagrun_timeout: datetime.timedelta | None = None,
        sla_miss_callback: Any = None,
        catchup: bool = False,
        on_success_callback: Any = None,
        on_failure_callback: Any = None,
        doc_md: str | None = None,
        params: dict | None = None,
        access_control: dict | None = None,
        is_paused_upon_creation: bool | None = None,
        jinja_environment_kwargs: dict | None = None,
        render_template_as_native_obj: bool = False,
        tags: Iterable[str] | None = None,
        owner_links: dict | None = None,
        auto_register: bool = True,
        fail_fast: bool = False,
        dag_display_name: str | None = None,
    ):
        if start_date is not None and start_date.tzinfo is None:
            raise ValueError("start_date must be timezone-aware")
        self.dag_id = dag_id
        self.description = description
        self.schedule = schedule
        self.timetable = schedule
        self.start_date = start_date
        self.end_date = end_date
        self.template_undefined = template_undefined
        self.user_defined_macros = user_defined_macros or {}
        self.default_args = dict(default_args or {})
        self.max_active_tasks = max_active_tasks
        self.max_active_runs = max_active_runs
        self.dagrun_timeout = dagrun_timeout
        self.catchup = catchup
        self.doc_md = doc_md
        self.params = params or {}
        self.tags = set(tags or ())
        self.task_dict: dict[str, BaseOperator] = {}

    def __enter__(self):
        _dag_stack.append(self)
        return self

    def __exit__(self, *exc):
        _dag_stack.pop()
        return False

    @property
    def tasks(self) -> list["BaseOperator"]:
        return list(self.task_dict.values())

    def jinja_env(self) -> jinja2.Environment:
        env = jinja2.sandbox.SandboxedEnvironment(
            undefined=self.template_undefined, keep_trailing_newline=True, cache_size=0
        )
        env.globals.update(self.user_defined_macros)
        return env


class BaseOperator:
    template_fields: tuple[str, ...] = ()

    def __init__(
        self,
        *,
        task_id: str,
        owner: str = "airflow",
        email: Any = None,
        retries: int | None = 0,
        retry_delay: datetime.timedelta = datetime.timedelta(seconds=300),
        retry_exponential_backoff: float = 0,
        max_retry_delay: datetime.timedelta | None = None,
        start_date: datetime.datetime | None = None,
        depends_on_past: bool = False,
        wait_for_downstream: bool = False,
        dag: DAG | None = None,
        default_args: dict | None = None,
        priority_weight: int = 1,
        pool: str | None = None,
        pool_slots: int = 1,
        execution_timeout: datetime.timedelta | None = None,
        trigger_rule: str = "all_success",
        outlets: Any = None,
        inlets: Any = None,
        doc_md: str | None = None,
        max_active_tis_per_dag: int | None = None,
    ):
        self.task_id = task_id
        self.owner = owner
        self.retries = retries
        self.retry_delay = retry_delay
        self.retry_exponential_backoff = retry_exponential_backoff
        self.max_retry_delay = max_retry_delay
        self.depends_on_past = depends_on_past
        self.pool = pool or "default_pool"
        self.pool_slots = pool_slots
        self.execution_timeout = execution_timeout
        self.trigger_rule = trigger_rule
        self.outlets = list(outlets or [])
        self.doc_md = doc_md
        self.upstream_task_ids: set[str] = set()
        self.downstream_task_ids: set[str] = set()
        self.dag = dag or (_dag_stack[-1] if _dag_stack else None)
        if self.dag is not None:
            if task_id in self.dag.task_dict:
                raise ValueError(f"duplicate task id {task_id!r} in DAG {self.dag.dag_id}")
            self.dag.task_dict[task_id] = self

    # -- default_args: Airflow fills any constructor argument the caller left out ---------------
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "__init__" not in cls.__dict__:
            return
        original = cls.__init__

        def init_with_defaults(self, *args, **kwargs):
            if getattr(self, "_defaults_applied", False):
                return original(self, *args, **kwargs)
            self._defaults_applied = True
            dag = kwargs.get("dag") or (_dag_stack[-1] if _dag_stack else None)
            defaults = dict(dag.default_args) if dag else {}
            accepted = _accepted_parameters(type(self))
            for key, value in defaults.items():
                if key in accepted and key not in kwargs:
                    kwargs[key] = value
            unknown = set(kwargs) - accepted
            if unknown:
                raise TypeError(
                    f"Invalid arguments were passed to {type(self).__name__}: {sorted(unknown)}"
                )
            return original(self, *args, **kwargs)

        init_with_defaults.__wrapped_original__ = original
        cls.__init__ = init_with_defaults

    # -- dependencies -------------------------------------------------------------------------
    def set_downstream(self, others):
        for other in others if isinstance(others, (list, tuple)) else [others]:
            self.downstream_task_ids.add(other.task_id)
            other.upstream_task_ids.add(self.task_id)

    def __rshift__(self, others):
        self.set_downstream(others)
        return others

    def __rrshift__(self, others):
        for other in others if isinstance(others, (list, tuple)) else [others]:
            other.set_downstream(self)
        return self

    # -- templates ----------------------------------------------------------------------------
    def render_template_fields(self, context: dict) -> None:
        env = self.dag.jinja_env()
        for field in self.template_fields:
            setattr(self, field, _render(getattr(self, field), context, env))

    def execute(self, context):  # pragma: no cover - each operator implements it
        raise NotImplementedError


def _render(value, context, env):
    if isinstance(value, str):
        return env.from_string(value).render(**context)
    if isinstance(value, (list, tuple)):
        return type(value)(_render(v, context, env) for v in value)
    if isinstance(value, dict):
        return {k: _render(v, context, env) for k, v in value.items()}
    return value


def _accepted_parameters(cls) -> set[str]:
    names: set[str] = set()
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        init = getattr(init, "__wrapped_original__", init)
        for name, parameter in inspect.signature(init).parameters.items():
            if parameter.kind not in (parameter.VAR_KEYWORD, parameter.VAR_POSITIONAL):
                names.add(name)
    names.discard("self")
    return names


def task_context(dag: DAG, data_interval_start: datetime.datetime) -> dict:
    """The template context of a run whose data interval starts at ``data_interval_start``."""
    end = dag.timetable.interval_end(data_interval_start)
    return {
        "dag": dag,
        "ds": data_interval_start.strftime("%Y-%m-%d"),
        "ds_nodash": data_interval_start.strftime("%Y%m%d"),
        "logical_date": data_interval_start,
        "data_interval_start": data_interval_start,
        "data_interval_end": end,
        "params": dict(dag.params),
        **dag.user_defined_macros,
    }
