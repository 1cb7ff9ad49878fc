"""Checking a catalogue as a whole: every region's every year, and the tree they form."""

from __future__ import annotations

from targettrack.catalogue.loading import Regions
from targettrack.errors import CatalogueError
from targettrack.messages import Both, Message, Text


def check(tree: Regions) -> Message:
    """What a valid catalogue holds (regions, years, targets), as one summary; every problem
    of every file, and of the tree, raised together when there is any."""
    counts: list[Text] = []
    problems: list[Text] = []
    for ident in tree.ids:
        try:
            for year, catalogue in tree.sets[ident].load_all().items():
                size = len(catalogue.targets)
                counts.append(
                    Message(
                        "region.counted",
                        region=Both(catalogue.region.name_zh, ident),  # 洛江区; luojiang
                        count=size,
                        year=year,
                    )
                    if tree.tree
                    else Message("catalogue.count", count=size, year=year)
                )
        except CatalogueError as error:
            problems.extend(error.details or [error.text])
    if not problems:
        problems.extend(tree.check_tree())
    if problems:
        plural = "catalogue.problem_one" if len(problems) == 1 else "catalogue.problem_many"
        summary = Message(
            "catalogue.problems", path=tree.origin, count=len(problems), problems=Message(plural)
        )
        raise CatalogueError(summary, problems)
    if tree.tree:
        counts.insert(0, Message("region.count", count=len(tree.ids)))
    return Message("catalogue.checked", origin=str(tree.origin), parts=tuple(counts))
