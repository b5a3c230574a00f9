"""Stand-in for airflow.timetables.interval (see airflow/__init__.py: TEST-ONLY).

Understands only daily cron expressions ("M H * * *"), which is all HuntLake's DAGs use.
"""

from __future__ import annotations

import datetime


class CronDataIntervalTimetable:
    def __init__(self, cron: str, timezone):
        fields = cron.split()
        if len(fields) != 5 or fields[2:] != ["*", "*", "*"]:
            raise ValueError(f"the stand-in understands daily crons only, not {cron!r}")
        self.expression = cron
        self.minute, self.hour = int(fields[0]), int(fields[1])
        self.timezone = timezone

    def interval_end(self, start: datetime.datetime) -> datetime.datetime:
        """A data interval runs from one cron time to the next: one day."""
        if (start.hour, start.minute, start.second) != (self.hour, self.minute, 0):
            raise ValueError(f"{start} is not a time of {self.expression!r}")
        return start + datetime.timedelta(days=1)
