"""Where a content file lives in its repository, on the forge that hosts it.

"Suggest an edit" and "View it in the repository" need the forge's own address for a
file, and each forge spells it differently (GitLab puts '/-/' before 'edit', Bitbucket
edits with '?mode=edit', Gitea and Forgejo view under 'src/branch'). The forge is known
from the host in ``repo_url``, as MkDocs knows GitHub, GitLab and Bitbucket; for any
other host, or a forge on a host of its own, ``edit_uri`` gives the pattern. A gallery
in a sub-folder of its repository says where with ``content_path``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote, urlsplit

# The placeholders an edit_uri pattern may use, and the one it must.
EDIT_URI_FIELDS = ("repo", "branch", "path")
EDIT_URI_HELP = (
    "a pattern with {path} (the file's path in the repository) and, if it needs them, "
    "{branch} and {repo}, like '{repo}/-/edit/{branch}/{path}'; it may be absolute or "
    "relative to repo_url"
)


@dataclass(frozen=True)
class Forge:
    name: str
    edit: str  # patterns over {repo}, {branch}, {path}
    view: str


GITHUB = Forge("GitHub", "{repo}/edit/{branch}/{path}", "{repo}/blob/{branch}/{path}")
GITLAB = Forge("GitLab", "{repo}/-/edit/{branch}/{path}", "{repo}/-/blob/{branch}/{path}")
GITEA = Forge("Gitea", "{repo}/_edit/{branch}/{path}", "{repo}/src/branch/{branch}/{path}")
BITBUCKET = Forge("Bitbucket", "{repo}/src/{branch}/{path}?mode=edit", "{repo}/src/{branch}/{path}")

# Hosts by name: the forges' own, and the usual names of self-hosted ones.
_HOSTS = {
    "github.com": GITHUB,
    "gitlab.com": GITLAB,
    "codeberg.org": GITEA,  # Forgejo
    "gitea.com": GITEA,
    "bitbucket.org": BITBUCKET,
}
_HOST_PREFIXES = {"gitlab.": GITLAB, "gitea.": GITEA, "forgejo.": GITEA}


def forge_of(repo_url: str) -> Forge | None:
    """The forge that ``repo_url`` is on, or None when its host says nothing."""
    host = (urlsplit(repo_url).hostname or "").lower().removeprefix("www.")
    if host in _HOSTS:
        return _HOSTS[host]
    return next((f for prefix, f in _HOST_PREFIXES.items() if host.startswith(prefix)), None)


def edit_uri_problem(pattern: str) -> str:
    """What is wrong with an edit_uri pattern, or '' when nothing is."""
    names = re.findall(r"\{([^{}]*)\}", pattern)
    unknown = [n for n in names if n not in EDIT_URI_FIELDS]
    if unknown:
        return f"'{{{unknown[0]}}}' is not a placeholder it can use; it must be {EDIT_URI_HELP}"
    if "path" not in names:
        return f"it has no {{path}}; it must be {EDIT_URI_HELP}"
    return ""


@dataclass(frozen=True)
class Repository:
    """The repository a gallery's files are in, as the settings describe it."""

    url: str  # without a trailing '/'
    branch: str
    content_path: str = ""  # the gallery's folder inside the repository
    edit_uri: str = ""  # a pattern, overriding the forge's

    def file_path(self, path: PurePosixPath) -> str:
        """A project file's path in the repository, quoted for an address."""
        inside = PurePosixPath(self.content_path.strip("/")) / path
        return quote(inside.as_posix())

    def _fill(self, pattern: str, path: PurePosixPath) -> str:
        path_in_repo = self.file_path(path)
        address = pattern.format(repo=self.url, branch=quote(self.branch), path=path_in_repo)
        if "://" not in address:  # relative to the repository's address
            address = f"{self.url}/{address.lstrip('/')}"
        return address

    def edit_url(self, path: PurePosixPath) -> str:
        """Where "Suggest an edit" leads for a project file, or '' when unknown."""
        forge = forge_of(self.url)
        pattern = self.edit_uri or (forge.edit if forge else "")
        return self._fill(pattern, path) if pattern and self.url else ""

    def view_url(self, path: PurePosixPath) -> str:
        """The file on the forge's pages, or '' when the forge is not known."""
        forge = forge_of(self.url)
        return self._fill(forge.view, path) if forge and self.url else ""

    @property
    def forge_name(self) -> str:
        forge = forge_of(self.url)
        return forge.name if forge else ""
