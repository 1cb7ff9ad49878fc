"""Find, read and validate the targets catalogue, with a cache of validated catalogues.

Where the catalogue comes from is decided by the caller (``settings.Settings.catalogue_path``:
``--targets``, else ``TARGETTRACK_TARGETS``); ``None`` means the catalogue bundled with the
package. In a folder, each year's file is read only when that year is asked for.

A validated catalogue is kept in a cache folder the caller names (``catalogue.cache``), one
file for each catalogue file, keyed by the exact bytes of the file and the tool's version; a
command that finds it there never imports pydantic or parses TOML. Any change to the file, or
a new version of the tool, makes the cache miss.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from targettrack import __version__
from targettrack.catalogue import cache as cached_file
from targettrack.core.models import Catalogue, Region
from targettrack.errors import CatalogueError, InputError, os_reason
from targettrack.messages import Both, Message, Text
from targettrack.settings import ENV_TARGETS

BUNDLED = Path(__file__).parent.parent / "targets"
_YEAR_FILE = re.compile(r"^(\d{4})\.toml$")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class CatalogueSet:
    """Every year of a catalogue source; each year's file is loaded when first asked for."""

    def __init__(
        self,
        origin: Path,
        files: dict[int, Path],
        loaded: dict[int, Catalogue] | None = None,
        *,
        cache: Path | None = None,
    ) -> None:
        self.origin = str(origin)
        self.files = files
        self._loaded = dict(loaded or {})
        self._cache = cache

    @property
    def years(self) -> list[int]:
        return sorted(self.files)

    @property
    def latest_year(self) -> int:
        return max(self.files)

    def has(self, year: int) -> bool:
        return year in self.files

    def get(self, year: int | None = None) -> Catalogue:
        """The catalogue of ``year`` (default: the latest year)."""
        chosen = self.latest_year if year is None else year
        if chosen not in self.files:
            have = ", ".join(str(y) for y in self.years)
            raise InputError(Message("catalogue.no_year", year=chosen, have=have))
        if chosen not in self._loaded:
            self._loaded[chosen] = _load_file(self.files[chosen], chosen, self._cache)
        return self._loaded[chosen]

    def defining(self, year: int) -> Catalogue:
        """The catalogue a figure of ``year`` is read against: that year's own, or, for an
        earlier year without one, the nearest later year's. Such a year's figures are its
        history (old workbooks): they count in history, 同比 and the outlook, and in no
        year's table. A later year without a catalogue is refused."""
        if year in self.files:
            return self.get(year)
        later = [y for y in self.files if y > year]
        if not later:
            have = ", ".join(str(y) for y in self.years)
            raise InputError(Message("catalogue.no_later_year", year=year, have=have))
        return self.get(min(later))

    def is_history(self, year: int) -> bool:
        """Whether ``year`` has no catalogue of its own but a later year has: history."""
        return year not in self.files and bool(self.files) and year < self.latest_year

    def local_files(self) -> list[Path]:
        """Every catalogue file this set may read."""
        return list(self.files.values())

    def regions(self) -> list[Region]:
        """The regions of the years loaded so far."""
        return list({c.region for c in self._loaded.values()})

    def load_all(self) -> dict[int, Catalogue]:
        """Every year, validated; all problems of all files are reported together."""
        problems: list[Text] = []
        for year in self.years:
            try:
                self.get(year)
            except CatalogueError as error:
                problems.extend(error.details or [error.text])
        if problems:
            raise CatalogueError(_summary(Path(self.origin), len(problems)), problems)
        return {year: self._loaded[year] for year in self.years}


def _year_files(folder: Path) -> dict[int, Path]:
    return {int(m.group(1)): p for p in folder.iterdir() if (m := _YEAR_FILE.match(p.name))}


def load_catalogues(path: str | Path | None = None, *, cache: Path | None = None) -> CatalogueSet:
    """The catalogue at ``path`` (None: the bundled one); a single file is read at once.
    A folder of regions (one subfolder of YEAR.toml files per region) must name its region:
    see ``load_regions``. With ``cache``, validated catalogues are kept in that folder."""
    tree = load_regions(path, cache=cache)
    return tree.choose(None)


