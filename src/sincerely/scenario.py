"""Building one Scenario from its located YAML tree, with the rules a schema cannot say:
placeholders that name fields, unique field ids, the subject that only email has, and the
quality bar (brevity, notes, hints) that every contribution is held to as warnings."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from . import formats
from .errors import Diagnostics, Location, closest
from .model import (
    Block,
    Field,
    Letter,
    Scenario,
    Source,
    Template,
    parse_template,
    placeholder_occurrences,
)
from .schema import check
from .yamlnodes import MappingNode, Node, ScalarNode, SequenceNode, point_inside

MAX_BODY_WORDS = 200
_TODO = re.compile(r"\bTODO\b")
_FIELD_ID = re.compile(formats.FIELD_ID)


def _text(node: Node | None, default: str = "") -> str:
    return str(node.value) if isinstance(node, ScalarNode) and node.kind == "text" else default


def _mappings(node: Node | None) -> list[MappingNode]:
    if not isinstance(node, SequenceNode):
        return []
    return [item for item in node.items if isinstance(item, MappingNode)]


def _texts(node: Node | None) -> tuple[str, ...]:
    if not isinstance(node, SequenceNode):
        return ()
    return tuple(_text(item) for item in node.items if isinstance(item, ScalarNode))


def _template(
    node: Node | None, field_ids: set[str] | None, out: Diagnostics, meant: set[str]
) -> Template | None:
    """Parse a template; check its placeholders against ``field_ids`` unless that is None
    (the fields are missing or malformed, and every placeholder would be a false alarm)."""
    if not (isinstance(node, ScalarNode) and node.kind == "text"):
        return None
    template, problems = parse_template(str(node.value))
    for problem in problems:
        out.error(problem.message, point_inside(node, problem.token, problem.occurrence))
    for field_id, occurrence in placeholder_occurrences(str(node.value)):
        token = "{" + field_id + "}"
        if field_ids is not None and field_id not in field_ids:
            match = closest(field_id, field_ids)
            if match:
                meant.add(match)  # so that field is not also reported as unused
                fix = f" (did you mean {{{match}}}?)"
            elif field_ids:
                fix = f"; the fields are {', '.join(sorted(field_ids))}"
            else:
                fix = ""
            out.error(
                f"placeholder {token} names no field{fix}; fix the name or add the field",
                point_inside(node, token, occurrence),
            )
    return template


def _fields(
    root: MappingNode, out: Diagnostics
) -> tuple[list[Field], dict[str, ScalarNode] | None]:
    """The fields, and each id's node; None for the ids when some field has no valid id,
    since then no placeholder can be judged."""
    fields: list[Field] = []
    id_nodes: dict[str, ScalarNode] = {}
    fields_node = root.get("fields")
    complete = isinstance(fields_node, SequenceNode)
    for item in _mappings(fields_node):
        id_node = item.get("id")
        field_id = _text(id_node)
        if not isinstance(id_node, ScalarNode) or not _FIELD_ID.fullmatch(field_id):
            complete = False  # the schema check has said why
            continue
        if field_id in id_nodes:
            out.error(
                f"field id '{field_id}' is already used on line "
                f"{id_nodes[field_id].location.line}; give each field its own id",
                id_node.location,
            )
            continue
        id_nodes[field_id] = id_node
        flags = {
            key: isinstance(n := item.get(key), ScalarNode) and n.value is True
            for key in ("per_recipient", "sender")
        }
        if "hint" not in item.entries:
            out.warning(
                f"field '{field_id}' has no hint; add one that helps the reader fill it in",
                id_node.location,
            )
        fields.append(
            Field(
                id=field_id,
                label=_text(item.get("label")),
                example=_text(item.get("example")),
                hint=_text(item.get("hint")),
                kind=_text(item.get("kind"), "text"),
                options=_texts(item.get("options")),
                per_recipient=flags["per_recipient"],
                sender=flags["sender"],
                autocomplete=_text(item.get("autocomplete")),
            )
        )
    return fields, id_nodes if complete else None


def _blocks(
    letter: MappingNode, field_ids: set[str] | None, out: Diagnostics, meant: set[str]
) -> list[Block]:
    blocks: list[Block] = []
    for item in _mappings(letter.get("blocks")):
        template = _template(item.get("text"), field_ids, out, meant)
        if "note" not in item.entries and "text" in item.entries:
            out.warning(
                "block has no note; add one that says why it is written this way",
                item.location,
            )
        if template is not None:
            blocks.append(Block(template, _text(item.get("note")), _text(item.get("optional"))))
    return blocks


TODO_WARNING = "TODO left in the text; replace it with the words it stands for"


def warn_todos(node: Node, out: Diagnostics) -> None:
    """A warning at every TODO in a file's values: a draft is not ready to publish."""
    if isinstance(node, ScalarNode):
        if node.kind == "text" and _TODO.search(str(node.value)):
            out.warning(TODO_WARNING, point_inside(node, "TODO"))
    elif isinstance(node, SequenceNode):
        for item in node.items:
            warn_todos(item, out)
    else:
        for _key, value in node.entries.values():
            warn_todos(value, out)


