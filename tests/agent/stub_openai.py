"""A stub OpenAI-compatible chat-completions server on 127.0.0.1 that plays a script.

Each script entry answers one POST /v1/chat/completions: a dict is an assistant message
({"content": ..., "tool_calls": [...]}); ("sleep", seconds) answers too late; ("raw", status,
body) sends exactly that. Requests are recorded for assertions.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def tool_call(call_id: str, name: str, arguments: Any) -> dict[str, Any]:
    raw = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": raw}}


class StubOpenAI:
    def __init__(self) -> None:
        self.script: deque[Any] = deque()
        self.requests: list[dict[str, Any]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                stub.requests.append({"path": self.path, "body": body,
                                      "auth": self.headers.get("authorization")})
                entry = stub.script.popleft() if stub.script else {"content": "(script empty)"}
                if isinstance(entry, tuple) and entry[0] == "sleep":
                    time.sleep(entry[1])
                    entry = {"content": "too late"}
                if isinstance(entry, tuple) and entry[0] == "raw":
                    self._send(entry[1], entry[2].encode())
                    return
                message = {"role": "assistant", "content": entry.get("content"),
                           **({"tool_calls": entry["tool_calls"]} if entry.get("tool_calls")
                              else {})}
                payload = {"id": f"chatcmpl-{len(stub.requests)}", "object": "chat.completion",
                           "created": int(time.time()), "model": body.get("model", "stub"),
                           "choices": [{"index": 0, "message": message,
                                        "finish_reason": "tool_calls" if entry.get("tool_calls")
                                        else "stop"}],
                           "usage": {"prompt_tokens": 100, "completion_tokens": 20,
                                     "total_tokens": 120}}
                self._send(200, json.dumps(payload).encode())

            def _send(self, status: int, data: bytes) -> None:
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)

    def start(self) -> StubOpenAI:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def play(self, *entries: Any) -> None:
        self.script.extend(entries)
