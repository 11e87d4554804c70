"""Old step outputs are purged; the history's shape (steps, statuses, totals) stays."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from engine.retention import purge_step_outputs
from engine.storage.db import Database
from engine.storage.models import LineAccount, Organisation, Run, Step, Workflow


def test_purge_clears_only_old_finished_runs(migrated_db: Database) -> None:
    now = datetime(2026, 6, 1, tzinfo=UTC)
    with migrated_db.session() as s:
        org = Organisation(name="r")
        s.add(org)
        s.flush()
        acc = LineAccount(organisation_id=org.id, name="a", channel_id="ret1",
                          channel_secret_enc="x", access_token_enc="y")
        wf = Workflow(organisation_id=org.id, name="w")
        s.add_all([acc, wf])
        s.flush()
        for rid, status, finished in (("old", "completed", now - timedelta(days=100)),
                                      ("new", "completed", now - timedelta(days=3)),
                                      ("waiting", "waiting", None)):
            s.add(Run(id=rid, workflow_id=wf.id, revision=1, account_id=acc.id,
                      trigger_node_id="t", status=status, finished_at=finished))
            s.flush()
            s.add(Step(run_id=rid, node_id="m", node_type="action.send_message",
                       status="completed", output={"messages": 1}, started_at=now))
    with migrated_db.session() as s:
        assert purge_step_outputs(s, now, days=90) == 1
        assert purge_step_outputs(s, now, days=90) == 0
    with migrated_db.session() as s:
        steps = {st.run_id: st for st in s.query(Step)}
        assert steps["old"].output is None and steps["old"].purged
        assert steps["old"].status == "completed"
        assert steps["new"].output == {"messages": 1}
        assert steps["waiting"].output == {"messages": 1}
