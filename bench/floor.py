"""The floor: the least a static site generator does for these pages, on 2 processes.

Each Markdown page is rendered with markdown-it-py into one small Jinja template and
written to a file of its own; nothing else (no validation, navigation, search, downloads
or archives). bench/build_speed.py times it as a whole process beside sincerely, so that
sincerely's figures can be read as multiples of it on the same machine, in the same run.

    python -m bench.floor DOCS_FOLDER OUTPUT_FOLDER
"""

from __future__ import annotations

import sys
from multiprocessing import Pool
from pathlib import Path

import jinja2
from markdown_it import MarkdownIt

PAGE = jinja2.Template(
    "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>{{ title }}</title>"
    "</head><body><main>{{ body | safe }}</main></body></html>\n",
    autoescape=True,
)
_markdown = MarkdownIt("commonmark")


def render(job: tuple[Path, Path]) -> None:
    source, output = job
    text = source.read_text(encoding="utf-8")
    title = text.partition("\n")[0].lstrip("# ")
    html = PAGE.render(title=title, body=_markdown.render(text))
    output.joinpath(source.stem + ".html").write_text(html, encoding="utf-8")


def main() -> None:
    docs, output = Path(sys.argv[1]), Path(sys.argv[2])
    output.mkdir(parents=True)
    with Pool(2) as pool:
        pool.map(render, [(page, output) for page in sorted(docs.glob("*.md"))], chunksize=64)


if __name__ == "__main__":
    main()
