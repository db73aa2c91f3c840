/**
 * The regional hub: a Fastify server over one SQLite file (accounts, content,
 * moderation, public API, federation feed). Built in the hub issues; for now the
 * package only pins the contract version it speaks.
 */
import { PROTOCOL_VERSION } from '@constellation/shared';

export const HUB_PROTOCOL: typeof PROTOCOL_VERSION = PROTOCOL_VERSION;
