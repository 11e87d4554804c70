"""Versioned prompt files: Markdown under prompts/ with a small header (id, version).

    ---
    id: marketing_agent.system
    version: 3
    ---
    Text…

Several versions of one prompt may live side by side (e.g. an older one kept for an eval
baseline); `PromptSet.load()` picks the highest version unless one is asked for.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
_HEADER = re.compile(r"\A---\s*\n(?P<head>.*?)\n---\s*\n", re.S)


class PromptNotFound(LookupError):
    pass


@dataclass(frozen=True)
class Prompt:
    id: str
    version: str
    text: str
    path: str


def parse_prompt(raw: str, path: str = "") -> Prompt:
    match = _HEADER.match(raw)
    if not match:
        raise ValueError(f"{path}: a prompt file starts with a --- header (id, version) ---")
    fields = dict(line.split(":", 1) for line in match.group("head").splitlines()
                  if ":" in line)
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    if not fields.get("id") or not fields.get("version"):
        raise ValueError(f"{path}: the header needs id and version")
    return Prompt(fields["id"], fields["version"], raw[match.end():].strip() + "\n", path)


def _version_key(version: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\-]", version))


def prompts_dir() -> Path:
    return Path(os.environ.get("LUMO_PROMPTS_DIR") or PROMPTS_DIR)


@lru_cache(maxsize=8)
def _index(root: str) -> dict[str, dict[str, Prompt]]:
    out: dict[str, dict[str, Prompt]] = {}
    for path in sorted(Path(root).rglob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        prompt = parse_prompt(path.read_text(encoding="utf-8"), str(path))
        out.setdefault(prompt.id, {})[prompt.version] = prompt
    return out


def get_prompt(prompt_id: str, version: str | None = None, root: Path | None = None) -> Prompt:
    versions = _index(str(root or prompts_dir())).get(prompt_id, {})
    if not versions:
        raise PromptNotFound(f"no prompt “{prompt_id}” under {root or prompts_dir()}")
    if version is None:
        return versions[max(versions, key=_version_key)]
    if version not in versions:
        raise PromptNotFound(f"prompt “{prompt_id}” has no version {version} "
                             f"(have {', '.join(sorted(versions, key=_version_key))})")
    return versions[version]


@dataclass(frozen=True)
class PromptSet:
    """The Marketing Agent's prompts; `version` (the system prompt's) is recorded on drafts."""

    system: Prompt
    repair: Prompt
    revise: Prompt

    @property
    def version(self) -> str:
        return f"{self.system.id}@{self.system.version}"

    @classmethod
    def load(cls, version: str | None = None, root: Path | None = None) -> PromptSet:
        system = get_prompt("marketing_agent.system", version, root)
        return cls(system=system,
                   repair=get_prompt("marketing_agent.repair", None, root),
                   revise=get_prompt("marketing_agent.revise", None, root))
