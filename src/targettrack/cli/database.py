"""The database and the installation: set up or upgrade a schema, grant departments, move a
history in, and check that everything a command needs is in place (doctor)."""

from __future__ import annotations

from typing import Annotated

import typer

from targettrack.cli.app import Command, app
from targettrack.cli.options import (
    DbOpt,
    OutputOpt,
    TableFormatOpt,
    TargetsOpt,
    context,
    open_db,
    regions,
    render,
    write,
)
from targettrack.context import Context
from targettrack.errors import ExitCode, InputError
from targettrack.messages import Message
from targettrack.store import FigureStore

db_app = typer.Typer(
    name="db",
    help="The shared PostgreSQL database: set it up, grant departments, move a history in, "
    "purge a year.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(db_app)


def _shared(c: Context, db: str | None) -> FigureStore:
    """The shared database named by --db or TARGETTRACK_DB; its schema must be current."""
    from targettrack.store import is_url

    if not is_url(c.settings.database(db)):
        raise InputError(Message("pg.needs_url"))
    return open_db(c, db, create=False)


@db_app.command("upgrade", cls=Command)
def db_upgrade(
    ctx: typer.Context,
    targets: TargetsOpt = None,
    db: DbOpt = None,
) -> None:
    """Create or upgrade the schema, and publish which department owns each target."""
    from targettrack.store import is_url
    from targettrack.usecases.shared import upgrade

    c = context(ctx)
    tree = regions(c, targets)  # every region's catalogues
    with open_db(c, db, create=True, known=tree, check_schema=False) as store:
        result = upgrade(store, [tree.sets[i] for i in tree.ids])
        where = store.location
    if not is_url(c.settings.database(db)):
        c.out(Message("pg.sqlite_upgraded", where=where, after=result.after))
        return
    c.out(
        Message(
            "pg.upgraded",
            where=where,
            before=result.before,
            after=result.after,
            owners=result.owners,
        )
    )


RoleArg = Annotated[str, typer.Argument(help="A database role (a login of PostgreSQL).")]
GrantRegionOpt = Annotated[
    str,
    typer.Option("--region", help="Only this region's targets (its id; default: every region)."),
]


@db_app.command("grant", cls=Command)
def db_grant(
    ctx: typer.Context,
    role: RoleArg,
    department: Annotated[
        str | None,
        typer.Option(
            "--department", help="Let ROLE record this department's targets.", show_default=False
        ),
    ] = None,
    admin: Annotated[bool, typer.Option("--admin", help="Let ROLE record every target.")] = False,
    read_only: Annotated[bool, typer.Option("--read-only", help="Let ROLE read only.")] = False,
    region: GrantRegionOpt = "*",
    db: DbOpt = None,
) -> None:
    """Let a database role record a department's targets (or all, or none)."""
    from targettrack.store import Grant
    from targettrack.usecases.shared import grant_kind
    from targettrack.writers.grants import grant_label

    c = context(ctx)
    kind = grant_kind(department, admin, read_only)
    with _shared(c, db) as store:
        store.grant(role, department, region, kind)
    what = grant_label(Grant(role, kind, department or "", region))
    c.out(Message("pg.granted", role=role, what=what))


@db_app.command("revoke", cls=Command)
def db_revoke(
    ctx: typer.Context,
    role: RoleArg,
    department: Annotated[
        str | None,
        typer.Option(
            "--department", help="Only this department (default: every grant).", show_default=False
        ),
    ] = None,
    region: GrantRegionOpt = "*",
    db: DbOpt = None,
) -> None:
    """Take back what a database role was granted, and say what that was."""
    from targettrack.writers.grants import grant_label

    c = context(ctx)
    with _shared(c, db) as store:
        removed = store.revoke(role, department, region)
        held = [] if removed else [g for g in store.grants() if g.role == role]
    if not removed:
        still: object = [grant_label(g) for g in held] or Message("pg.nothing_held")
        raise InputError(Message("pg.nothing_to_revoke", role=role, held=still))
    what = [grant_label(g) for g in removed]
    c.out(Message("pg.revoked", role=role, count=len(removed), what=what))


@db_app.command("grants", cls=Command)
def db_grants(
    ctx: typer.Context,
    fmt: TableFormatOpt = None,
    output: OutputOpt = None,
    db: DbOpt = None,
) -> None:
    """List who may record what."""
    from targettrack.usecases.shared import GrantsView, grants

    c = context(ctx)
    with _shared(c, db) as store:
        rows = grants(store)
    if not rows and fmt in (None, "table") and output is None:
        c.out(Message("pg.no_grants"))
        return
    render(c, GrantsView(rows), fmt, output)


@db_app.command("purge", cls=Command)
def db_purge(
    ctx: typer.Context,
    region: Annotated[str, typer.Option("--region", help="The region whose figures go (its id).")],
    year: Annotated[int, typer.Option("--year", help="The year whose figures go.")],
    reason: Annotated[
        str, typer.Option("--reason", help="Why; kept with the record of the purge.")
    ],
    yes: Annotated[
        bool, typer.Option("--yes", help="Go ahead; without it, only count what would go.")
    ] = False,
    db: DbOpt = None,
) -> None:
    """Remove a region's figures of one year for good, with a record (the schema owner's)."""
    c = context(ctx)
    with _shared(c, db) as store:
        count = store.purge(region, year, reason, confirmed=yes)
    c.out(Message("pg.purged", region=region, year=year, count=count))


@db_app.command("copy", cls=Command)
def db_copy(
    ctx: typer.Context,
    source: Annotated[str, typer.Option("--from", help="The SQLite file to copy from.")],
    target: Annotated[
        str, typer.Option("--to", help="The shared database: postgresql://user@host/dbname.")
    ],
) -> None:
    """Copy a local history into the shared database: every version, time and author."""
    from targettrack.usecases.shared import copy_history, left_behind

    c = context(ctx)
    with _shared(c, target) as shared, open_db(c, source, create=False) as local:
        copied = copy_history(local, shared)
        where = shared.location
        reasons, editions = left_behind(local, copied)
    c.out(Message("pg.copied", count=copied.figures, where=where))
    if reasons or editions:  # not moved, and said so: they stay in the file, untouched
        c.note(Message("pg.copy_left", reasons=reasons, editions=editions, source=source))


@app.command(cls=Command)
def doctor(ctx: typer.Context, targets: TargetsOpt = None, db: DbOpt = None) -> None:
    """Check this installation: version, Python, console, catalogue, database, shared database,
    cache and optional parts, each with what to do when it is wrong; exit 1 on a problem."""
    from targettrack.usecases.doctor import diagnose
    from targettrack.writers.doctor import doctor_text

    c = context(ctx)
    checks = diagnose(
        c.settings, targets=targets, db=db, encoding=c.stdout.encoding, lang=c.given_lang
    )
    # a bad TARGETTRACK_LANG is one of the things reported (in English), not a refusal
    write(c, doctor_text(checks, c.message_lang))
    if not all(check.ok for check in checks):
        raise typer.Exit(ExitCode.ERROR)
