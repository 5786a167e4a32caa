"""The owner's hooks: Python files run at a build's events, in the manner of MkDocs.

``hooks = ["hooks.py"]`` in the settings names them. Each file is loaded as a module
of its own, by its path (under a name made of its path and its bytes, so that two
hooks called alike never meet and an edited hook is loaded anew), and each of its
functions named after an event is called at that event, file after file in the
settings' order:

- ``on_config(settings)``: the settings as loaded; a changed copy returned
  (``dataclasses.replace``) replaces them.
- ``on_env(env)``: the one Jinja Environment, once made: add filters, tests, globals.
- ``on_page_context(context, page)``: what a page's layout is given; a mapping
  returned replaces it.
- ``on_post_build(site_dir)``: after a build has put its new site in place.

Hooks are the owner's code, as layouts are, and run with the build's rights; the
contributed content (YAML, Markdown) never runs. Every hook file is an input of every
build's key (its bytes are in the theme's digest, build/record.py), so an edit to one
makes the site again whole. A mistake in one, at loading or at an event, is an error
at the hook's file and line, with the event, never a traceback.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import re
import sys
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from ..common.errors import BuildError, Diagnostics, Location, relative
from ..common.intake import refusal
from ..model.config import Config, Settings, setting_location

EVENTS = ("on_config", "on_env", "on_page_context", "on_post_build")
# What on_config may not change: it runs once these are read.
FIXED = ("content_dir", "layouts_dir", "output_dir", "hooks")
# Every module loaded in this process, by its path and bytes: serve loads the hooks at
# every save, and a hook unchanged is the same module (its filters, its state).
_LOADED: dict[str, ModuleType] = {}


@dataclass(frozen=True)
class Hook:
    name: str  # as the settings write it
    path: Path
    module: ModuleType

    def function(self, event: str) -> Callable[..., Any] | None:
        found = getattr(self.module, event, None)
        return found if callable(found) else None


@dataclass(frozen=True)
class Hooks:
    """The hooks of a project, loaded; each event is called through them."""

    files: tuple[Hook, ...] = ()
    digest: str = ""  # of every hook's name and bytes: an input of every build's key
    root: Path = Path()  # the project's folder, which messages name paths from

    def has(self, event: str) -> bool:
        return any(True for _ in self._functions(event))

    def _functions(self, event: str) -> Iterator[tuple[Hook, Callable[..., Any]]]:
        for hook in self.files:
            function = hook.function(event)
            if function is not None:
                yield hook, function

    def configured(self, config: Config) -> Config:
        """The configuration with the settings as on_config leaves them."""
        settings = config.settings
        for hook, function in self._functions("on_config"):
            result = _call(hook, function, "on_config", settings)
            if result is None:
                continue
            if not isinstance(result, Settings):
                raise _returned(hook, function, "on_config", "the settings", result)
            changed = [n for n in FIXED if getattr(result, n) != getattr(settings, n)]
            if changed:
                raise BuildError.single(
                    f"on_config of hook {hook.name} changes '{changed[0]}', which is read "
                    "before the hooks run; set it in pyproject.toml instead",
                    _defined(hook, function),
                )
            settings = result
        if settings is config.settings:
            return config
        base = settings.base_url  # written as load_config writes it
        base += "/" if base and not base.endswith("/") else ""
        settings = dataclasses.replace(
            settings, base_url=base, repo_url=settings.repo_url.rstrip("/")
        )
        return dataclasses.replace(config, settings=settings)

    def on_env(self, env: Any) -> None:
        for hook, function in self._functions("on_env"):
            result = _call(hook, function, "on_env", env)
            if result is not None and result is not env:
                raise _returned(hook, function, "on_env", "nothing", result)

    def page_context(self, context: dict[str, Any], page: Any) -> dict[str, Any]:
        for hook, function in self._functions("on_page_context"):
            result = _call(hook, function, "on_page_context", context, page)
            if result is None:
                continue
            if not isinstance(result, Mapping):
                raise _returned(hook, function, "on_page_context", "the context", result)
            context = dict(result)
        return context

    def post_build(self, site_dir: Path) -> None:
        for hook, function in self._functions("on_post_build"):
            _call(hook, function, "on_post_build", site_dir)

    def mistake(self, exc: BaseException, layout: Location | None) -> BuildError | None:
        """An error at the innermost line of a hook that ``exc`` passed through (a
        filter a layout called), or None if it passed through none."""
        for hook in self.files:
            line = _line_in(exc, hook.path)
            if line:
                called = f", called by the layout at {layout.display(self.root)}" if layout else ""
                return BuildError.single(
                    f"{type(exc).__name__}: {exc}, in a function of hook {hook.name}"
                    f"{called}; fix the hook",
                    Location(hook.path, line, 1),
                )
        return None


NO_HOOKS = Hooks()


def _call(hook: Hook, function: Callable[..., Any], event: str, *args: Any) -> Any:
    """What the hook's function returns; an exception in it is an error at its line."""
    try:
        return function(*args)
    except Exception as exc:
        raise BuildError.single(*fault(exc, hook, event)) from exc


