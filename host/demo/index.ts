import { catalogApi } from "../../api-types/catalog";
import { mathApi } from "../../api-types/math";
import { ratesApi } from "../../api-types/rates";
import { weatherApi } from "../../api-types/weather";
import { catalogImplementation } from "./catalog";
import { mathImplementation } from "./math";
import { ratesImplementation } from "./rates";
import { weatherImplementation } from "./weather";
import { ApiRegistry } from "../apis/registry";

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
