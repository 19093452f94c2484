"""ASGI entry point for several worker processes: `uvicorn service.asgi:app --workers N`.
Each worker builds its own app from the TYOKIELI_* environment."""

from service.app import create_app, warm_up_in_background

app = create_app()
warm_up_in_background(app)
