"""Every address of the site, made in one place: what a template's url_for gives, the way
back to the root, the page a content file makes, and what counts as a web address."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from sincerely.common import urls


@pytest.mark.parametrize(
    ("value", "is_url"),
    [
        ("https://example.org/letters/", True),
        ("HTTP://example.org", True),  # browsers read the scheme in any case
        ("https://example.org/a?q=1#top", True),
        ("ftp://example.org", False),
        ("https://", False),
        ("https://exa mple.org", False),
        ("https://example.org/<script>", False),
        ("javascript:alert(1)", False),
        ("example.org", False),
    ],
)
def test_a_web_address_is_http_or_https_with_a_host(value: str, is_url: bool) -> None:
    assert urls.is_http_url(value) is is_url


def test_templates_ask_url_for_the_same_paths_the_site_has() -> None:
    assert urls.url_for("home") == urls.HOME == "index.html"
    assert urls.url_for("scenario", "letters", "a") == urls.scenario("letters", "a")
    assert urls.url_for("download", "letters", "a", "docx") == "letters/a-template.docx"
    assert urls.url_for("tag", "thanks") == "tags/thanks.html"
    assert urls.url_for("own", "assets/logo.svg") == "static/own/assets/logo.svg"
    assert urls.url_for("feed") == "feed.xml" and urls.url_for("feed", "fr") == "fr/feed.xml"
    assert set(urls.URL_KINDS) >= {"home", "search", "scenario", "pack", "page", "static"}


def test_a_mistyped_kind_in_a_layout_is_named_with_a_suggestion() -> None:
    with pytest.raises(
        ValueError, match=r"no kind of page 'scenari' \(did you mean 'scenario'\?\)"
    ):
        urls.url_for("scenari", "letters", "a")


def test_the_blank_template_is_never_named_as_the_readers_own_letter() -> None:
    assert [urls.download("letters", "a", kind) for kind in ("txt", "md", "docx")] == [
        "letters/a-template.txt",
        "letters/a-template.md",
        "letters/a-template.docx",
    ]


@pytest.mark.parametrize(
    ("path", "root"),
    [("index.html", ""), ("letters/a.html", "../"), ("_sources/letters/a.yaml.txt", "../../")],
)
def test_the_way_back_to_the_root(path: str, root: str) -> None:
    assert urls.root_of(path) == root


@pytest.mark.parametrize(
    ("content_file", "page"),
    [
        ("index.md", "index.html"),
        ("faq.md", "faq.html"),
        ("letters/_pack.yaml", "letters/index.html"),
        ("letters/close-second.yaml", "letters/close-second.html"),
        ("letters/_new.yaml", None),  # a pack's starting point makes no page
        ("letters/notes.md", None),
        ("letters/deep/a.yaml", None),
    ],
)
def test_the_page_a_content_file_makes(content_file: str, page: str | None) -> None:
    assert urls.pages_made_by(PurePosixPath(content_file)) == page


def test_a_servers_address_writes_an_ipv6_host_in_brackets() -> None:
    assert urls.served_at("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert urls.served_at("::1", 8000) == "http://[::1]:8000/"
    assert urls.served_at("[::1]", 8000) == "http://[::1]:8000/"


# ---- links written in Markdown ----


@pytest.mark.parametrize(
    ("written", "folder", "target"),
    [
        ("impressum.md", "", "impressum.html"),  # a page, by its source
        ("index.md", "", "index.html"),
        ("../impressum.md", "letters", "impressum.html"),
        ("impressum.md", "letters", "letters/impressum.md"),  # beside the letter: none
        ("/impressum.html", "letters", "impressum.html"),  # from the site's root
        ("other.yaml", "letters", "letters/other.html"),  # a letter, by its source
        ("letters/other.yaml#close", "", "letters/other.html"),
        ("letters/_pack.yaml", "", "letters/index.html"),  # a pack, by its file
        ("letters/", "", "letters/index.html"),  # or by its folder
        ("/", "letters", "index.html"),
        ("brochure.pdf?v=2", "letters", "letters/brochure.pdf"),  # a file, as it is
        ("my%20file.pdf", "", "my file.pdf"),
        ("../../outside.html", "letters", "../outside.html"),  # out of the site
        ("https://example.org/x.md", "", None),  # another site's
        ("mailto:someone@example.org", "", None),
        ("//example.org/x", "", None),
        ("#top", "letters", None),  # this very page
    ],
)
def test_a_link_names_a_page_by_its_source_or_a_path_of_the_site(
    written: str, folder: str, target: str | None
) -> None:
    assert urls.site_path(written, folder) == target


@pytest.mark.parametrize(
    ("page", "root", "written", "folder", "link"),
    [
        ("index.html", "", "impressum.md", "", "impressum.html"),
        ("letters/a.html", "../", "impressum.md", "", "../impressum.html"),  # the footer
        ("letters/a.html", "../", "b.yaml#tips", None, "b.html#tips"),  # beside it
        ("letters/index.html", "../", "brochure.pdf", None, "brochure.pdf"),
        ("tags/thanks.html", "../", "/letters/", "", "../letters/index.html"),
        # The 404 page is served at any depth: its links start at its root, an address.
        ("404.html", "/", "impressum.md", "", "/impressum.html"),
        ("404.html", "https://example.org/l/", "a b.pdf", "", "https://example.org/l/a%20b.pdf"),
        ("letters/a.html", "../", "https://example.org/", None, "https://example.org/"),
        ("letters/a.html", "../", "#top", None, "#top"),
        ("letters/a.html", "../", "../../up.html", None, "../../up.html"),  # as written
    ],
)
def test_each_page_writes_a_link_from_where_it_stands(
    page: str, root: str, written: str, folder: str | None, link: str
) -> None:
    assert urls.link_from(page, root, written, folder) == link
