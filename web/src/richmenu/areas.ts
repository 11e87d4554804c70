// Geometry of rich menu tap areas dragged on the menu image: menu units (LINE's pixels of the
// menu image), always whole numbers, always inside the menu, never empty.
export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Size {
  width: number;
  height: number;
}
/** "move" the whole area, or resize by the edges a handle names (n, s, e, w and corners). */
export type DragMode = "move" | "n" | "s" | "e" | "w" | "ne" | "nw" | "se" | "sw";

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

/** The bounds after dragging by (dx, dy) menu units from `start`. */
export function dragBounds(mode: DragMode, start: Bounds, dx: number, dy: number, size: Size): Bounds {
  if (mode === "move") {
    return {
      x: Math.round(clamp(start.x + dx, 0, size.width - start.width)),
      y: Math.round(clamp(start.y + dy, 0, size.height - start.height)),
      width: start.width,
      height: start.height,
    };
  }
  let left = start.x, top = start.y, right = start.x + start.width, bottom = start.y + start.height;
  if (mode.includes("w")) left = clamp(left + dx, 0, right - 1);
  if (mode.includes("e")) right = clamp(right + dx, left + 1, size.width);
  if (mode.includes("n")) top = clamp(top + dy, 0, bottom - 1);
  if (mode.includes("s")) bottom = clamp(bottom + dy, top + 1, size.height);
  return rect(left, top, right, bottom);
}

/** The area drawn from one corner `a` to the other `b` (either direction), inside the menu. */
export function drawnBounds(a: { x: number; y: number }, b: { x: number; y: number }, size: Size): Bounds {
  const x0 = clamp(Math.min(a.x, b.x), 0, size.width - 1), y0 = clamp(Math.min(a.y, b.y), 0, size.height - 1);
  const x1 = clamp(Math.max(a.x, b.x), x0 + 1, size.width), y1 = clamp(Math.max(a.y, b.y), y0 + 1, size.height);
  return rect(x0, y0, x1, y1);
}

function rect(left: number, top: number, right: number, bottom: number): Bounds {
  const x = Math.round(left), y = Math.round(top);
  return { x, y, width: Math.max(1, Math.round(right) - x), height: Math.max(1, Math.round(bottom) - y) };
}
