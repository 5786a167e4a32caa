"""Synthetic galleries of realistic size, for the benchmarks.

Each scenario is a letter of five annotated paragraphs, about 450 words on its page,
with the fields, tags and sources a real one has; N scenarios are spread over packs of
up to 100, and tags are shared so that tag pages and related letters are exercised.
"""

from __future__ import annotations

import random
from pathlib import Path

WORDS = [
    "thank",
    "you",
    "for",
    "the",
    "time",
    "and",
    "care",
    "your",
    "team",
    "gave",
    "to",
    "my",
    "application",
    "and",
    "the",
    "interview",
    "I",
    "enjoyed",
    "learning",
    "about",
    "the",
    "work",
    "ahead",
    "and",
    "I",
    "hope",
    "the",
    "person",
    "you",
    "chose",
    "settles",
    "in",
    "well",
    "I",
    "would",
    "welcome",
    "the",
    "chance",
    "to",
    "be",
    "considered",
    "again",
    "when",
    "a",
    "similar",
    "role",
    "opens",
    "the",
    "conversation",
    "about",
    "the",
    "new",
    "programme",
    "was",
    "the",
    "highlight",
    "of",
    "the",
    "day",
    "for",
    "me",
]
TAGS = [
    "final-round",
    "networking",
    "libraries",
    "internship",
    "large-company",
    "feedback",
    "students",
    "panel",
    "handwritten",
    "thank-you",
    "follow-up",
    "recruiter",
]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def scenario_yaml(index: int, rng: random.Random) -> str:
    tags = ", ".join(sorted(rng.sample(TAGS, 3)))
    paragraphs = []
    for block in range(5):
        body = _sentence(rng, 28)
        if block == 1:
            body = "I appreciated meeting {manager_name} and hearing about {detail}. " + body
        note = _sentence(rng, 40)
        paragraphs.append(f"    - text: >-\n        {body}\n      note: >-\n        {note}\n")
    return f"""title: Synthetic letter {index}
summary: >-
  {_sentence(rng, 24)}
situation: |
  {_sentence(rng, 40)}

  {_sentence(rng, 30)}
channel: email
timing: Within two days of the decision.
tags: [{tags}]
order: {index}
fields:
  - id: manager_name
    label: Hiring manager's name
    example: Ms. Okafor
    hint: Whoever signed the rejection email.
    per_recipient: true
  - id: detail
    label: Something you talked about
    example: the new reading programme
    hint: One real moment from the interview.
  - id: your_name
    label: Your name
    example: Sam Lee
    hint: As you sign your emails.
    sender: true
    autocomplete: name
letter:
  subject: Thank you, {{manager_name}}
  blocks:
    - text: Dear {{manager_name}},
      note: >-
        {_sentence(rng, 20)}
{"".join(paragraphs)}    - text: |-
        Best wishes,
        {{your_name}}
      note: >-
        {_sentence(rng, 12)}
sources:
  - title: The Biggest Mistake After a Job Rejection
    author: Susan P. Joyce
    publisher: Job-Hunt.org
tips:
  do:
    - {_sentence(rng, 14)}
  avoid:
    - {_sentence(rng, 14)}
"""


def write_project(root: Path, count: int, seed: int = 1) -> list[Path]:
    """A project of ``count`` scenarios at ``root``; returns the scenario files."""
    rng = random.Random(seed)
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text('[tool.sincerely]\ntitle = "Synthetic"\n')
    files = []
    for index in range(count):
        pack = root / "content" / f"pack-{index // 100:03d}"
        if not pack.is_dir():
            pack.mkdir()
            (pack / "_pack.yaml").write_text(f"title: Pack {index // 100}\nsummary: Synthetic.\n")
        path = pack / f"letter-{index:05d}.yaml"
        path.write_text(scenario_yaml(index, rng), encoding="utf-8")
        files.append(path)
    return files