class Regions:
    """Every region of a catalogue source: one, or a folder with a subfolder per region id."""

    def __init__(self, origin: Path, sets: dict[str, CatalogueSet], tree: bool) -> None:
        self.origin = origin
        self.sets = sets
        self.tree = tree  # whether the source is a folder of region folders

    @property
    def ids(self) -> list[str]:
        return sorted(self.sets)

    def named_ids(self) -> list[Both]:
        """The regions for a message that lists them (a single file's region too): by name in
        Chinese, by id in English; a list, joined as each language joins one."""
        regions = sorted((s.get().region for s in self.sets.values()), key=lambda r: r.id)
        return [Both(r.name_zh, r.id) for r in regions]

    def find(self, text: str) -> str:
        """The id of the region ``text`` names by its id or its name, else ``text``."""
        wanted = text.strip()
        if wanted in self.sets:
            return wanted
        if wanted.lower() in self.sets:  # an id in any case, as targets' ids are taken
            return wanted.lower()
        for ident, catalogues in self.sets.items():
            region = catalogues.get().region
            if wanted in (region.name_zh, region.name_en):
                return ident
        return wanted

    def choose(self, region: str | None) -> CatalogueSet:
        """The catalogues of ``region`` (its id or name); with one region, that one."""
        if region is None:
            if len(self.sets) == 1:
                return next(iter(self.sets.values()))
            raise InputError(Message("region.choose", regions=self.named_ids()))
        wanted = region.strip()
        if wanted in self.sets:
            return self.sets[wanted]
        if wanted.lower() in self.sets:  # an id in any case, as targets' ids are taken
            return self.sets[wanted.lower()]
        named = [
            ident
            for ident, catalogues in self.sets.items()
            if self.tree
            and wanted in (catalogues.get().region.name_zh, catalogues.get().region.name_en)
        ]
        if len(named) > 1:  # two regions of one name: the id tells them apart
            raise InputError(Message("region.same_name", name=wanted, ids=named))
        if named:
            return self.sets[named[0]]
        if not self.tree and len(self.sets) == 1:
            only = next(iter(self.sets.values()))
            latest = only.get()
            if wanted in (latest.region.id, latest.region.name_zh, latest.region.name_en):
                return only
        raise InputError(Message("region.unknown", region=wanted, regions=self.named_ids()))

    def check_tree(self, only: int | None = None) -> list[Text]:
        """What a whole tree breaks (in the year ``only``, or in every year): ids that do not match
        their folders, missing parents, a region that is its own parent or its own ancestor,
        two regions of one name."""
        problems: list[Text] = []
        if not self.tree:
            return problems
        parents: dict[tuple[str, int], str] = {}
        names: dict[tuple[int, str], list[str]] = {}
        for ident, catalogues in self.sets.items():
            if only is None:
                every = catalogues.load_all()
            else:  # the other years' files are neither read nor judged
                every = {only: catalogues.get(only)} if catalogues.has(only) else {}
            for year, catalogue in every.items():
                where = catalogues.files[year]
                region = catalogue.region
                if region.id != ident:
                    problems.append(
                        Message("region.folder", path=where, id=region.id, folder=ident)
                    )
                for name in {region.name_zh, region.name_en} - {""}:
                    names.setdefault((year, name), []).append(ident)
                parent = region.parent
                if parent is None:
                    continue
                if parent == ident:
                    problems.append(Message("region.own_parent", path=where, id=ident))
                elif parent not in self.sets:
                    problems.append(Message("region.no_parent", path=where, parent=parent))
                else:
                    parents[(ident, year)] = parent
        for (year, name), ids in sorted(names.items()):
            if len(ids) > 1:
                problems.append(
                    Message("region.duplicate_name", name=name, year=year, ids=", ".join(ids))
                )
        reported: set[frozenset[str]] = set()
        for (start, year), _ in sorted(parents.items()):
            chain = [start]
            while (chain[-1], year) in parents and parents[(chain[-1], year)] not in chain:
                chain.append(parents[(chain[-1], year)])
            last = parents.get((chain[-1], year))
            if last is not None and last in chain and last != chain[-1]:
                cycle = chain[chain.index(last) :]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    loop = " → ".join([*cycle, cycle[0]])
                    problems.append(Message("region.cycle", year=year, loop=loop))
        return problems


def load_regions(path: str | Path | None = None, *, cache: Path | None = None) -> Regions:
    """Every region at ``path`` (None: the bundled catalogue)."""
    source = Path(path) if path is not None and str(path) != "" else BUNDLED
    if source.is_dir():
        files = _year_files(source)
        if files:
            return Regions(source, {"": CatalogueSet(source, files, cache=cache)}, False)
        sets = {
            sub.name: CatalogueSet(sub, found, cache=cache)
            for sub in sorted(source.iterdir())
            if sub.is_dir() and (found := _year_files(sub))
        }
        if not sets:
            raise CatalogueError(Message("catalogue.empty_folder", path=source))
        return Regions(source, sets, True)
    if not source.exists():
        raise CatalogueError(Message("catalogue.missing", path=source, variable=ENV_TARGETS))
    catalogue = _load_file(source, None, cache)
    one = CatalogueSet(source, {catalogue.year: source}, {catalogue.year: catalogue})
    return Regions(source, {"": one}, False)


