// Ghostwire APIs. Write TypeScript: the body of an async function.
// - Use statements and top-level `await`; `return` a value to make it the result.
// - Call the APIs below through their namespaces. Every method returns a Promise: `await` every call, so its result
//   and its error reach your code. Calls still running at `return` are waited for (within the deadline), and the
//   first that fails fails the execution.
// - Results, API inputs and logs are JSON: Date becomes an ISO string, Map an object, Set an array.
// - Limits per execution: 1,000 API calls, of at most 262,144 characters of JSON input each; 200 log entries and
//   65,536 characters of logs (the rest is dropped); a result of 1,048,576 characters of JSON (a larger one is cut).
// - console.log/info/warn/error/debug are captured and returned as logs.
// - No imports, no DOM, no Node APIs. fetch() reaches only hosts the deployer allows.
// - Any call may reject with (see `e.name`): ValidationError (the input breaks the method's types), RangeError (the
//   input is over the size limit), ApiCallBudgetExceeded (past the call limit), TypeError (no such API or method),
//   ImplementationError (the API broke its own contract; not your fault), ApprovalDenied (a person denied a call that
//   needs approval), ApprovalTimeout (no decision came in time for a call that needs approval), Error (any other
//   failure of the API). A method's own errors are its @throws lines.

/** The product catalog of an outdoor, electronics and home goods shop. */
declare const catalog: {
  /**
   * Finds products by text, category and price range, cheapest first. Pages through results with `cursor`.
   * @throws InvalidCursorError when `cursor` is not a `nextCursor` this API returned
   */
  search(input?: {
    /** Words that must all appear in the name, description or tags (case-insensitive). */
    query?: string;
    category?: "camping" | "climbing" | "electronics" | "kitchen" | "apparel" | "books";
    /** Lowest price, inclusive. */
    minPrice?: number;
    /** Highest price, inclusive. */
    maxPrice?: number;
    /** Page size, 1 to 50; default 10. */
    limit?: number;
    /** The `nextCursor` of the previous page. */
    cursor?: string;
  }): Promise<{
    items: {
      /** Stable product id, e.g. "p-007". */
      id: string;
      name: string;
      category: "camping" | "climbing" | "electronics" | "kitchen" | "apparel" | "books";
      /** Unit price in `currency`. */
      price: number;
      currency: "USD";
      inStock: boolean;
      /** Average review score from 1.0 to 5.0. */
      rating: number;
      tags: string[];
      description: string;
    }[];
    /** Present when more results follow; pass it back as `cursor`. */
    nextCursor?: string;
  }>;
  /** Returns one product by id, or null when no product has that id. */
  get(input: {
    id: string;
  }): Promise<{
    /** Stable product id, e.g. "p-007". */
    id: string;
    name: string;
    category: "camping" | "climbing" | "electronics" | "kitchen" | "apparel" | "books";
    /** Unit price in `currency`. */
    price: number;
    currency: "USD";
    inStock: boolean;
    /** Average review score from 1.0 to 5.0. */
    rating: number;
    tags: string[];
    description: string;
  } | null>;
  /** Lists every product category, in alphabetical order. */
  categories(input?: {}): Promise<("camping" | "climbing" | "electronics" | "kitchen" | "apparel" | "books")[]>;
};

/** The demo exchange-rates upstream, imported from its OpenAPI description: each operation is a method, and requests go through the egress gateway, which adds the bearer token. */
declare const exchange: {
  /**
   * The latest rates against one base currency.
   * @throws HttpError when the API answers a status outside 2xx (documented: 404)
   */
  getLatestRates(input?: {
    /** The base currency; default EUR. */
    base?: exchange.Currency;
    /** The currencies to include; default all. */
    symbols?: exchange.Currency[];
  }): Promise<exchange.Rates>;
  echo: {
    /**
     * Echoes the request back, headers included (a hostile demo endpoint: the gateway scrubs the credential out of the answer).
     * @throws HttpError when the API answers a status outside 2xx
     */
    request(input: {
      /** The request body, sent as application/json. */
      body: {
        [key: string]: unknown;
      };
    }): Promise<{
      authorized: boolean;
      method: string;
      body: string;
      headers?: {
        [key: string]: string;
      };
      [key: string]: unknown;
    }>;
  };
};
declare namespace exchange {
  type Currency = "EUR" | "USD" | "GBP" | "JPY" | "CHF" | "SEK" | "NOK" | "CAD" | "AUD" | "BRL";
  interface Rates {
    base: exchange.Currency;
    /** YYYY-MM-DD */
    date: string;
    rates: {
      [key: string]: number;
    };
  }
}

/** Arithmetic and descriptive statistics over lists of numbers, in double-precision floating point (as JavaScript numbers). */
declare const math: {
  /** Adds two numbers and returns their sum. */
  add(input: {
    /** The first addend. */
    a: number;
    /** The second addend. */
    b: number;
  }): Promise<number>;
  /** Summarizes a list of numbers. Fails on an empty list. */
  stats(input: {
    /** The numbers to summarize; at least one. */
    values: number[];
  }): Promise<{
    /** Arithmetic mean. */
    mean: number;
    /** Middle value; the mean of the two middle values for an even count. */
    median: number;
    /** Population standard deviation. */
    stdev: number;
    min: number;
    max: number;
  }>;
};

