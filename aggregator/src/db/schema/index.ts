export * from './hubs.ts';
export * from './records.ts';
export * from './admins.ts';
export * from './campaigns.ts';
export * from './operations.ts';
export * from './duplicates.ts';
