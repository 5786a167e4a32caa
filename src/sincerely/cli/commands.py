"""What each command does, and what it prints on the way; cli/main.py parses the command
line and prints, in one place, the errors that any of these raise."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from .. import __version__
from ..build.builders import run
from ..build.parallel import default_jobs
from ..common import timings
from ..common.errors import BuildError, Diagnostic, Location, relative
from ..common.report import as_json, format_lines, plural, progress_line
from ..model.project import find_project, has_settings


def shown(path: Path) -> str:
    """A path as the user would type it: relative to where they are, if it is below."""
    return relative(path, Path.cwd())


def say(message: str) -> None:
    print(message, flush=True)


def report(diagnostics: Iterable[Diagnostic], style: str = "text") -> None:
    """Problems go to standard error, except GitHub annotations, which go to standard
    output, where Actions reads workflow commands."""
    stream = sys.stdout if style == "github" else sys.stderr
    for line in format_lines(tuple(diagnostics), style, Path.cwd()):
        print(line, file=stream, flush=True)


def _build_or_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    quiet = args.quiet or args.format == "json"
    tell = (lambda _message: None) if quiet else say
    verb = args.command
    doing = "building" if verb == "build" else "checking"
    tell(f"sincerely {__version__}: {doing} {shown(args.project) or '.'}")
    jobs = args.jobs if args.jobs and args.jobs > 0 else default_jobs()
    progress = None if quiet else progress_line("writing" if verb == "build" else "checking")
    try:
        result = run(
            args.project,
            args.output if verb == "build" else None,
            strict=args.strict,
            write=verb == "build",
            jobs=jobs,
            progress=progress,
            fresh=getattr(args, "fresh", False),
            builder=getattr(args, "builder", "html"),
            base_url=getattr(args, "base_url", None),
        )
    finally:
        if progress is not None:
            sys.stderr.write("\r\033[K")
        timings.write(verb)
    if args.format == "json":
        print(as_json(result.warnings, Path.cwd(), ok=True))
        return 0
    report(result.warnings, args.format)
    counts = result.counts
    took = f"{time.perf_counter() - started:.2f} s"
    output = shown(result.config.output_dir)
    if result.unchanged:
        done = f"nothing changed; {output} is up to date (checked in {took})"
    elif verb == "build":
        done = f"{plural(result.file_count, 'file')} written to {output} in {took}"
        if result.reused:
            done += f" ({result.reused:,} of them unchanged, brought over from the last build)"
    else:
        done = f"{plural(result.file_count, 'file')} rendered in {took}"
    tell(
        f"{plural(counts['packs'], 'pack')}, {plural(counts['scenarios'], 'scenario')}, "
        f"{plural(counts['pages'], 'page')}; {done}"
    )
    if result.note:
        tell(f"note: {result.note}")
    if result.site is not None and getattr(args, "builder", "html") == "html":
        from ..model.site import unpublished_note  # only once a site was loaded

        if note := unpublished_note(result.site):
            tell(f"note: {note}")
    tell(f"{verb} succeeded, {plural(len(result.warnings), 'warning')}.")
    return 0


def _serve(args: argparse.Namespace) -> int:
    # Imported here: the live server's stack (tornado, livereload, watchfiles) would
    # slow every build's start-up for nothing.
    from ..serve.session import serve

    serve(
        args.project,
        strict=args.strict,
        watch=args.watch,
        host=args.host,
        port=args.port,
        open_browser=args.open,
        say=say,
        report=report,
    )
    return 0


def _clean(args: argparse.Namespace) -> int:
    from ..build.writer import clean
    from ..model.config import load_config

    removed = clean(load_config(args.project))
    for folder in removed:
        say(f"removed {shown(folder)}/")
    if not removed:
        say("nothing to remove: no build output here")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from ..model.schema import reference_markdown, schema_text

    print(schema_text() if args.format == "json" else reference_markdown(), end="")
    return 0


def _new(args: argparse.Namespace) -> int:
    from . import scaffold  # only these commands need it (and its imports)

    *pack, scenario = scaffold.new_scenario(args.project, args.name, args.channel)
    for path in pack:
        say(f"wrote {shown(path)}: a new pack; fill in its TODOs too")
    say(f"wrote {shown(scenario)}: fill in every TODO, then run 'sincerely check -W'")
    return 0


def _copied(copied: list[Path], kept: list[Path]) -> int:
    for path in copied:
        say(f"copied {shown(path)}: yours now, and it overrides the theme's")
    for path in kept:
        say(f"kept {shown(path)}: you have your own already")
    return 0


def _theme(args: argparse.Namespace) -> int:
    from . import scaffold  # only these commands need it (and its imports)

    if args.theme_command == "reference":
        from ..render.layouts import layouts_reference

        print(layouts_reference(), end="")
        return 0
    if args.theme_command == "list":
        listing = scaffold.theme_listing(args.project)
        for name, overridden in listing:
            say(f"{name}  (yours, in layouts/)" if overridden else name)
        if not any(overridden for _, overridden in listing):
            say("none of these is overridden: the project has no layouts of its own")
        return 0
    if args.theme_command == "diff":
        return _theme_diff(args)
    if not args.files and not args.all:
        raise BuildError.single(
            "name the files to copy (see 'sincerely theme list'), or give --all",
            Location(args.project),
        )
    return _copied(*scaffold.copy_theme_files(args.project, None if args.all else args.files))


def _theme_diff(args: argparse.Namespace) -> int:
    from .upgrade import extends_the_themes, overridden, theme_diff

    names = args.files or overridden(args.project)
    if not names:
        say("you have no copies of the theme's files in layouts/: nothing to compare")
    for name in names:
        if extends_the_themes(args.project, name):
            say(
                f"layouts/{name} extends the theme's and fills only its blocks: it is not "
                "a copy, and gets the theme's fixes as they come; nothing to compare"
            )
            continue
        diff = theme_diff(args.project, name)
        if diff:
            print(diff, end="", flush=True)
        else:
            say(
                f"layouts/{name} is the same as the theme's: delete it, and the theme's own "
                "is used, with the fixes to come"
            )
    return 0


def _upgrade(args: argparse.Namespace) -> int:
    from .pinning import gallery_pin
    from .upgrade import Plan, plan_upgrade

    plan = plan_upgrade(args.project, gallery_pin())
    if not plan.changes and not plan.wheel:
        say("up to date: the workflows, the schema and the pin are what this sincerely writes")
    chosen = []
    asking = not args.write and sys.stdin.isatty()
    for change in plan.changes:
        print(change.diff(), end="", flush=True)
        if args.write or (asking and _yes(f"write {shown(change.path)}?")):
            chosen.append(change)
    wheel = plan.wheel
    if wheel:
        say(f"{shown(wheel[0])}: this sincerely, for CI to install ({len(wheel[1]):,} bytes)")
        if not (args.write or (asking and _yes(f"write {shown(wheel[0])}?"))):
            wheel = None
    for path in Plan(tuple(chosen), wheel, ()).write():
        say(f"wrote {shown(path)}")
    waiting = len(plan.changes) + bool(plan.wheel)
    if waiting and not args.write and not asking:
        say(f"nothing written; 'sincerely upgrade --write' writes {plural(waiting, 'file')}")
    for path in plan.stale_wheels:
        say(f"{shown(path)} is no longer pinned: delete it")
    return 0


def _yes(question: str) -> bool:
    try:
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def _init(args: argparse.Namespace) -> int:
    from . import scaffold  # only these commands need it (and its imports)
    from .pinning import gallery_pin
    from .starters import choose_language

    if args.copy_theme and has_settings(args.directory):
        return _copied(*scaffold.copy_theme_files(args.directory))
    language = choose_language(args.language, args.directory)
    pin = gallery_pin()
    made = scaffold.init_gallery(
        args.directory, copy_theme=args.copy_theme, pin=pin, language=language
    )
    for path in made:
        say(f"wrote {shown(path)}")
    say(f"requirements.txt installs {pin.line}: {pin.about}.")
    if language.note:
        say(f"note: {language.note}.")
    title = scaffold.folder_title(args.directory.resolve())
    say(
        f"The pages are in '{language.tag}' (language in pyproject.toml); the title, "
        f"{title!r}, is made from the folder's name: change title there."
    )
    where = "" if args.directory == Path() else f" {shown(args.directory)}"
    say(f"A new gallery is ready. Next: 'sincerely serve{where}'.")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": _build_or_check,
    "check": _build_or_check,
    "serve": _serve,
    "new": _new,
    "init": _init,
    "upgrade": _upgrade,
    "clean": _clean,
    "theme": _theme,
    "schema": _schema,
}
# The commands that work on a project, found upward from the folder given, as git does.
IN_A_PROJECT = ("build", "check", "serve", "new", "clean", "theme", "upgrade")


def run_command(args: argparse.Namespace) -> int:
    if args.command in IN_A_PROJECT and hasattr(args, "project"):
        args.project = find_project(args.project)
    return COMMANDS[args.command](args)
