import { catalogApi } from "../api-types/catalog";
import { mathApi } from "../api-types/math";
import { weatherApi } from "../api-types/weather";
import { catalogImplementation } from "./apis/catalog";
import { mathImplementation } from "./apis/math";
import { weatherImplementation } from "./apis/weather";
import { ApiRegistry } from "./registry";

/** The registry `npm start` serves: the bundled demo APIs, all offline and deterministic. */
export function createDemoRegistry(): ApiRegistry {
  return new ApiRegistry()
    .register(mathApi, mathImplementation)
    .register(catalogApi, catalogImplementation)
    .register(weatherApi, weatherImplementation);
}
