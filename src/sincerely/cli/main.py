"""The command line: ``sincerely build``, ``check``, ``serve``, ``new``, ``init``,
``upgrade``, ``theme``, ``clean``, ``schema``, parsed here, run by cli/commands.py.

Every expected failure arrives here as a BuildError and is printed in one place, one
located message a line, in the manner of sphinx-build; a traceback is shown only for a
bug in sincerely itself, and then only with --debug.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from ..build.builders import BUILDERS, SiteBuilder
from ..common.errors import BUG_HINT, BuildError, SiteReplacedInterrupt, bug_message
from ..common.report import FORMATS, as_json, plural
from ..model.channels import CHANNELS
from .commands import report, run_command

# What the exit status says, in one table: --help prints it, and the README says the same
# (a test holds it to this). 2 is argparse's, for a command line it cannot read, as for
# every Unix tool; a bug has a status of its own, sysexits.h's EX_SOFTWARE.
EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_BUG = 70
EXIT_INTERRUPTED = 130
EXIT_STATUSES = {
    EXIT_OK: "success",
    EXIT_PROBLEMS: "errors in the project (or warnings, under -W), or a file that could "
    "not be read or written",
    EXIT_USAGE: "a mistake on the command line (an unknown command or option)",
    EXIT_BUG: "a bug in sincerely itself (--debug shows its traceback; please report it)",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C): the site is the old one, or the new one whole",
}


def _port(text: str) -> int:
    """A TCP port, 0 to 65,535 (the system would take 70,000 as 70,000 - 65,536)."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is a number from 0 to 65535 (got {text!r})")
    return port


def _project_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "project",
        nargs="?",
        default=".",
        type=Path,
        help="a folder in the project (default: the current one); the project is the nearest "
        "folder at or above it with [tool.sincerely] in pyproject.toml, or a content/ folder",
    )


def _strict_argument(parser: argparse.ArgumentParser) -> None:
    """-W, one option for build, check and serve."""
    parser.add_argument("-W", "--strict", action="store_true", help="treat warnings as errors")


def _add_common(parser: argparse.ArgumentParser) -> None:
    _project_argument(parser)
    _strict_argument(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="how to print problems: text (default), github (Actions annotations) or json",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="render on N processes (default: the number of cores); the output is the same",
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback for internal errors")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sincerely",
        description="Build a gallery of annotated letter templates from YAML scenario files.",
        epilog="exit status: "
        + "; ".join(f"{status} {meaning}" for status, meaning in EXIT_STATUSES.items()),
    )
    parser.add_argument("--version", action="version", version=f"sincerely {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_building(commands)
    _add_starting(commands)
    _add_theme(commands)
    _add_tools(commands)
    return parser


# The subparsers' action: argparse's own type for it is private.
Commands = Any


def _add_building(commands: Commands) -> None:
    """build, check and serve."""
    build = commands.add_parser("build", help="build the site into the output folder")
    _add_common(build)
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        help="the output folder (default: output_dir from pyproject.toml, or site/)",
    )
    build.add_argument(
        "--fresh",
        action="store_true",
        help="make every file afresh, bringing nothing over from the last build",
    )
    build.add_argument(
        "--base-url",
        default=None,
        metavar="URL",
        help="where the site is published, in place of the base_url setting (as a "
        "Pages workflow knows it)",
    )
    build.add_argument(
        "-b",
        "--builder",
        choices=tuple(BUILDERS),
        default=SiteBuilder.name,
        help="html: the gallery (default); text: only the letters, as plain-text templates",
    )
    check = commands.add_parser("check", help="validate and render everything; write nothing")
    _add_common(check)

    serve_parser = commands.add_parser(
        "serve", help="build, serve on 127.0.0.1, and rebuild and reload on every save"
    )
    _project_argument(serve_parser)
    serve_parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve_parser.add_argument(
        "--port", type=_port, default=8000, help="port (the next free one if taken; 0: any)"
    )
    serve_parser.add_argument("--open", action="store_true", help="open the site in a browser")
    _strict_argument(serve_parser)
    serve_parser.add_argument(
        "--watch",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="another file or folder to watch (repeatable): a change there remakes every "
        "page (content/, layouts/, the settings, the owner's files and hooks are watched "
        "already)",
    )
    serve_parser.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)


