"""Storage: SQLAlchemy 2 models, engine and Alembic migrations (SQLite by default, PostgreSQL too)."""
