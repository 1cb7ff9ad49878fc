"""The layout holds: every import points down the layers, and the core knows no outer layer."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "targettrack"

# Lowest first. A module may import its own layer and the layers below it, never above.
LAYERS = (
    # the root: the version, errors, sentences, the settings and an invocation's context
    ("__init__", "__version__", "errors", "messages", "settings", "context"),
    ("core",),
    ("catalogue",),
    ("store",),
    ("usecases",),
    ("writers",),
    ("outfile",),
    ("cli", "__main__"),
)


def _layer(module: str) -> int:
    head = module.split(".")[0]
    for index, names in enumerate(LAYERS):
        if head in names:
            return index
    raise AssertionError(f"targettrack.{module} belongs to no layer; add it to LAYERS")


def _imports(path: Path) -> set[str]:
    """Every targettrack module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found.update(n.removeprefix("targettrack.") for n in names if n.startswith("targettrack."))
    return found


def test_imports_only_point_down() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        for imported in _imports(path):
            if _layer(imported) > _layer(module):
                upward.append(f"{module} imports {imported}")
    assert upward == []


def test_the_core_imports_no_storage_terminal_or_validation_library() -> None:
    forbidden = ("sqlite3", "rich", "typer", "pydantic", "xlsxwriter")
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                roots = [node.module.split(".")[0]]
            else:
                continue
            assert not set(roots) & set(forbidden), f"{path.name} imports {roots}"


def test_the_layer_table_catches_an_upward_import() -> None:
    """The check above can fail: an engine importing a writer is reported."""
    assert _layer("writers.text") > _layer("core.engine")
    assert _layer("store.sqlite") < _layer("usecases.recording")


def test_the_mutation_run_mutates_the_rules_users_feel_and_nothing_else() -> None:
    # CONTRIBUTING's mutation run covers the engine, periods, units and the recording rules;
    # a module added later must be named in do_not_mutate, or a run would mutate it too
    import fnmatch
    import tomllib

    root = Path(__file__).resolve().parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    files = sorted(
        path.relative_to(root).as_posix() for path in (root / "src/targettrack").rglob("*.py")
    )
    mutated = [f for f in files if not any(fnmatch.fnmatch(f, p) for p in config["do_not_mutate"])]
    assert mutated == [
        "src/targettrack/core/engine.py",
        "src/targettrack/core/periods.py",
        "src/targettrack/core/units.py",
        "src/targettrack/usecases/recording.py",
    ]
