"""The app's OpenAPI document, made without a server, a database or secrets.

`lumo openapi` prints it; `web/` generates `src/api-types.ts` from it (openapi-typescript).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any


def openapi_document() -> dict[str, Any]:
    from api.app import create_app
    from engine.settings import Settings

    # The routes need an app, the app a database URL: an empty throwaway file, never migrated.
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Settings(database_url=f"sqlite:///{Path(tmp) / 'openapi.db'}"),
                         migrate=False)
        try:
            return app.openapi()
        finally:
            app.state.db.dispose()


def openapi_json() -> str:
    return json.dumps(openapi_document(), ensure_ascii=False, indent=2) + "\n"
