"""The layouts compiled once for each language of the pages, their words written in.

A layout says ``_("Search")`` some hundred times on a letter's page; asked of gettext as
the page runs, that is most of the page's time. So each language (and each version of
its catalog) has a compiled set of its own: an overlay of the one Environment whose code
generator writes the translation of ``_("constant")`` and ``gettext("constant")`` into
the compiled code, exactly as the call gives it (newstyle gettext: ``Markup(words) % {}``
under autoescape). The call stays in the code beside it, and runs instead when the name
is not the i18n extension's own as the page runs (a layout's ``{% set _ = ... %}`` or
macro argument), and wherever the answer cannot be known at compile time (keywords,
autoescape switched by a block, a translation that the ``%`` refuses: the call raises
then, at the layout's line, as it always did).

Compiled code is kept for the process (:data:`COMPILED`), by language, catalog, layout
and file, and believed only for the very source it was compiled from (Jinja checks its
checksum): check then build, serve after an edit, the suite's builds, and a build's
worker processes, which inherit what their parent compiled before they were forked.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.idtracking import VAR_LOAD_RESOLVE
from markupsafe import Markup

from ..common import signed
from ..common.i18n import Messages
from ..theming.hooks import NO_HOOKS, Hooks
from .memo import RecordingEnvironment

_GETTEXT_NAMES = ("_", "gettext")


def words_key(words: Messages | None) -> str:
    """A digest of a language's catalog: what a compiled set's words were taken from."""
    if words is None:
        return ""
    plural = sorted((m, sorted(forms.items())) for m, forms in words.plural.items())
    content = repr((words.language, sorted(words.singular.items()), plural))
    return hashlib.sha256(content.encode()).hexdigest()


class LayoutsEnvironment(RecordingEnvironment):
    """The one Environment's configuration; its overlays (:meth:`in_language`) each
    compile the layouts with one language's words written in."""

    words: Messages | None = None  # None: nothing is written in, every call runs
    words_digest = ""
    hooks: Hooks = NO_HOOKS  # the owner's, whose on_env has run on it

    def in_language(self, words: Messages) -> LayoutsEnvironment:
        """The Environment for pages in ``words``' language: the same configuration,
        its own compiled layouts, made once for each version of the catalog."""
        # Shared by the overlays (their __dict__ is a copy of this one's).
        known: dict[int, tuple[Messages, LayoutsEnvironment]]
        known = self.__dict__.setdefault("_sincerely_by_words", {})
        found = known.get(id(words))
        if found is not None and found[0] is words:  # the very catalog: no digest to take
            return found[1]
        key = (words.language, words_key(words))
        made: dict[tuple[str, str], LayoutsEnvironment]
        made = self.__dict__.setdefault("_sincerely_languages", {})
        if key not in made:
            # A cache of its own (not a copy of this one's), since its code differs.
            overlay = self.overlay(cache_size=400)
            assert isinstance(overlay, LayoutsEnvironment)
            overlay.words, overlay.words_digest = words, key[1]
            made[key] = overlay
        known[id(words)] = (words, made[key])
        return made[key]


def _resolved(environment: Any, node: nodes.Call, frame: Frame) -> Markup | str | None:
    """What the call gives, if it is gettext of one constant in a known autoescape."""
    words = getattr(environment, "words", None)
    callee = node.node
    if (
        words is None
        or not isinstance(callee, nodes.Name)
        or callee.name not in _GETTEXT_NAMES
        or len(node.args) != 1
        or not isinstance(node.args[0], nodes.Const)
        or not isinstance(node.args[0].value, str)
        or node.kwargs
        or node.dyn_args is not None
        or node.dyn_kwargs is not None
        or frame.eval_ctx.volatile
    ):
        return None
    # A name the frame takes from the context; not a parameter, alias or assignment.
    ref = frame.symbols.find_ref(callee.name)
    if ref is None or frame.symbols.find_load(ref) != (VAR_LOAD_RESOLVE, callee.name):
        return None
    said = words.gettext(node.args[0].value)
    try:
        return (Markup(said) if frame.eval_ctx.autoescape else said) % {}
    except (KeyError, TypeError, ValueError):
        return None  # the call raises as the page runs, at the layout's line


