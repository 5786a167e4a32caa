"""The format as published: a project's stale copy of the schema is pointed out."""

from __future__ import annotations

from sincerely.cli.scaffold import init_gallery
from sincerely.model.config import PROJECT_SCHEMA
from sincerely.model.schema import schema_text

from ..conftest import Project


def test_a_stale_schema_copy_is_a_warning_with_its_fix(project: Project) -> None:
    init_gallery(project.root)
    assert project.cli("check", "-W").returncode == 0  # init's copy is this version's
    copy = project.root / PROJECT_SCHEMA
    copy.write_text(schema_text().replace('"email"', '"e-mail"'), encoding="utf-8")
    done = project.cli("check", "-W")
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        "schema/scenario.json: warning: this is not the schema of the sincerely that checks "
        "the files, so editors would judge them by another format; run 'sincerely schema > "
        "schema/scenario.json' to bring it up to date"
    )
    fixed = project.cli("schema").stdout
    copy.write_text(fixed, encoding="utf-8")
    assert project.cli("check", "-W").returncode == 0


def test_build_sees_the_schema_brought_up_to_date_as_check_does(project: Project) -> None:
    init_gallery(project.root)
    assert project.cli("build", "-W").returncode == 0
    copy = project.root / PROJECT_SCHEMA
    copy.write_text(schema_text().replace('"email"', '"e-mail"'), encoding="utf-8")
    stale = project.cli("build", "-W")
    assert stale.returncode == 1 and "this is not the schema" in stale.stderr
    copy.write_text(project.cli("schema").stdout, encoding="utf-8")
    # Nothing else changed, but the warning was the schema's: it must not be given again.
    done = project.cli("build", "-W")
    assert done.returncode == 0, done.stderr
    assert "this is not the schema" not in done.stderr
