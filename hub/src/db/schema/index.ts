export * from './users.ts';
export * from './content.ts';
export * from './federation.ts';
export * from './moderation.ts';
export * from './imports.ts';
export * from './settings.ts';
export * from './media.ts';
export * from './activitypub.ts';
