"""A gallery owner's road, walked from the outside: the wheel built from this working
tree, installed in a clean virtual environment, in an empty folder; `init`, a letter of
their own with `new`, their logo, accent and footer from settings alone; then every
`run:` step of the workflows `init` wrote, as GitHub's runner would run them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sincerely import __version__

from ..helpers.owner import run_step, venv_bin

pytestmark = pytest.mark.slow

ACTIONLINT = str(Path(sys.executable).parent / "actionlint")
PAGES_ADDRESS = "https://ada.github.io/offer-letters"

DECLINING = """\
title: Declining an offer, warmly
moment: I have two offers and must turn one down
summary: >-
  A short note that says no to an offer while leaving the door open for later.
situation: |
  When you have accepted another offer and want to keep this team's goodwill.
channel: email
timing: As soon as you have decided.
tags: [offers]
fields:
  - id: manager
    label: The manager's name
    example: Ms Lindqvist
    hint: As you would greet them.
  - id: team
    label: The team
    example: the data platform team
    hint: The team that made the offer.
  - id: sender_name
    label: Your name
    example: Ada Park
    hint: As you sign your emails.
    sender: true
letter:
  subject: "Your offer: thank you"
  blocks:
    - text: Dear {manager},
      note: A greeting by name.
    - text: >-
        Thank you for the offer to join {team}. After much thought I have accepted
        another role, one closer to the work I have trained for, and so I must
        decline yours.
      note: Says the decision at once, and gives a reason without comparisons.
    - text: >-
        I enjoyed every conversation with you, and I would be glad to stay in touch.
      note: Leaves the door open; teams remember who declined with grace.
    - text: |-
        Best wishes,
        {sender_name}
      note: A plain sign-off.
sources:
  - title: Our careers circle's notes
    author: Ada Park
tips:
  do:
    - Call first if you spoke often; send this note after the call.
"""


def _steps(workflow: Path) -> list[str]:
    """A workflow's `run:` steps, in order, with what GitHub would put in `${{ }}`."""
    jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]
    runs = [step["run"] for job in jobs.values() for step in job["steps"] if "run" in step]
    return [run.replace("${{ steps.pages.outputs.base_url }}", PAGES_ADDRESS) for run in runs]


def test_from_the_wheel_to_a_published_site_in_the_owners_look(tmp_path: Path, wheel: Path) -> None:
    owner = venv_bin(tmp_path / "owner-venv")
    run_step([str(owner / "python"), "-m", "pip", "install", "-q", str(wheel)], tmp_path, owner)
    gallery = tmp_path / "offer-letters"
    gallery.mkdir()

    said = run_step("sincerely init", gallery, owner)
    assert "A new gallery is ready" in said
    # From a wheel file, which no runner can reach and no index serves yet, the gallery
    # keeps a copy of this sincerely and pins that file; init says so.
    vendored = f"vendor/sincerely-{__version__}-py3-none-any.whl"
    assert (gallery / vendored).is_file()
    pins = (gallery / "requirements.txt").read_text().splitlines()
    assert [line for line in pins if not line.startswith("#")] == [f"./{vendored}"]
    assert f"requirements.txt installs ./{vendored}: a copy of this sincerely" in said
    assert "commit it with the rest" in said
    said = run_step("sincerely new examples/declining-an-offer", gallery, owner)
    assert "content/examples/declining-an-offer.yaml" in said
    (gallery / "content/examples/declining-an-offer.yaml").write_text(DECLINING)
    (gallery / "content/examples/thank-you.yaml").unlink()  # the example, replaced
    (gallery / "assets").mkdir()
    (gallery / "assets/logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="32" viewBox="0 0 40 32">'
        '<rect width="40" height="32" fill="#0b5d3b"/></svg>'
    )
    settings = gallery / "pyproject.toml"
    settings.write_text(
        settings.read_text().replace(
            "[tool.sincerely]\n",
            "[tool.sincerely]\n"
            'logo = "assets/logo.svg"\n'
            'accent = "#0b5d3b"\n'
            'footer = "Kept by the Park careers circle. [Write to us](mailto:ada@example.org)."\n',
        )
    )
    assert not (gallery / "layouts").exists()  # the look without a copied theme file

    # The generated workflows are valid, and their steps pass, run as the runner would,
    # on a runner of their own: a fresh environment, a clone of the gallery alone, and no
    # index or folder that serves sincerely: only what requirements.txt pins.
    workflows = sorted((gallery / ".github/workflows").glob("*.yml"))
    assert [w.name for w in workflows] == ["check.yml", "pages.yml"]
    linted = subprocess.run(
        [ACTIONLINT, "-no-color", *map(str, workflows)], capture_output=True, check=False
    )
    assert linted.returncode == 0, linted.stdout
    runner = venv_bin(tmp_path / "runner-venv")
    # What the runner checks out is what the owner committed: .gitignore applies.
    identity = {"GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.org"}
    identity |= {"GIT_COMMITTER_NAME": "Ada", "GIT_COMMITTER_EMAIL": "ada@example.org"}
    run_step(
        "git init -q && git add -A && git commit -q -m 'A gallery'", gallery, owner, **identity
    )
    clone = tmp_path / "runner-clone"
    run_step(f"git clone -q {gallery} {clone}", tmp_path, owner)
    for workflow in workflows:
        for step in _steps(workflow):
            run_step(step.replace("python ", f"{runner}/python ", 1), clone, runner)

    site = clone / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    letter = (site / "examples/declining-an-offer.html").read_text(encoding="utf-8")
    for page, up in ((home, ""), (letter, "../")):
        logo = (
            f'<img class="logo" src="{up}static/own/assets/logo.svg" alt="" width="40" height="32">'
        )
        assert logo in page
        assert "Kept by the Park careers circle." in page
        assert 'href="mailto:ada@example.org"' in page
    assert f'<link rel="canonical" href="{PAGES_ADDRESS}/examples/declining-an-offer.html">' in (
        letter
    )
    assert f"<loc>{PAGES_ADDRESS}/examples/declining-an-offer.html</loc>" in (
        site / "sitemap.xml"
    ).read_text(encoding="utf-8")
    assert "#0b5d3b" in (site / "static/site.css").read_text(encoding="utf-8").lower()
    assert "I have two offers and must turn one down" in home  # the letter's moment
    # The gallery installed from the wheel speaks only of the owner's letters.
    shown = re.sub(r"<[^>]+>", " ", home + letter)
    for ours in ("rejection", "interview", "hiring", "turned down"):
        assert ours not in shown.lower(), ours
