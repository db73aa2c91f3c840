/**
 * The national aggregator: BullMQ workers pull every hub's changes feed into one
 * national store and serve the national API and live stream. Built in the
 * aggregator issue; for now the package only pins the contract version it speaks.
 */
import { PROTOCOL_VERSION } from '@constellation/shared';

export const AGGREGATOR_PROTOCOL: typeof PROTOCOL_VERSION = PROTOCOL_VERSION;
