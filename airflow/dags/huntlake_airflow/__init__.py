"""What the HuntLake DAGs share: settings, the command lines, how a command runs, the assets.

Each DAG file (huntlake_daily.py, huntlake_maintenance.py) only wires these pieces together.
Importing this package does no I/O and reads no Airflow Variable: settings are read when a task's
templates are rendered, on the worker.
"""
