"""discover_nodes: imports modules (by name or from folders) so their @node classes register."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pkgutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from .registry import NodeRegistry, NodeSpec, default_registry


@dataclass(frozen=True)
class ImportFailure:
    """A module that could not be imported: reported, never fatal."""

    module: str
    error_type: str
    message: str


@dataclass
class DiscoveryResult:
    modules: list[str] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)
    failures: list[ImportFailure] = field(default_factory=list)


def _selected(module: str, include: list[str], exclude: list[str]) -> bool:
    if include and not any(fnmatchcase(module, p) for p in include):
        return False
    return not any(fnmatchcase(module, p) for p in exclude)


def _modules_in_folder(folder: Path) -> list[str]:
    return [info.name for info in pkgutil.iter_modules([str(folder)])]


def _submodules(package_name: str) -> list[str]:
    """The package itself and, when it is a package, every module below it (not imported yet)."""
    spec = importlib.util.find_spec(package_name)
    if spec is None or not spec.submodule_search_locations:
        return [package_name]
    names = [package_name]
    for info in pkgutil.walk_packages(spec.submodule_search_locations, prefix=f"{package_name}."):
        names.append(info.name)
    return names


def discover_nodes(
    paths: Iterable[str],
    include_patterns: Iterable[str] = (),
    exclude_patterns: Iterable[str] = (),
    registry: NodeRegistry | None = None,
) -> DiscoveryResult:
    """Imports each module named in `paths` (dotted names; packages are walked) or found in a
    folder of `paths`, keeping module names that match an include pattern (all when none) and no
    exclude pattern (fnmatch on the dotted name). Classes with @node metadata defined in those
    modules end up in `registry`, also those declared with `auto_register=False`."""
    target = registry or default_registry
    include, exclude = list(include_patterns), list(exclude_patterns)
    result = DiscoveryResult()
    candidates: list[str] = []
    for entry in paths:
        folder = Path(entry)
        if folder.is_dir():
            root = str(folder.resolve())
            if root not in sys.path:
                sys.path.insert(0, root)
            candidates.extend(_modules_in_folder(folder))
        else:
            try:
                candidates.extend(_submodules(entry))
            except (ImportError, ValueError) as error:
                result.failures.append(ImportFailure(entry, type(error).__name__, str(error)))
    for name in dict.fromkeys(candidates):
        if not _selected(name, include, exclude):
            continue
        try:
            module = importlib.import_module(name)
        # A broken plugin must not take the worker down; nor may a script in a scanned folder
        # that calls sys.exit() (or argparse's) at import because it has no main guard.
        except (Exception, SystemExit) as error:
            result.failures.append(ImportFailure(name, type(error).__name__, str(error)))
            continue
        result.modules.append(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            spec = cls.__dict__.get("__remotemedia_node__")
            if isinstance(spec, NodeSpec) and cls.__module__ == module.__name__:
                try:
                    target.register(cls)
                except ValueError as error:  # the type name is taken by another module
                    result.failures.append(ImportFailure(name, type(error).__name__, str(error)))
                    continue
                result.nodes.append(spec.name)
    return result
