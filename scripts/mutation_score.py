"""The mutation score per module, from the results of the last ``mutmut run``.

    .venv/bin/mutmut run                         # mutate the files of [tool.mutmut]
    .venv/bin/python scripts/mutation_score.py   # score per module, and the survivors

Killed counts a mutant some test failed on (or that the type checker or a time limit caught).
Mutants listed in ``scripts/equivalent_mutants.txt`` were judged unable to change what a user
sees (each with its reason there) and are set aside. The score is killed / (killed + survived +
untested) of the rest; ``mutmut show NAME`` prints a survivor's change.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KILLED = {1, 3, 24, 36, 37, 152, 255, -24, -9, -11}
SURVIVED = {0}
UNTESTED = {5, 33}


def equivalent() -> set[str]:
    listed = ROOT / "scripts" / "equivalent_mutants.txt"
    if not listed.exists():
        return set()
    names = set()
    for line in listed.read_text(encoding="utf-8").splitlines():
        name = line.split("#", 1)[0].strip()
        if name:
            names.add(name)
    return names


def main() -> int:
    metas = sorted((ROOT / "mutants" / "src").rglob("*.py.meta"))
    if not metas:
        print("No results: run 'mutmut run' first (see CONTRIBUTING.md).", file=sys.stderr)
        return 1
    set_aside = equivalent()
    survivors: list[str] = []
    worst = 100.0
    print(f"{'module':<40} {'killed':>6} {'survived':>8} {'untested':>8} {'equiv.':>6} score")
    for meta in metas:
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        tally: Counter[str] = Counter()
        for name, code in codes.items():
            if name in set_aside:
                tally["equivalent"] += 1
            elif code in KILLED:
                tally["killed"] += 1
            elif code in SURVIVED:
                tally["survived"] += 1
                survivors.append(name)
            elif code in UNTESTED:
                tally["untested"] += 1
                survivors.append(name)
            else:
                tally["unchecked"] += 1
        counted = tally["killed"] + tally["survived"] + tally["untested"]
        score = 100.0 * tally["killed"] / counted if counted else 100.0
        worst = min(worst, score)
        module = meta.relative_to(ROOT / "mutants" / "src").as_posix().removesuffix(".py.meta")
        print(
            f"{module:<40} {tally['killed']:>6} {tally['survived']:>8} {tally['untested']:>8} "
            f"{tally['equivalent']:>6} {score:5.1f} %"
            + (f"  ({tally['unchecked']} not run yet)" if tally["unchecked"] else "")
        )
    if survivors:
        print("\nSurvivors (mutmut show NAME):")
        for name in survivors:
            print(f"  {name}")
    return 0 if worst >= 95 else 2


if __name__ == "__main__":
    sys.exit(main())
