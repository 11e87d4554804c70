"""The run interpreter: executes a run node by node, writing a step record for each.

A step record is marked running (attempt + 1) in a commit *before* its node executes, so a
crash mid-step always leaves a running step behind; recovery re-executes it with the same
retry key, and LINE sees a repeat (409) rather than a second message.

On the hot path that mark rides on the commit before it: the run's creation marks its first
step, and each step's result marks the next one, so a step costs one transaction (execute +
record result + mark next). A worker that did not mark the step itself (a recovered or
re-queued run) marks it in a transaction of its own first, as an attempt of its own.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.base import instance_state

from engine import clock, metrics
from engine.logs import bind
from engine.nodes import NODE_TYPES
from engine.nodes.base import OUT, StepFailed, StepResult
from engine.reentry import ALWAYS, NOT_CONCURRENT, REASONS, SKIPPED, reason_for
from engine.runtime.accounts import AccountView
from engine.runtime.context import Services, StepContext
from engine.runtime.graphs import RunnableGraph, load_graph
from engine.storage.errors import is_transient_db_error
from engine.storage.models import Friend, Run, Step, Wait, Workflow
from engine.triggers import ActiveTrigger

log = logging.getLogger("lumo.runs")

LEASE = timedelta(minutes=5)
MAX_STEPS_PER_ADVANCE = 500
IN_FLIGHT = ("queued", "running", "waiting")
# A database that drops connections (restart, fail-over) is waited for, well within the lease.
DB_RETRY_BUDGET = 120.0
DB_RETRY_MAX_SLEEP = 5.0


# Hot-path statements, built once: SQLAlchemy memoises their cache keys and compiled forms.
_INSERT_RUN = insert(Run.__table__)
_INSERT_STEPS = insert(Step.__table__).returning(Step.__table__.c.id,
                                                  sort_by_parameter_order=True)
_IN_FLIGHT_RUN = select(Run.id).where(
    Run.workflow_id == bindparam("workflow_id"), Run.friend_id == bindparam("friend_id"),
    Run.status.in_(IN_FLIGHT)).limit(1)
_ANY_RUN = select(Run.id).where(Run.workflow_id == bindparam("workflow_id"),
                                Run.friend_id == bindparam("friend_id"),
                                Run.status != SKIPPED).limit(1)
_STEP_OF_VISIT = select(Step).where(Step.run_id == bindparam("run_id"),
                                    Step.node_id == bindparam("node_id"),
                                    Step.visit == bindparam("visit"))
_WORKFLOW_STATE = select(Workflow.status, Workflow.deleted_at).where(
    Workflow.id == bindparam("workflow_id"))


@dataclass
class WarmStart:
    """The rows a run's creator has just committed (run, first step, friend), as ORM objects.

    Its worker advances the run next: the first step attaches these instead of reading them
    back (three statements and ORM loads per run). Only for the step right after the commit;
    anything later reads the database as usual.
    """

    run: Run
    step: Step | None
    friend: Friend | None

    def attach(self, session: Session) -> Step | None:
        """Make the objects this session's own (no SELECT); the step, if still usable."""
        session.add(self.run)
        if self.friend is not None and _clean(self.friend):
            session.add(self.friend)
        if self.step is not None:
            session.add(self.step)
        return self.step


def _clean(obj: object) -> bool:
    """Detached with every attribute loaded (a rolled-back session expires what it held)."""
    state = instance_state(obj)
    return state.detached and not state.expired_attributes


def _detached(obj: Run | Step, columns: dict[str, object]) -> None:
    for col in type(obj).__table__.columns:
        setattr(obj, col.key, columns.get(col.key))
    make_transient_to_detached(obj)


