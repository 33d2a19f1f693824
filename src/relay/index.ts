export { Outbox, type OutboxOptions } from './outbox.js';
export {
  keyOf,
  planRelist,
  rememberObject,
  trimObject,
  type RelayedObject,
  type RelayEvent,
} from './relayed-object.js';
export { RelayStats } from './relay-stats.js';
export { DEFAULT_RESOURCES, startRelay, type Relay, type RelayOptions } from './start-relay.js';
export { runWatchLoop, type WatchLoopOptions } from './watch-loop.js';
