"""The HuntLake tables as Airflow assets, so downstream DAGs can be scheduled on them.

A task that writes a table declares its asset as an outlet; a DAG of yours can then run
``schedule=[HUNTLAKE_TABLES["findings"]]`` (or the same ``Asset(name=..., uri=...)``) to start
whenever the daily DAG has written a day of findings. The URI is logical: it names the table,
wherever ``storage.lake`` puts it.
"""

from __future__ import annotations

from airflow.sdk import Asset

from huntlake_airflow.commands import SOURCE_TABLES

GROUP = "huntlake"

#: What each HuntLake command writes (README: Tables); ingest per source, from sources.json.
WRITTEN_BY = {
    **{
        f"ingest:{source}": (table, "rejects", "ingest_ledger")
        for source, table in SOURCE_TABLES.items()
    },
    "features": ("user_activity_daily", "workload_activity_daily", "flow_edge_daily"),
    "baseline": ("user_baseline", "workload_baseline", "flow_edge_baseline"),
    "score": ("anomaly_scores",),
    "gaps": ("delivery_gaps",),
    "detect": ("findings",),
    "volume": ("log_volume_daily",),
    "maintain": ("archive_manifest",),
}


def table_asset(table: str) -> Asset:
    return Asset(name=f"huntlake.{table}", uri=f"huntlake://lake/{table}", group=GROUP)


HUNTLAKE_TABLES = {
    table: table_asset(table) for tables in WRITTEN_BY.values() for table in tables
}


def outlets(step: str) -> list[Asset]:
    """The assets a step's task updates."""
    return [HUNTLAKE_TABLES[table] for table in WRITTEN_BY[step]]
