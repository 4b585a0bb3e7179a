export { openSession } from "./session-api";
export { burnSession, createSession } from "./session-lifecycle";
export { SessionStore } from "./session-store";
