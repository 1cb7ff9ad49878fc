"""The start-up floor: importing the libraries targettrack is built on, and nothing else.

python benchmarks/floor_startup.py
"""

import pydantic  # noqa: F401
import rich.console
import rich.table  # noqa: F401
import typer  # noqa: F401
