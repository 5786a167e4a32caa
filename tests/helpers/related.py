"""A gallery whose related letters change order, not members, when a letter that no page
shows gains a tag (render/navigation.py looks at a window of 60 members per tag).

In gallery order: j (tags t1 and t2, a letter), x (no tag: the one edited), 27 fillers
(t1, letters), a and b (t1, emails), and p (t1 and t2, an email), last. p's related
letters are j (two shared tags), a and b (one, and the same channel). When x gains t1,
p's window over t1 moves one member along and leaves j out: j keeps only t2, and falls
behind a and b. The set {j, a, b} is the same; its order is not.
"""

from __future__ import annotations

from pathlib import Path

from ..conftest import MINIMAL_SCENARIO, PACK_YAML

EDITED = "content/window/x.yaml"
PAGE = "window/p.html"


def _letter(order: int, title: str, tags: list[str], channel: str) -> str:
    text = MINIMAL_SCENARIO.replace("title: Close second", f"title: {title}")
    text = text.replace("channel: email", f"channel: {channel}\norder: {order}")
    if tags:
        text = text.replace(f"order: {order}", f"order: {order}\ntags: [{', '.join(tags)}]")
    if channel != "email":
        text = text.replace("  subject: Thank you, {manager_name}\n", "")
    return text


def write_window_gallery(root: Path) -> None:
    (root / "content/window").mkdir(parents=True)
    (root / "content/window/_pack.yaml").write_text(PACK_YAML, encoding="utf-8")
    letters = [("j", ["t1", "t2"], "letter"), ("x", [], "letter")]
    letters += [(f"f{n:02d}", ["t1"], "letter") for n in range(27)]
    letters += [("a", ["t1"], "email"), ("b", ["t1"], "email"), ("p", ["t1", "t2"], "email")]
    for order, (slug, tags, channel) in enumerate(letters):
        text = _letter(order, f"Letter {slug}", tags, channel)
        (root / f"content/window/{slug}.yaml").write_text(text, encoding="utf-8")


def give_x_the_tag(root: Path) -> None:
    path = root / EDITED
    path.write_text(
        path.read_text(encoding="utf-8").replace("order: 1\n", "order: 1\ntags: [t1]\n"),
        encoding="utf-8",
    )


def related_titles(page: str) -> list[str]:
    """The titles of the related letters a letter page links to, in order."""
    section = page[page.index('class="related"') :]
    section = section[: section.index("</ul>")]
    return [part.split("<", 1)[0] for part in section.split(">Letter ")[1:]]
