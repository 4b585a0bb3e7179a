// The parts of Node's builtins and of the ws package that the `ghostwire`
// command line (host/front/cli/) uses. Declared here because the project
// does not depend on @types/node (as host/async-hooks.d.ts); the CLI runs on
// Node 20 and later, where all of these exist.

declare module "node:process" {
  interface CliStream {
    readonly isTTY?: boolean;
    write(text: string): boolean;
  }
  interface CliStdin extends AsyncIterable<Uint8Array> {
    readonly isTTY?: boolean;
    once(event: "end", listener: () => void): void;
  }
  const process: {
    readonly argv: readonly string[];
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly version: string;
    readonly stdin: CliStdin;
    readonly stdout: CliStream;
    readonly stderr: CliStream;
    exitCode: number | undefined;
    exit(code?: number): never;
    once(event: "SIGINT" | "SIGTERM", listener: () => void): void;
  };
  export default process;
}

declare module "node:fs/promises" {
  export function stat(path: string): Promise<{ size: number; isFile(): boolean }>;
  export function readFile(path: string): Promise<Uint8Array>;
}

declare module "ws" {
  /** ws's WebSocket client: the WHATWG event API over Node's sockets, with `{ headers }` as the second argument. */
  export class WebSocket {
    constructor(url: string, options?: { headers: Record<string, string> });
    readonly readyState: number;
    send(data: string): void;
    close(code?: number, reason?: string): void;
    addEventListener(type: "open" | "message" | "close" | "error", listener: (event: { data?: unknown; code?: number; reason?: string }) => void): void;
  }
}
