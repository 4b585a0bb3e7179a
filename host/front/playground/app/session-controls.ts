import type { HostApi } from "./host-api.js";
import { saveSession, saveToken } from "./settings.js";

/**
 * The client token and session fields. The token goes with every call
 * (host-api.ts, run.ts); the session field is what a run sends as
 * `session`: "New session" fills it from POST /v1/sessions, "Burn session"
 * deletes the session on the host (DELETE /v1/sessions) and empties it.
 * Both fields are kept per tab (settings.ts). `onSessionChange` runs after
 * each change of the session field.
 */
export interface SessionControls {
  token: HTMLInputElement;
  session: HTMLInputElement;
  create: HTMLButtonElement;
  burn: HTMLButtonElement;
  /** Where the outcome of New and Burn is said, as a sentence. */
  note: HTMLElement;
  onSessionChange: () => void;
}

export function bindSessionControls(api: HostApi, { token, session, create, burn, note, onSessionChange }: SessionControls): void {
  const setSession = (value: string) => {
    session.value = value;
    saveSession(value);
    onSessionChange();
  };
  token.addEventListener("input", () => saveToken(token.value.trim()));
  session.addEventListener("input", () => setSession(session.value.trim()));
  const act = (button: HTMLButtonElement, action: () => Promise<string>) =>
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        note.textContent = await action();
      } catch (error) {
        note.textContent = (error as Error).message;
      } finally {
        button.disabled = false;
      }
    });
  act(create, async () => {
    const created = await api.createSession();
    setSession(created.session);
    return `New session, until ${new Date(created.expiresAt).toLocaleString()}: runs now share its state through the session API.`;
  });
  act(burn, async () => {
    const current = session.value.trim();
    if (current === "") return "There is no session to burn: the field is empty.";
    await api.burnSession(current);
    setSession("");
    return "Session burnt: everything in it is deleted, and its token is refused from now on.";
  });
}
