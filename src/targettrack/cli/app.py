"""The application: one context per invocation, every known error as one sentence, and the
command class every command uses (it adds ``--lang`` and reads it before anything else).

A problem found while the command line is parsed (an unknown option, a bad value) is said in
the language the command line asks for: the command's own parser reads ``--lang`` first,
leniently, before it parses the rest.
"""

from __future__ import annotations

import re
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption
from typer.exceptions import Abort, TyperException

from targettrack import __version__
from targettrack.context import Context
from targettrack.errors import ExitCode, TargettrackError
from targettrack.messages import LANGS, Both, Message, Text
from targettrack.settings import ENV_DEBUG


def _param_name(param: object) -> str:
    """How the user wrote a parameter: its option (--format) or argument name (TARGET)."""
    options = getattr(param, "opts", None)
    if options and str(options[0]).startswith("-"):
        return " / ".join(options)
    return str(getattr(param, "human_readable_name", ""))


# What each command's arguments are, as a Chinese user would name them (click names them by
# the function's parameter: TARGET, TARGET_IDS)
_ARGUMENTS_ZH = {
    "target": "指标（名称或编号）",
    "target_ids": "指标（名称或编号）",
    "value": "数值",
    "file": "文件",
    "path": "文件",
    "report": "报告文本文件",
    "now": "期别",
    "before": "期别",
    "role": "数据库角色",
}


_NOT_A = re.compile(r"'(?P<value>.*)' is not a valid (?P<kind>integer|int|float)\.?")


def _reason(reason: str) -> Text:
    """click's reason for refusing a value, in the user's language where we know it."""
    found = _NOT_A.fullmatch(reason.strip())
    if found:
        whole = found["kind"] != "float"
        return Message("cli.not_whole" if whole else "cli.not_number", value=found["value"])
    return reason


def _usage_message(error: TyperException) -> Text:
    """Click's usage errors, which are English, in the user's language where we know them."""
    kind = type(error).__name__
    if kind == "NoSuchOption":
        text: Text = Message("cli.no_such_option", option=getattr(error, "option_name", ""))
    elif kind == "MissingParameter":
        param = getattr(error, "param", None)
        sort = getattr(error, "param_type", None) or getattr(param, "param_type_name", None)
        named = _param_name(param)
        if named.startswith("-"):
            text = Message("cli.missing_option", option=named)
        else:
            # in Chinese what it is (指标), in English click's name (TARGET)
            key = str(getattr(param, "name", "") or "")
            argument = Both(_ARGUMENTS_ZH.get(key, named), named)
            text = Message("cli.missing", kind=sort or "argument", name=argument)
    elif kind == "BadOptionUsage" and "requires" in error.format_message():
        text = Message("cli.needs_value", option=getattr(error, "option_name", ""))
    elif kind == "BadOptionUsage" and "does not take a value" in error.format_message():
        text = Message("cli.takes_no_value", option=getattr(error, "option_name", ""))
    elif kind == "BadParameter":
        name = _param_name(getattr(error, "param", None))
        if name == "--lang":
            text = Message("cli.bad_lang", value=getattr(error, "message", ""))
        else:
            reason = _reason(str(getattr(error, "message", "")))
            text = Message("cli.bad_value", name=name, reason=reason)
    elif kind == "UsageError" and "unexpected extra argument" in error.format_message():
        # click's "Got unexpected extra argument(s) (--bogus x)": what stands in the last ()
        extra = error.format_message().rstrip().rstrip(")").rpartition("(")[2]
        first = extra.split(" ")[0]
        text = (
            Message("cli.no_such_option", option=first)
            if first.startswith("-")
            else Message("cli.extra_args", args=extra)
        )
    elif kind == "UsageError" and "No such command" in error.format_message():
        name = error.format_message().split("'")[1] if "'" in error.format_message() else ""
        text = Message("cli.no_such_command", name=name)
    else:
        text = error.format_message()
    ctx = getattr(error, "ctx", None)
    if ctx is None:
        return text
    return Message("cli.usage", text=text, command=ctx.command_path)


