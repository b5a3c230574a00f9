"""Stand-in for airflow.sdk.exceptions (see airflow/__init__.py: TEST-ONLY)."""


class AirflowException(Exception):
    """Base of Airflow's errors; a task that raises it fails and may be retried."""


class AirflowFailException(AirflowException):
    """Fails the task at once, without its retries."""


class AirflowSkipException(AirflowException):
    """Marks the task skipped."""
