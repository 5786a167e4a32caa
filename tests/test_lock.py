"""The lock and pyproject.toml agree. `make test` installs exactly what
requirements/test.txt pins, so a range raised or a dependency added in pyproject.toml
without `make lock` would be tested against releases the range no longer allows, or not
at all. Each test says what disagrees; the fix is always `make lock`."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import REPO

LOCK = REPO / "requirements" / "test.txt"
OWN = "sincerely (pyproject.toml)"  # how uv names pyproject.toml in a pin's "via"
FIX = "; run 'make lock' and commit requirements/"


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    marker: Marker | None
    via: tuple[str, ...]
    hashes: int

    @property
    def applies(self) -> bool:
        """Whether this machine installs it (a universal lock holds other platforms' pins)."""
        return self.marker is None or self.marker.evaluate()


_ENTRY = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)(?: ; (?P<marker>.+?))? \\$")


def read_lock(path: Path) -> list[Pin]:
    """The pins of a lock uv wrote: `name==version ; marker \\`, its hashes, and the
    `# via` lines naming what asks for it."""
    pins: list[Pin] = []
    entry: dict[str, str] | None = None
    via: list[str] = []
    hashes = 0

    def close() -> None:
        if entry is not None:
            marker = Marker(entry["marker"]) if entry["marker"] else None
            name = canonicalize_name(entry["name"])
            pins.append(Pin(name, entry["version"], marker, tuple(via), hashes))

    for line in path.read_text(encoding="utf-8").splitlines():
        found = _ENTRY.match(line)
        if found:
            close()
            entry, via, hashes = found.groupdict(), [], 0
        elif line.strip().startswith("--hash="):
            hashes += 1
        elif entry is not None and line.startswith("    #"):
            said = line.strip().removeprefix("#").strip().removeprefix("via").strip()
            if said:
                via.append(said)
    close()
    return pins


def _declared(pyproject: str) -> list[Requirement]:
    project = tomllib.loads(pyproject)["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    return [Requirement(text) for text in wanted]


def disagreements(pyproject: str, pins: list[Pin]) -> list[str]:
    """Where pyproject.toml and the lock disagree, one line each: a requirement not
    pinned, or pinned outside its range; a pin made for sincerely that nothing asks for."""
    here = {pin.name: pin for pin in pins if pin.applies}
    declared = _declared(pyproject)
    problems = []
    for wanted in declared:
        if wanted.marker is not None and not wanted.marker.evaluate():
            continue
        pin = here.get(canonicalize_name(wanted.name))
        if pin is None:
            problems.append(f"pyproject.toml asks for {wanted}, which the lock does not pin")
        elif not wanted.specifier.contains(pin.version, prereleases=True):
            problems.append(f"pyproject.toml asks for {wanted}, but the lock pins {pin.version}")
    names = {canonicalize_name(wanted.name) for wanted in declared}
    for pin in pins:
        if OWN in pin.via and pin.name not in names:
            problems.append(f"the lock pins {pin.name} for sincerely, which no longer asks for it")
    return problems


def test_the_lock_and_pyproject_agree() -> None:
    problems = disagreements((REPO / "pyproject.toml").read_text(encoding="utf-8"), read_lock(LOCK))
    assert not problems, "\n".join(problems) + FIX


def test_a_range_raised_or_a_dependency_dropped_without_a_new_lock_is_caught() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    pins = read_lock(LOCK)
    pyyaml = next(pin for pin in pins if pin.name == "pyyaml")
    raised = pyproject.replace('"pyyaml>=6"', '"pyyaml>=99"')
    assert raised != pyproject
    assert disagreements(raised, pins) == [
        f"pyproject.toml asks for pyyaml>=99, but the lock pins {pyyaml.version}"
    ]
    added = pyproject.replace('"pyyaml>=6",', '"pyyaml>=6",\n  "requests>=2",')
    assert disagreements(added, [pin for pin in pins if pin.name != "requests"]) == [
        "pyproject.toml asks for requests>=2, which the lock does not pin"
    ]
    dropped = pyproject.replace('  "rjsmin>=1.2",', "")
    assert dropped != pyproject
    assert disagreements(dropped, pins) == [
        "the lock pins rjsmin for sincerely, which no longer asks for it"
    ]


@pytest.mark.parametrize("name", ["build", "tools"])
def test_each_small_lock_pins_what_its_list_asks_for(name: str) -> None:
    listed = (REPO / "requirements" / f"{name}.in").read_text(encoding="utf-8")
    wanted = {
        canonicalize_name(Requirement(line).name)
        for line in map(str.strip, listed.splitlines())
        if line and not line.startswith("#")
    }
    pins = read_lock(REPO / "requirements" / f"{name}.txt")
    assert wanted <= {pin.name for pin in pins}, f"requirements/{name}.txt" + FIX
    assert all(pin.hashes for pin in pins)
