"""Remembering what rendering made, keyed by what it read: a theme-agnostic cache.

While a template renders, every attribute it reads of a model object (a scenario, a pack,
a page, the site, the settings) is noted, through Jinja's ``Environment.getattr`` hook.
A later build reuses the output only if each object it read is the very same object (an
unchanged file keeps its loaded scenario) or has the same values for every attribute
read. So a theme whose cards show another field still stays current, and an edit to a
letter's notes re-renders its own page, not the pages that only show its title.

Objects are compared by identity first (``identity``: ('scenario', pack, slug)),
then by :func:`fingerprint` of the attributes read; a model object inside a value counts
by its identity, its own attributes being noted when they are read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import PurePath
from typing import Any, Protocol, cast

import jinja2

Identity = tuple[str, ...]
_UNCOMPARABLE = object()  # a method read from a model object: its result cannot be known


class _Identified(Protocol):
    """A model object that says which it is, for the memo (a property of its class)."""

    @property
    def identity(self) -> Identity: ...


def identity_of(value: object) -> Identity | None:
    found = getattr(type(value), "identity", None)
    return cast(_Identified, value).identity if isinstance(found, property) else None


def fingerprint(value: object) -> object:
    """A comparable form of a value: model objects by identity, containers and other
    dataclasses by their parts, everything else as it is."""
    if isinstance(value, str | int | float | bool | None):
        return value
    identity = identity_of(value)
    if identity is not None:
        return ("model", identity)
    if isinstance(value, tuple | list):
        return tuple(fingerprint(item) for item in value)
    if isinstance(value, Mapping):
        return tuple((k, fingerprint(v)) for k, v in value.items())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = (fingerprint(getattr(value, f.name)) for f in dataclasses.fields(value))
        return (type(value).__name__, tuple(parts))
    if isinstance(value, PurePath):
        return str(value)
    if callable(value):
        return _UNCOMPARABLE
    return value


class Reads:
    """What one rendering read: each model object it touched, and which attributes."""

    def __init__(self) -> None:
        self.objects: dict[Identity, object] = {}
        self.attributes: dict[Identity, set[str]] = {}

    def note(self, identity: Identity, obj: object, attribute: str) -> None:
        self.objects.setdefault(identity, obj)
        self.attributes.setdefault(identity, set()).add(attribute)

    def merge(self, other: Reads) -> None:
        for identity, names in other.attributes.items():
            self.objects.setdefault(identity, other.objects[identity])
            self.attributes.setdefault(identity, set()).update(names)

    def still_true(self, resolve: Callable[[Identity], object | None]) -> bool:
        """Whether every attribute read has the same value in the current model."""
        for identity, old in self.objects.items():
            new = resolve(identity)
            if new is old:
                continue
            if new is None:
                return False
            for name in self.attributes[identity]:
                before = fingerprint(getattr(old, name))
                if before is _UNCOMPARABLE or before != fingerprint(getattr(new, name)):
                    return False
        return True


_recording: ContextVar[tuple[Reads, ...]] = ContextVar("sincerely_reads", default=())


@contextmanager
def recording(reads: Reads) -> Iterator[Reads]:
    """Note every model attribute that templates read in this block into ``reads`` (and
    into any recording around it: a page reads what its cards read)."""
    token = _recording.set((*_recording.get(), reads))
    try:
        yield reads
    finally:
        _recording.reset(token)


def replay(reads: Reads) -> None:
    """Note again what a reused output had read, in every recording under way."""
    for active in _recording.get():
        active.merge(reads)


class RecordingEnvironment(jinja2.Environment):
    """Jinja's Environment, noting what templates read of model objects while a
    recording is under way (and doing nothing more otherwise)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        # Jinja's own first step, here: a page reads some hundred attributes, and one
        # call fewer for each counts.
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            value = super().getattr(obj, attribute)
        active = _recording.get()
        if active:
            identity = identity_of(obj)
            if identity is not None:
                for reads in active:
                    reads.note(identity, obj, attribute)
        return value


@dataclasses.dataclass
class Memo:
    """Outputs kept between builds with what they read (serve keeps one)."""

    entries: dict[object, tuple[Reads, Any]] = dataclasses.field(default_factory=dict)

    def get(self, key: object, resolve: Callable[[Identity], object | None]) -> Any | None:
        entry = self.entries.get(key)
        if entry is None or not entry[0].still_true(resolve):
            return None
        replay(entry[0])
        return entry[1]

    def put(self, key: object, reads: Reads, value: Any) -> None:
        self.entries[key] = (reads, value)

    def clear(self) -> None:
        self.entries.clear()


def resolver(site: Any) -> Callable[[Identity], object | None]:
    """Finds a model object of ``site`` by identity (the site, its settings, its packs,
    pages and scenarios)."""
    objects: dict[Identity, object] = {}
    for item in (site, site.config, *site.packs, *site.pages, *site.scenarios(), site.intro):
        if item is not None:
            objects[item.identity] = item
    return objects.get
