import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody } from '@constellation/shared';
import { AdminAccounts, AdminInputError, normaliseEmail, type Admin } from '../admin/admin-accounts.ts';
import { AdminAudit, AdminAuditEntry, AuditQuery } from '../admin/admin-audit.ts';
import { HistoryQuery, HubHealthHistory, hubHealthHistory } from '../admin/hub-history.ts';
import { registerDashboard } from '../admin/dashboard.ts';
import { registerCampaignAdmin } from '../campaigns/campaign-admin.ts';
import { HubAdmin } from '../admin/hub-admin.ts';
import { DuplicateReview, DuplicatesList, DuplicatesQuery, VerdictAnswer, VerdictBody } from '../admin/duplicate-review.ts';
import { announceChanges } from '../live/changes-bus.ts';
import { AdminHubView, HubPreview, RejectedItemView } from '../admin/hub-view.ts';
import { LoginThrottle } from '../admin/login-throttle.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../admin/passwords.ts';
import { HttpError, TooManyRequestsError, UnauthorizedError } from '../http-errors.ts';
import authPlugin, { ACCESS_TOKEN_SECONDS, ADMIN_COOKIE } from '../plugins/auth.ts';
import { RegistryError } from '../registry/registry.ts';
import type { AggregatorServices } from '../services.ts';

const AdminView = Type.Object({ id: Type.String(), email: Type.String() }, { additionalProperties: false });
const LoginBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }) },
  { additionalProperties: false },
);
const LoginResponse = Type.Object(
  { accessToken: Type.String(), tokenType: Type.Literal('Bearer'), expiresIn: Type.Integer(), admin: AdminView },
  { additionalProperties: false },
);
const HubParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
const AddHubBody = Type.Object({ url: Type.String({ minLength: 1, maxLength: 2_000, description: 'the hub\'s base URL; its descriptor is read from /.well-known/constellation' }) }, { additionalProperties: false });
const SuspendBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500, pattern: '\\S', description: 'why, in words the other operators will read in the console' }) },
  { additionalProperties: false },
);
const RejectedQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, { additionalProperties: false });
const Scheduled = { scheduled: Type.Boolean({ description: 'false when Redis was unreachable: the worker applies the change at its next start' }) };
const HubWithScheduling = Type.Object({ ...AdminHubView.properties, ...Scheduled }, { additionalProperties: false });
const Removed = Type.Object({ id: Type.String(), removed: Type.Integer({ description: 'records turned into tombstones' }), ...Scheduled }, { additionalProperties: false });

const authErrors = { 401: ErrorBody, 429: ErrorBody };
const hubErrors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const security = [{ bearer: [] }];

/** What a registry refusal is in HTTP terms. */
function httpErrorOf(error: RegistryError): HttpError {
  const status = { not_found: 404, conflict: 409, descriptor_unreachable: 422, descriptor_invalid: 422, validation_failed: 400 }[error.code];
  return new HttpError(status, error.code, error.message, error.field);
}

async function translated<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RegistryError) throw httpErrorOf(error);
    throw error;
  }
}

