"""Pickling the model's frozen dataclasses with slots as the tuple of their values.

What loading found is kept between builds as a pickle (load/preload.py), and reading it
back is most of an edit's loading: some thirty such objects a letter. For a class with
slots, dataclasses pickles a list of the values and restores them with a generic
``__setstate__`` that looks the fields up again for every object, and sets them one by
one in a loop; the decorator here gives the class a ``__getstate__`` and a
``__setstate__`` written out for its own fields (generated once, as dataclasses writes
``__init__``), which unpickle each object in about a quarter of the time. The pickle is
the same values in the same order, so nothing else changes: equality, hashing, copying.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def pickled_as_tuple(cls: type[T]) -> type[T]:
    """Give a frozen dataclass with slots a fast ``__getstate__``/``__setstate__``."""
    names = [field.name for field in dataclasses.fields(cls)]  # type: ignore[arg-type]
    if not names or "__slots__" not in vars(cls):
        raise TypeError(f"{cls.__name__}: a dataclass with fields and slots is expected")
    values = "".join(f"self.{name}, " for name in names)
    sets = "".join(f"    _set(self, {name!r}, state[{i}])\n" for i, name in enumerate(names))
    source = (
        f"def __getstate__(self):\n    return ({values})\n\ndef __setstate__(self, state):\n{sets}"
    )
    # Frozen: its own __setattr__ refuses, as it should everywhere but here.
    namespace: dict[str, Any] = {"_set": object.__setattr__}
    exec(source, namespace)  # the code above, written from the field names alone
    for name in ("__getstate__", "__setstate__"):
        function = namespace[name]
        function.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, function)
    return cls
