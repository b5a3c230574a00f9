"""huntlake_daily: one UTC day of Kubernetes logs into HuntLake's tables, scores and findings.

Written for Airflow 3 (airflow.sdk); see airflow/README.md for versions, setup and settings.
"""

from __future__ import annotations

import datetime

from airflow.sdk import DAG
from airflow.timetables.interval import CronDataIntervalTimetable

from huntlake_airflow import assets, commands, settings
from huntlake_airflow.runner import huntlake_task

DOC = """
### HuntLake daily pipeline

Each run computes **one UTC day: its data interval** (00:00 to 24:00 of the previous day). The
day reaches every command as `--date {{ ds }}`, never "today", so a retry, a cleared task and a
backfill all compute the same day and replace only that day's rows.

1. `check_inputs` runs `huntlake inputs`: every enabled source's raw folder for the day must hold
   files. While one does not, it exits 4 and is retried every 30 minutes for up to 12 hours.
2. `ingest_<source>` for every source (`ingest_audit`, `ingest_container`, `ingest_flow`,
   `ingest_events`; the list is `huntlake_airflow/sources.json`) ingest them side by side.
3. `features` → `baseline` → `score`; `gaps` (log delivery gaps) after ingest; `detect` after
   `features` and `gaps`; `volume` after `score`.

Failures: exit 2 (bad config) and 3 (unusable input) fail at once; anything else is retried three
times with backoff. **Backfill**: `airflow backfill create --dag-id huntlake_daily --from-date
... --to-date ...`; runs go one at a time, oldest first, because each day's baseline reads the
days before it. **Late files** for a finished day: clear that run (all tasks); later days'
baselines then need their runs cleared too, or a backfill with `--reprocess-behavior completed`.

Writers share the `huntlake_lake` pool with `huntlake_maintenance`, which takes the whole pool, so
the two never write the lake at the same time.
"""

STEP_DOCS = {
    "features": "Per-entity daily features of users, workloads and flow edges.",
    "baseline": "Trailing-window baselines (the days before this one) and peer groups.",
    "score": "Each entity's day against its baseline and peers, with reasons.",
    "gaps": "Hours and sources whose log delivery failed or fell short.",
    "detect": "The rule catalogue over the day's events, features and delivery gaps.",
    "volume": "Log volume per source, cluster and namespace, forecast and HTML report.",
}

with DAG(
    dag_id="huntlake_daily",
    description="One UTC day of Kubernetes logs: ingest, baselines, scores, findings",
    # A data interval is exactly one UTC day (a bare cron string would give a zero-width interval
    # in Airflow 3); the run starts at midnight after it and check_inputs waits for late files.
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc),
    catchup=True,
    max_active_runs=1,
    default_args={**settings.TASK_DEFAULTS, "pool": settings.POOL, "pool_slots": 1},
    user_defined_macros=settings.template_macros(),
    tags=["huntlake", "security", "daily"],
    doc_md=DOC,
) as dag:
    check_inputs = huntlake_task(
        "check_inputs",
        commands.check_inputs(),
        # Only lists storage: it needs no lake slot, and waiting must not hold one.
        pool="default_pool",
        **settings.INPUT_WAIT,
        doc_md="Waits for the day's raw folders (exit 4 = not there yet, retried).",
    )

    ingests = [
        huntlake_task(
            f"ingest_{source}",
            commands.ingest(source),
            outlets=assets.outlets(f"ingest:{source}"),
            doc_md=f"The day's {source} logs into the lake; every line lands in a table or in"
            " rejects, counted in ingest_ledger.",
        )
        for source in commands.SOURCES
    ]

    # The day's steps after ingest, each one HuntLake command of the same name.
    steps = {
        step: huntlake_task(
            step, commands.day_command(step), outlets=assets.outlets(step), doc_md=doc
        )
        for step, doc in STEP_DOCS.items()
    }
    features, baseline, score = steps["features"], steps["baseline"], steps["score"]
    gaps, detect, volume = steps["gaps"], steps["detect"], steps["volume"]

    check_inputs >> ingests
    ingests >> features >> baseline >> score >> volume
    ingests >> gaps
    [features, gaps] >> detect
