// The part of node:async_hooks the host uses, which workerd provides under
// nodejs_compat (developers.cloudflare.com/workers/runtime-apis/nodejs/asynclocalstorage).
// Declared here because the host does not depend on @types/node.
declare module "node:async_hooks" {
  export class AsyncLocalStorage<T> {
    run<R>(store: T, callback: () => R): R;
    getStore(): T | undefined;
  }
}
