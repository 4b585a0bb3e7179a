/**
 * What the playground keeps between visits, in this browser only:
 * - localStorage: the code, the APIs left unticked and the type-check box;
 * - sessionStorage (gone when the tab closes): the client token and the
 *   session token, which are secrets and so are not kept on disk for good.
 * Nothing of it is sent anywhere but to this host. Stored values are read
 * back defensively: a value of the wrong shape is ignored, not trusted.
 */

const CODE_KEY = "ghostwire.playground.code";
const SETTINGS_KEY = "ghostwire.playground.settings";
const TOKEN_KEY = "ghostwire.playground.token";
const SESSION_KEY = "ghostwire.playground.session";

export interface Settings {
  /** APIs the user unticked; new APIs of the host start ticked. */
  unticked: string[];
  check: boolean;
}

const DEFAULT_SETTINGS: Settings = { unticked: [], check: true };

/** Storage can be absent or refuse writes (private modes, a full quota): the page then works without memory. */
function read(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

function write(storage: () => Storage, key: string, value: string): void {
  try {
    if (value === "") storage().removeItem(key);
    else storage().setItem(key, value);
  } catch {
    // Not kept: the page goes on with what is on screen.
  }
}

const local = () => localStorage;
const perTab = () => sessionStorage;

export const loadCode = (): string | null => read(local, CODE_KEY);
export const saveCode = (code: string): void => write(local, CODE_KEY, code);

export function loadSettings(): Settings {
  let stored: unknown;
  try {
    stored = JSON.parse(read(local, SETTINGS_KEY) ?? "null");
  } catch {
    return DEFAULT_SETTINGS;
  }
  if (typeof stored !== "object" || stored === null) return DEFAULT_SETTINGS;
  const { unticked, check } = stored as Partial<Record<keyof Settings, unknown>>;
  return {
    unticked: Array.isArray(unticked) ? unticked.filter((name): name is string => typeof name === "string") : DEFAULT_SETTINGS.unticked,
    check: typeof check === "boolean" ? check : DEFAULT_SETTINGS.check,
  };
}

export const saveSettings = (settings: Settings): void => write(local, SETTINGS_KEY, JSON.stringify(settings));

export const loadToken = (): string => read(perTab, TOKEN_KEY) ?? "";
export const saveToken = (token: string): void => write(perTab, TOKEN_KEY, token);
export const loadSession = (): string => read(perTab, SESSION_KEY) ?? "";
export const saveSession = (session: string): void => write(perTab, SESSION_KEY, session);
