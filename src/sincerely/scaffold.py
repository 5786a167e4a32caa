"""Starting things: ``sincerely new`` (a scenario) and ``sincerely init`` (a gallery).

A new scenario passes ``check`` as it is, so a contributor starts from something that
builds; each TODO in it is a warning, so ``check -W`` fails until every one is filled in.
Nothing here overwrites a file.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from .config import DEFAULT_OUTPUT_DIR, WORK_DIR, load_config
from .errors import BuildError, Location
from .loader import RESERVED_SLUGS, suggest_slug
from .model import SLUG, SLUG_HELP
from .reference import PROJECT_SCHEMA, schema_text
from .theme import bundled_theme_dir

_SUBJECT = """  # The email's subject, with placeholders. Replies in the same thread keep "Re: ...".
  subject: "TODO Thank you, {recipient_name}"
"""

SCENARIO_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A scenario is one annotated sample letter. The format: CONTRIBUTING.md#the-format.
# Replace every TODO, then run: sincerely check -W

# At most 70 characters: the situation, as a reader would name it.
title: TODO A short title for this situation
# Plain text, at most 240 characters: the card's blurb and the page's description.
summary: >-
  TODO One or two sentences: who is writing, to whom, and why this letter helps.
# Markdown: when this letter fits, and when it does not.
situation: |
  TODO When to use this letter, and when to skip it.
channel: {channel}
timing: TODO When to send it, e.g. within a day or two of the decision.
tags: [networking]
# Position within the pack: the letters there use 10, 20, 30...; ties go by title.
order: 1000
# Every blank the reader fills in, in the order the form asks for them. Give each a
# realistic example and a hint; mark the writer's own details `sender: true`, and the
# details that differ for each person written to `per_recipient: true`.
fields:
  - id: recipient_name
    label: Recipient's name
    example: Ms. Okafor
    hint: TODO Who this goes to, e.g. whoever signed the rejection.
    per_recipient: true
  - id: detail
    label: Something specific you valued
    example: hearing about the new reading programme
    hint: TODO One real moment from the interview, written to follow "I enjoyed".
  - id: your_name
    label: Your name
    example: Sam Lee
    hint: As it appeared on your application.
    sender: true
    autocomplete: name
letter:
{subject}  # The letter from top to bottom. Keep the whole letter between 60 and 180 words.
  blocks:
    - text: Dear {{recipient_name}},
      note: TODO Why the letter opens this way (and which source says so).
    - text: >-
        TODO Thank them, and say one specific thing: I enjoyed {{detail}}.
      note: TODO Why this paragraph is here, citing the source of the advice.
    - text: |-
        TODO A warm sign-off,
        {{your_name}}
      note: TODO Why it closes this way.
# Where the advice comes from: at least one article, in your own words above.
sources:
  - title: TODO The article's title
    author: TODO Its author
    publisher: TODO Where it was published
tips:
  do:
    - TODO One thing to do, from the sources.
  avoid:
    - TODO One thing to avoid, from the sources.
"""

PACK_TEMPLATE = """\
# A pack: a folder of scenarios on one theme.
title: TODO The pack's title
summary: TODO One or two sentences about the letters in this pack.
intro: |
  TODO A short introduction, in Markdown, for the pack's page.
order: 10
"""


def _refuse_existing(path: Path) -> None:
    if path.exists():
        raise BuildError.single(
            "already exists, and sincerely never overwrites a file: choose another name, "
            "or edit the one that is there",
            Location(path),
        )


def _check_name(name: str, what: str, where: Path) -> None:
    if not re.fullmatch(SLUG, name) or name in RESERVED_SLUGS:
        raise BuildError.single(
            f"{what} '{name}' must be {SLUG_HELP} and not a reserved name; "
            f"try '{suggest_slug(name)}'",
            Location(where),
        )


