"""One invocation's context: its settings, language, output streams and terminal width.

The command line builds one ``Context`` when a command starts (``Context.start``) and passes
it down: commands read their settings and language from it, write through its streams, and
hand it to the writer that renders their view. Nothing here is global; a test builds its own
with its own streams.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from targettrack.errors import TargettrackError
from targettrack.messages import Message, Text, render
from targettrack.settings import Settings

# Narrower than this, a table cannot show a name beside a verdict; wider, lines get unreadable.
MIN_WIDTH = 20
MAX_WIDTH = 400


@dataclass
class Context:
    settings: Settings = field(default_factory=Settings)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    given_lang: str | None = None  # --lang, when the command line has it
    given_width: int | None = None  # a width fixed by the caller (files: no terminal)
    _width: int | None = field(default=None, repr=False)

    @classmethod
    def start(cls) -> Context:
        """The context of a command run now: the environment and the process's streams."""
        return cls(Settings.from_environment(), sys.stdout, sys.stderr)

    @property
    def lang(self) -> str:
        """--lang, else the setting or the locale; a bad setting is refused here."""
        return self.given_lang or self.settings.default_lang()

    @property
    def message_lang(self) -> str:
        """The language to report a problem in, even when the language setting is the problem."""
        try:
            return self.lang
        except TargettrackError:
            return "en"

    @property
    def width(self) -> int:
        """Columns of the terminal (or COLUMNS), kept between MIN_WIDTH and MAX_WIDTH."""
        if self.given_width is not None:
            return self.given_width
        if self._width is None:
            from rich.console import Console

            measured = Console(file=self.stdout).width
            self._width = min(max(measured, MIN_WIDTH), MAX_WIDTH)
        return self._width

    def say(self, text: Text) -> str:
        return render(text, self.message_lang)

    def out(self, text: Text) -> None:
        """A line of what the command did, on standard output."""
        self.stdout.write(self.say(text) + "\n")
        self.stdout.flush()

    def note(self, text: Text) -> None:
        """A line about the command's work (a file written, a summary), on standard error."""
        self.stderr.write(self.say(text) + "\n")
        self.stderr.flush()

    def warn(self, warnings: Iterable[object]) -> None:
        """Warnings go to standard error, one a line, after what was done."""
        for warning in warnings:
            text = warning if isinstance(warning, Message | str) else str(warning)
            self.note(Message("warning.prefix", text=text))
