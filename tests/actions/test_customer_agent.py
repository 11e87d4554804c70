"""Customer Agent action end to end: FAQ answers, hand-off, idle timeout, transcript, routing."""

from __future__ import annotations

from typing import Any

from agent.customer import CustomerAgent
from agent.providers.config import ProviderConfig
from engine import clock
from tests.actions.doubles import HubSpotDouble
from tests.actions.helpers import friend_of, keyword, new_friend, only_run, say, step
from tests.agent.stub_openai import StubOpenAI
from tests.conftest import create_tenant
from tests.support.stack import Stack, text_node, wait_until

FAQ = [
    ("What are your business hours?", "We are open every day from 10:00 to 20:00."),
    ("How much is shipping?", "Shipping is free on orders over 5,000 yen; otherwise 500 yen."),
    ("営業時間を教えてください", "毎日10時から20時まで営業しています。"),
]
DONT_KNOW = "Sorry, I don't know the answer to that."


def _faq(stack: Stack) -> list[int]:
    ids = []
    for q, a in FAQ:
        r = stack.http.post("/api/faq", json={"question": q, "answer": a})
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    return ids


def _agent_flow(stack: Stack, idle_minutes: int = 10) -> int:
    needs_staff = stack.tag("needs-staff")
    return stack.workflow([
        keyword("t", "support"),
        {"id": "agent", "type": "action.customer_agent", "config": {
            "greeting": "Hi! Ask me anything.", "handoff_keyword": "staff",
            "idle_timeout_minutes": idle_minutes}},
        text_node("bye", "Chat closed. Send “support” any time."),
        {"id": "flag", "type": "action.tag", "config": {"tag_id": needs_staff}},
    ], [("start", "t"), ("t", "agent"), ("agent", "out", "bye"),
        ("agent", "handoff", "flag")], name="support chat")


def _conversations(stack: Stack, uid: str) -> list[dict[str, Any]]:
    fid = friend_of(stack, uid)["id"]
    r = stack.http.get(f"/api/friends/{fid}/conversations")
    assert r.status_code == 200, r.text
    return r.json()["items"]


def _agent_texts(stack: Stack, uid: str) -> list[str]:
    return [m["text"] for m in _conversations(stack, uid)[0]["messages"] if m["role"] == "agent"]


def _answered(stack: Stack, uid: str, n: int) -> list[str]:
    return wait_until(lambda: (lambda t: t if len(t) >= n else None)(_agent_texts(stack, uid)),
                      what=f"{n} agent messages")


def test_faq_crud_is_scoped_to_the_organisation(stack: Stack) -> None:
    ids = _faq(stack)
    listed = stack.http.get("/api/faq").json()
    assert listed["total"] == 3 and [e["id"] for e in listed["items"]] == ids
    r = stack.http.put(f"/api/faq/{ids[0]}", json={"question": "Opening hours?",
                                                   "answer": "10:00–20:00 daily."})
    assert r.status_code == 200 and r.json()["question"] == "Opening hours?"
    assert stack.http.get("/api/faq", params={"q": "shipping"}).json()["total"] == 1
    assert stack.http.post("/api/faq", json={"question": " ", "answer": "x"}).status_code == 422
    assert stack.http.post("/api/faq", json={"question": "q", "answer": "a",
                                             "account_id": 99999}).status_code == 404
    other = create_tenant(stack.app.state.db, "Other Shop")
    assert stack.http.get("/api/faq", headers=other.headers).json()["total"] == 0
    assert stack.http.get(f"/api/faq/{ids[1]}", headers=other.headers).status_code == 404
    assert stack.http.delete(f"/api/faq/{ids[1]}", headers=other.headers).status_code == 404
    assert stack.http.delete(f"/api/faq/{ids[1]}").status_code == 204
    assert stack.http.get("/api/faq").json()["total"] == 2
    preview = stack.http.post("/api/faq/preview", json={
        "text": "営業時間は何時までですか", "account_id": stack.account["id"]}).json()
    assert preview["known"] and preview["text"] == FAQ[2][1] and preview["sources"] == [ids[2]]


