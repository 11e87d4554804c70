"""Response models of the HTTP API, one module per resource area.

The routes still build plain dicts; FastAPI validates them against these models and writes
the JSON (and `/openapi.json`, from which `web/src/api-types.ts` is generated). Workflow
definitions reuse the engine's graph models (`engine.graph`): never a second copy of a node's
fields. Secrets are write-only: no model here has a field for a channel secret, an access
token or an integration key.
"""
