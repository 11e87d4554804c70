// The rich menu image with its tap areas: draw an area by dragging on the image, move one by
// dragging it, resize it by its corner and edge handles. The bounds are the same values the
// typed number fields show (menu units), so both ways stay in sync.
import { useRef, useState, type PointerEvent } from "react";
import { dragBounds, drawnBounds, type Bounds, type DragMode, type Size } from "./areas";

type Area = { bounds?: Bounds } & Record<string, unknown>;

interface Drag {
  mode: DragMode | "draw";
  index: number;
  start: { x: number; y: number }; // menu units
  bounds: Bounds; // at the start of the drag
  last: Bounds;
}

const HANDLES: DragMode[] = ["nw", "n", "ne", "e", "se", "s", "sw", "w"];
// A press without a drag is no area (menu units; ~6 px on a 250 px wide canvas of 2500).
const MIN_DRAWN = 40;

export function AreaCanvas({ size, areas, imageUrl, newArea, onChange }: {
  size: Size;
  areas: Area[];
  imageUrl?: string;
  /** A new tap area (its default action), given the bounds drawn. */
  newArea: (bounds: Bounds) => Area;
  onChange: (areas: Area[]) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);
  const [selected, setSelected] = useState<number | null>(null);

  const point = (e: PointerEvent) => {
    const r = ref.current!.getBoundingClientRect();
    const scale = size.width / r.width;
    return { x: (e.clientX - r.left) * scale, y: (e.clientY - r.top) * scale };
  };

  const setBounds = (list: Area[], index: number, bounds: Bounds) =>
    list.map((a, i) => (i === index ? { ...a, bounds } : a));

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const target = (e.target as HTMLElement).closest<HTMLElement>("[data-drag]");
    const p = point(e);
    e.preventDefault();
    ref.current!.setPointerCapture(e.pointerId);
    if (target) {
      const index = Number(target.dataset.index);
      const bounds = areas[index]?.bounds;
      if (!bounds) return;
      drag.current = { mode: target.dataset.drag as DragMode, index, start: p, bounds, last: bounds };
      setSelected(index);
      return;
    }
    const bounds = drawnBounds(p, p, size);
    drag.current = { mode: "draw", index: areas.length, start: p, bounds, last: bounds };
    onChange([...areas, newArea(bounds)]);
    setSelected(areas.length);
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const p = point(e);
    const bounds = d.mode === "draw"
      ? drawnBounds(d.start, p, size)
      : dragBounds(d.mode, d.bounds, p.x - d.start.x, p.y - d.start.y, size);
    d.last = bounds;
    // (A drawn area not rendered back yet is added again rather than lost.)
    onChange(d.index < areas.length ? setBounds(areas, d.index, bounds) : [...areas, newArea(bounds)]);
  };

  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    drag.current = null;
    if (ref.current?.hasPointerCapture(e.pointerId)) ref.current.releasePointerCapture(e.pointerId);
    if (d?.mode === "draw") {
      if (d.last.width < MIN_DRAWN || d.last.height < MIN_DRAWN) {
        onChange(areas.filter((_, i) => i !== d.index)); // a click, not a drawn area
        setSelected(null);
      }
    }
  };

  const pct = (v: number, of: number) => `${(v / of) * 100}%`;
  return (
    <div ref={ref} className="rich-menu-canvas" data-testid="rich-menu-canvas"
      onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerUp}
      style={{ aspectRatio: `${size.width} / ${size.height}`, backgroundImage: imageUrl ? `url(${imageUrl})` : undefined }}>
      {areas.map((a, i) => a.bounds ? (
        <div key={i} data-testid="rich-menu-area" data-drag="move" data-index={i}
          className={`rich-menu-area${selected === i ? " selected" : ""}`}
          title={`${a.bounds.x}, ${a.bounds.y} — ${a.bounds.width} × ${a.bounds.height}`}
          style={{ left: pct(a.bounds.x, size.width), top: pct(a.bounds.y, size.height),
            width: pct(a.bounds.width, size.width), height: pct(a.bounds.height, size.height) }}>
          <span className="rich-menu-area-number">{i + 1}</span>
          {HANDLES.map((h) => (
            <span key={h} className={`rich-menu-handle handle-${h}`} data-drag={h} data-index={i}
              data-testid={`rich-menu-area-${i}-handle-${h}`} />
          ))}
        </div>
      ) : null)}
    </div>
  );
}