def _summary(source: Path, count: int) -> Message:
    problems = Message("catalogue.problem_one" if count == 1 else "catalogue.problem_many")
    return Message("catalogue.problems", path=source, count=count, problems=problems)


def _load_file(file: Path, expected_year: int | None, folder: Path | None) -> Catalogue:
    try:
        content = file.read_bytes()
    except OSError as error:
        raise CatalogueError(
            Message("catalogue.unreadable", path=file, reason=os_reason(error))
        ) from None
    digest = hashlib.sha256(b"\0".join((__version__.encode(), cached_file.FORMAT, content)))
    cache = cached_file.path_for(folder, file) if folder is not None else None
    cached = cached_file.read(cache, digest.digest()) if cache is not None else None
    problems: list[Text]
    catalogue, problems = (cached, []) if cached is not None else _parse(file, content)
    # checked whether or not the cache had the file: the same bytes may be named another year
    if catalogue is not None and expected_year is not None and catalogue.year != expected_year:
        problems.append(
            Message(
                "cat.in_file",
                path=file,
                problem=Message("cat.year_name", named=expected_year, year=catalogue.year),
            )
        )
    if problems or catalogue is None:
        raise CatalogueError(_summary(file, len(problems)), problems)
    if cache is not None and cached is None:
        cached_file.write(cache, digest.digest(), catalogue)
    return catalogue


def catalogue_from_text(text: str, name: str) -> Catalogue:
    """A catalogue from its text (one an edition kept), validated as a file would be."""
    file = Path(name)
    catalogue, problems = _parse(file, text.encode("utf-8"))
    if problems or catalogue is None:
        raise CatalogueError(_summary(file, len(problems)), problems)
    return catalogue


def _parse(file: Path, content: bytes) -> tuple[Catalogue | None, list[Text]]:
    import tomllib
    from decimal import Decimal

    from targettrack.catalogue.schema import build_catalogue

    try:
        data = tomllib.loads(content.decode("utf-8-sig"), parse_float=Decimal)
    except UnicodeDecodeError:
        return None, [Message("cat.in_file", path=file, problem=Message("cat.not_utf8"))]
    except tomllib.TOMLDecodeError as error:
        return None, [Message("cat.in_file", path=file, problem=_toml_message(error))]
    catalogue, problems = build_catalogue(data)
    return catalogue, [Message("cat.in_file", path=file, problem=line) for line in problems]


# tomllib's reasons an office meets, in the user's language; the rarer ones in its words
_TOML_REASONS = (
    ("invalid value", "toml.invalid_value"),
    ("cannot declare", "toml.declared_twice"),
    ("cannot overwrite a value", "toml.key_twice"),
    ("unterminated string", "toml.unterminated_string"),
    ("unclosed array", "toml.unclosed_array"),
    ("expected '=' after a key", "toml.expected_equals"),
    ("invalid statement", "toml.invalid_statement"),
    ("illegal character", "toml.illegal_character"),
    ("found invalid character", "toml.illegal_character"),
    ("expected ']' at the end of a table", "toml.unclosed_table"),
    ("expected ']]' at the end of an array", "toml.unclosed_table_array"),
    ("expected newline or end of document", "toml.one_per_line"),
    ("unclosed inline table", "toml.unclosed_inline"),
    ("duplicate inline table key", "toml.key_twice"),
    ("cannot redefine namespace", "toml.declared_twice"),
    ("cannot mutate immutable namespace", "toml.declared_twice"),
    ("invalid date or datetime", "toml.bad_date"),
    ("invalid initial character for a key", "toml.bad_key"),
    ("unescaped '\\' in a string", "toml.backslash"),
    ("invalid hex value", "toml.bad_escape"),
    ("escaped character is not a unicode", "toml.bad_escape"),
    ("expected ", "toml.expected"),
)


def _toml_message(error: Exception) -> Message:
    text = str(error)
    position = _TOML_POSITION.search(text)
    said = _TOML_POSITION.sub("", text).strip().rstrip(".").lower()
    reason: Text = Both("写法不对", said)  # what TOML said, in English only
    for words, code in _TOML_REASONS:
        if said.startswith(words):
            reason = Message(code)
            break
    if position:
        line, column = position.groups()
        return Message("cat.toml_at", line=line, column=column, reason=reason)
    return Message("cat.toml", reason=reason)
