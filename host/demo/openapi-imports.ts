import exchangeSpec from "./exchange-openapi.json";
import type { OpenApiImport } from "../apis/imports/openapi/openapi-import.js";

/**
 * The OpenAPI documents the demo host imports as APIs: the spec (bundled as
 * JSON next to it), the namespace agent code uses, and the egress rule
 * (host/demo/egress-rules.ts) that covers its server and carries its credential.
 */
export const DEMO_OPENAPI_IMPORTS: readonly OpenApiImport[] = [{ name: "exchange", spec: exchangeSpec, egress: "demo-rates" }];
