// Generate src/api-types.ts (openapi-typescript) from the API's OpenAPI document.
//
//   node scripts/gen-api-types.mjs           refresh openapi.json from the Python app, then generate
//   node scripts/gen-api-types.mjs --offline generate from the committed openapi.json only
//
// The Python app is asked with `lumo openapi` (no server is started). Without Python (e.g. a
// web-only checkout) the committed openapi.json is used; tests/api/test_openapi_types.py keeps it
// equal to what the app publishes, and src/api-types.test.ts keeps api-types.ts equal to it.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateApiTypes } from "./api-types-lib.mjs";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");
const specPath = join(web, "openapi.json");
const outPath = join(web, "src", "api-types.ts");

function refreshSpec() {
  const venvPython = join(web, "..", ".venv", "bin", "python");
  const python = process.env.LUMO_PYTHON ?? (existsSync(venvPython) ? venvPython : "python3");
  try {
    const text = execFileSync(python, ["-m", "api.cli", "openapi"], {
      cwd: join(web, ".."), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
    });
    writeFileSync(specPath, text);
  } catch (err) {
    console.warn(`gen-api-types: could not run ${python} -m api.cli openapi ` +
                 `(${err.message.split("\n")[0]}); using the committed openapi.json`);
  }
}

if (!process.argv.includes("--offline")) refreshSpec();
const ts = await generateApiTypes(JSON.parse(readFileSync(specPath, "utf8")));
const current = existsSync(outPath) ? readFileSync(outPath, "utf8") : "";
if (current !== ts) writeFileSync(outPath, ts);
console.log(`gen-api-types: ${outPath} ${current === ts ? "unchanged" : "written"}`);
