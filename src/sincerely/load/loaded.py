"""What loading one scenario file gave, kept by the file's stamp and bytes between builds.

Apart from contentfiles.py, which makes it, so that a build's store (build/store.py) can
hold one without importing YAML, Markdown and the format: a build with nothing to do
opens the store and never loads a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..common.intake import Stamp, settled
from ..common.pickling import pickled_as_tuple

if TYPE_CHECKING:
    from ..common.errors import Diagnostic
    from ..model.scenario import Scenario
    from ..model.site import Pack


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Loaded:
    """What loading one scenario file gave, and the file it was loaded from."""

    stamp: Stamp  # the file's when it was read (stamp_of)
    taken: int  # when the stamp was taken (time.time_ns), for settled()
    digest: bytes  # of its bytes (not the bytes: the scenario holds its text already)
    language: str  # its spelling is judged in it: a pack's new language loads it again
    scenario: Scenario | None
    diagnostics: tuple[Diagnostic, ...]

    def current(self, stamp: Stamp) -> bool:
        """Whether this still stands for a file whose stamp is now ``stamp``, unread."""
        return self.stamp == stamp and settled(stamp, self.taken)


@dataclass
class LoadCache:
    """What loading found, kept between builds by serve, so that an unchanged file is
    neither read nor parsed again (a file whose stamp is unchanged is taken as unchanged,
    as Sphinx and MkDocs do; one whose bytes are unchanged is not parsed), and an
    unchanged pack is the same object as before (so that what was made from it stands)."""

    files: dict[str, Loaded] = field(default_factory=dict)
    packs: dict[str, Pack] = field(default_factory=dict)
