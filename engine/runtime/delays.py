"""The scheduler's bulk path: many due Delays resumed in one transaction, in Core statements.

A Delay resumes to its `out` handle with nothing to execute, so there is no need for ORM objects:
the waits, steps and runs of a batch are read as rows and written back with one statement per
table (the ORM unit of work cost more than the database did). Anything unusual (a workflow
paused or deleted meanwhile, a missing step) takes the ORM path of the interpreter.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select, update

from engine import clock, metrics
from engine.nodes.base import OUT
from engine.runtime.context import Services
from engine.runtime.graphs import load_graph
from engine.storage.models import Run, Step, Wait, Workflow

_RUNS = Run.__table__
_STEPS = Step.__table__
_WAITS = Wait.__table__

# Built once: SQLAlchemy caches their compiled form and their cache keys.
_DONE_WAITS = update(_WAITS).where(_WAITS.c.id.in_(bindparam("ids", expanding=True))) \
    .values(status="done")
_COMPLETE_STEPS = update(_STEPS).where(_STEPS.c.id == bindparam("step_id")).values(
    status="completed", output_handle=OUT, finished_at=bindparam("now"),
    waited_seconds=bindparam("waited"))
_MOVE_RUN = update(_RUNS).where(_RUNS.c.id == bindparam("run_id")).values(
    status=bindparam("new_status"), context=bindparam("new_context"),
    current_node_id=bindparam("current"), lease_until=None,
    finished_at=bindparam("finished"))


def resume_delays(services: Services, wait_ids: list[int]) -> tuple[list[str], list[int]]:
    """Resume many claimed Delay waits in one transaction.

    Returns the runs to advance (queued for a worker) and the waits that need the one-by-one
    path (questions).
    """
    from engine.runtime.interpreter import _cancel  # (the interpreter imports this module)

    now = clock.now()
    with services.db.session() as session:
        waits = session.execute(select(_WAITS.c.id, _WAITS.c.run_id, _WAITS.c.node_id,
                                       _WAITS.c.kind, _WAITS.c.data)
                                .where(_WAITS.c.id.in_(wait_ids), _WAITS.c.status == "claimed")
                                ).all()
        slow = [w.id for w in waits if w.kind != "delay"]
        waits = [w for w in waits if w.kind == "delay"]
        if not waits:
            return [], slow
        run_ids = [w.run_id for w in waits]
        runs = {r.id: r for r in session.execute(
            select(_RUNS.c.id, _RUNS.c.status, _RUNS.c.workflow_id, _RUNS.c.revision,
                   _RUNS.c.context).where(_RUNS.c.id.in_(run_ids)))}
        steps = {(st.run_id, st.node_id, st.visit): st for st in session.execute(
            select(_STEPS.c.id, _STEPS.c.run_id, _STEPS.c.node_id, _STEPS.c.visit,
                   _STEPS.c.wait_started_at, _STEPS.c.waited_seconds)
            .where(_STEPS.c.run_id.in_(run_ids), _STEPS.c.status == "waiting"))}
        live = set(session.scalars(select(Workflow.id).where(
            Workflow.id.in_({r.workflow_id for r in runs.values()}),
            Workflow.status == "active", Workflow.deleted_at.is_(None))))
        advance: list[str] = []
        done_steps: list[dict[str, Any]] = []
        moves: list[dict[str, Any]] = []
        stopped: list[tuple[str, str, int]] = []
        for wait in waits:
            run = runs.get(wait.run_id)
            if run is None or run.status != "waiting":
                continue
            visit = int((wait.data or {}).get("visit", 1))
            st = steps.get((run.id, wait.node_id, visit))
            if run.workflow_id not in live or st is None:
                stopped.append((run.id, wait.node_id, visit))
                continue
            graph = load_graph(session, run.workflow_id, run.revision)
            context: dict[str, Any] = dict(run.context or {})
            stack = list(context.get("stack", []))
            if stack and stack[-1] == wait.node_id:
                stack.pop()
            stack.extend(reversed(graph.targets(wait.node_id, OUT)))
            visits = {**context.get("visits", {}), wait.node_id: visit}
            # A Delay waits once: from when it began to wait until now.
            waited = (st.waited_seconds or 0.0) + (
                max(0.0, (now - st.wait_started_at).total_seconds())
                if st.wait_started_at is not None else 0.0)
            done_steps.append({"step_id": st.id, "now": now, "waited": waited})
            moves.append({"run_id": run.id, "new_context": {**context, "stack": stack,
                                                            "visits": visits},
                          "new_status": "queued" if stack else "completed",
                          "current": stack[-1] if stack else None,
                          "finished": None if stack else now})
            if stack:
                advance.append(run.id)
            else:
                metrics.RUNS_FINISHED.labels(str(run.workflow_id), "completed").inc()
        session.execute(_DONE_WAITS, {"ids": [w.id for w in waits]})
        if done_steps:
            session.execute(_COMPLETE_STEPS, done_steps)
            session.execute(_MOVE_RUN, moves)
        for run_id, node_id, visit in stopped:  # paused or deleted meanwhile: rare, ORM path
            orm_run = session.get(Run, run_id)
            assert orm_run is not None
            graph = load_graph(session, orm_run.workflow_id, orm_run.revision)
            _cancel(session, orm_run, node_id, graph.nodes[node_id].type, visit, now,
                    session.get(Workflow, orm_run.workflow_id))
    return advance, slow
