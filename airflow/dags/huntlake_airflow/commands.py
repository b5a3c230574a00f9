"""The HuntLake command lines the DAGs run, as argument lists with Jinja templates.

The date always comes from the run's data interval (``{{ ds }}``, the interval's start as
YYYY-MM-DD), never from the clock, so a retry, a rerun and a backfill of a day all compute the
same day. The tests render these exact lists and run them against the real jar.
"""

from __future__ import annotations

import json
from pathlib import Path

#: The jar's entry point (io.huntlake.cli.HuntlakeCli in src/main/java).
MAIN_CLASS = "io.huntlake.cli.HuntlakeCli"

#: The day a run computes: its data interval's start (the previous UTC day for a daily run).
DAY = "{{ ds }}"

CONFIG = "{{ huntlake.config }}"

#: The log sources, one ingest task each: read from sources.json, which is
#: ``huntlake sources --format json`` (a test fails the build when the two differ).
_DESCRIBED = json.loads((Path(__file__).parent / "sources.json").read_text("utf-8"))["sources"]
SOURCES = tuple(source["id"] for source in _DESCRIBED)

#: Each source's table, as ingest writes it.
SOURCE_TABLES = {source["id"]: source["table"] for source in _DESCRIBED}

#: Exit codes of the HuntLake CLI (src/main/java/io/huntlake/error/ExitCode.java).
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_INPUT_NOT_READY = 4

#: Exit codes a retry cannot fix: the task fails at once instead of retrying.
NO_RETRY_EXIT_CODES = {
    EXIT_USAGE: "bad command line or configuration",
    EXIT_BAD_INPUT: "the input data itself is unusable",
}


def day_command(command: str, *extra: str) -> list[str]:
    """``huntlake COMMAND --config F --date D [extra...]``."""
    return [command, "--config", CONFIG, "--date", DAY, *extra]


def check_inputs() -> list[str]:
    """Exit 0 when every enabled source's day folder holds files, 4 while any does not."""
    return day_command("inputs")


def ingest(source: str) -> list[str]:
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; sources are {SOURCES}")
    return day_command("ingest", "--source", source)


def verify_archive() -> list[str]:
    """Re-hash every archived file and check every manifest chain (no date: the whole archive)."""
    return ["verify-archive", "--config", CONFIG]
