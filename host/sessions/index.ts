export { burnSession, createSession, openSession } from "./session-api";
export { SessionStore } from "./session-store";
