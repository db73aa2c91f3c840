export * from './generate/index.ts';
