// Undo / redo of editor snapshots: pure, framework-free.

export interface HistoryState<T> {
  past: T[];
  future: T[];
  lastKey: string | null;
  lastAt: number;
}

export const MAX_HISTORY = 100;
export const COALESCE_MS = 1000;

export function emptyHistory<T>(): HistoryState<T> {
  return { past: [], future: [], lastKey: null, lastAt: 0 };
}

/**
 * Record `before` (the state just before a change). Changes with the same `key` within
 * COALESCE_MS (typing in one field) become one undo step.
 */
export function record<T>(h: HistoryState<T>, before: T, key: string | null = null, now = Date.now()): HistoryState<T> {
  if (key !== null && key === h.lastKey && now - h.lastAt < COALESCE_MS && h.past.length > 0) {
    return { ...h, future: [], lastAt: now };
  }
  const past = [...h.past, before];
  if (past.length > MAX_HISTORY) past.shift();
  return { past, future: [], lastKey: key, lastAt: now };
}

export function undo<T>(h: HistoryState<T>, current: T): { history: HistoryState<T>; state: T } | null {
  if (!h.past.length) return null;
  const state = h.past[h.past.length - 1];
  return {
    history: { past: h.past.slice(0, -1), future: [current, ...h.future], lastKey: null, lastAt: 0 },
    state,
  };
}

export function redo<T>(h: HistoryState<T>, current: T): { history: HistoryState<T>; state: T } | null {
  if (!h.future.length) return null;
  const [state, ...future] = h.future;
  return { history: { past: [...h.past, current], future, lastKey: null, lastAt: 0 }, state };
}
