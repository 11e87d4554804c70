import { describe, expect, it } from "vitest";
import { dragBounds, drawnBounds } from "./areas";

const size = { width: 2500, height: 843 };
const b = { x: 100, y: 100, width: 500, height: 300 };

describe("tap area geometry", () => {
  it("moves an area but keeps it inside the menu", () => {
    expect(dragBounds("move", b, 50.4, -20.6, size)).toEqual({ x: 150, y: 79, width: 500, height: 300 });
    expect(dragBounds("move", b, 5000, 5000, size)).toEqual({ x: 2000, y: 543, width: 500, height: 300 });
    expect(dragBounds("move", b, -5000, -5000, size)).toEqual({ x: 0, y: 0, width: 500, height: 300 });
  });
  it("resizes by the edges its handle names, never past the menu or to nothing", () => {
    expect(dragBounds("se", b, 100, 50, size)).toEqual({ x: 100, y: 100, width: 600, height: 350 });
    expect(dragBounds("nw", b, 50, 50, size)).toEqual({ x: 150, y: 150, width: 450, height: 250 });
    expect(dragBounds("e", b, 9999, 9999, size)).toEqual({ x: 100, y: 100, width: 2400, height: 300 });
    expect(dragBounds("w", b, 9999, 0, size)).toEqual({ x: 599, y: 100, width: 1, height: 300 });
  });
  it("draws from either corner", () => {
    expect(drawnBounds({ x: 800, y: 600 }, { x: 200, y: 100 }, size)).toEqual({ x: 200, y: 100, width: 600, height: 500 });
    expect(drawnBounds({ x: 2400, y: 800 }, { x: 3000, y: 1000 }, size)).toEqual({ x: 2400, y: 800, width: 100, height: 43 });
  });
});
