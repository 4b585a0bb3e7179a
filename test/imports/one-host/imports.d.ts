// The module test/imports/one-host.mjs aliases, per host, to a generated list
// of OpenAPI imports (the spec JSON bundled into the Worker).
declare module "ghostwire-one-host-imports" {
  import type { OpenApiImport } from "../../../host/index.js";
  const imports: readonly OpenApiImport[];
  export default imports;
}