def _line_in(exc: BaseException, path: Path) -> int:
    """The line of the innermost frame of ``exc``'s traceback in the file ``path``."""
    line = 0
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == str(path):
            line = frame.lineno or 0
    return line


def fault(exc: BaseException, hook: Hook, event: str) -> tuple[str, Location]:
    """What to say of ``exc``, met in ``hook`` at ``event``, and where."""
    if isinstance(exc, SyntaxError) and exc.filename == str(hook.path):
        where = Location(hook.path, exc.lineno or 0, exc.offset or 0)
        return f"hook {hook.name} is not valid Python: {exc.msg}; fix it", where
    line = _line_in(exc, hook.path)
    frames = traceback.extract_tb(exc.__traceback__)
    deeper = ""
    if frames and frames[-1].filename != str(hook.path):
        deeper = f" (raised in {frames[-1].filename}:{frames[-1].lineno}, called from here)"
    doing = "loading" if event == "load" else event
    message = f"hook {hook.name} failed in {doing}: {type(exc).__name__}: {exc}{deeper}"
    return f"{message}; fix the hook", Location(hook.path, line, 1 if line else 0)


def _defined(hook: Hook, function: Callable[..., Any]) -> Location:
    code = getattr(function, "__code__", None)
    line = code.co_firstlineno if code is not None else 0
    return Location(hook.path, line, 1 if line else 0)


def _returned(
    hook: Hook, function: Callable[..., Any], event: str, wanted: str, got: object
) -> BuildError:
    return BuildError.single(
        f"{event} of hook {hook.name} must return {wanted} or None (got {type(got).__name__})",
        _defined(hook, function),
    )


def _module(path: Path, data: bytes) -> ModuleType:
    """The module of a hook's bytes (compiled from the very bytes its digest is of),
    loaded once in this process; raises what loading it raises."""
    key = hashlib.sha256(f"{path}\0".encode() + data).hexdigest()
    if key in _LOADED:
        return _LOADED[key]
    stem = re.sub(r"\W", "_", path.stem)
    module_name = f"sincerely_hook_{stem}_{key[:12]}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec is not None  # a .py file's path always has one
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # as an import would: dataclasses look it up there
    try:
        exec(compile(data, str(path), "exec"), module.__dict__)  # the owner's code, as theirs
    except BaseException:
        del sys.modules[module_name]
        raise
    _LOADED[key] = module
    return module


def hook_files(config: Config) -> list[Path]:
    """The files the settings name as hooks (serve watches them)."""
    return [config.root / name for name in config.settings.hooks]


def load_hooks(config: Config) -> Hooks:
    """The project's hooks, loaded (their module-level code run); raises BuildError at
    the setting for a file missing, or at the hook's line for one that fails to load."""
    if not config.settings.hooks:
        return NO_HOOKS
    out = Diagnostics()
    digest = hashlib.sha256()
    loaded: list[Hook] = []
    for name in config.settings.hooks:
        path = config.root / name
        if refused := refusal(path):
            out.error(f"'hooks': {name} {refused}", setting_location(config, "hooks"))
            continue
        if not path.is_file():
            out.error(
                f"'hooks': there is no file '{name}' in the project; give its path from "
                "the folder that holds pyproject.toml",
                setting_location(config, "hooks"),
            )
            continue
        data = path.read_bytes()
        digest.update(f"{relative(path, config.root)}\0{len(data)}\0".encode() + data)
        hook = Hook(name, path, ModuleType(name))
        try:
            hook = Hook(name, path, _module(path, data))
        except Exception as exc:
            out.error(*fault(exc, hook, "load"))
            continue
        loaded.append(hook)
    out.raise_if_errors()
    return Hooks(tuple(loaded), digest.hexdigest(), config.root)
