// The one way src/api-types.ts is made from an OpenAPI document (shared by the generator and
// the test that checks the committed file is current).
import openapiTS, { astToString } from "openapi-typescript";

const HEADER = "// Generated from openapi.json by scripts/gen-api-types.mjs (openapi-typescript).\n" +
  "// Do not edit: change the response models in api/schemas/ and run `npm run gen:api`.\n\n";

export async function generateApiTypes(spec) {
  const ast = await openapiTS(spec, { alphabetize: false });
  return HEADER + astToString(ast);
}