def start_run(session: Session, trigger: ActiveTrigger, account: AccountView,
              friend: Friend | None, event_key: str | None, now: datetime,
              new_friend: bool = False, reply_token: str | None = None,
              event_at: datetime | None = None) -> WarmStart | None:
    """Create a run for a matched trigger, honouring the workflow's re-entry rule.

    `new_friend`: the friend was created in this transaction, so has no runs to re-enter.
    Core inserts: the run is advanced next by the worker that created it, which gets the rows
    back as a WarmStart. `reply_token` / `event_at`: the triggering event's, so the run's first
    send can reply instead of push (StepContext.send).
    """
    if friend is not None and trigger.reentry != ALWAYS and not new_friend:
        stmt = _IN_FLIGHT_RUN if trigger.reentry == NOT_CONCURRENT else _ANY_RUN
        if session.scalar(stmt, {"workflow_id": trigger.workflow_id,
                                 "friend_id": friend.id}) is not None:
            record_skipped(session, trigger, account, friend, event_key, now,
                           reason_for(trigger.reentry))
            return None
    graph = load_graph(session, trigger.workflow_id, trigger.revision)
    first = graph.targets(trigger.node_id, OUT)
    run_id = str(uuid.uuid4())
    # Created already claimed by the worker that matched it, which advances it next.
    run_row = {
        "id": run_id, "workflow_id": trigger.workflow_id, "revision": trigger.revision,
        "account_id": account.id, "friend_id": friend.id if friend else None,
        "trigger_node_id": trigger.node_id, "trigger_event_id": event_key,
        "status": "running", "current_node_id": first[0] if first else None,
        "lease_until": now + LEASE, "started_at": now, "created_at": now,
        "context": {"stack": list(reversed(first)), "visits": {},
                    **({"reply_token": reply_token, "event_at": event_at.isoformat()}
                       if reply_token and event_at else {})}}
    session.execute(_INSERT_RUN, run_row)
    metrics.RUNS_STARTED.labels(str(trigger.workflow_id)).inc()
    steps = [{"run_id": run_id, "node_id": trigger.node_id, "node_type": trigger.node_type,
              "visit": 1, "status": "completed", "attempt": 1, "output_handle": OUT,
              "started_at": now, "finished_at": now, "output": {"event": event_key},
              "purged": False}]
    if first:  # the first step is marked running in this same commit (see the module doc)
        steps.append({"run_id": run_id, "node_id": first[0],
                      "node_type": graph.nodes[first[0]].type, "visit": 1,
                      "status": "running", "attempt": 1, "output_handle": None,
                      "started_at": now, "finished_at": None, "output": None,
                      "purged": False})
    ids = session.execute(_INSERT_STEPS, steps).scalars().all()
    run = Run()
    _detached(run, run_row)
    step = None
    if first:
        step = Step()
        _detached(step, {**steps[1], "id": ids[1]})
    return WarmStart(run=run, step=step, friend=friend)


def record_skipped(session: Session, trigger: ActiveTrigger, account: AccountView,
                   friend: Friend, event_key: str | None, now: datetime, reason: str) -> str:
    """A trigger the re-entry rule refused: a finished run with status `skipped` and why."""
    run_id = str(uuid.uuid4())
    session.execute(_INSERT_RUN, {
        "id": run_id, "workflow_id": trigger.workflow_id, "revision": trigger.revision,
        "account_id": account.id, "friend_id": friend.id,
        "trigger_node_id": trigger.node_id, "trigger_event_id": event_key,
        "status": SKIPPED, "current_node_id": None, "lease_until": None, "error": None,
        "started_at": now, "finished_at": now, "created_at": now,
        "context": {"skip_reason": reason}})
    session.execute(_INSERT_STEPS, [{
        "run_id": run_id, "node_id": trigger.node_id, "node_type": trigger.node_type,
        "visit": 1, "status": SKIPPED, "attempt": 1, "output_handle": None,
        "started_at": now, "finished_at": now,
        "output": {"event": event_key, "skipped": REASONS[reason]}, "purged": False}])
    metrics.RUNS_SKIPPED.labels(str(trigger.workflow_id), reason).inc()
    return run_id


def _mark_next(session: Session, run: Run, graph: RunnableGraph, now: datetime) -> None:
    """Mark the node on top of the run's stack running, for the worker holding the lease."""
    context = run.context or {}
    node_id = context["stack"][-1]
    visit = int(context.get("visits", {}).get(node_id, 0)) + 1
    session.add(Step(run_id=run.id, node_id=node_id, node_type=graph.nodes[node_id].type,
                     visit=visit, status="running", attempt=1, started_at=now))
    run.current_node_id = node_id
    run.lease_until = now + LEASE


def _claim(session: Session, run_id: str, now: datetime) -> bool:
    result = session.execute(
        update(Run).where(Run.id == run_id, or_(
            Run.status == "queued",
            and_(Run.status == "running", or_(Run.lease_until.is_(None),
                                              Run.lease_until < now))))
        .values(status="running", lease_until=now + LEASE,
                started_at=func.coalesce(Run.started_at, now)))
    return result.rowcount == 1  # type: ignore[attr-defined]


