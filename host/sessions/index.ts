export { openSession } from "./session-api.js";
export { burnSession, createSession } from "./session-lifecycle.js";
export { SessionStore } from "./session-store.js";
