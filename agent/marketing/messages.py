"""Fixed wording the agent puts in the model's history (shared with the offline planner)."""

REVISION_LABEL = "Revision:"
REVISE_MARKER = "Current draft (JSON):"
