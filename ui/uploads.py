"""Where Gradio keeps uploaded files: under the data directory (not the system's temporary
directory), with files older than a day removed at start and by Gradio's own cache clean-up."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from starlette.routing import Mount

UPLOAD_MAX_AGE_S = 24 * 3600


def prepare_upload_dir(data_dir: Path, max_age_s: float = UPLOAD_MAX_AGE_S) -> Path:
    """`DATA_DIR/uploads`, created, with what is older than `max_age_s` removed."""
    root = (Path(data_dir) / "uploads").resolve()
    root.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - max_age_s
    for entry in root.iterdir():
        try:
            if entry.stat().st_mtime < cutoff:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        except OSError:
            continue  # another process removed it first
    return root


def use_upload_dir(app: FastAPI, root: Path) -> None:
    """Points the mounted Gradio app's uploads at `root` (Gradio reads GRADIO_TEMP_DIR only once,
    when it is imported, so the app object is told directly)."""
    for route in app.routes:
        gradio_app: Any = route.app if isinstance(route, Mount) else None
        if isinstance(route, Mount) and route.path == "/ui" and hasattr(gradio_app, "uploaded_file_dir"):
            gradio_app.uploaded_file_dir = str(root)
            # Gradio serves files only from the upload folder: outputs (the partner's voice in the
            # chat) must be written there too, or the browser gets 403 for them
            for block in gradio_app.get_blocks().blocks.values():
                block.GRADIO_CACHE = str(root)
