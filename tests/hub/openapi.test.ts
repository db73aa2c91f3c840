import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support.ts';

/*
 * "Every route has request and response schemas, and bodies reject unknown fields":
 * checked on the OpenAPI document the hub generates from its route schemas, so a
 * route added without schemas fails here.
 */

interface Operation {
  parameters?: { in: string; name: string; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema: { additionalProperties?: unknown } }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

let hub: TestHub;
let paths: Record<string, Record<string, Operation>>;

beforeAll(async () => {
  hub = await startTestHub();
  const response = await hub.request<{ openapi: string; paths: typeof paths }>({ method: 'GET', url: '/docs/json' });
  expect(response.status).toBe(200);
  expect(response.body.openapi).toMatch(/^3\./);
  paths = response.body.paths;
});

afterAll(async () => {
  await hub.close();
});

function operations(): [string, string, Operation][] {
  return Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => [path, method, operation] as [string, string, Operation]));
}

describe('the OpenAPI document', () => {
  it('passes an independent OpenAPI validator', async () => {
    const document = (await hub.request<Record<string, unknown>>({ method: 'GET', url: '/docs/json' })).body;
    const result = await new Validator().validate(document);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 3000)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("documents the changes feed's data as the content types' public shapes", () => {
    const schema = paths['/federation/v1/changes']?.get?.responses['200']?.content?.['application/json']?.schema as { properties: { items: { items: { properties: { data: { anyOf: { properties: Record<string, unknown> }[] } } } } } };
    const shapes = schema.properties.items.items.properties.data.anyOf;
    expect(shapes).toHaveLength(8);
    expect(Object.keys(shapes[1]?.properties ?? {})).toEqual(expect.arrayContaining(['title', 'timeZone', 'recurrence', 'place']));
  });

  it('lists the API: accounts, every content type, events, moderation, members', () => {
    const listed = Object.keys(paths);
    for (const path of ['/api/v1/auth/login', '/api/v1/events', '/api/v1/events/{id}', '/api/v1/articles', '/api/v1/actors/by-slug/{slug}', '/api/v1/moderation/queue', '/api/v1/members', '/api/v1/reports']) {
      expect(listed).toContain(path);
    }
    expect(operations().length).toBeGreaterThan(80);
  });

  it('gives every operation a success response with a schema, and error responses', () => {
    for (const [path, method, operation] of operations()) {
      const codes = Object.keys(operation.responses);
      const success = codes.find((code) => code.startsWith('2'));
      expect(success, `${method} ${path} has no 2xx response`).toBeDefined();
      // JSON, or the live stream's Server-Sent Events.
      const content = operation.responses[success ?? '']?.content;
      if (success !== '204') expect(content?.['application/json']?.schema ?? content?.['text/event-stream']?.schema, `${method} ${path} ${success} has no schema`).toBeDefined();
      // A route that takes input (parameters or a body) documents how it refuses it.
      const takesInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined;
      if (takesInput) expect(codes.some((code) => code.startsWith('4')), `${method} ${path} documents no 4xx`).toBe(true);
    }
  });

  it('gives every body a schema that refuses unknown fields', () => {
    const withBodies = operations().filter(([, method]) => method === 'post' || method === 'put');
    expect(withBodies.length).toBeGreaterThan(30);
    for (const [path, method, operation] of withBodies) {
      if (operation.requestBody === undefined) {
        // Actions without a body (submit, unpublish, refresh, logout, resend the confirmation,
        // one-click unsubscribe, read the campaign list again, label for a campaign, repeat an
        // event for this year's edition) take none at all; an upload's body is the image's bytes,
        // checked by the image decoder, not by a JSON schema; ActivityPub inboxes take the
        // signed bytes, checked against their Digest and signature.
        expect(path, `${method} ${path} has no body schema`).toMatch(/\/(submit|unpublish|refresh|logout|media|confirmation|unsubscribe|sync|label|repeat|me\/membership)$|^\/ap\/.*inbox$/);
        continue;
      }
      const schema = operation.requestBody.content['application/json']?.schema;
      expect(schema?.additionalProperties, `${method} ${path} body accepts unknown fields`).toBe(false);
    }
  });

  it('declares every path parameter with a schema', () => {
    for (const [path, method, operation] of operations()) {
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        const parameter = operation.parameters?.find((candidate) => candidate.in === 'path' && `{${candidate.name}}` === name);
        expect(parameter?.schema, `${method} ${path} ${name}`).toBeDefined();
      }
    }
  });
});
