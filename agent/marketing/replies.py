"""What the agent says: a draft with its summary and validation, questions, outcomes."""

from __future__ import annotations

from typing import Any

from engine.plural import plural


def _t(lang: str, en: str, ja: str) -> str:
    return ja if lang == "ja" else en


REVISED = ("I revised the draft. What changed:", "下書きを修正しました。変更点：")
UNCHANGED = ("The draft did not change.", "下書きに変更はありません。")
VALID = ("It passes validation.", "検証に問題はありません。")
GAVE_UP = ("I could not fix these problems after 3 attempts:",
           "3回修正を試みましたが、次の問題が残っています：")
TO_FIX = ("Before it can be activated, fix:", "有効化の前に次の点を解決してください：")
NEXT = ("Approve to save it as a draft workflow (it stays inactive), tell me what to change, "
        "or discard it.",
        "承認すると下書きワークフローとして保存します（有効化はされません）。"
        "修正点があれば教えてください。不要なら破棄できます。")
NO_PLAN = ("I couldn't turn that into a workflow. Tell me what should start it and what "
           "should happen.",
           "ワークフローにできませんでした。きっかけと、その後の動きを教えてください。")
DISCARDED = ("Discarded the draft. Tell me another goal whenever you like.",
             "下書きを破棄しました。別の目的があればいつでもどうぞ。")


def _pick(lang: str, pair: tuple[str, str]) -> str:
    return pair[1] if lang == "ja" else pair[0]


def draft_reply(draft: dict[str, Any], lang: str, *, gave_up: bool = False,
                changes: list[str] | None = None, notes: list[str] | None = None) -> str:
    parts = []
    if changes is None:
        parts.append(_t(lang, f"Here is a draft: “{draft['name']}”.",
                        f"下書きを作成しました：「{draft['name']}」"))
    elif changes:
        parts.append(_pick(lang, REVISED) + "\n" + "\n".join(f"- {c}" for c in changes))
    else:
        parts.append(_pick(lang, UNCHANGED))
    parts.append(draft["summary"])
    validation = draft["validation"]
    if validation["valid"]:
        parts.append(_pick(lang, VALID))
    else:
        head = _pick(lang, GAVE_UP if gave_up else TO_FIX)
        parts.append(head + "\n" + "\n".join(
            f"- {e['message']}" + (f" ({e['field']})" if e.get("field") else "")
            for e in validation["errors"]))
    if draft.get("new_tags"):
        names = ", ".join(f"“{t['name']}”" for t in draft["new_tags"])
        parts.append(_t(lang, f"Approving also creates the {plural(len(draft['new_tags']), 'tag')} "
                              f"{names}.",
                        f"承認するとタグ {names} も作成します。"))
    parts.extend(notes or [])
    parts.append(_pick(lang, NEXT))
    return "\n\n".join(p for p in parts if p)


def clarification_reply(clarification: dict[str, Any], lang: str) -> str:
    options = clarification.get("options") or []
    if not options:
        return clarification["question"]
    return clarification["question"] + "\n" + "\n".join(f"- {o}" for o in options)


def error_reply(reason: str, lang: str) -> str:
    return _t(lang, f"Sorry, {reason}. Nothing was changed; please try again.",
              f"申し訳ありません。言語モデルから応答がありませんでした（{reason}）。"
              "変更はありません。もう一度お試しください。")


def no_plan_reply(lang: str) -> str:
    return _pick(lang, NO_PLAN)


def saved_reply(workflow_id: int, name: str, created: list[dict[str, Any]],
                unresolved: list[str], lang: str) -> str:
    parts = [_t(lang, f"Saved “{name}” as draft workflow #{workflow_id}. It is not active: "
                      "open it in the editor, check it, and activate it when you are ready.",
                f"「{name}」を下書きワークフロー #{workflow_id} として保存しました。"
                "まだ有効ではありません。エディターで確認してから有効化してください。")]
    if created:
        names = ", ".join(f"“{t['name']}”" for t in created)
        parts.append(_t(lang, f"Created the {plural(len(created), 'tag')} {names}.",
                        f"タグ {names} を作成しました。"))
    if unresolved:
        names = ", ".join(f"“{n}”" for n in unresolved)
        # (Kept word for word: tests/agent/test_review.py reads "were not created".)
        parts.append(_t(lang, f"The tag(s) {names} were not created: pick a tag in those steps "
                              "before activating.",
                        f"タグ {names} は作成していません。"
                        "有効化の前に該当ステップでタグを選んでください。"))
    return " ".join(parts)


def discarded_reply(lang: str) -> str:
    return _pick(lang, DISCARDED)
