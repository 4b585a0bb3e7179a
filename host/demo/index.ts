import { catalogApi } from "../../api-types/catalog.js";
import { mathApi } from "../../api-types/math.js";
import { ratesApi } from "../../api-types/rates.js";
import { weatherApi } from "../../api-types/weather.js";
import { catalogImplementation } from "./catalog.js";
import { mathImplementation } from "./math.js";
import { ratesImplementation } from "./rates.js";
import { weatherImplementation } from "./weather.js";
import { ApiRegistry } from "../apis/registry.js";

/**
 * The registry `npm start` serves: the bundled demo APIs, all offline and
 * deterministic. `rates` reaches its upstream over HTTP through the egress
 * gateway (host/demo/rates-upstream.ts, served by this Worker).
 */
export function createDemoRegistry(): ApiRegistry {
  return new ApiRegistry()
    .register(mathApi, mathImplementation)
    .register(catalogApi, catalogImplementation)
    .register(ratesApi, ratesImplementation)
    .register(weatherApi, weatherImplementation);
}
