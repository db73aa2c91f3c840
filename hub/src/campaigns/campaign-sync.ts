import { createHash } from 'node:crypto';
import { AGGREGATOR_DESCRIPTOR_PATH, AggregatorDescriptor, CAMPAIGNS_PATH, CampaignList, SIGNATURE_HEADER, validate, type CampaignPublic } from '@constellation/shared';
import { guardedFetch, publicKeyFromJwk, verifyJwt } from '@constellation/shared/server';

/**
 * Reads the national campaign list from an aggregator and checks it as the aggregator
 * checks a hub's pages: the descriptor's keys, the signature's issuer and digest, then
 * the list's shape. Anything wrong throws, and the caller keeps the last good list.
 */
export async function fetchCampaignList(aggregatorUrl: string, options: { allowPrivate: boolean; deadlineMs?: number }): Promise<CampaignPublic[]> {
  const base = aggregatorUrl.replace(/\/$/, '');
  const fetchOptions = { deadlineMs: options.deadlineMs ?? 10_000, maxBytes: 2 * 1024 * 1024, allowPrivate: options.allowPrivate, accept: 'application/json', sameOriginRedirects: true };
  const descriptorResponse = await guardedFetch(`${base}${AGGREGATOR_DESCRIPTOR_PATH}`, fetchOptions);
  const descriptor = validate(AggregatorDescriptor, JSON.parse(descriptorResponse.body.toString('utf8')));
  if (!descriptor.ok) throw new Error(`the aggregator's descriptor is invalid: ${descriptor.issues[0]?.field} ${descriptor.issues[0]?.message}`);
  const issuer = descriptor.value.publicUrl.replace(/\/$/, '');
  const response = await guardedFetch(`${base}${CAMPAIGNS_PATH}`, fetchOptions);
  const header = response.headers[SIGNATURE_HEADER];
  const token = Array.isArray(header) ? header[0] : header;
  if (token === undefined) throw new Error('the campaign list is not signed');
  const keys = new Map(descriptor.value.keys.map((jwk) => [jwk.kid, publicKeyFromJwk(jwk)]));
  const claims = verifyJwt(token, keys);
  if (claims.iss !== issuer) throw new Error(`the campaign list is signed by ${String(claims.iss)}, not ${issuer}`);
  if (claims.digest !== `sha-256=${createHash('sha256').update(response.body).digest('base64')}`) throw new Error('the campaign list does not match its signature');
  const list = validate(CampaignList, JSON.parse(response.body.toString('utf8')));
  if (!list.ok) throw new Error(`the campaign list is invalid: ${list.issues[0]?.field} ${list.issues[0]?.message}`);
  if (list.value.issuer.replace(/\/$/, '') !== issuer) throw new Error('the campaign list names another issuer');
  return list.value.items;
}