def new_scenario(project: Path, name: str, channel: str) -> list[Path]:
    """Write content/PACK/SLUG.yaml, after the pack's _pack.yaml if the pack is new;
    returns the files written, in that order."""
    config = load_config(project)
    pack, _, slug = name.removesuffix(".yaml").partition("/")
    if not slug or "/" in slug:
        raise BuildError.single(
            f"give the scenario as PACK/SLUG, like after-rejection/{suggest_slug(name)}",
            Location(config.content_dir),
        )
    _check_name(pack, "the pack's name", config.content_dir)
    _check_name(slug, "the scenario's name", config.content_dir)
    target = config.content_dir / pack / f"{slug}.yaml"
    _refuse_existing(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    pack_file = target.parent / "_pack.yaml"
    written = []
    if not pack_file.exists():
        pack_file.write_text(PACK_TEMPLATE, encoding="utf-8")
        written.append(pack_file)
    schema = config.root / PROJECT_SCHEMA
    relative = Path(os.path.relpath(schema, target.parent)).as_posix()
    text = SCENARIO_TEMPLATE.format(
        schema=relative, channel=channel, subject=_SUBJECT if channel == "email" else ""
    )
    with target.open("x", encoding="utf-8") as file:  # "x": fail rather than overwrite
        file.write(text)
    return [*written, target]


EXAMPLE_SCENARIO = """\
# yaml-language-server: $schema=../../schema/scenario.json
title: Thank you after an interview
summary: >-
  A short note to thank the person who interviewed you, whatever the outcome.
situation: |
  Send this within a day of an interview, to each person who interviewed you.
channel: email
timing: Within a day of the interview.
tags: [thanks]
fields:
  - id: recipient_name
    label: Interviewer's name
    example: Ms. Okafor
    hint: As they introduced themselves.
    per_recipient: true
  - id: position
    label: Position title
    example: Library Assistant
    hint: As it appeared in the posting.
  - id: detail
    label: Something you enjoyed
    example: hearing about the new reading programme
    hint: One real moment from the interview, written to follow "I especially enjoyed".
  - id: your_name
    label: Your name
    example: Sam Lee
    hint: As it appeared on your application.
    sender: true
    autocomplete: name
  - id: your_email
    label: Your email address
    example: sam.lee@example.com
    hint: Where they can reach you.
    sender: true
    autocomplete: email
letter:
  subject: Thank you for the {position} interview
  blocks:
    - text: Dear {recipient_name},
      note: Write to each interviewer by name, in a note of their own.
    - text: >-
        Thank you for taking the time to talk with me about the {position} role.
        I especially enjoyed {detail}, and I came away even more interested in the
        work your team does.
      note: >-
        One specific detail shows that the note was written for this person and this
        conversation, not copied from a template.
    - text: >-
        If there is anything more I can send to help your decision, I would be glad
        to. Thank you again for your time.
      note: Offer help, not pressure, and end with thanks.
    - text: |-
        Best regards,
        {your_name}
        {your_email}
      note: Sign with a way to reach you.
sources:
  - title: Replace this with the article your advice comes from
    author: Its author
tips:
  do:
    - Send it within a day, while the conversation is fresh.
  avoid:
    - One email copied to every interviewer.
"""

EXAMPLE_PACK = """\
title: Examples
summary: A first pack to copy from; replace it with your own letters.
intro: |
  Each letter here is a YAML file in `content/examples/`. Add your own with
  `sincerely new examples/my-letter`.
order: 10
"""

EXAMPLE_INDEX = """\
---
title: {title}
---

Letters worth sending, each explained paragraph by paragraph, with a form that makes
each one your own. Nothing you type leaves your browser.
"""


def init_gallery(directory: Path, *, copy_theme: bool = False) -> list[Path]:
    """A new gallery in ``directory``: settings, an example pack, the schema. Every
    target is checked before anything is written, so a refusal changes nothing."""
    root = directory.resolve()
    content = root / "content"
    pyproject = root / "pyproject.toml"
    layouts = root / "layouts"
    title = root.name.replace("-", " ").replace("_", " ").strip().capitalize() or "Letters"
    files = {
        content / "index.md": EXAMPLE_INDEX.format(title=title),
        content / "examples" / "_pack.yaml": EXAMPLE_PACK,
        content / "examples" / "thank-you.yaml": EXAMPLE_SCENARIO,
        root / PROJECT_SCHEMA: schema_text(),
    }
    for path in (content, *files, *([layouts] if copy_theme else [])):
        _refuse_existing(path)
    existing = pyproject.read_text(encoding="utf-8") if pyproject.exists() else None
    if existing is not None and "[tool.sincerely]" in existing:
        raise BuildError.single(
            "pyproject.toml already has [tool.sincerely]: this folder is a gallery already",
            Location(pyproject),
        )

    table = f'[tool.sincerely]\ntitle = "{title}"\ndescription = "Annotated letter templates."\n'
    root.mkdir(parents=True, exist_ok=True)
    if existing is None:
        pyproject.write_text(table, encoding="utf-8")
    else:
        with pyproject.open("a", encoding="utf-8") as file:  # add to it, never replace it
            file.write(("\n" if existing.endswith("\n") else "\n\n") + table)
    made = [pyproject]
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
        made.append(path)
    if _ignore_build_output(root):
        made.append(root / ".gitignore")
    if copy_theme:
        shutil.copytree(bundled_theme_dir(), layouts)
        made.append(layouts)
    return made


# What builds make, for git to leave out: the site, and the work folder (cache, staging).
IGNORED = (f"/{DEFAULT_OUTPUT_DIR}/", f"/{WORK_DIR}/")


def _ignore_build_output(root: Path) -> bool:
    """Add what builds make to the project's .gitignore, keeping what is there; True
    when the file was written."""
    gitignore = root / ".gitignore"
    existing = gitignore.read_text(encoding="utf-8") if gitignore.exists() else ""
    have = {line.strip() for line in existing.splitlines()}
    missing = [entry for entry in IGNORED if entry not in have and entry.rstrip("/") not in have]
    if not missing:
        return False
    if existing and not existing.endswith("\n"):
        existing += "\n"
    gitignore.write_text(existing + "".join(f"{entry}\n" for entry in missing), encoding="utf-8")
    return True