def _finish(run: Run, status: str, now: datetime, error: str | None = None) -> None:
    metrics.RUNS_FINISHED.labels(str(run.workflow_id), status).inc()
    if log.isEnabledFor(logging.INFO):
        log.info("run finished", extra={"run_id": run.id, "workflow_id": run.workflow_id,
                                        "status": status})
    run.status = status
    run.finished_at = now
    run.lease_until = None
    run.current_node_id = None
    if error:
        run.error = error


def _workflow_state(session: Session, workflow_id: int) -> str:
    """"active", "paused" or "deleted": read at every step, so a pause stops the next one."""
    row = session.execute(_WORKFLOW_STATE, {"workflow_id": workflow_id}).first()
    if row is None or row.deleted_at is not None:
        return "deleted"
    return "active" if row.status == "active" else "paused"


def end_wait(step: Step, now: datetime) -> None:
    """Count the wait that ends now into the step's waited time."""
    if step.wait_started_at is not None:
        step.waited_seconds = (step.waited_seconds or 0.0) + max(
            0.0, (now - step.wait_started_at).total_seconds())


def _cancel(session: Session, run: Run, node_id: str, node_type: str, visit: int,
            now: datetime, wf: Workflow | str | None) -> None:
    deleted = wf == "deleted" or wf is None or (isinstance(wf, Workflow) and wf.deleted_at)
    reason = "the workflow was deleted" if deleted else "the workflow was paused"
    step = session.scalar(select(Step).where(Step.run_id == run.id, Step.node_id == node_id,
                                             Step.visit == visit))
    if step is None:
        step = Step(run_id=run.id, node_id=node_id, node_type=node_type, visit=visit,
                    started_at=now)
        session.add(step)
    if step.status == "waiting":
        end_wait(step, now)
    step.status, step.finished_at = "cancelled", now
    step.error = f"Not run: {reason}."
    _finish(run, "cancelled", now, f"Stopped before “{node_id}”: {reason}.")


def advance_run(services: Services, run_id: str, *, claimed: bool = False,
                warm: WarmStart | None = None) -> str | None:
    """Run until the run waits, ends or fails. Returns the run's status, or None if not ours.

    `claimed`: the caller already holds the run's lease (it has just created or resumed it,
    marking its next step running in the same commit). `warm`: what that commit wrote.
    """
    with bind(run_id=run_id, workflow_id=warm.run.workflow_id if warm else None):
        return _advance(services, run_id, claimed, warm)


def _advance(services: Services, run_id: str, claimed: bool,
             warm: WarmStart | None) -> str | None:
    if not claimed:
        with services.db.session() as session:
            if not _claim(session, run_id, clock.now()):
                return None
    status: str | None = "running"
    marked = claimed
    for _ in range(MAX_STEPS_PER_ADVANCE):
        status, marked = _step_retrying(services, run_id, marked, warm if claimed else None)
        warm = None  # only the first step may skip its reads
        if status != "running":
            return status
    return status


def _step_retrying(services: Services, run_id: str, marked: bool = False,
                   warm: WarmStart | None = None) -> tuple[str, bool]:
    """One step; if the database drops out meanwhile, wait for it and redo the step.

    We still hold the run's lease, so nobody else takes the run over while we wait. Redoing is
    safe: the step record is re-marked running (attempt + 1) and a push reuses its retry key.
    After the budget the error propagates; the lease then expires and recovery resumes the run.
    Returns the run's status and whether its next step is already marked running by us.
    """
    deadline = time.monotonic() + DB_RETRY_BUDGET
    pause = 0.2
    while True:
        try:
            return _step(services, run_id, marked, warm)
        except Exception as exc:
            if not is_transient_db_error(exc) or time.monotonic() + pause > deadline:
                raise
            log.warning("run %s: database unavailable (%s), retrying in %.1fs", run_id,
                        type(exc).__name__, pause)
            time.sleep(pause)
            pause = min(pause * 2, DB_RETRY_MAX_SLEEP)
            marked = False  # whatever the lost commit did, the redo is an attempt of its own
            warm = None  # and it reads the database afresh


def _step(services: Services, run_id: str, marked: bool,
          warm: WarmStart | None = None) -> tuple[str, bool]:
    if not marked:
        status = _mark_running(services, run_id)
        if status is not None:
            return status, False
    return _execute(services, run_id, warm)


