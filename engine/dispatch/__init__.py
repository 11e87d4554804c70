"""Dispatch backends: in-process worker threads (embedded) and Celery (scale-out)."""
