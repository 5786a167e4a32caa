"""The repository's own gallery, loaded once for the tests that look at its letters."""

from __future__ import annotations

from pathlib import Path

from sincerely.common.i18n import Messages
from sincerely.load.loader import load_site
from sincerely.model.config import load_config
from sincerely.model.scenario import Scenario
from sincerely.model.site import Pack, Site

REPO = Path(__file__).resolve().parents[2]

SITE: Site = load_site(load_config(REPO))[0]
SCENARIOS: list[Scenario] = list(SITE.scenarios())
IDS = [f"{s.pack}/{s.slug}" for s in SCENARIOS]
BY_SLUG = {s.slug: s for s in SCENARIOS}
PACK: Pack = next(p for p in SITE.packs if p.slug == "after-rejection")


def words_of(scenario: Scenario) -> Messages:
    """The interface's words on a letter's page: in its pack's language."""
    pack = next(p for p in SITE.packs if p.slug == scenario.pack)
    return SITE.messages_in(SITE.language_of(pack))