def _mark_running(services: Services, run_id: str) -> str | None:
    """Mark the next step running (attempt + 1) in its own commit; None when there is one."""
    now = clock.now()
    with services.db.session() as session:
        run = session.get(Run, run_id)
        if run is None or run.status != "running":
            return run.status if run else "missing"
        stack: list[str] = list((run.context or {}).get("stack", []))
        if not stack:
            _finish(run, "completed", now)
            return "completed"
        node_id = stack[-1]
        graph = load_graph(session, run.workflow_id, run.revision)
        node = graph.nodes[node_id]
        visit = int((run.context or {}).get("visits", {}).get(node_id, 0)) + 1
        state = _workflow_state(session, run.workflow_id)
        if state != "active":
            _cancel(session, run, node_id, node.type, visit, now, state)
            return "cancelled"
        step = session.scalar(select(Step).where(Step.run_id == run_id, Step.node_id == node_id,
                                                 Step.visit == visit))
        if step is None:
            step = Step(run_id=run_id, node_id=node_id, node_type=node.type, visit=visit,
                        status="running", attempt=1, started_at=now)
            session.add(step)
        else:  # re-executed after a crash: same retry key, next attempt
            step.attempt += 1
            step.status = "running"
        run.current_node_id = node_id
        run.lease_until = now + LEASE
    return None


def _context(session: Session, services: Services, run: Run, node_id: str, visit: int,
             now: datetime) -> StepContext:
    account = services.accounts.get(session, run.account_id)
    # (a friend attached from a WarmStart is found in the identity map: no SELECT)
    friend = session.get(Friend, run.friend_id) if run.friend_id else None
    if account is None:
        raise StepFailed("the LINE account of this run was deleted")
    return StepContext(session=session, services=services, run=run, account=account,
                       friend=friend, node_id=node_id, visit=visit, now=now)


def _execute(services: Services, run_id: str,
             warm: WarmStart | None = None) -> tuple[str, bool]:
    """Execute the step marked running on top of the run's stack, record its result and, when
    the run goes on, mark the next step running: one transaction."""
    now = clock.now()
    step_id: int | None = None
    try:
        with services.db.session() as session:
            warm_step = warm.attach(session) if warm is not None else None
            run = session.get(Run, run_id)  # (attached above: from the identity map)
            if run is None or run.status != "running":
                return (run.status if run else "missing"), False
            context = run.context or {}
            stack: list[str] = list(context.get("stack", []))
            if not stack:
                _finish(run, "completed", now)
                return "completed", False
            node_id = stack[-1]
            graph = load_graph(session, run.workflow_id, run.revision)
            node = graph.nodes[node_id]
            visit = int(context.get("visits", {}).get(node_id, 0)) + 1
            state = _workflow_state(session, run.workflow_id)
            if state != "active":  # paused or deleted since the step was marked
                _cancel(session, run, node_id, node.type, visit, now, state)
                return "cancelled", False
            if (warm_step is not None and warm_step.node_id == node_id
                    and warm_step.visit == visit):
                step: Step | None = warm_step
            else:
                step = session.scalar(_STEP_OF_VISIT, {"run_id": run_id, "node_id": node_id,
                                                       "visit": visit})
            if step is None or step.status != "running":
                raise _NotMarked
            step_id = step.id
            spec = NODE_TYPES[node.type]
            config = graph.configs[node_id]
            ctx = _context(session, services, run, node_id, visit, now)
            if spec.execute is None:
                raise StepFailed(f"“{spec.label}” cannot run in this version of Lumo")
            if config is None:
                raise StepFailed("the node's settings are incomplete")
            began = time.perf_counter()
            try:
                result = spec.execute(ctx, config)
            except Exception:
                metrics.STEP_SECONDS.labels(node.type, "failed").observe(
                    time.perf_counter() - began)
                raise
            metrics.STEP_SECONDS.labels(node.type, "waiting" if result.wait else "completed"
                                        ).observe(time.perf_counter() - began)
            step.attempt = max(step.attempt, ctx.attempts or step.attempt)
            done = clock.now()
            status = apply_result(session, run, step, graph, node_id, visit, result, done)
            if status == "running":
                _mark_next(session, run, graph, done)
                return status, True
            return status, False
    except _NotMarked:
        return "running", False  # not marked (a concurrent recovery?): mark it, then run it
    except StepFailed as exc:
        assert step_id is not None
        return _fail(services, run_id, step_id, str(exc), exc.attempts), False
    except Exception as exc:  # noqa: BLE001 - a bug must fail the run visibly, not hang it
        if is_transient_db_error(exc) or step_id is None:
            raise  # the database, not the step, failed: advance_run redoes the step
        log.exception("step of run %s crashed", run_id)
        return _fail(services, run_id, step_id, f"internal error: {type(exc).__name__}: {exc}",
                     None), False


