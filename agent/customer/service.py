"""The Customer Agent: answers a friend's message from the account's FAQ entries.

Offline (the default) it answers with the best-matching FAQ entry when retrieval is confident
and says plainly when it does not know. With OPENAI_API_KEY (or LUMO_AGENT_PROVIDER=openai) an
OpenAI-compatible model writes the answer from the retrieved entries; if the model fails the
offline answer is used, so the friend always hears back.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import openai
from sqlalchemy import func, or_, select

from agent.customer.retrieval import Entry, FaqIndex, Hit
from agent.customer.text import normalise
from agent.marketing.prompts import Prompt, get_prompt
from agent.providers.config import ProviderConfig
from engine.runtime.context import AgentReply, AgentRequest
from engine.storage.db import Database
from engine.storage.models import FaqEntry

log = logging.getLogger("lumo.customer_agent")

PROMPTS = Path(__file__).with_name("prompts")
UNKNOWN_MARK = "[[UNKNOWN]]"
CONTEXT_ENTRIES = 5

DONT_KNOW = {
    "ja": "申し訳ありません、そのご質問にはお答えできません。"
          "「{kw}」と送ると担当者におつなぎします。",
    "en": "Sorry, I don't know the answer to that. Send “{kw}” to talk to our staff.",
}
_SMALL_TALK = {
    "thanks": ({"thanks", "thank you", "thx", "ありがとう", "ありがとうございます",
                "ありがとうございました"},
               {"ja": "どういたしまして！ほかにご質問があればどうぞ。",
                "en": "You're welcome! Ask me anything else."}),
    "hello": ({"hi", "hello", "hey", "こんにちは", "こんばんは", "おはよう", "おはようございます"},
              {"ja": "こんにちは！ご質問をどうぞ。", "en": "Hello! How can I help you?"}),
}


class CustomerAgent:
    """Implements engine.runtime.context.CustomerAgentPort."""

    def __init__(self, db: Database, config: ProviderConfig | None = None,
                 client: openai.OpenAI | None = None):
        self.db = db
        self.config = config or ProviderConfig.from_env()
        self.client = client
        if self.client is None and self.config.provider == "openai":
            self.client = openai.OpenAI(api_key=self.config.api_key or "unset",
                                        base_url=self.config.base_url,
                                        timeout=self.config.timeout_seconds,
                                        max_retries=self.config.max_retries)
        self._cache: dict[tuple[int, int], tuple[tuple[Any, ...], FaqIndex]] = {}
        self._lock = threading.Lock()
        self._prompt: Prompt = get_prompt("customer_agent.system", root=PROMPTS)

    @property
    def provider(self) -> str:
        return "openai" if self.client is not None else "offline"

    # -- knowledge ------------------------------------------------------------------------
    def index(self, organisation_id: int, account_id: int) -> FaqIndex:
        """The FAQ index of an account, rebuilt only when its entries changed."""
        scope = (FaqEntry.organisation_id == organisation_id,
                 or_(FaqEntry.account_id.is_(None), FaqEntry.account_id == account_id))
        with self.db.session() as session:
            version = tuple(session.execute(select(func.count(FaqEntry.id),
                                                   func.max(FaqEntry.id),
                                                   func.max(FaqEntry.updated_at))
                                            .where(*scope)).one())
            key = (organisation_id, account_id)
            with self._lock:
                cached = self._cache.get(key)
            if cached is not None and cached[0] == version:
                return cached[1]
            rows = session.scalars(select(FaqEntry).where(*scope).order_by(FaqEntry.id)).all()
            index = FaqIndex([Entry(r.id, r.question, r.answer) for r in rows])
        with self._lock:
            self._cache[key] = (version, index)
        return index

    # -- the port ---------------------------------------------------------------------------
    def reply(self, request: AgentRequest) -> AgentReply:
        lang = request.language if request.language in DONT_KNOW else "en"
        small = _small_talk(request.text, lang)
        if small is not None:
            return AgentReply(text=small, known=True, provider="offline")
        hits = self.index(request.organisation_id, request.account_id).search(
            request.text, limit=CONTEXT_ENTRIES)
        offline = self._offline(request, hits, lang)
        if self.client is None:
            return offline
        try:
            return self._model(request, hits, lang)
        except (openai.OpenAIError, ValueError, IndexError, AttributeError) as exc:
            log.warning("Customer Agent model failed (%s); answering offline",
                        type(exc).__name__)
            offline.provider = f"offline (model failed: {type(exc).__name__})"
            return offline

    def _dont_know(self, request: AgentRequest, lang: str) -> str:
        return DONT_KNOW[lang].format(kw=request.handoff_keyword or "staff")

    def _offline(self, request: AgentRequest, hits: list[Hit], lang: str) -> AgentReply:
        if hits and hits[0].confident:
            return AgentReply(text=hits[0].entry.answer, known=True,
                              sources=[hits[0].entry.id], provider="offline")
        return AgentReply(text=self._dont_know(request, lang), known=False, provider="offline")

    def _model(self, request: AgentRequest, hits: list[Hit], lang: str) -> AgentReply:
        assert self.client is not None
        faq = "\n".join(f"[{h.entry.id}] Q: {h.entry.question}\n    A: {h.entry.answer}"
                        for h in hits) or "(no entries match this question)"
        system = self._prompt.text.format(
            friend_clause=f" named {request.friend_name}" if request.friend_name else "",
            language_name="Japanese" if lang == "ja" else "English",
            handoff_keyword=request.handoff_keyword or "staff",
            instructions_block=(f"- The shop adds: {request.instructions.strip()}\n"
                                if request.instructions.strip() else ""),
            faq_block=faq)
        messages: list[dict[str, str]] = [{"role": "system", "content": system}]
        for turn in request.history:
            messages.append({"role": "user" if turn["role"] == "friend" else "assistant",
                             "content": turn["text"]})
        messages.append({"role": "user", "content": request.text})
        completion = self.client.chat.completions.create(
            model=self.config.model, messages=messages,  # type: ignore[arg-type]
            temperature=0.2)
        text = (completion.choices[0].message.content or "").strip()
        usage = getattr(completion, "usage", None)
        tokens = {"prompt_tokens": getattr(usage, "prompt_tokens", 0) or 0,
                  "completion_tokens": getattr(usage, "completion_tokens", 0) or 0} \
            if usage else {}
        provider = f"openai:{self.config.model}@{self._prompt.id}.v{self._prompt.version}"
        if not text or UNKNOWN_MARK in text:
            return AgentReply(text=self._dont_know(request, lang), known=False,
                              provider=provider, usage=tokens)
        return AgentReply(text=text[:5000], known=True, sources=[h.entry.id for h in hits],
                          provider=provider, usage=tokens)


def _small_talk(text: str, lang: str) -> str | None:
    said = normalise(text).strip(" !！。.?？~〜")
    for words, answers in _SMALL_TALK.values():
        if said in words:
            return answers[lang]
    return None


def build_customer_agent(db: Database, environ: dict[str, str] | None = None) -> CustomerAgent:
    """The agent api/ wires into the engine: offline unless a model is configured."""
    return CustomerAgent(db, ProviderConfig.from_env(environ))
