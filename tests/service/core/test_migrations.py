"""The migrations form one chain, and a database made by the release before the merge upgrades."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from service.core.migrate import alembic_config, upgrade

OLD_HEADS = ("0002_profiles", "0003_simulations", "0004_authored_scenarios", "0005b_participant_teacher_time",
             "0006_security")


def test_the_migrations_have_exactly_one_head_and_every_revision_after_the_merge_one_parent(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    script = ScriptDirectory.from_config(alembic_config(engine))
    assert len(script.get_heads()) == 1
    merge = script.get_revision("0007_one_chain")
    later = [r for r in script.walk_revisions() if r.revision > "0007_one_chain"]
    assert merge is not None and set(merge.down_revision) == set(OLD_HEADS)  # type: ignore[arg-type]
    assert later and all(isinstance(r.down_revision, str) for r in later)


def test_a_database_at_the_old_five_heads_upgrades_to_the_one_head_and_keeps_its_rows(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    cfg = alembic_config(engine)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        for head in OLD_HEADS:  # what the previous release's `upgrade(engine, "heads")` left behind
            command.upgrade(cfg, head)
    with engine.begin() as connection:
        assert len(connection.execute(text("SELECT version_num FROM alembic_version")).all()) == 5
        connection.execute(text("INSERT INTO users (name, role, created_at) VALUES ('vanha', 'coach', '2026-01-01')"))
    upgrade(engine)
    with engine.begin() as connection:
        versions = [r[0] for r in connection.execute(text("SELECT version_num FROM alembic_version"))]
        script = ScriptDirectory.from_config(alembic_config(engine))
        assert versions == [script.get_current_head()]
        assert connection.execute(text("SELECT name FROM users")).scalar_one() == "vanha"
