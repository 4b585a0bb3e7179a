export { openSession } from "./session-api";
export { burnSession, createSession } from "./session-routes";
export { SessionStore } from "./session-store";