def warn_todos_in_text(path: Path, text: str, start: int, out: Diagnostics) -> None:
    """The same, in the plain text of a file from ``start`` on (a page's Markdown)."""
    for match in _TODO.finditer(text, start):
        out.warning(TODO_WARNING, Location.at_offset(path, text, match.start()))


def build_scenario(
    root: MappingNode,
    *,
    yaml_text: str,
    pack: str,
    slug: str,
    source_path: PurePosixPath,
    out: Diagnostics,
) -> Scenario | None:
    """The Scenario in ``root``, or None after reporting why it cannot be built."""
    errors_before = out.error_count
    check(root, formats.SCENARIO, "", out)
    fields, id_nodes = _fields(root, out)
    field_ids = set(id_nodes) if id_nodes is not None else None
    letter_node = root.get("letter")
    blocks: list[Block] = []
    subject: Template | None = None
    meant: set[str] = set()  # fields that a misspelt placeholder was meant to name
    if isinstance(letter_node, MappingNode):
        subject = _template(letter_node.get("subject"), field_ids, out, meant)
        blocks = _blocks(letter_node, field_ids, out, meant)
    used = {blank for block in blocks for blank in block.text.blank_ids}
    used.update(subject.blank_ids if subject else ())
    for field_id, id_node in (id_nodes or {}).items():
        if field_id not in used and field_id not in meant:
            out.warning(
                f"field '{field_id}' is not used by any placeholder; "
                f"add {{{field_id}}} to the letter or remove the field",
                id_node.location,
            )
    warn_todos(root, out)
    if out.error_count > errors_before:
        return None

    letter = Letter(subject, tuple(blocks))
    words = letter.word_count()
    if words > MAX_BODY_WORDS and isinstance(letter_node, MappingNode):
        out.warning(
            f"the letter is {words} words long, over {MAX_BODY_WORDS}; "
            "a short note is read, a long one is skimmed",
            letter_node.entries["blocks"][0].location,
        )
    tips = root.get("tips")
    sources = [
        Source(
            title=_text(item.get("title")),
            author=_text(item.get("author")),
            publisher=_text(item.get("publisher")),
            url=_text(item.get("url")),
        )
        for item in _mappings(root.get("sources"))
    ]
    order = root.get("order")
    return Scenario(
        pack=pack,
        slug=slug,
        source_path=source_path,
        yaml_text=yaml_text,
        title=_text(root.get("title")),
        summary=_text(root.get("summary")),
        situation=_text(root.get("situation")),
        channel=_text(root.get("channel")),
        fields=tuple(fields),
        letter=letter,
        sources=tuple(sources),
        timing=_text(root.get("timing")),
        tags=_texts(root.get("tags")),
        order=order.value if isinstance(order, ScalarNode) and isinstance(order.value, int) else 0,
        tips_do=_texts(tips.get("do")) if isinstance(tips, MappingNode) else (),
        tips_avoid=_texts(tips.get("avoid")) if isinstance(tips, MappingNode) else (),
    )
