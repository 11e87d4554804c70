import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateApiTypes } from "../scripts/api-types-lib.mjs";

// openapi.json is kept equal to what the server publishes by tests/api/test_openapi_types.py;
// this keeps the committed generated types equal to what openapi.json gives.
describe("src/api-types.ts", () => {
  it("is what openapi-typescript makes of the committed openapi.json (run `npm run gen:api`)", async () => {
    const root = new URL("..", import.meta.url);
    const spec = JSON.parse(readFileSync(new URL("openapi.json", root), "utf8"));
    const committed = readFileSync(new URL("src/api-types.ts", root), "utf8");
    expect(committed).toBe(await generateApiTypes(spec));
  }, 30_000);
});
