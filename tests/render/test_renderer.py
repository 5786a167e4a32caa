"""Rendering: contributed text is data, escaped everywhere; layouts override by file."""

from __future__ import annotations

import re

import pytest

from sincerely.common.errors import BuildError

from ..conftest import MINIMAL_SCENARIO, Project


def _page(project: Project, path: str = "letters/close-second.html") -> str:
    project.build()
    return (project.site / path).read_text(encoding="utf-8")


def test_a_letter_page_shows_the_annotated_letter(scenario_project: Project) -> None:
    html = _page(scenario_project)
    assert "<h1>Close second</h1>" in html
    assert (
        '<span class="blank" data-field="manager_name">[Hiring manager&#39;s name]</span>' in html
    )
    assert "Address the person who decided." in html
    assert "The Biggest Mistake After a Job Rejection" in html


def test_html_in_content_is_escaped(project: Project) -> None:
    hostile = MINIMAL_SCENARIO.replace(
        "title: Close second", 'title: "<script>alert(1)</script>"'
    ).replace("Thank you for letting me know.", "<img src=x onerror=alert(1)>")
    project.add_scenario(text=hostile)
    html = _page(project)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_template_syntax_in_content_stays_literal(project: Project) -> None:
    project.add_scenario(
        text=MINIMAL_SCENARIO.replace(
            "Thank you for letting me know.", "Sums {{{{ 7*7 }}}} and {{% if 1 %}}x{{% endif %}}"
        )
    )
    html = _page(project)
    assert "Sums {{ 7*7 }} and {% if 1 %}x{% endif %}" in html
    assert "49" not in html


def test_every_page_carries_the_content_security_policy(scenario_project: Project) -> None:
    scenario_project.build()
    pages = sorted(scenario_project.site.rglob("*.html"))
    names = [p.relative_to(scenario_project.site).as_posix() for p in pages]
    assert names == [
        "404.html",
        "channels/email.html",
        "index.html",
        "letters/close-second.html",
        "letters/index.html",
        "search.html",
    ]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "default-src 'none'; script-src 'self'; style-src 'self'" in html
        assert "<script>" not in html and " style=" not in html and " on" + "click" not in html


def test_internal_links_are_relative(scenario_project: Project) -> None:
    html = _page(scenario_project)
    hrefs = re.findall(r'(?:href|src)="([^"]+)"', html)
    assert "../static/site.css" in hrefs and "../index.html" in hrefs
    assert not [h for h in hrefs if h.startswith("/")]


def test_a_project_layout_overrides_the_bundled_one_file_by_file(
    scenario_project: Project,
) -> None:
    scenario_project.write(
        "layouts/page.html",
        '{% extends "base.html" %}{% block main %}<p>Custom: {{ page.title }}</p>{% endblock %}',
    )
    scenario_project.write("layouts/static/site.css", "body { color: red; }\n")
    scenario_project.write("content/about.md", "---\ntitle: About us\n---\nText.\n")
    about = _page(scenario_project, "about.html")
    assert "<p>Custom: About us</p>" in about
    assert (scenario_project.site / "static/site.css").read_text() == "body{color:red}"
    assert (
        "<h1>Close second</h1>" in (scenario_project.site / "letters/close-second.html").read_text()
    )


def test_indentation_before_tags_goes_except_where_whitespace_is_text(
    scenario_project: Project,
) -> None:
    scenario_project.write(
        "layouts/page.html",
        '{% extends "base.html" %}{% block main %}\n    <div>\n      <p>Kept</p>\n    </div>\n'
        "<pre>\n    <b>indented</b>\n</pre>\n"
        '<textarea aria-label="t">\n  <i>as typed</i></textarea>{% endblock %}',
    )
    scenario_project.write("content/about.md", "---\ntitle: About us\n---\nText.\n")
    about = _page(scenario_project, "about.html")
    assert "\n<div>\n<p>Kept</p>\n</div>\n" in about
    assert "<pre>\n    <b>indented</b>\n</pre>" in about
    assert '<textarea aria-label="t">\n  <i>as typed</i></textarea>' in about