class _NotMarked(Exception):
    """The step on top of the stack has no running record: it must be marked first."""


def apply_result(session: Session, run: Run, step: Step, graph: RunnableGraph, node_id: str,
                 visit: int, result: StepResult, now: datetime) -> str:
    step.output = result.output or None
    context: dict[str, Any] = dict(run.context or {})
    if result.wait is not None:
        step.status = "waiting"
        step.wait_started_at = now
        session.add(Wait(run_id=run.id, node_id=node_id, kind=result.wait.kind,
                         friend_id=run.friend_id, wake_at=result.wait.wake_at,
                         data={**result.wait.data, "visit": visit}, created_at=now))
        run.status = "waiting"
        run.current_node_id = node_id
        run.lease_until = None
        return "waiting"
    step.status = "completed"
    step.output_handle = result.handle
    step.finished_at = now
    stack = list(context.get("stack", []))
    if stack and stack[-1] == node_id:
        stack.pop()
    stack.extend(reversed(graph.targets(node_id, result.handle)))
    visits = dict(context.get("visits", {}))
    visits[node_id] = visit
    run.context = {**context, "stack": stack, "visits": visits}
    if not stack:
        _finish(run, "completed", now)
        return "completed"
    run.current_node_id = stack[-1]
    return "running"


def _fail(services: Services, run_id: str, step_id: int, error: str,
          attempts: int | None) -> str:
    now = clock.now()
    with services.db.session() as session:
        run = session.get(Run, run_id)
        step = session.get(Step, step_id)
        if step is not None:
            step.status, step.error, step.finished_at = "failed", error, now
            if attempts:
                step.attempt = max(step.attempt, attempts)
        if run is not None:
            _finish(run, "failed", now, error)
    return "failed"


def resume_wait(services: Services, wait_id: int) -> str | None:
    """End a claimed wait (timeout reached, or answered) and continue the run.

    One transaction: if it dies half-way the wait stays claimed and recovery resumes it again.
    """
    now = clock.now()
    try:
        with services.db.session() as session:
            wait = session.get(Wait, wait_id)
            if wait is None or wait.status != "claimed":
                return None
            wait.status = "done"
            run = session.get(Run, wait.run_id)
            if run is None or run.status != "waiting":
                return None
            run_id, node_id = run.id, wait.node_id
            graph = load_graph(session, run.workflow_id, run.revision)
            node = graph.nodes[node_id]
            visit = int(wait.data.get("visit", 1))
            state = _workflow_state(session, run.workflow_id)
            if state != "active":
                _cancel(session, run, node_id, node.type, visit, now, state)
                return "cancelled"
            step = session.scalar(select(Step).where(Step.run_id == run.id,
                                                     Step.node_id == node_id,
                                                     Step.visit == visit))
            assert step is not None
            step_id = step.id
            end_wait(step, now)
            outcome = "answered" if "answer" in wait.data else "timeout"
            spec = NODE_TYPES[node.type]
            if spec.resume is not None:
                ctx = _context(session, services, run, node_id, visit, now)
                data = {**wait.data, "wake_at": wait.wake_at}
                result = spec.resume(ctx, graph.configs[node_id], data, outcome)
            else:  # a Delay just continues: no context to build
                result = StepResult(handle=OUT, output=dict(step.output or {}))
            status = apply_result(session, run, step, graph, node_id, visit, result, now)
            if status == "running":  # we go on with it below: claimed, next step marked
                run.status = "running"
                _mark_next(session, run, graph, now)
    except StepFailed as exc:
        return _fail(services, run_id, step_id, str(exc), exc.attempts)
    except Exception:  # noqa: BLE001
        # Rolled back: the wait is still claimed and recovery will try it again.
        log.exception("resuming wait %s crashed", wait_id)
        return None
    if status == "running":
        return advance_run(services, run_id, claimed=True)
    return status


def resume_delays(services: Services, wait_ids: list[int]) -> tuple[list[str], list[int]]:
    """Resume many claimed Delay waits in one transaction (the scheduler's bulk path).

    Returns the runs to advance and the waits that need the one-by-one path (questions).
    """
    from engine.runtime.delays import resume_delays as bulk  # (it imports this module)

    return bulk(services, wait_ids)
