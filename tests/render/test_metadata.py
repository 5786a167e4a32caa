"""What a page says of itself where it is shared and to search engines, in real builds:
og:locale, og:image, twitter:card, the JSON-LD (read back with json.loads), and hreflang
links only by full addresses."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from sincerely.common.errors import BuildError
from sincerely.render.metadata import ld_json, og_locale

from ..conftest import MINIMAL_SCENARIO, Project

BASE = "https://example.org/letters/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (1200).to_bytes(4, "big") * 2 + b"\x08\x02"


def _meta(html: str, name: str) -> list[str]:
    """The content of each <meta property|name="name">."""
    return re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)


def structured(html: str) -> dict[str, Any]:
    """The page's JSON-LD, parsed back."""
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(found) == 1, found
    data: dict[str, Any] = json.loads(found[0])
    return data


def _graph(html: str) -> dict[str, dict[str, Any]]:
    data = structured(html)
    assert data["@context"] == "https://schema.org"
    return {item["@type"]: item for item in data["@graph"]}


def _crumbs(html: str) -> list[tuple[str, str]]:
    items = _graph(html)["BreadcrumbList"]["itemListElement"]
    assert [i["position"] for i in items] == list(range(1, len(items) + 1))
    return [(i["name"], i["item"]) for i in items]


def _settings(project: Project, lines: str = "") -> None:
    project.write("pyproject.toml", f'[tool.sincerely]\ntitle = "Letters"\n{lines}')


@pytest.mark.parametrize(
    ("language", "locale"),
    [
        ("en-GB", "en_GB"),
        ("de", "de_DE"),  # CLDR's most likely territory for a bare language
        ("fr", "fr_FR"),
        ("pt", "pt_BR"),
        ("en", "en_US"),
        ("zh-Hant", "zh_TW"),
        ("es-419", "es_419"),
        ("DE-at", "de_AT"),
        ("qaa", "qaa"),  # a language CLDR does not know stays bare
    ],
)
def test_og_locale_is_the_language_with_its_territory(language: str, locale: str) -> None:
    assert og_locale(language) == locale


