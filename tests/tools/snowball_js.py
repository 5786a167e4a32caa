"""Write src/sincerely/stemmers/ from a Snowball checkout: Snowball's own JavaScript
stemmers, made classic scripts, for the search page to stem what a reader types exactly
as the build stemmed the letters (with the Python stemmers of snowballstemmer).

The Snowball compiler writes each stemmer as an ES module (``import B from
'./base-stemmer.js'``, ``export default class extends B``), and pages opened from disk
(file://) cannot load modules. So each module becomes a classic script that adds one
factory to a global, ``sincerelyStemmers``: ``base()`` gives the base class, and
``english(Base)`` the English stemmer's class. The module's own top-level names stay
inside its factory, so that two languages on one page never meet.

Use the Snowball release that the snowballstemmer package in use was generated from
(``pip show snowballstemmer``: 3.1.1 is Snowball v3.1.1), and build its compiler first:

    git clone --branch v3.1.1 https://github.com/snowballstem/snowball && make -C snowball
    .venv/bin/python -m tests.tools.snowball_js snowball

tests/render/test_stemmers.py then checks, in Chromium, that every stemmer written here gives
every word of the gallery the stem that Python gives it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sincerely.common.words import ALGORITHMS
from sincerely.render.stemming import FOLDER

REPO = Path(__file__).resolve().parents[2]

_GLOBAL = "(self.sincerelyStemmers = self.sincerelyStemmers || {})"
_IMPORT = "import B from './base-stemmer.js'\n"
_EXPORT = "export default class extends B {"
_BASE_EXPORT = "export default class BaseStemmer {"


def _factory(name: str, parameters: str, body: str) -> str:
    """``body`` (a module without its import and export) as one factory on the global."""
    header, _, rest = body.partition("\n")
    if not header.startswith("// Generated from "):
        raise SystemExit(f"{name}: not a stemmer Snowball generated (it starts {header!r})")
    return (
        f"{header}\n"
        "// Made a classic script by tests/tools/snowball_js.py (see README.md here).\n"
        f"{_GLOBAL}.{name} = function ({parameters}) {{\n"
        '"use strict";\n'
        f"{rest.strip()}\n"
        "};\n"
    )


def classic_stemmer(name: str, module: str) -> str:
    """A language's stemmer module as a classic script: a factory taking the base class."""
    if (
        module.count(_IMPORT) != 1
        or module.count(_EXPORT) != 1
        or "export " in module.replace(_EXPORT, "")
    ):
        raise SystemExit(f"{name}: the module's import or export is not as this tool knows it")
    return _factory(
        name, "B", module.replace(_IMPORT, "").replace(_EXPORT, "return class extends B {")
    )


def classic_base(module: str, version: str) -> str:
    """Snowball's base-stemmer.js as a classic script: a factory giving the class."""
    if module.count(_BASE_EXPORT) != 1:
        raise SystemExit("base-stemmer.js: its export is not as this tool knows it")
    body = module.replace("// @ts-check\n", "", 1).replace(
        _BASE_EXPORT, "return class BaseStemmer {"
    )
    header = f"// Generated from base-stemmer.js of Snowball {version} - https://snowballstem.org/"
    return _factory("base", "", f"{header}\n{body}")


def _version(snowball: Path) -> str:
    said = subprocess.run(
        [snowball / "snowball", "--version"], check=False, capture_output=True, text=True
    )
    found = re.search(r"version (\S+)", said.stdout + said.stderr)
    if found is None:
        raise SystemExit(f"{snowball / 'snowball'} does not say its version: build it first")
    return found[1]


def main(checkout: str) -> None:
    snowball = Path(checkout).resolve()
    version = _version(snowball)
    with tempfile.TemporaryDirectory() as scratch:
        for algorithm in sorted(set(ALGORITHMS.values())):
            out = Path(scratch) / f"{algorithm}-stemmer"
            subprocess.run(
                [
                    snowball / "snowball",
                    snowball / "algorithms" / f"{algorithm}.sbl",
                    "-js",
                    "-o",
                    out,
                ],
                check=True,
            )
            module = out.with_suffix(".js").read_text(encoding="utf-8")
            (FOLDER / f"{algorithm}.js").write_text(
                classic_stemmer(algorithm, module), encoding="utf-8"
            )
    base = (snowball / "javascript" / "base-stemmer.js").read_text(encoding="utf-8")
    (FOLDER / "base.js").write_text(classic_base(base, version), encoding="utf-8")
    shutil.copyfile(snowball / "COPYING", FOLDER / "COPYING")
    (FOLDER / "VERSION").write_text(f"{version}\n", encoding="utf-8")
    print(f"wrote {FOLDER.relative_to(REPO)}/ from Snowball {version}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m tests.tools.snowball_js SNOWBALL_CHECKOUT")
    main(sys.argv[1])
