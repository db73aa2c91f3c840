import Type, { type Static } from 'typebox';
import { CAMPAIGNS_MAX, CampaignPublic } from '../schema/campaign.ts';
import { DateTime, HttpUrl, RequiredLine } from '../schema/primitives.ts';
import { LIMITS } from '../schema/limits.ts';
import { Ed25519Jwk, PROTOCOL_VERSION } from './v1.ts';

/*
 * The aggregator's side of the protocol: its identity and the campaign list hubs read.
 * The list is signed like a hub's changes page: the response carries an EdDSA JWT in
 * the `constellation-signature` header, { iss: the aggregator's public URL, digest:
 * "sha-256=" + base64 SHA-256 of the body bytes, iat, exp }, verifiable with a key of
 * the aggregator's descriptor. A cache or CDN may serve the list; it cannot alter it.
 */

export const AGGREGATOR_DESCRIPTOR_PATH = '/.well-known/constellation-aggregator';
export const CAMPAIGNS_PATH = '/federation/v1/campaigns';

/** `GET /.well-known/constellation-aggregator`: the aggregator's public URL and signing keys. */
export const AggregatorDescriptor = Type.Object(
  {
    protocol: Type.Literal(PROTOCOL_VERSION),
    name: RequiredLine(LIMITS.name),
    /** The `iss` of everything it signs. */
    publicUrl: HttpUrl,
    keys: Type.Array(Ed25519Jwk, { minItems: 1, maxItems: 4 }),
  },
  { additionalProperties: false },
);
export type AggregatorDescriptor = Static<typeof AggregatorDescriptor>;

/** `GET /federation/v1/campaigns`: every campaign, newest start first. */
export const CampaignList = Type.Object(
  {
    protocol: Type.Literal(PROTOCOL_VERSION),
    /** The aggregator's public URL, equal to the signature's `iss`. */
    issuer: HttpUrl,
    generatedAt: DateTime,
    items: Type.Array(CampaignPublic, { maxItems: CAMPAIGNS_MAX }),
  },
  { additionalProperties: false },
);
export type CampaignList = Static<typeof CampaignList>;