def test_json_ld_cannot_end_its_script_element() -> None:
    hostile = "</script><script>alert(1)</script><!-- & -->"
    text = str(ld_json({"name": hostile}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": hostile}


def test_without_base_url_no_image_no_hreflang_and_relative_breadcrumbs(project: Project) -> None:
    _settings(project, 'language = "de"\nimage = "card.png"\n')
    project.write("card.png", PNG)
    project.add_scenario()
    project.build()
    html = (project.site / "letters/close-second.html").read_text(encoding="utf-8")
    assert _meta(html, "og:locale") == ["de_DE"]
    assert _meta(html, "og:image") == []
    assert _meta(html, "twitter:card") == ["summary"]
    assert "hreflang" not in html.split("</head>")[0]
    assert _crumbs(html) == [
        ("Startseite", "../index.html"),
        ("Test pack", "../letters/index.html"),
        ("Close second", "../letters/close-second.html"),
    ]
    work = _graph(html)["CreativeWork"]
    assert "url" not in work
    assert work["isPartOf"] == {
        "@type": "CreativeWorkSeries",
        "name": "Test pack",
        "url": "../letters/index.html",
    }


def test_with_base_url_the_site_image_and_absolute_addresses(project: Project) -> None:
    _settings(project, f'base_url = "{BASE}"\nimage = "assets/card.png"\n')
    project.write("assets/card.png", PNG)
    project.add_scenario()
    project.build()
    assert (project.site / "static/own/assets/card.png").read_bytes() == PNG
    html = (project.site / "letters/close-second.html").read_text(encoding="utf-8")
    assert _meta(html, "og:image") == [f"{BASE}static/own/assets/card.png"]
    assert _meta(html, "twitter:card") == ["summary_large_image"]
    assert _meta(html, "og:locale") == ["en_US"]
    work = _graph(html)["CreativeWork"]
    assert work == {
        "@type": "CreativeWork",
        "name": "Close second",
        "description": "You reached the final round and they chose someone else.",
        "inLanguage": "en",
        "isPartOf": {
            "@type": "CreativeWorkSeries",
            "name": "Test pack",
            "url": f"{BASE}letters/index.html",
        },
        "url": f"{BASE}letters/close-second.html",
    }
    assert _crumbs(html)[-1] == ("Close second", f"{BASE}letters/close-second.html")
    home = (project.site / "index.html").read_text(encoding="utf-8")
    assert _meta(home, "og:image") == [f"{BASE}static/own/assets/card.png"]
    assert "application/ld+json" not in home  # no trail to show on the home page


def test_a_letters_own_image_is_published_beside_it(project: Project) -> None:
    _settings(project, f'base_url = "{BASE}"\nimage = "card.png"\n')
    project.write("card.png", PNG)
    project.write("content/letters/pictures/second.png", PNG + b"2")
    project.add_scenario(text=MINIMAL_SCENARIO + "image: pictures/second.png\n")
    project.add_scenario("other", MINIMAL_SCENARIO.replace("Close second", "Other"))
    project.build()
    assert (project.site / "letters/pictures/second.png").read_bytes() == PNG + b"2"
    html = (project.site / "letters/close-second.html").read_text(encoding="utf-8")
    assert _meta(html, "og:image") == [f"{BASE}letters/pictures/second.png"]
    other = (project.site / "letters/other.html").read_text(encoding="utf-8")
    assert _meta(other, "og:image") == [f"{BASE}static/own/card.png"]
    # A new picture, the letter unchanged: the next build publishes the new one.
    project.write("content/letters/pictures/second.png", PNG + b"3")
    project.build()
    assert (project.site / "letters/pictures/second.png").read_bytes() == PNG + b"3"


def test_a_letters_image_that_is_not_there_is_an_error_at_its_line(project: Project) -> None:
    path = project.add_scenario(text=MINIMAL_SCENARIO + "image: nowhere.png\n")
    line = MINIMAL_SCENARIO.count("\n") + 1
    with pytest.raises(BuildError) as raised:
        project.check()
    [problem] = raised.value.diagnostics
    assert (problem.location.path, problem.location.line) == (path, line)
    assert problem.message == (
        "'image': there is no file 'nowhere.png' in the pack's folder (letters/); put the "
        "picture there, or give its path from that folder"
    )


def test_pack_tag_and_page_pages_carry_their_breadcrumb(project: Project) -> None:
    project.add_scenario(text=MINIMAL_SCENARIO + "tags: [thanks]\n")
    project.write("content/about.md", "---\ntitle: About us\n---\nWho we are.\n")
    project.build()

    def crumbs(path: str) -> list[tuple[str, str]]:
        html = (project.site / path).read_text(encoding="utf-8")
        assert "CreativeWork" not in html
        return _crumbs(html)

    assert crumbs("letters/index.html") == [
        ("Home", "../index.html"),
        ("Test pack", "../letters/index.html"),
    ]
    assert crumbs("tags/thanks.html") == [
        ("Home", "../index.html"),
        ("Letters tagged “thanks”", "../tags/thanks.html"),
    ]
    assert crumbs("about.html") == [("Home", "index.html"), ("About us", "about.html")]


def test_a_hostile_title_stays_inside_the_json(project: Project) -> None:
    hostile = "</script><script>alert(1)</script><!--"
    project.add_scenario(text=MINIMAL_SCENARIO.replace("Close second", json.dumps(hostile)))
    project.write("content/letters/_pack.yaml", f"title: {json.dumps(hostile)}\nsummary: S.\n")
    project.build()
    html = (project.site / "letters/close-second.html").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert head.count("<script") == head.count("</script>") == 3  # site, letter, JSON-LD
    work = _graph(html)["CreativeWork"]
    assert work["name"] == hostile and work["isPartOf"]["name"] == hostile


def test_hreflang_links_only_by_full_addresses(project: Project) -> None:
    project.add_scenario()
    project.write("content/lettres/_pack.yaml", "title: Lettres\nsummary: S.\nlanguage: fr\n")
    french = MINIMAL_SCENARIO.replace("Close second", "Deuxième choix")
    project.write(
        "content/lettres/deuxieme.yaml", french + "translation_of: letters/close-second\n"
    )
    project.build()
    html = (project.site / "lettres/deuxieme.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" hreflang' not in html
    assert 'hreflang="en"' in html  # the reader's "Also in" link stays
    assert _meta(html, "og:locale") == ["fr_FR"] and _meta(html, "og:locale:alternate") == ["en_US"]
    _settings(project, f'base_url = "{BASE}"\n')
    project.build()
    html = (project.site / "lettres/deuxieme.html").read_text(encoding="utf-8")
    links = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    assert links == [
        ("fr", f"{BASE}lettres/deuxieme.html"),
        ("en", f"{BASE}letters/close-second.html"),
    ]
