"""Sample a benchmark's server process with py-spy and say where its time went.

`--gil` samples only the thread holding the GIL: for a process bound by one core (the embedded
server), that is where its CPU went. Without it, idle threads count too, so a worker waiting on
the database or LINE shows it (wall time).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from _common import ROOT

# Where a sample's deepest frame of ours or of a library sits, by file path.
_LIBRARIES = {
    "SQLAlchemy": ("sqlalchemy/",),
    "database driver": ("sqlite3", "psycopg/"),
    "HTTP client (urllib3, http.client)": ("urllib3/", "http/client.py", "socket.py"),
    "line-bot-sdk": ("linebot/",),
    "pydantic": ("pydantic/",),
    "HTTP server (uvicorn, starlette, fastapi)": ("uvicorn/", "h11/", "httptools", "starlette/",
                                                  "fastapi/"),
    "Celery, kombu, Redis": ("celery/", "kombu/", "redis/", "billiard/"),
    "tenacity": ("tenacity/",),
    "json": ("json/",),
    "cryptography": ("cryptography/",),
}
_OURS = ("engine/", "api/", "agent/")
_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>.*?):\d+\)$")


def record(pid: int, seconds: float, out: Path, *, gil: bool) -> subprocess.Popen[bytes]:
    exe = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    args = [exe, "record", "-p", str(pid), "-d", str(int(seconds)), "-r", "200", "-f", "raw",
            "-o", str(out), "--nonblocking"]
    args += ["--gil"] if gil else ["--idle"]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _ours(file: str) -> str | None:
    """The path inside this repository of one of our modules, else None.

    (py-spy writes paths relative to the import path: `engine/…`, `sqlalchemy/…`.)
    """
    rel = file.removeprefix(f"{ROOT}/")
    return rel if rel.startswith(_OURS) and (ROOT / rel).is_file() else None


def _where(file: str) -> str | None:
    for name, parts in _LIBRARIES.items():
        if any(p in file for p in parts):
            return name
    return "Lumo's own code" if _ours(file) else None


def summarise(path: Path, top: int = 14) -> str:
    """Share of samples by the library the time was spent in, and our heaviest functions."""
    leaf: Counter[str] = Counter()
    ours: Counter[str] = Counter()
    total = 0
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        stack, _, count = line.rpartition(" ")
        n = int(count)
        total += n
        frames = [m for f in stack.split(";") if (m := _FRAME.match(f))]
        spent = "other (interpreter, stdlib)"
        for m in reversed(frames):
            where = _where(m["file"])
            if where:
                spent = where
                break
        leaf[spent] += n
        seen = set()
        for m in frames:
            file = _ours(m["file"])
            if file is None:
                continue
            key = f"{m['func']} ({file})"
            if key not in seen:
                seen.add(key)
                ours[key] += n
    if not total:
        return "  py-spy: no samples"
    lines = [f"  py-spy: {total} samples; time spent in:"]
    lines += [f"    {100 * n / total:5.1f} %  {name}" for name, n in leaf.most_common()]
    lines.append("  our functions, inclusive (callees counted):")
    lines += [f"    {100 * n / total:5.1f} %  {name}" for name, n in ours.most_common(top)]
    return "\n".join(lines)