def test_an_undefined_name_in_a_layout_is_a_located_error(scenario_project: Project) -> None:
    layout = scenario_project.write(
        "layouts/page.html",
        '{% extends "base.html" %}\n{% block main %}\n<p>{{ page.titel }}</p>\n{% endblock %}\n',
    )
    scenario_project.write("content/about.md", "---\ntitle: About\n---\n")
    with pytest.raises(BuildError) as caught:
        scenario_project.build()
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.location.path == layout
    assert diagnostic.location.line == 3
    assert "titel" in diagnostic.message


def test_a_layout_edited_between_builds_of_one_process_shows_its_edit(
    scenario_project: Project,
) -> None:
    # Each layout is compiled once in a process (serve, the tests): never a stale one.
    scenario_project.write("content/about.md", "---\ntitle: About\n---\n")
    layout = '{% extends "base.html" %}{% block main %}<p>WORD</p>{% endblock %}'
    for word in ("First", "Second", "First"):
        scenario_project.write("layouts/page.html", layout.replace("WORD", word))
        assert f"<p>{word}</p>" in _page(scenario_project, "about.html")


def test_a_layouts_mistake_is_located_however_often_it_is_met(scenario_project: Project) -> None:
    layout = scenario_project.write(
        "layouts/page.html",
        '{% extends "base.html" %}\n{% block main %}\n<p>{{ page.titel }}</p>\n{% endblock %}\n',
    )
    scenario_project.write("content/about.md", "---\ntitle: About\n---\n")
    for _ in range(2):  # the second time, from the layout compiled the first
        with pytest.raises(BuildError) as caught:
            scenario_project.build()
        (diagnostic,) = caught.value.diagnostics
        assert (diagnostic.location.path, diagnostic.location.line) == (layout, 3)


def test_a_layout_syntax_error_is_located(scenario_project: Project) -> None:
    layout = scenario_project.write("layouts/page.html", "{% extends 'base.html' %}\n{% block %}\n")
    scenario_project.write("content/about.md", "---\ntitle: About\n---\n")
    with pytest.raises(BuildError) as caught:
        scenario_project.build()
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.location.path, diagnostic.location.line) == (layout, 2)


def test_pack_tag_and_markdown_pages(project: Project) -> None:
    project.add_scenario(
        text=MINIMAL_SCENARIO.replace("channel: email", "channel: email\ntags: [final-round]")
    )
    project.write("content/index.md", "---\ntitle: Welcome\n---\nWhy *write*.\n")
    project.write("content/checklist.md", "---\ntitle: Checklist\n---\n- [ ] one\n")
    project.build()
    site = project.site
    assert "<em>write</em>" in (site / "index.html").read_text()
    assert "Test pack" in (site / "letters/index.html").read_text()
    assert "Close second" in (site / "tags/final-round.html").read_text()
    assert "<li>[ ] one</li>" in (site / "checklist.html").read_text()


# A layout's mistakes that Jinja does not see until the page runs: each is the layout's
# error, at its line, never "a bug in sincerely".
LAYOUT_MISTAKES = {
    "url_for-typo": (
        "{{ url_for('serch') }}",
        "url_for knows no kind of page 'serch' (did you mean 'search'?); the kinds are ",
    ),
    "division-by-zero": ("{{ 1 // 0 }}", "integer division or modulo by zero (ZeroDivisionError)"),
    "format-of-a-string": ('{{ "%d" % "x" }}', "(TypeError); fix this line of the layout"),
    "filter-given-a-word": ('{{ "text" | truncate("a") }}', "(TypeError); fix this line of"),
    "words-without-their-value": ('{{ _("%(n)s blanks") }}', "'n' (KeyError)"),
}


@pytest.mark.parametrize("mistake", sorted(LAYOUT_MISTAKES))
def test_a_layouts_mistake_met_as_it_runs_is_located_at_its_line(
    scenario_project: Project, mistake: str
) -> None:
    code, message = LAYOUT_MISTAKES[mistake]
    scenario_project.write("content/faq.md", "---\ntitle: Questions\n---\nAsk.\n")
    scenario_project.write(
        "layouts/page.html",
        '{% extends "theme/page.html" %}\n{% block main %}\n' + code + "\n{% endblock %}\n",
    )
    for command in ("check", "build"):
        done = scenario_project.cli(command, "-j", "2")
        assert done.returncode == 1, (command, done.stderr)
        assert "layouts/page.html:3:1: error: layout error: " in done.stderr, done.stderr
        assert message in done.stderr, done.stderr
        assert "internal error" not in done.stderr and "bug in sincerely" not in done.stderr
