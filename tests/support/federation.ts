/*
 * A whole federation on one machine, as separate processes on real ports: regional hubs,
 * aggregator processes sharing one national store and one private Redis (federation/,
 * one file per piece). This index keeps the one import every federation test uses.
 */
export { waitFor, sleep } from './wait.ts';
export { openSse, type SseClient, type SseEvent } from './sse.ts';
export type { ManagedProcess } from './processes.ts';
export { http, type HttpAnswer } from './federation/http.ts';
export { HubProcess, type AdminLogin, type FeedItem, type HubItem, type HubSpec } from './federation/hub-process.ts';
export { AggregatorProcess, type AggregatorRole, type AggregatorSettings } from './federation/aggregator-process.ts';
export type { IndexDifferences, NationalRecord } from './federation/national-store.ts';
export { Federation, type FederationOptions } from './federation/federation.ts';
