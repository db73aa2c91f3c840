/**
 * The contract between hubs, the aggregator and the web: TypeBox schemas with their
 * static types, controlled vocabularies and the federation protocol. Browser-safe:
 * nothing here may depend on Node.
 */
export * from './vocab/index.ts';
export * from './rrule.ts';
export { DATE_RANGE, LIMITS } from './schema/limits.ts';
export * from './schema/primitives.ts';
export * from './schema/common.ts';
export * from './schema/actor.ts';
export * from './schema/event.ts';
export * from './schema/place.ts';
export * from './schema/article.ts';
export * from './schema/project.ts';
export * from './schema/announcement.ts';
export * from './schema/dossier.ts';
export * from './schema/resource.ts';
export * from './schema/member.ts';
export * from './schema/site-page.ts';
export * from './site-page-defaults.ts';
export * from './schema/content.ts';
export * from './schema/campaign.ts';
export * from './protocol/v1.ts';
export * from './protocol/campaigns.ts';
export * from './validate.ts';
export * from './api.ts';
export * from './import.ts';
export * from './portal.ts';
export * from './home-page.ts';
export * from './contrast.ts';
export * from './stats.ts';
export * from './media.ts';
export * from './locale-choice.ts';
