"""Previous, next and related letters."""

from __future__ import annotations

from sincerely.render.navigation import neighbours

from ..conftest import MINIMAL_SCENARIO, Project


def _letter(title: str, order: int, tags: str, channel: str = "email") -> str:
    text = MINIMAL_SCENARIO.replace("title: Close second", f"title: {title}")
    text = text.replace("channel: email\n", f"channel: {channel}\norder: {order}\ntags: [{tags}]\n")
    if channel != "email":
        text = text.replace("  subject: Thank you, {manager_name}\n", "")
    return text


def test_related_letters_rank_shared_tags_then_channel(project: Project) -> None:
    project.add_scenario("a", _letter("A", 1, "x, y"))
    project.add_scenario("b", _letter("B", 2, "x", channel="letter"))
    project.add_scenario("c", _letter("C", 3, "x, y", channel="note"))
    project.add_scenario("d", _letter("D", 4, "x"))
    project.add_scenario("e", _letter("E", 5, "z"))
    site = project.check().site
    around = neighbours(site)
    a = around["letters/a.html"]
    assert [s.title for s in a.related] == ["C", "D", "B"]  # 4 points, 3 (x + email), 2
    assert a.previous is None and a.next is not None and a.next.title == "B"
    assert around["letters/e.html"].related == ()
    assert around["letters/e.html"].next is None
