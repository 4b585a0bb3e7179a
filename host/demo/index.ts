import { catalogApi } from "../../api-types/catalog.js";
import { mathApi } from "../../api-types/math.js";
import { ordersApi } from "../../api-types/orders.js";
import { ratesApi } from "../../api-types/rates.js";
import { weatherApi } from "../../api-types/weather.js";
import { implementApi, type GhostwireOptions } from "../ghostwire-options.js";
import { catalogImplementation } from "./catalog.js";
import { DEMO_EGRESS_RULES } from "./egress-rules.js";
import { mathImplementation } from "./math.js";
import { ordersImplementation } from "./orders.js";
import { DEMO_OPENAPI_IMPORTS } from "./openapi-imports.js";
import { ratesImplementation } from "./rates.js";
import { weatherImplementation } from "./weather.js";

/**
 * The demo host `npm start` serves: the bundled demo APIs, all offline and
 * deterministic. `rates` and the imported `exchange` reach their upstream
 * over HTTP through the egress gateway (host/demo/rates-upstream.ts, served
 * by the demo Worker itself).
 */
export const DEMO_OPTIONS: GhostwireOptions = {
  apis: [
    implementApi(mathApi, mathImplementation),
    implementApi(catalogApi, catalogImplementation),
    implementApi(ratesApi, ratesImplementation),
    implementApi(weatherApi, weatherImplementation),
    implementApi(ordersApi, ordersImplementation),
  ],
  egressRules: DEMO_EGRESS_RULES,
  openApi: DEMO_OPENAPI_IMPORTS,
};
