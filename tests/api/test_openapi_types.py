"""The web app's generated API types start from web/openapi.json: it must be the app's own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from api.openapi import openapi_json

ROOT = Path(__file__).resolve().parents[2]


def test_committed_openapi_json_is_what_the_app_publishes() -> None:
    committed = (ROOT / "web" / "openapi.json").read_text(encoding="utf-8")
    assert committed == openapi_json(), (
        "web/openapi.json is stale: run `cd web && npm run gen:api` (it regenerates "
        "openapi.json and src/api-types.ts) and commit both")


def test_lumo_openapi_prints_the_document_without_a_server(tmp_path: Path) -> None:
    out = tmp_path / "openapi.json"
    subprocess.run([sys.executable, "-m", "api.cli", "openapi", "--out", str(out)],
                   cwd=tmp_path, check=True, timeout=120)
    spec = json.loads(out.read_text(encoding="utf-8"))
    answer = spec["paths"]["/api/workflows/{workflow_id}"]["get"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Workflow"}
    # The workflow's definition is the engine's own graph model, not a copy.
    workflow = spec["components"]["schemas"]["Workflow"]["properties"]
    assert workflow["definition"] == {"$ref": "#/components/schemas/WorkflowDefinition"}
    assert not list(tmp_path.glob("var")), "dumping the document must not create a database"
