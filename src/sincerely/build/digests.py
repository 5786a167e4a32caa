"""What each output is made from, as digests: when they are all as they were, so is it.

Every job of the pipeline names the model objects it is made from (``made_from``, by
identity: a scenario, a pack, a page, the settings, the site; a page's, by its kind, in
render/kinds.py's table). Here each of them gets a
digest of its content, and each job a key made of the digests of its inputs, the same
in every process and every run. A build that finds a job's key unchanged brings its
files over from the previous output instead of making them again (build/builders.py, through the
record in build/record.py); serve keeps them in memory (serve/rebuild.py).

Three identities stand for more than one object:

- ``SITE``, the whole gallery: a page made from it (the home page, a tag page, the
  search index) is made again after any change to any content.
- ``FRAME``, what every page shows around its own content: the settings, each pack's
  own fields and which letters it holds, in order, each Markdown page's title and
  place, and the site's feeds (which languages have one). A layout's navigation reads
  these (base.html lists the packs and pages, and links the feeds), so an edit to a
  letter's text or day leaves the other letters' pages as they are, while a new pack,
  page or letter, or a language's first published letter, makes every page again.
- ``CONFIG``, the settings. Everything else a build reads (the theme, the owner's own
  files and hooks, sincerely's code) is in the record's settings digest: when any of it
  changes, nothing is brought over.

A file of content/ published as it is (a CNAME, a PDF) is an identity of its own, by
its bytes, and in none of the three: no page shows it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable

from ..model.site import Site
from ..render.kinds import CONFIG, FRAME, SITE
from ..render.memo import Identity, fingerprint

Digests = dict[Identity, str]


def _hash(parts: Iterable[str]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _fields(obj: object) -> str:
    """A model object's own fields, a model object inside them counting by identity
    (a pack's letters are their names, in order), as text that is the same in every
    process."""
    assert dataclasses.is_dataclass(obj)
    return repr(tuple((f.name, fingerprint(getattr(obj, f.name))) for f in dataclasses.fields(obj)))


def model_digests(site: Site) -> Digests:
    """Every identity a job may name, with the digest of what it stands for."""
    # The settings as written: not the project's folders, so that a moved or cloned
    # project (whose output does not depend on where it is) keeps what it built.
    digests: Digests = {CONFIG: _hash([_fields(site.config.settings)])}
    for pack in site.packs:
        digests[pack.identity] = _hash([_fields(pack)])
        for scenario in pack.scenarios:
            # A letter is its file: everything else it is made with is named apart.
            digests[scenario.identity] = _hash([str(scenario.source_path), scenario.yaml_text])
    for page in (*site.pages, *([site.intro] if site.intro else [])):
        digests[page.identity] = _hash([_fields(page)])
    places = [(p.slug, p.title, p.order, p.nav) for p in site.pages]
    digests[FRAME] = _hash(
        [
            digests[CONFIG],
            *(digests[p.identity] for p in site.packs),
            repr(places),
            repr(site.intro is not None),
            repr(site.feeds),  # every page's head links to them
        ]
    )
    digests[SITE] = _hash(f"{identity}={value}" for identity, value in sorted(digests.items()))
    # The files of content/ published as they are: no page shows them, so they stay out
    # of SITE (a new PDF makes no page again), and each is its own bytes.
    digests.update((file.identity, file.digest) for file in site.files)
    return digests


def job_key(made_from: Iterable[Identity], digests: Digests, arrangement: str = "") -> str:
    """The key of a job made from ``made_from``, set out as ``arrangement`` says (what the
    set does not: which letter comes first among the related ones): equal keys, equal
    files."""
    named = (f"{'/'.join(i)}={digests[i]}" for i in sorted(made_from))
    return _hash([*named, f"arranged={arrangement}"])
