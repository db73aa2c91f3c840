import { CONTENT_PATHS } from '@constellation/shared';
import type { HubConfig } from '../config.ts';
import type { ContentRow } from '../db/schema/index.ts';

/** The public page of a piece of content, as mails link to it. */
export function publicLink(config: Pick<HubConfig, 'baseUrl' | 'hubId'>, row: Pick<ContentRow, 'type' | 'id' | 'slug'>): string {
  if (row.type === 'event') return `${config.baseUrl}/events/${config.hubId}/${row.id}`;
  return `${config.baseUrl}/${CONTENT_PATHS[row.type]}/${row.slug}`;
}
