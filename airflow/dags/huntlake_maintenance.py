"""huntlake_maintenance: daily retention, archiving, compaction and archive verification.

Written for Airflow 3 (airflow.sdk); see airflow/README.md for versions, setup and settings.
"""

from __future__ import annotations

import datetime

from airflow.providers.standard.sensors.external_task import ExternalTaskSensor
from airflow.sdk import DAG
from airflow.timetables.interval import CronDataIntervalTimetable

from huntlake_airflow import assets, commands, settings
from huntlake_airflow.runner import huntlake_task

DOC = """
### HuntLake maintenance

For each UTC day (its data interval), once `huntlake_daily` has finished that day:

0. `wait_for_daily` waits (rescheduling, up to a day) for the daily run of the same day to
   succeed: a day's raw files can only be archived after ingest recorded their checksums.
1. `maintain --date {{ ds }}`: archive, verify and then delete the days each table keeps no longer
   (`retention.*`), compact fragmented partitions, VACUUM old files. A rerun archives nothing
   twice and finishes what a stopped run began.
2. `verify_archive`: re-hash every archived file and check every manifest chain. Exit 3 names each
   altered, missing or extra file and fails at once: a retry cannot repair evidence.

**One writer per Delta table.** `maintain` rewrites every table, so it must never run while
`huntlake_daily` writes. Both DAGs use the `huntlake_lake` pool (3 slots): each daily task takes
one slot, `maintain` takes all three. It starts only when no daily task holds a slot, and no daily
task starts until it is done. `max_active_runs=1` keeps maintenance runs from overlapping each
other.
"""

with DAG(
    dag_id="huntlake_maintenance",
    description="Retention, archive, compaction and archive verification of the HuntLake lake",
    # The same UTC days as huntlake_daily, so each run pairs with the daily run of its day.
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc),
    # Each day's raw files are archived by that day's run (archive.raw_files), so missed days
    # are caught up, in order.
    catchup=True,
    max_active_runs=1,
    default_args={**settings.TASK_DEFAULTS, "pool": settings.POOL},
    user_defined_macros=settings.template_macros(),
    tags=["huntlake", "maintenance"],
    doc_md=DOC,
) as dag:
    wait_for_daily = ExternalTaskSensor(
        task_id="wait_for_daily",
        external_dag_id="huntlake_daily",
        external_task_id=None,  # the whole run
        allowed_states=["success"],
        mode="reschedule",
        poke_interval=600,
        timeout=24 * 3600,
        pool="default_pool",
        doc_md="Waits for huntlake_daily's run of the same day to succeed.",
    )
    maintain = huntlake_task(
        "maintain",
        commands.day_command("maintain"),
        pool_slots=settings.POOL_SLOTS,
        outlets=assets.outlets("maintain"),
        doc_md="Retention, archive, compaction and VACUUM; holds the whole lake pool.",
    )
    verify_archive = huntlake_task(
        "verify_archive",
        commands.verify_archive(),
        # Reads only the archive and archive_manifest, which nothing else writes meanwhile.
        pool_slots=1,
        doc_md="Re-hashes every archived file and checks the manifest chains (exit 3 = tampered).",
    )

    wait_for_daily >> maintain >> verify_archive
