/** The floor runtime's module text (floor-runtime.mjs), for the workerd test that holds it to the host's protocol. */
export declare const FLOOR_RUNTIME_JS: string;
