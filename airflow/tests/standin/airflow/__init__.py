"""TEST-ONLY STAND-IN FOR APACHE AIRFLOW. This is not Airflow.

PyPI is unreachable where HuntLake's tests run, so Airflow cannot be installed. This package
provides only the few names the HuntLake DAGs import, with the constructor parameters (names and
defaults) of Airflow 3 and its providers that the DAGs rely on, so that importing a DAG file
builds a real task graph the tests can inspect, and the operators can render their templates and
build their commands the way Airflow does.

It does not schedule, retry, serialize or talk to a database. What it cannot prove is listed in
airflow/README.md ("What the tests prove"). It is put on sys.path by airflow/tests/conftest.py
only; nothing outside airflow/tests may import it.
"""

STANDIN = True
