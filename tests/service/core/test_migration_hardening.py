"""0011_hardening on a database with people in it: the SQLite rebuild with AUTOINCREMENT keeps every
row (rows pointing at users and participants included: foreign keys are off only for the rebuild)
and from then on an erased id is never handed out again."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, event, text

from service.core.migrate import alembic_config, upgrade


def test_the_rebuild_keeps_every_row_and_ids_are_not_reused_after_it(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")

    @event.listens_for(engine, "connect")
    def _fk(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]  # as the app's engine does
        dbapi_conn.execute("PRAGMA foreign_keys=ON")

    cfg = alembic_config(engine)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0010_workplace")
    with engine.begin() as c:
        for i, role in enumerate(("coach", "participant", "participant"), 1):
            c.execute(text("INSERT INTO users (id, name, role, created_at) VALUES (:i, :n, :r, '2026-01-01')"),
                      {"i": i, "n": f"u{i}", "r": role})
            c.execute(text("INSERT INTO api_tokens (user_id, token_hash, label, created_at) "
                           "VALUES (:i, :h, '', '2026-01-01')"), {"i": i, "h": f"h{i}"})
        c.execute(text("INSERT INTO participants (id, name, user_id, languages, target_tasks, work_trial_tasks, "
                       "self_assessment, teacher_assessment, work_trial_place, created_at, updated_at) VALUES "
                       "(1, 'P', 3, '[]', '[]', '[]', '{}', '{}', '', '2026-01-01', '2026-01-01')"))
        c.execute(text("INSERT INTO participant_coaches (participant_id, user_id) VALUES (1, 1)"))
    upgrade(engine)
    with engine.begin() as c:
        assert c.execute(text("SELECT count(*) FROM users")).scalar_one() == 3
        assert c.execute(text("SELECT count(*) FROM api_tokens")).scalar_one() == 3
        assert c.execute(text("SELECT count(*) FROM participant_coaches")).scalar_one() == 1
        assert c.execute(text("SELECT user_id FROM participants")).scalar_one() == 3
        assert c.execute(text("SELECT session_version FROM users WHERE id = 3")).scalar_one() == 0
        c.execute(text("DELETE FROM participants WHERE id = 1"))
        c.execute(text("DELETE FROM users WHERE id = 3"))
        c.execute(text("INSERT INTO users (name, role, created_at) VALUES ('uusi', 'participant', '2026-02-01')"))
        assert c.execute(text("SELECT id FROM users WHERE name = 'uusi'")).scalar_one() == 4
        assert c.execute(text("SELECT count(*) FROM api_tokens")).scalar_one() == 2  # the cascade still works
