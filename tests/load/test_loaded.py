"""What loading a scenario file gave stands for the file while its stamp is unchanged
and was settled when taken; kept between builds, it comes back as it was."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from sincerely.common.errors import Diagnostics
from sincerely.load.contentfiles import load_scenario
from sincerely.load.loaded import LoadCache, Loaded
from sincerely.model.config import load_config

from ..conftest import MINIMAL_SCENARIO, Project

SECOND = 1_000_000_000


def _loaded(project: Project, text: str = MINIMAL_SCENARIO) -> Loaded:
    path = project.add_scenario(text=text)
    cache = LoadCache()
    entry = next(e for e in os.scandir(path.parent) if e.name == path.name)
    load_scenario(entry, "letters", load_config(project.root), Diagnostics(), cache)
    return cache.files[str(path)]


def test_a_kept_result_stands_only_for_the_same_stamp_taken_well_after_the_change() -> None:
    written = 1_700_000_000 * SECOND
    stamp = (written, 10, 1, written)
    settled = Loaded(stamp, written + 3 * SECOND, b"", "en", None, ())
    assert settled.current(stamp)
    assert not settled.current((written, 11, 1, written))  # another size
    assert not settled.current((written, 10, 2, written))  # another file in its place
    hasty = Loaded(stamp, written + SECOND // 2, b"", "en", None, ())
    assert not hasty.current(stamp)  # taken in the tick of the change: read again


def test_a_kept_letter_comes_back_as_it_was(project: Project) -> None:
    loaded = _loaded(project)
    assert loaded.scenario is not None and loaded.diagnostics == ()

    again = pickle.loads(pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL))

    assert again == loaded
    assert again.scenario is not None
    assert again.scenario.title == "Close second"
    assert again.scenario.source_path.as_posix() == "content/letters/close-second.yaml"


def test_a_kept_broken_letter_gives_its_problems_again(project: Project) -> None:
    loaded = _loaded(project, MINIMAL_SCENARIO.replace("channel: email", "channel: fax"))

    again = pickle.loads(pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL))

    assert again.scenario is None
    assert [d.format(project.root) for d in again.diagnostics] == [
        "content/letters/close-second.yaml:5:10: error: 'channel' must be one of email, "
        "letter, note, message (got 'fax')"
    ]
    assert isinstance(again.diagnostics[0].location.path, Path)