/** Admin login, the hub registry API and the queue dashboard; everything but login needs an admin. */
export default async function adminRoutes(app: FastifyInstance, { services }: { services: AggregatorServices }): Promise<void> {
  const { config } = services;
  const accounts = new AdminAccounts(services.engine.admin.admins);
  const throttle = new LoginThrottle(services.redis);
  const hubs = new HubAdmin(services);
  const audit = new AdminAudit(services.engine.admin.audit);
  /** The admin a guarded route runs for (requireAdmin set it). */
  const adminOf = (request: { admin?: Admin }): Admin => {
    if (request.admin === undefined) throw new UnauthorizedError('log in first');
    return request.admin;
  };
  await app.register(authPlugin, { config, accounts });
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const secure = config.publicUrl.startsWith('https://');

  api.post('/api/v1/auth/login', {
    schema: {
      tags: ['admin'],
      summary: 'Log in as an aggregator admin; also sets an httpOnly cookie for the dashboard',
      body: LoginBody,
      response: { 200: LoginResponse, 400: ErrorBody, ...authErrors },
    },
    // Per address; the throttle below counts per account, whatever the address.
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const account = normaliseEmail(request.body.email);
    const wait = await throttle.retryAfter(account);
    if (wait > 0) throw new TooManyRequestsError(`too many failed logins for this account; try again in ${wait} s`, wait);
    const admin = await accounts.check(account, request.body.password);
    if (admin === undefined) {
      await throttle.fail(account);
      // One answer for an unknown email and a wrong password.
      throw new UnauthorizedError('wrong email or password', 'invalid_credentials');
    }
    await throttle.succeed(account);
    const accessToken = app.signAdminToken(admin.id);
    void reply.setCookie(ADMIN_COOKIE, accessToken, { httpOnly: true, secure, sameSite: 'strict', path: '/', maxAge: ACCESS_TOKEN_SECONDS });
    return { accessToken, tokenType: 'Bearer' as const, expiresIn: ACCESS_TOKEN_SECONDS, admin: { id: admin.id, email: admin.email } };
  });

  api.post('/api/v1/auth/logout', {
    schema: { tags: ['admin'], summary: 'Clear the admin cookie', response: { 204: Type.Null() } },
  }, async (_request, reply) => {
    void reply.clearCookie(ADMIN_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  api.get('/api/v1/admin/me', {
    schema: { tags: ['admin'], summary: 'The logged-in admin', security, response: { 200: AdminView, 401: ErrorBody } },
    preValidation: app.requireAdmin,
  }, async (request) => ({ id: request.admin?.id ?? '', email: request.admin?.email ?? '' }));

  api.get('/api/v1/admin/hubs', {
    schema: { tags: ['admin'], summary: 'Every registered hub, with its status and health', security, response: { 200: Type.Object({ items: Type.Array(AdminHubView) }, { additionalProperties: false }), 401: ErrorBody } },
    preValidation: app.requireAdmin,
  }, async () => ({ items: await hubs.list() }));

  api.post('/api/v1/admin/hubs', {
    schema: { tags: ['admin'], summary: 'Register a hub by URL (it starts pending)', security, body: AddHubBody, response: { 201: AdminHubView, ...hubErrors } },
    preValidation: app.requireAdmin,
  }, async (request, reply) => {
    const hub = await translated(() => hubs.add(request.body.url));
    await audit.record(adminOf(request), 'hub.add', hub, hub.baseUrl);
    return reply.status(201).send(hub);
  });

  api.post('/api/v1/admin/hubs/preview', {
    schema: { tags: ['admin'], summary: 'Read and check the descriptor at a URL without registering it (what adding it would add)', security, body: AddHubBody, response: { 200: HubPreview, ...hubErrors } },
    preValidation: app.requireAdmin,
  }, async (request) => translated(() => hubs.preview(request.body.url)));

  api.get('/api/v1/admin/hubs/:id/rejected', {
    schema: { tags: ['admin'], summary: 'The last items the pipeline refused from a hub, newest first, with the field at fault', security, params: HubParams, querystring: RejectedQuery, response: { 200: Type.Object({ items: Type.Array(RejectedItemView) }, { additionalProperties: false }), ...hubErrors } },
    preValidation: app.requireAdmin,
  }, async (request) => ({ items: await translated(() => hubs.rejected(request.params.id, request.query.limit)) }));

  api.post('/api/v1/admin/hubs/:id/approve', {
    schema: { tags: ['admin'], summary: 'Approve a hub: it is scheduled and pulled at once', security, params: HubParams, response: { 200: HubWithScheduling, ...hubErrors } },
    preValidation: app.requireAdmin,
  }, async (request) => {
    const hub = await translated(() => hubs.approve(request.params.id));
    await audit.record(adminOf(request), 'hub.approve', hub);
    return hub;
  });

  api.post('/api/v1/admin/hubs/:id/suspend', {
    schema: { tags: ['admin'], summary: 'Suspend a hub: its content leaves every national answer and live stream at once', security, params: HubParams, body: Type.Union([SuspendBody, Type.Null()], { description: 'the reason (the console asks for one); no body suspends without one, as the CLI may' }), response: { 200: HubWithScheduling, ...hubErrors } },
    preValidation: app.requireAdmin,
  }, async (request) => {
    const hub = await translated(() => hubs.suspend(request.params.id, request.body?.reason.trim() ?? null));
    await audit.record(adminOf(request), 'hub.suspend', hub, hub.suspendReason);
    return hub;
  });

  api.post('/api/v1/admin/hubs/:id/refresh', {
    schema: { tags: ['admin'], summary: 'Read the hub\'s descriptor again and pin its current keys', security, params: HubParams, response: { 200: AdminHubView, ...hubErrors } },
    preValidation: app.requireAdmin,
  }, async (request) => {
    const hub = await translated(() => hubs.refresh(request.params.id));
    await audit.record(adminOf(request), 'hub.refresh', hub);
    return hub;
  });

  api.delete('/api/v1/admin/hubs/:id', {
    schema: { tags: ['admin'], summary: 'Remove a hub and everything it served from the national index', security, params: HubParams, response: { 200: Removed, ...hubErrors } },
    preValidation: app.requireAdmin,
  }, async (request) => {
    // The name as it was, for the log: the registry row is gone afterwards.
    const name = (await services.registry.get(request.params.id))?.name ?? request.params.id;
    const removed = await translated(() => hubs.remove(request.params.id));
    await audit.record(adminOf(request), 'hub.remove', { id: removed.id, name }, String(removed.removed));
    return removed;
  });

  api.get('/api/v1/admin/hubs/:id/health', {
    schema: { tags: ['admin'], summary: 'A hub\'s health hour by hour (pulls, failures, items applied and refused, lag), oldest first', security, params: HubParams, querystring: HistoryQuery, response: { 200: HubHealthHistory, ...hubErrors } },
    preValidation: app.requireAdmin,
  }, async (request) => {
    if ((await services.registry.get(request.params.id)) === undefined) throw new HttpError(404, 'not_found', `no hub ${request.params.id}`, 'id');
    return hubHealthHistory(services.engine.admin.hubOperations, request.params.id, request.query.hours ?? 48, Date.now());
  });

  api.get('/api/v1/admin/audit', {
    schema: { tags: ['admin'], summary: 'What national admins did to the registry, newest first', security, querystring: AuditQuery, response: { 200: Type.Object({ items: Type.Array(AdminAuditEntry) }, { additionalProperties: false }), 400: ErrorBody, 401: ErrorBody } },
    preValidation: app.requireAdmin,
  }, async (request) => ({ items: await audit.list(request.query) }));

  const AdminListItem = Type.Object(
    { id: Type.String(), email: Type.String(), createdAt: Type.String({ format: 'date-time' }), you: Type.Boolean({ description: 'the admin asking' }) },
    { additionalProperties: false },
  );
  const NewAdminBody = Type.Object(
    {
      email: Type.String({ minLength: 3, maxLength: 254 }),
      password: Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, description: 'the initial password, given to the new admin by the one adding them' }),
    },
    { additionalProperties: false },
  );
  const AdminParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
  /** An account refusal in HTTP terms, by its field. */
  const accountError = (error: unknown): unknown => {
    if (!(error instanceof AdminInputError)) return error;
    const status = { invalid: 400, taken: 409, missing: 404, self: 409, last: 409 }[error.reason];
    return new HttpError(status, error.reason === 'invalid' ? 'validation_failed' : error.reason === 'missing' ? 'not_found' : 'conflict', error.message, error.field);
  };
  const listItem = (admin: Admin, me: Admin) => ({ id: admin.id, email: admin.email, createdAt: new Date(admin.createdAt).toISOString(), you: admin.id === me.id });

  api.get('/api/v1/admin/admins', {
    schema: { tags: ['admin'], summary: 'The national admins, oldest first', security, response: { 200: Type.Object({ items: Type.Array(AdminListItem) }, { additionalProperties: false }), 401: ErrorBody } },
    preValidation: app.requireAdmin,
  }, async (request) => ({ items: (await accounts.list()).map((admin) => listItem(admin, adminOf(request))) }));

  api.post('/api/v1/admin/admins', {
    schema: { tags: ['admin'], summary: 'Add a national admin with an initial password (an email already an admin\'s is refused)', security, body: NewAdminBody, response: { 201: AdminListItem, 400: ErrorBody, 401: ErrorBody, 409: ErrorBody } },
    preValidation: app.requireAdmin,
  }, async (request, reply) => {
    const admin = await accounts.add(request.body.email, request.body.password).catch((error: unknown) => {
      throw accountError(error);
    });
    await audit.record(adminOf(request), 'admin.add', { id: admin.id, name: admin.email });
    return reply.status(201).send(listItem(admin, adminOf(request)));
  });

  api.delete('/api/v1/admin/admins/:id', {
    schema: { tags: ['admin'], summary: 'Remove a national admin (never yourself, never the last one); their tokens stop working at once', security, params: AdminParams, response: { 200: AdminListItem, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
    preValidation: app.requireAdmin,
  }, async (request) => {
    const admin = await accounts.remove(request.params.id, adminOf(request)).catch((error: unknown) => {
      throw accountError(error);
    });
    await audit.record(adminOf(request), 'admin.remove', { id: admin.id, name: admin.email });
    return listItem(admin, adminOf(request));
  });

  const duplicates = new DuplicateReview(services.engine);
  api.get('/api/v1/admin/duplicates', {
    schema: { tags: ['admin'], summary: 'Cross-hub duplicates the finder grouped: pending (a copy nobody decided on), confirmed, or split; each group\'s events side by side', security, querystring: DuplicatesQuery, response: { 200: DuplicatesList, 400: ErrorBody, 401: ErrorBody } },
    preValidation: app.requireAdmin,
  }, async (request) => duplicates.list(request.query));

  for (const verdict of ['confirmed', 'split'] as const) {
    const path = verdict === 'confirmed' ? 'confirm' : 'split';
    api.post(`/api/v1/admin/duplicates/${path}`, {
      schema: {
        tags: ['admin'],
        summary: verdict === 'confirmed'
          ? 'Confirm that a copy is the same event as the one it is listed under: it stays listed once and leaves the review list'
          : 'Split a copy from the event it is listed under: it is listed on its own, and the finder never pairs the two again (re-pulls included)',
        security,
        body: VerdictBody,
        response: { 200: VerdictAnswer, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
      preValidation: app.requireAdmin,
    }, async (request) => {
      const { answer, changes } = await duplicates.decide(verdict, request.body, adminOf(request));
      await audit.record(adminOf(request), verdict === 'confirmed' ? 'duplicate.confirm' : 'duplicate.split', { id: `${answer.copy.hub}/${answer.copy.id}`, name: `${answer.copy.hubName} · ${answer.copy.title}` }, `${answer.listed.hubName} · ${answer.listed.title}`);
      // Live streams and every API process learn that the copy is listed again.
      if (changes.length > 0 && services.redis.status === 'ready') await announceChanges(services.redis, changes).catch(() => undefined);
      return answer;
    });
  }

  await registerCampaignAdmin(app, services);
  await registerDashboard(app, { queues: services.queues, redis: services.redis, guard: app.requireAdmin });
}
