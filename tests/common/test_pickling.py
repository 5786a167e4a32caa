"""A frozen dataclass with slots pickles as the tuple of its values, and comes back
equal, still frozen, and as cheap to copy as before."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from pathlib import Path

import pytest

from sincerely.common.errors import Diagnostic, Location, Severity
from sincerely.common.pickling import pickled_as_tuple


@pickled_as_tuple
@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    text: str
    pinned: bool = False
    under: Note | None = None


def test_an_object_comes_back_equal_and_still_frozen() -> None:
    note = Note(text="first", under=Note(text="second", pinned=True))

    again = pickle.loads(pickle.dumps(note, protocol=pickle.HIGHEST_PROTOCOL))

    assert again == note and again is not note
    assert again.under == Note(text="second", pinned=True)
    assert copy.deepcopy(note) == note and copy.copy(note) == note
    with pytest.raises(dataclasses.FrozenInstanceError):
        again.text = "changed"  # type: ignore[misc]


def test_its_state_is_its_values_in_order() -> None:
    assert Note(text="a", pinned=True).__getstate__() == ("a", True, None)


def test_a_diagnostic_comes_back_as_it_is_printed() -> None:
    said = Diagnostic(Severity.WARNING, "a note", Location(Path("/p/content/x.yaml"), 3, 7))

    again = pickle.loads(pickle.dumps(said, protocol=pickle.HIGHEST_PROTOCOL))

    assert again == said
    assert again.format(Path("/p")) == "content/x.yaml:3:7: warning: a note"


def test_a_class_without_slots_is_refused() -> None:
    @dataclasses.dataclass(frozen=True)
    class Loose:
        text: str

    with pytest.raises(TypeError, match="Loose: a dataclass with fields and slots"):
        pickled_as_tuple(Loose)
