"""Redirects: the old address of a renamed or moved letter keeps leading to it.

The settings' ``[tool.sincerely.redirects]`` table maps an old path of the site to
where it now leads: a letter or page named by its file in the content folder
(``after-rejection/library-job.yaml``, ``about.md``), as an owner knows it, or a path
of the site (``after-rejection/library-job.html``). :class:`RedirectTable` is its type
in the settings' format: what each entry can be told alone (an old path that a host
can serve as a page; a target that could be one). What only the whole site can tell (the
target is there; the old path is not a page of the site still) is told once every
output is listed (render/hosting.py's ``resolve``, which build/outputs.py calls), each
problem at the entry's own line (model/tomlnodes.py's entry_location).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..common.errors import Diagnostics
from ..format.nodes import MappingNode, Node, ScalarNode
from ..format.values import Spec

EXAMPLE = '"old/letter.html" = "after-rejection/library-job.yaml"'
_UNSAFE = re.compile(r"[\s?#\\\"'<>`{}|^]")  # what a path of the site never holds
TARGETS_HELP = (
    "name a letter or page by its file in the content folder (like "
    "'after-rejection/library-job.yaml' or 'about.md'), or a path of the site (like "
    "'after-rejection/library-job.html')"
)


def old_path_problem(old: str) -> str:
    """What is wrong with an old path as a redirect's key ('' if nothing)."""
    path = old.removeprefix("/")
    if not path or _UNSAFE.search(path) or any(p in ("", ".", "..") for p in path.split("/")[:-1]):
        return (
            "an old path is a path of the site, from its root, like 'old/letter.html', "
            "without spaces, '..', '?' or '#'"
        )
    if not path.endswith((".html", "/")):
        return (
            f"an old path ends in .html (or in / for a folder's index.html), as the page a "
            f"host serves for it; write '{path}.html'"
        )
    return ""


def _is_path(target: str) -> bool:
    named = target.split("#", 1)[0]
    return bool(named.strip()) and not _UNSAFE.search(named) and ".." not in named.split("/")


def file_of(old: str) -> str:
    """The file a redirect's page is written to: a folder's is its index.html."""
    path = old.removeprefix("/")
    return f"{path}index.html" if path.endswith("/") else path


@dataclass(frozen=True)
class RedirectTable(Spec):
    """A table of old paths of the site, each to where it now leads."""

    def check(self, node: Node, name: str, out: Diagnostics) -> None:
        if not isinstance(node, MappingNode):
            out.error(
                f"{name} must be a table of old paths to where they lead, like [tool."
                f"sincerely.redirects] then {EXAMPLE}",
                node.location,
            )
            return
        files: dict[str, str] = {}
        for old, (key, value) in node.entries.items():
            where = key.location  # the entry's own line (tomlnodes.py)
            problem = old_path_problem(old)
            if problem:
                out.error(f"redirect from '{old}': {problem}", where)
            elif (twin := files.setdefault(file_of(old), old)) != old:
                out.error(
                    f"redirect from '{old}' is the same page as the redirect from '{twin}'; "
                    "keep one",
                    where,
                )
            if not (isinstance(value, ScalarNode) and value.kind == "text"):
                out.error(f"redirect from '{old}' must lead to a text: {TARGETS_HELP}", where)
            elif not _is_path(str(value.value)):
                out.error(
                    f"redirect from '{old}' leads to '{value.value}', which is not a path; "
                    f"{TARGETS_HELP}",
                    where,
                )

    def json_schema(self) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": {"type": "string", "pattern": r"\S"}}

    def describe(self) -> str:
        return "a table of old paths to letters or pages"

    def build(self, node: Node) -> Any:
        assert isinstance(node, MappingNode)
        targets = {n: v.value for n, (_, v) in node.entries.items() if isinstance(v, ScalarNode)}
        return MappingProxyType(targets)

    def default(self) -> Any:
        return MappingProxyType({})