def test_session_answers_from_faq_hands_off_and_keeps_a_transcript(stack: Stack) -> None:
    faq_ids = _faq(stack)
    wid = _agent_flow(stack)
    hours_kw = stack.workflow([keyword("t", "hours", match="contains"),
                               text_node("m", "keyword workflow ran")],
                              [("start", "t"), ("t", "m")], name="hours keyword")
    uid = new_friend(stack, "Aiko")
    say(stack, uid, "support")
    run = only_run(stack, wid, "waiting")
    assert step(run, "agent")["status"] == "waiting"
    wait_until(lambda: "Hi! Ask me anything." in stack.sim.texts(uid), what="greeting")

    say(stack, uid, "What are your business hours?")
    assert _answered(stack, uid, 2)[-1] == FAQ[0][1]
    say(stack, uid, "営業時間は？")
    assert _answered(stack, uid, 3)[-1] == FAQ[2][1]
    say(stack, uid, "Do you sell gift cards?")
    assert _answered(stack, uid, 4)[-1].startswith(DONT_KNOW)
    assert "“staff”" in _answered(stack, uid, 4)[-1]
    # A keyword workflow's keyword inside the session goes to the agent, not the workflow.
    say(stack, uid, "what are the opening hours")
    _answered(stack, uid, 5)
    assert stack.runs(hours_kw) == []
    assert "keyword workflow ran" not in stack.sim.texts(uid)

    # Fresh reply tokens are used (replies, not pushes); the loading indicator ran each time.
    replies = [m for m in stack.sim.messages(uid) if m["kind"] == "reply"]
    # (the greeting replied to the triggering event, the answers to each question's event)
    assert replies[0]["messages"][0]["text"] == "Hi! Ask me anything."
    replies = replies[1:]
    assert [r["messages"][0]["text"] for r in replies][:3] == [FAQ[0][1], FAQ[2][1],
                                                               _answered(stack, uid, 4)[3]]
    loading = stack.sim.http.get("/_sim/loading", params={"chat_id": uid}).json()["calls"]
    assert len(loading) == 4 and all(c["seconds"] == 20 for c in loading)

    say(stack, uid, "Can I talk to staff please?")
    wait_until(lambda: stack.execution(run["id"])["status"] == "completed", what="run done")
    done = stack.execution(run["id"])
    agent_step = step(done, "agent")
    assert agent_step["status"] == "completed" and agent_step["output_handle"] == "handoff"
    assert agent_step["output"]["ended"] == "handoff"
    assert agent_step["output"]["friend_messages"] == 5
    assert step(done, "flag")["status"] == "completed"
    assert "needs-staff" in [t["name"] for t in friend_of(stack, uid)["tags"]]
    assert "a member of our staff will reply" in stack.sim.texts(uid)[-1]

    convo = _conversations(stack, uid)[0]
    assert convo["status"] == "ended" and convo["end_reason"] == "handoff"
    assert convo["workflow_id"] == wid and convo["run_id"] == run["id"]
    roles = [m["role"] for m in convo["messages"]]
    assert roles == ["system", "agent"] + ["friend", "agent"] * 4 + ["friend", "system", "agent"]
    answers = [m for m in convo["messages"] if m["role"] == "agent"][1:]
    assert [a["known"] for a in answers[:4]] == [True, True, False, True]
    assert answers[0]["sources"] == [faq_ids[0]] and answers[0]["delivery"] == "reply"
    assert answers[-1]["handoff"] is True
    inbox = stack.http.get("/api/conversations", params={"end_reason": "handoff"}).json()
    assert [c["id"] for c in inbox["items"]] == [convo["id"]]

    # Session over: the same words now start the keyword workflow.
    say(stack, uid, "hours")
    wait_until(lambda: "keyword workflow ran" in stack.sim.texts(uid), what="keyword flow")


def test_idle_timeout_ends_the_session_and_stale_tokens_fall_back_to_push(stack: Stack) -> None:
    _faq(stack)
    wid = _agent_flow(stack, idle_minutes=10)
    uid = new_friend(stack, "Ken")
    say(stack, uid, "support")
    run = only_run(stack, wid, "waiting")
    wait_until(lambda: "Hi! Ask me anything." in stack.sim.texts(uid), what="greeting")

    # Six minutes of silence: the session lives on, but LINE's reply token would be stale.
    clock.advance(6 * 60)
    say(stack, uid, "How much is shipping?")
    assert _answered(stack, uid, 2)[-1] == FAQ[1][1]
    last = stack.sim.messages(uid)[-1]
    assert last["kind"] == "push" and last["retry_key"]
    # That message restarted the 10-minute idle clock: 6 more minutes change nothing.
    clock.advance(6 * 60)
    stack.idle()
    assert stack.execution(run["id"])["status"] == "waiting"
    assert _conversations(stack, uid)[0]["status"] == "active"

    clock.advance(5 * 60)
    wait_until(lambda: stack.execution(run["id"])["status"] == "completed", what="idle end")
    agent_step = step(stack.execution(run["id"]), "agent")
    assert agent_step["output_handle"] == "out"
    assert agent_step["output"]["ended"] == "idle_timeout"
    assert "Chat closed. Send “support” any time." in stack.sim.texts(uid)
    assert _conversations(stack, uid)[0]["end_reason"] == "idle_timeout"

    # No session any more: "support" starts a new one (the old run finished).
    say(stack, uid, "support")
    wait_until(lambda: len(stack.runs(wid)) == 2, what="second session run")
    assert [c["status"] for c in _conversations(stack, uid)] == ["active", "ended"]


