// Deliberate architecture violation, kept for one commit to show the check fails on it.
import { AGGREGATOR_PROTOCOL } from '@constellation/aggregator';

export const leaked = AGGREGATOR_PROTOCOL;
