"""ASGI entry point for several worker processes: `uvicorn tyokieli.asgi:app --workers N`.
Each worker builds its own app from the TYOKIELI_* environment."""

from tyokieli.app import create_app, warm_up_in_background

app = create_app()
warm_up_in_background(app)