class ResolvingCodeGenerator(CodeGenerator):
    """Jinja's code generator, writing the translation of ``_("constant")`` in."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.said: dict[str, str] = {}  # each translation as Markup, by its module name

    def visit_Call(  # noqa: N802 - the name Jinja's visitor calls it by
        self, node: nodes.Call, frame: Frame, forward_caller: bool = False
    ) -> None:
        value = None if forward_caller else _resolved(self.environment, node, frame)
        if value is None:
            super().visit_Call(node, frame, forward_caller=forward_caller)
            return
        assert isinstance(node.node, nodes.Name)
        name = node.node.name
        ref = frame.symbols.ref(name)
        # Only while the name is the extension's own (and, for `_`, `gettext` too, which
        # `_` calls): a context or a template that set either gets the call.
        guard = f"{ref} is environment.globals[{name!r}]"
        if name == "_":
            guard += " and context.resolve_or_missing('gettext') is environment.globals['gettext']"
        constant = repr(value)
        if isinstance(value, Markup):  # made once, when the module is (see visit_Template)
            constant = self.said.setdefault(str(value), f"sincerely_said_{len(self.said)}")
        self.write(f"({constant} if {guard} else ")
        super().visit_Call(node, frame, forward_caller=forward_caller)
        self.write(")")

    def visit_Template(  # noqa: N802 - as visit_Call
        self, node: nodes.Template, frame: Frame | None = None
    ) -> None:
        super().visit_Template(node, frame)
        for value, name in self.said.items():
            self.writeline(f"{name} = Markup({value!r})")


class CompiledLayouts(jinja2.BytecodeCache):
    """Each layout compiled once in a process, whichever Environment asks (serve after a
    theme edit, check then build, the suite's builds), by language and catalog, name and
    file, believed only for the very source it was compiled from (Jinja checks its
    checksum). Every Environment made here has the same options, so the same code for a
    source and catalog.

    With a ``folder`` (a build's, in the project's work folder), the compiled code is kept
    there too for the next build, which then compiles nothing it had compiled: signed
    (common/signed.py), since marshalled code runs when it is read, and with sincerely's
    own code, so another version of it never believes another's files."""

    def __init__(self, kept: dict[str, bytes] | None = None, folder: Path | None = None) -> None:
        self._kept: dict[str, bytes] = {} if kept is None else kept
        self.folder = folder
        self._context = signed.code_fingerprint().encode() if folder is not None else b""

    def on_disk(self, folder: Path) -> CompiledLayouts:
        """This process's compiled layouts, and those kept in ``folder`` besides."""
        return CompiledLayouts(self._kept, folder)

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        # The hooks too: a filter they add is written into the code (called at compile
        # time on constants, and how it is called), so code compiled without it is stale.
        hooks = getattr(environment, "hooks", NO_HOOKS).digest
        key = f"{getattr(environment, 'words_digest', '')}|{hooks}|"
        key += self.get_cache_key(name, filename)
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def _file(self, key: str) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / hashlib.sha256(key.encode()).hexdigest()[:32]

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._kept.get(bucket.key)
        path = self._file(bucket.key)
        if code is None and path is not None:
            code = signed.read(path, self._context)
        elif code is not None and path is not None and not path.is_file():
            self._write(path, code)  # compiled earlier in this process: kept all the same
        if code is not None:
            bucket.bytecode_from_string(code)  # left empty if the source has changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._kept[bucket.key] = bucket.bytecode_to_string()
        path = self._file(bucket.key)
        if path is not None:
            self._write(path, code)

    def _write(self, path: Path, code: bytes) -> None:
        with contextlib.suppress(OSError):  # a build that cannot keep it compiles again
            path.parent.mkdir(parents=True, exist_ok=True)
            signed.write(path, code, self._context)


COMPILED = CompiledLayouts()


def compile_ahead(env: LayoutsEnvironment, uses: Iterable[tuple[Messages, str]]) -> None:
    """Compile each layout that pages will use, in their language, with every layout it
    extends, imports or includes: done before the work is forked, every worker inherits
    them instead of compiling its own. A layout that cannot be compiled is left to the
    page that uses it to report."""
    todo = list(uses)
    seen: set[tuple[str, str]] = set()
    while todo:
        words, name = todo.pop()
        overlay = env.in_language(words)
        if (overlay.words_digest, name) in seen:
            continue
        seen.add((overlay.words_digest, name))
        try:
            overlay.get_template(name)
            source = overlay.loader.get_source(overlay, name)[0] if overlay.loader else ""
            referenced = meta.find_referenced_templates(overlay.parse(source))
        except (jinja2.TemplateError, OSError, UnicodeDecodeError):
            continue
        todo.extend((words, other) for other in referenced if other is not None)
