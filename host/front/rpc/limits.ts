/**
 * capnweb's receiver-side limits, for client sessions (/rpc) and provider
 * sessions (/rpc/provider) alike: a message past them aborts the session.
 * A leaf module, so the provider's Durable Object need not import the client
 * gate and the execute path behind it.
 */
export const RPC_LIMITS = { maxMessageSize: 1024 * 1024, maxDepth: 64 };
