"""The command line: parse options, call one use case, hand the view to a writer.

The commands live in modules grouped as users think of them (``figures``, ``reports``,
``regions``, ``catalogue``, ``database``); ``app`` holds the application, its errors and the
command class, ``options`` what the commands share. Heavy modules (the catalogue schema, the
database, Rich tables, the Excel writer) are imported inside the commands that need them, so
that start-up stays close to the interpreter's.
"""

from targettrack.cli import catalogue, database, figures, regions, reports
from targettrack.cli.app import app, main

__all__ = ["app", "catalogue", "database", "figures", "main", "regions", "reports"]