def test_pausing_the_workflow_ends_its_sessions(stack: Stack) -> None:
    _faq(stack)
    wid = _agent_flow(stack)
    other = stack.workflow([keyword("t", "hello"), text_node("m", "hello from keywords")],
                           [("start", "t"), ("t", "m")], name="hello")
    uid = new_friend(stack, "Mio")
    say(stack, uid, "support")
    only_run(stack, wid, "waiting")
    assert stack.http.post(f"/api/workflows/{wid}/pause").status_code == 200
    say(stack, uid, "hello")
    wait_until(lambda: "hello from keywords" in stack.sim.texts(uid), what="keyword run")
    assert len(stack.runs(other)) == 1
    assert _conversations(stack, uid)[0]["end_reason"] == "workflow_stopped"


def test_model_backed_agent_through_an_openai_compatible_server(stack: Stack) -> None:
    faq_ids = _faq(stack)
    stub = StubOpenAI().start()
    try:
        stack.app.state.services.customer_agent = CustomerAgent(
            stack.app.state.db, ProviderConfig(provider="openai", api_key="sk-test",
                                               base_url=stub.url, model="stub-model",
                                               max_retries=0))
        wid = _agent_flow(stack)
        uid = new_friend(stack, "Yui")
        say(stack, uid, "support")
        only_run(stack, wid, "waiting")
        stub.script.extend([
            {"content": "Shipping is free from 5,000 yen, otherwise 500 yen."},
            {"content": "[[UNKNOWN]]"},
            ("raw", 500, '{"error": {"message": "boom"}}'),
        ])
        say(stack, uid, "How much is shipping?")
        assert _answered(stack, uid, 2)[-1] == "Shipping is free from 5,000 yen, otherwise " \
                                               "500 yen."
        request = stub.requests[0]["body"]
        assert request["model"] == "stub-model"
        system = request["messages"][0]["content"]
        assert FAQ[1][1] in system and "[[UNKNOWN]]" in system
        assert request["messages"][-1] == {"role": "user", "content": "How much is shipping?"}
        say(stack, uid, "Do you have a store in Osaka?")
        assert _answered(stack, uid, 3)[-1].startswith(DONT_KNOW)
        # The model fails: the friend still gets the offline FAQ answer.
        say(stack, uid, "What are your business hours?")
        assert _answered(stack, uid, 4)[-1] == FAQ[0][1]
        answers = [m for m in _conversations(stack, uid)[0]["messages"]
                   if m["role"] == "agent"][1:]
        assert answers[0]["provider"].startswith("openai:stub-model")
        assert faq_ids[1] in answers[0]["sources"] and answers[1]["known"] is False
        assert answers[2]["provider"].startswith("offline (model failed")
    finally:
        stub.stop()


def test_session_on_postgresql(pg_stack: Stack, hubspot: HubSpotDouble) -> None:
    stack = pg_stack
    _faq(stack)
    stack.http.post("/api/integrations", json={"kind": "hubspot",
                                               "api_key": hubspot.state.api_key})
    wid = _agent_flow(stack)
    uid = new_friend(stack, "Pg")
    say(stack, uid, "support")
    run = only_run(stack, wid, "waiting")
    say(stack, uid, "How much is shipping?")
    assert _answered(stack, uid, 2)[-1] == FAQ[1][1]
    say(stack, uid, "staff")
    wait_until(lambda: stack.execution(run["id"])["status"] == "completed", what="hand-off")
    assert step(stack.execution(run["id"]), "agent")["output_handle"] == "handoff"
    sync = stack.workflow([keyword("t", "sync"),
                           {"id": "hs", "type": "action.hubspot", "config": {}}],
                          [("start", "t"), ("t", "hs")], name="sync")
    say(stack, uid, "sync")
    wait_until(lambda: [r for r in stack.runs(sync) if r["status"] == "completed"],
               what="hubspot run")
    assert [c["properties"]["line_user_id"] for c in hubspot.contacts.values()] == [uid]


def test_without_an_agent_wired_the_step_fails_visibly(stack: Stack) -> None:
    stack.app.state.services.customer_agent = None
    wid = _agent_flow(stack)
    uid = new_friend(stack, "Sora")
    say(stack, uid, "support")
    run = only_run(stack, wid, "failed")
    assert "Customer Agent is not available" in step(run, "agent")["error"]