/** Places demo orders from a small price list (the side effect approvals guard) and lists them. Demo state: orders live in the host's memory only. */
declare const orders: {
  /**
   * Places an order for a product of the price list (p-001: Trailblazer 2P Tent, $289; p-014: Keystone Locking Carabiner, $14.99; p-039: Silicone Spatula Set, $12.99; p-040: Digital Kitchen Scale, $19.95).
   * Needs approval: when the total is over $100. A person decides before it runs; a denial rejects with ApprovalDenied.
   */
  place(input: {
    /** Which product. */
    productId: "p-001" | "p-014" | "p-039" | "p-040";
    /** How many. */
    quantity: number;
  }): Promise<{
    /** The order's id, e.g. "o-1". */
    id: string;
    productId: string;
    /** The product's name. */
    name: string;
    quantity: number;
    /** Price times quantity, in USD. */
    total: number;
  }>;
  /** The orders placed so far, oldest first. */
  list(input?: {}): Promise<{
    /** The order's id, e.g. "o-1". */
    id: string;
    productId: string;
    /** The product's name. */
    name: string;
    quantity: number;
    /** Price times quantity, in USD. */
    total: number;
  }[]>;
};

/** Currency exchange rates from an upstream HTTP service that wants a bearer token (an offline demo at http://rates.demo.invalid; the host's egress gateway adds the token). Code granted this API may also fetch the upstream itself, e.g. GET http://rates.demo.invalid/v1/latest?base=EUR, without any credential. */
declare const rates: {
  /**
   * The latest rates against one base currency.
   * @throws UpstreamError when the rates service cannot be reached or answers with an error
   */
  latest(input?: {
    /** Base currency; default EUR. */
    base?: "EUR" | "USD" | "GBP" | "JPY" | "CHF" | "SEK" | "NOK" | "CAD" | "AUD" | "BRL";
    /** Only these currencies; default all. */
    symbols?: ("EUR" | "USD" | "GBP" | "JPY" | "CHF" | "SEK" | "NOK" | "CAD" | "AUD" | "BRL")[];
  }): Promise<{
    base: "EUR" | "USD" | "GBP" | "JPY" | "CHF" | "SEK" | "NOK" | "CAD" | "AUD" | "BRL";
    /** YYYY-MM-DD of the rates. */
    date: string;
    /** Units of each currency per one unit of base. */
    rates: {
      [key: string]: number;
    };
  }>;
  /**
   * Converts an amount from one currency to another at the latest rate.
   * @throws UpstreamError when the rates service cannot be reached or answers with an error
   */
  convert(input: {
    amount: number;
    from: "EUR" | "USD" | "GBP" | "JPY" | "CHF" | "SEK" | "NOK" | "CAD" | "AUD" | "BRL";
    to: "EUR" | "USD" | "GBP" | "JPY" | "CHF" | "SEK" | "NOK" | "CAD" | "AUD" | "BRL";
  }): Promise<{
    amount: number;
    from: "EUR" | "USD" | "GBP" | "JPY" | "CHF" | "SEK" | "NOK" | "CAD" | "AUD" | "BRL";
    to: "EUR" | "USD" | "GBP" | "JPY" | "CHF" | "SEK" | "NOK" | "CAD" | "AUD" | "BRL";
    /** Units of `to` per one unit of `from`. */
    rate: number;
    /** amount × rate, rounded to 4 decimals. */
    result: number;
    date: string;
  }>;
};

/** Current conditions, alerts and daily forecasts for cities (synthetic, deterministic demo data). */
declare const weather: {
  /** Current conditions and active alerts in a city. */
  current(input: {
    /** City name, e.g. "Lisbon". */
    city: string;
    /** metric: °C and km/h; imperial: °F and mph. Default metric. */
    units?: "metric" | "imperial";
  }): Promise<{
    city: string;
    /** metric: °C and km/h; imperial: °F and mph. Default metric. */
    units: "metric" | "imperial";
    temperature: number;
    conditions: "clear" | "partly-cloudy" | "cloudy" | "rain" | "storm" | "snow" | "fog";
    wind: {
      speed: number;
      direction: "N" | "NE" | "E" | "SE" | "S" | "SW" | "W" | "NW";
    };
    /** Relative humidity in percent. */
    humidity: number;
    /** An active weather alert; `kind` tells which fields it has. */
    alerts: ({
      kind: "heat";
      severity: "advisory" | "warning";
      peakTemperature: number;
    } | {
      kind: "wind";
      severity: "advisory" | "warning";
      gustSpeed: number;
    } | {
      kind: "flood";
      severity: "watch" | "warning";
      /** Districts named in the alert. */
      areas: string[];
    })[];
    /** ISO 8601 time of the observation. */
    observedAt: string;
  }>;
  /** Daily forecast for the next days, starting tomorrow. */
  forecast(input: {
    city: string;
    /** How many days, 1 to 14; default 3. */
    days?: number;
    /** metric: °C and km/h; imperial: °F and mph. Default metric. */
    units?: "metric" | "imperial";
  }): Promise<{
    city: string;
    /** metric: °C and km/h; imperial: °F and mph. Default metric. */
    units: "metric" | "imperial";
    days: {
      /** YYYY-MM-DD. */
      date: string;
      high: number;
      low: number;
      conditions: "clear" | "partly-cloudy" | "cloudy" | "rain" | "storm" | "snow" | "fog";
      /** Expected precipitation; `none` carries no amounts. */
      precipitation: {
        type: "none";
      } | {
        type: "rain" | "snow";
        millimeters: number;
        probability: number;
      };
    }[];
  }>;
};
