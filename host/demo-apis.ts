import { catalogApi } from "../api-types/catalog";
import { mathApi } from "../api-types/math";
import { ratesApi } from "../api-types/rates";
import { weatherApi } from "../api-types/weather";
import { catalogImplementation } from "./apis/catalog";
import { mathImplementation } from "./apis/math";
import { ratesImplementation } from "./apis/rates";
import { weatherImplementation } from "./apis/weather";
import { ApiRegistry } from "./registry";

/**
 * The registry `npm start` serves: the bundled demo APIs, all offline and
 * deterministic. `rates` reaches its upstream over HTTP through the egress
 * gateway (host/apis/rates-upstream.ts, served by this Worker).
 */
export function createDemoRegistry(): ApiRegistry {
  return new ApiRegistry()
    .register(mathApi, mathImplementation)
    .register(catalogApi, catalogImplementation)
    .register(ratesApi, ratesImplementation)
    .register(weatherApi, weatherImplementation);
}