def _add_starting(commands: Commands) -> None:
    """new, init and upgrade."""
    new = commands.add_parser("new", help="start a new scenario file from a commented template")
    new.add_argument("name", metavar="PACK/SLUG", help="where it goes, like letters/my-letter")
    new.add_argument(
        "--channel",
        choices=CHANNELS,
        default=None,
        help="default: the channel of the pack's own _new.yaml, if it has one; else email",
    )
    new.add_argument(
        "--project",
        type=Path,
        default=Path(),
        help="a folder in the project (default: the current one; its project is found upward)",
    )
    new.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)

    init = commands.add_parser("init", help="start a new gallery with an example pack")
    init.add_argument("directory", nargs="?", default=".", type=Path, help="default: .")
    init.add_argument(
        "--copy-theme",
        action="store_true",
        help="copy the bundled theme into layouts/ to customise it (default: use it as is); "
        "in a gallery already, copy the theme files it does not have yet",
    )
    init.add_argument(
        "--language",
        default="en",
        metavar="TAG",
        help="the language of the pages and of the example letter, a BCP 47 tag like de "
        "or fr-CA (default: en)",
    )
    init.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)

    upgrade = commands.add_parser(
        "upgrade",
        help="make what init wrote (workflows, schema, the pin) as this sincerely would, "
        "showing the diff first",
    )
    _project_argument(upgrade)
    upgrade.add_argument(
        "--write",
        action="store_true",
        help="write every change shown (default: ask for each in a terminal; else write nothing)",
    )
    upgrade.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)


def _add_theme(commands: Commands) -> None:
    """theme list, reference, copy and diff."""
    theme = commands.add_parser(
        "theme", help="list the theme's files, copy some to change, or compare your copies"
    )
    theme_commands = theme.add_subparsers(dest="theme_command", required=True, metavar="ACTION")
    listing = theme_commands.add_parser("list", help="the theme's files, and which you override")
    _project_argument(listing)
    reference = theme_commands.add_parser(
        "reference", help="print what layouts are given: page kinds, values, blocks, objects"
    )
    copy = theme_commands.add_parser(
        "copy", help="copy theme files into layouts/, where your copy overrides the theme's"
    )
    copy.add_argument("files", nargs="*", metavar="FILE", help="like base.html, static/site.css")
    copy.add_argument("--all", action="store_true", help="every file the project lacks")
    copy.add_argument("--project", type=Path, default=Path(), help="a folder in the project")
    diff = theme_commands.add_parser(
        "diff", help="show how your copies in layouts/ differ from the theme's current files"
    )
    diff.add_argument(
        "files", nargs="*", metavar="FILE", help="like base.html (default: every one you copied)"
    )
    diff.add_argument("--project", type=Path, default=Path(), help="a folder in the project")
    for sub in (theme, listing, reference, copy, diff):
        sub.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)


def _add_tools(commands: Commands) -> None:
    """clean and schema."""
    clean = commands.add_parser(
        "clean", help="remove what builds made: the output folder and .sincerely/"
    )
    _project_argument(clean)
    clean.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)

    schema = commands.add_parser("schema", help="print the format of scenario files")
    schema.add_argument(
        "--format",
        choices=("json", "markdown"),
        default="json",
        help="json: the JSON Schema (default); markdown: the reference in CONTRIBUTING.md",
    )
    schema.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)


def _failed(args: argparse.Namespace, exc: BuildError) -> int:
    style = getattr(args, "format", "text")
    if style not in FORMATS:
        style = "text"
    if style == "json":
        print(as_json(exc.diagnostics, Path.cwd(), ok=False))
        return EXIT_PROBLEMS
    report(exc.diagnostics, style)
    errors = sum(d.is_error for d in exc.diagnostics)
    warnings = len(exc.diagnostics) - errors
    reason = plural(errors, "error")
    if warnings:
        reason += f", {plural(warnings, 'warning')}"
        if getattr(args, "strict", False):
            reason += " (warnings are errors under -W)"
    print(f"{args.command} failed: {reason}.", file=sys.stderr)
    return EXIT_PROBLEMS


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return run_command(args)
    except BuildError as exc:
        if args.debug:
            traceback.print_exc()
        return _failed(args, exc)
    except KeyboardInterrupt as interrupt:
        if args.command == "serve":
            return EXIT_OK
        said = str(interrupt) if isinstance(interrupt, SiteReplacedInterrupt) else ""
        print(f"{said or 'interrupted; nothing was changed'}.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        if args.debug:
            traceback.print_exc()
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{args.command} failed: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        print(
            f"{bug_message(exc)}\n{BUG_HINT} (run with --debug for details).",
            file=sys.stderr,
        )
        return EXIT_BUG