def _fail(context: Context, message: Text, details: list[Text] | tuple[Text, ...] = ()) -> int:
    stream = context.stderr
    stream.write(context.say(Message("cli.error", text=message)) + "\n")
    for line in details:
        stream.write(f"  {context.say(line)}\n")
    stream.flush()
    return ExitCode.ERROR


def _take_lang(ctx: Any, param: Any, value: str | None) -> None:
    """--lang: checked, and kept on the invocation's context."""
    if value is None:
        return
    chosen = value.strip().lower()
    if chosen not in LANGS:
        raise typer.BadParameter(value)  # said as cli.bad_lang
    context = ctx.find_object(Context)
    if context is not None:
        context.given_lang = chosen


def _lang_in(args: list[str]) -> str:
    """--lang as written among ``args`` (--lang zh or --lang=zh), for a line click refuses."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return ""


def _lang_option() -> TyperOption:
    return TyperOption(
        param_decls=["--lang"],
        type=str,
        callback=_take_lang,
        expose_value=False,
        is_eager=True,
        help="Language: zh or en [env: TARGETTRACK_LANG; default: locale].",
        show_default=False,
    )


class Command(TyperCommand):
    """Every command: it has --lang, read before the rest of its command line."""

    def __init__(self, name: str | None, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.params.append(_lang_option())

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        context = ctx.find_object(Context)
        if context is not None:
            parser = self.make_parser(ctx)
            parser.ignore_unknown_options = True
            try:
                opts, _, _ = parser.parse_args(args=list(args))
            except Exception:  # the real parse below reports what is wrong, in --lang's words
                opts = {"lang": _lang_in(list(args))}
            given = str(opts.get("lang") or "").strip().lower()
            if given in LANGS:
                context.given_lang = given
        return super().parse_args(ctx, args)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        from targettrack.cli.options import refresh_format_help

        refresh_format_help(self)
        super().format_options(ctx, formatter)


class Group(TyperGroup):
    """The application: builds the invocation's context, and turns every known error into
    one plain message and exit code 1, with no traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        context = Context.start()
        kwargs["standalone_mode"] = False
        kwargs["obj"] = context
        try:
            result = super().main(*args, **kwargs)
        except TargettrackError as error:
            sys.exit(_fail(context, error.text, error.details))
        except TyperException as error:  # usage errors: a bad option, a missing argument
            if type(error).__name__ == "NoArgsIsHelpError":  # bare 'targettrack': the help
                context.stdout.write(error.format_message() + "\n")
                sys.exit(ExitCode.OK)
            sys.exit(_fail(context, _usage_message(error)))
        except (Abort, KeyboardInterrupt):
            sys.exit(_fail(context, Message("cli.interrupted")))
        except BrokenPipeError:
            context.stderr.close()
            sys.exit(ExitCode.ERROR)
        except Exception as error:
            if context.settings.debug:
                raise
            problem = f"{type(error).__name__}: {error}"
            sys.exit(_fail(context, Message("cli.unexpected", problem=problem, variable=ENV_DEBUG)))
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    cls=Group,
    name="targettrack",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"targettrack {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Track a year's development targets against the year-to-date figures.

    Start with 'targettrack status'; record figures with 'targettrack record'.
    """


def _only(name: str) -> None:
    """Keep only the command about to run: Typer reads the options of every command it knows
    before it runs one, which costs a command line of thirty commands about a third of its
    start-up. An unknown name keeps them all, for the usual refusal."""
    from typer.main import get_command_name

    def named(info: Any) -> str:
        return str(info.name or get_command_name(info.callback.__name__))

    commands = [c for c in app.registered_commands if named(c) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if commands or groups:
        app.registered_commands = commands
        app.registered_groups = groups


def main() -> None:
    # Output redirected on a Chinese Windows computer is written in its code page (GBK): what
    # that cannot hold is replaced rather than ending the command.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        _only(sys.argv[1])
    app(prog_name="targettrack")
