import exchangeSpec from "../../../demo/exchange-openapi.json";
import type { OpenApiImport } from "./openapi-import.js";

/**
 * The OpenAPI documents this host imports as APIs. This module is the
 * configuration, like host/egress/policy/rules.ts: add an entry with the spec
 * (bundled as JSON next to it), the namespace agent code uses, and the
 * egress rule that covers its server and carries its credential.
 */
export const OPENAPI_IMPORTS: readonly OpenApiImport[] = [{ name: "exchange", spec: exchangeSpec, egress: "demo-rates" }];
