// The JSON tab of a Send Message node: the messages array in LINE's shape, pasted from LINE's
// tools (Flex Message Simulator) or written by hand, checked live; Flex containers get their
// own checks. Valid JSON is applied at once; the server validates it fully on save.
import { useState } from "react";
import { flexProblems } from "./MessagePreview";

export function messagesProblem(text: string): string | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return `JSON: ${(e as Error).message}`;
  }
  if (!Array.isArray(v) || v.length < 1 || v.length > 5) return "1 to 5 messages (a JSON array)";
  for (const [i, m] of v.entries()) {
    if (!m || typeof m !== "object" || typeof (m as { type?: unknown }).type !== "string") return `messages[${i}] needs a "type"`;
    const msg = m as Record<string, unknown>;
    if (msg.type === "flex") {
      const p = flexProblems(JSON.stringify(msg.contents ?? null));
      if (p) return `messages[${i}].${p}`;
    }
  }
  return null;
}

export function MessagesJson({ value, onChange }: { value: unknown; onChange: (messages: unknown[]) => void }) {
  const [text, setText] = useState(() => JSON.stringify(value ?? [], null, 2));
  const problem = messagesProblem(text);
  return (
    <div className="messages-json">
      <textarea className="mono" rows={14} spellCheck={false} aria-label="Messages JSON" data-testid="messages-json" value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (!messagesProblem(e.target.value)) onChange(JSON.parse(e.target.value));
        }} />
      <div className={problem ? "field-error" : "field-ok"} role="status" data-testid="messages-json-status">
        {problem ?? "✓ LINE message JSON"}
      </div>
    </div>
  );
}
