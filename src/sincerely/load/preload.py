"""Loading ahead: what loading found is kept between builds, and what must be loaded
afresh is parsed on several processes (common/forked.py).

Parsing and validating a scenario file is most of a build's loading. A build keeps what
loading each file gave (loaded.LoadCache: the scenario and its diagnostics, by the
file's stamp and bytes) in the work folder, one file per pack, so that the next build
parses only the files that changed; the others come back in a tenth of the time. Files
that must be parsed are shared out among forked worker processes, which send back what
they found; then the loader runs as it always does, finding every file in the cache.

What is kept is a pickle, which can run code when read: so it is signed (common/signed.py), and
a file not written on this machine by sincerely (say, committed to a pull request) is
ignored, never unpickled; so is one written with other settings or by other code.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections import Counter
from functools import partial
from pathlib import Path

from ..common import signed
from ..common.errors import Diagnostics
from ..common.forked import run_forked
from ..common.intake import refusal, stamp_of
from ..common.workfiles import real_folder
from ..model.config import Config
from .contentfiles import load_scenario, read_mapping, read_text
from .loaded import LoadCache, Loaded
from .loader import declared_language
from .names import NEW_TEMPLATE

# Fewer files than this are parsed in this process: forking would cost more.
_AHEAD = 64
Share = list[tuple[str, str, str]]  # files to load: (path, pack, language)


def _folder(config: Config) -> Path:
    return config.work_dir / "loaded"


def _settings(config: Config) -> bytes:
    """What a kept result depends on besides its file: the settings, the code, and
    where the project is (diagnostics carry full paths)."""
    digest = hashlib.sha256(signed.code_fingerprint().encode())
    digest.update(str(config.root).encode())
    if config.pyproject is not None:
        digest.update(config.pyproject.read_bytes())
    return digest.digest()


def read(config: Config) -> LoadCache:
    """What earlier builds found, where it can be trusted; else an empty cache."""
    cache = LoadCache()
    if not _folder(config).is_dir():
        return cache
    settings = _settings(config)
    # Unpickling builds a large graph of objects of which none is garbage: the cyclic
    # collector, left on, walks it again and again (10,000 letters: 1.95 s, 0.9 s off).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for path in sorted(_folder(config).glob("*.pickle")):
            body = signed.read(path, settings)
            if body is not None:
                cache.files.update(pickle.loads(body))
    finally:
        if collecting:
            gc.enable()
    return cache


def _packs(config: Config) -> dict[str, Share]:
    """Every pack's scenario files, with the language each is judged in, as the loader
    will ask for them."""
    found: dict[str, Share] = {}
    content = config.content_dir
    for folder in sorted(content.iterdir()) if content.is_dir() else ():
        meta = folder / "_pack.yaml"
        hidden = folder.name.startswith((".", "_"))
        if hidden or refusal(folder) or refusal(meta) or not meta.is_file():
            continue
        text = read_text(meta, config, Diagnostics())
        node = read_mapping(meta, text, Diagnostics()) if text is not None else None
        language = declared_language(node) or config.language
        with os.scandir(folder) as listing:
            found[folder.name] = [
                (
                    entry.path,
                    folder.name,
                    config.language if entry.name == NEW_TEMPLATE else language,
                )
                for entry in sorted(listing, key=lambda e: e.name)
                if entry.name.endswith(".yaml")
                and (entry.name == NEW_TEMPLATE or not entry.name.startswith((".", "_")))
                and entry.is_file(follow_symlinks=False)  # the loader refuses the rest
            ]
    return found


def _stale(cache: LoadCache, path: str, language: str) -> bool:
    kept = cache.files.get(path)
    if kept is None or kept.language != language:
        return True
    try:
        return not kept.current(stamp_of(Path(path).stat()))
    except OSError:
        return True


def _load(config: Config, cache: LoadCache, share: Share) -> list[tuple[str, Loaded]]:
    wanted = {path: (pack, language) for path, pack, language in share}
    loaded = []
    for folder in sorted({str(Path(path).parent) for path in wanted}):
        with os.scandir(folder) as listing:
            entries = [entry for entry in listing if entry.path in wanted]
        for entry in entries:
            pack, language = wanted[entry.path]
            load_scenario(entry, pack, config, Diagnostics(), cache, language=language)
            if entry.path in cache.files:  # not a file that could not be read
                loaded.append((entry.path, cache.files[entry.path]))
    return loaded


def fill(config: Config, cache: LoadCache, processes: int) -> dict[str, Share]:
    """Load into ``cache``, on ``processes`` processes, every scenario file it does not
    hold as the file now is; returns every pack's files (for :func:`write`)."""
    packs = _packs(config)
    stale = [f for share in packs.values() for f in share if _stale(cache, f[0], f[2])]
    if processes <= 1 or len(stale) < _AHEAD:
        return packs  # the loader loads them, in this process, as it comes to them
    shares = [partial(_load, config, cache, stale[k::processes]) for k in range(processes)]
    for loaded in run_forked(shares, config.content_dir, "loading"):
        cache.files.update(loaded)
    return packs


def write(
    config: Config, cache: LoadCache, before: dict[str, Loaded], packs: dict[str, Share]
) -> None:
    """Keep what loading found in ``packs``' files (as :func:`fill` listed them), one file
    per pack, rewriting only the packs whose files were loaded afresh (or have gone)
    since ``before`` was read."""
    settings = _settings(config)
    folder = real_folder(config.root, _folder(config))
    for stale in folder.glob("*.pickle"):
        if stale.stem not in packs:
            stale.unlink(missing_ok=True)
    had = Counter(Path(path).parent.name for path in before)
    for pack, files in packs.items():
        kept = {path: cache.files[path] for path, _, _ in files if path in cache.files}
        target = folder / f"{pack}.pickle"
        same = all(before.get(path) is loaded for path, loaded in kept.items())
        if same and len(kept) == had[pack] and target.is_file():
            continue
        signed.write(target, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL), settings)
