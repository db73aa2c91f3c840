import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { AccountView, ApproveRequest, AuditEntry, AuditPerson, AuditQuery, contentTypes, Email, ErrorBody, Id, ModerationView, Page, RejectRequest, ReportRequest, ReportView, RequiredLine, roles, vocabularySchema } from '@constellation/shared';
import type { AccountService } from '../services/accounts.ts';
import type { ContentListService } from '../services/content-list.ts';
import type { ContentService } from '../services/content.ts';
import type { ReportService } from '../services/reports.ts';
import { NotFoundError } from '../errors.ts';
import { viewerOf } from './content.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const AnyView = ModerationView(Type.Object({}, { additionalProperties: true }));
/** A queued item, with its author's name: moderators judge a submission by who sent it too. */
const QueueItem = Type.Object({ ...AnyView.properties, authorName: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false });
export interface ModerationDeps {
  content: ContentService;
  lists: ContentListService;
  accounts: AccountService;
  reports: ReportService;
}

/** The moderators' console and the operator's user management, plus reporting for everyone. */
export default async function moderationRoutes(app: FastifyInstance, deps: ModerationDeps) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { content, lists, accounts, reports } = deps;
  const moderators = app.requireRole('moderator', 'admin');
  const tags = ['moderation'];
  const security = [{ bearer: [] }];

  api.get('/api/v1/moderation/workload', {
    schema: {
      tags,
      summary: 'How much waits: content pending moderation and open reports',
      security,
      response: { 200: Type.Object({ pending: Type.Integer({ minimum: 0 }), reports: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }), ...errors },
    },
    preHandler: moderators,
  }, async () => reports.workload());

  api.get('/api/v1/moderation/queue', {
    schema: {
      tags,
      summary: 'Content awaiting moderation, newest first; by type, part of the title, actor',
      security,
      querystring: Type.Object(
        {
          type: Type.Optional(vocabularySchema(contentTypes)),
          q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'part of the title' })),
          actor: Type.Optional(Id),
          limit: Type.Optional(Type.Integer({ minimum: 1 })),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Page(QueueItem), ...errors },
    },
    preHandler: moderators,
  }, async (request) => {
    const page = lists.listManaged(viewerOf(request, accounts), { ...request.query, status: 'pending' });
    const names = accounts.displayNames(page.items.flatMap((item) => (item.authorId === null ? [] : [item.authorId])));
    return { ...page, items: page.items.map((item) => ({ ...item, authorName: item.authorId === null ? null : (names.get(item.authorId) ?? null) })) };
  });

  api.post('/api/v1/moderation/approve', {
    schema: { tags, summary: 'Publish content (bulk, all or nothing)', security, body: ApproveRequest, response: { 200: Type.Object({ items: Type.Array(AnyView) }), ...errors } },
    preHandler: moderators,
  }, async (request) => ({ items: content.approve(request.body.ids, viewerOf(request, accounts)) }));

  api.post('/api/v1/moderation/reject', {
    schema: { tags, summary: 'Refuse content with a reason (bulk, all or nothing)', security, body: RejectRequest, response: { 200: Type.Object({ items: Type.Array(AnyView) }), ...errors } },
    preHandler: moderators,
  }, async (request) => ({ items: content.reject(request.body.ids, request.body.reason, viewerOf(request, accounts)) }));

  api.post('/api/v1/actors/:id/verify', {
    schema: {
      tags,
      summary: "Mark an actor verified (its content skips moderation) or not",
      security,
      params: Type.Object({ id: Id }, { additionalProperties: false }),
      body: Type.Object({ verified: Type.Boolean() }, { additionalProperties: false }),
      response: { 200: AnyView, ...errors },
    },
    preHandler: moderators,
  }, async (request) => content.setVerified(request.params.id, request.body.verified, viewerOf(request, accounts)));

  api.post('/api/v1/reports', {
    schema: { tags, summary: 'Report published content to the moderators (anyone)', body: ReportRequest, response: { 201: Type.Object({ id: Id }, { additionalProperties: false }), ...errors } },
    preHandler: app.identify,
    config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
  }, async (request, reply) => reply.status(201).send({ id: reports.report(request.body, request.viewer?.sub).id }));

  api.get('/api/v1/moderation/reports', {
    schema: { tags, summary: 'Open reports, oldest first', security, querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(ReportView) }), ...errors } },
    preHandler: moderators,
  }, async (request) => ({ items: reports.open(request.query.limit) }));

  api.post('/api/v1/moderation/reports/:id/resolve', {
    schema: {
      tags,
      summary: 'Close a report, saying what was done',
      security,
      params: Type.Object({ id: Id }, { additionalProperties: false }),
      body: Type.Object({ resolution: RequiredLine(1_000) }, { additionalProperties: false }),
      response: { 200: ReportView, ...errors },
    },
    preHandler: moderators,
  }, async (request) => reports.resolve(request.params.id, request.body.resolution, viewerOf(request, accounts)));

  api.get('/api/v1/moderation/audit', {
    schema: {
      tags,
      summary: 'What moderators and admins did, newest first',
      security,
      querystring: AuditQuery,
      response: { 200: Page(AuditEntry), ...errors },
    },
    preHandler: moderators,
  }, async (request) => reports.audit(request.query));

  api.get('/api/v1/moderation/audit/people', {
    schema: {
      tags,
      summary: 'Everyone who appears in the audit log (the choices of its person filter)',
      security,
      response: { 200: Type.Array(AuditPerson), ...errors },
    },
    preHandler: moderators,
  }, async () => reports.auditPeople());

  api.put('/api/v1/admin/users/:id/role', {
    schema: {
      tags: ['admin'],
      summary: "Change an account's role",
      security,
      params: Type.Object({ id: Id }, { additionalProperties: false }),
      body: Type.Object({ role: vocabularySchema(roles) }, { additionalProperties: false }),
      response: { 200: AccountView, ...errors },
    },
    preHandler: app.requireRole('admin'),
  }, async (request) => {
    const admin = viewerOf(request, accounts);
    // The change and its audit record commit together, or neither does.
    return app.store.immediate(() => {
      const account = accounts.setRole(request.params.id, request.body.role);
      reports.recordAction(admin, 'set-role', 'user', account.id, { role: account.role });
      return account;
    });
  });

  api.post('/api/v1/admin/actors/:id/members', {
    schema: {
      tags: ['admin'],
      summary: 'Let an account act for an actor (it becomes a contributor if it was a member)',
      security,
      params: Type.Object({ id: Id }, { additionalProperties: false }),
      body: Type.Object({ email: Email }, { additionalProperties: false }),
      response: { 200: AccountView, ...errors },
    },
    preHandler: moderators,
  }, async (request) => {
    const moderator = viewerOf(request, accounts);
    content.view('actor', request.params.id, moderator);
    const account = accounts.findByEmail(request.body.email);
    if (account === undefined) throw new NotFoundError('account', 'email');
    return app.store.immediate(() => {
      accounts.addActorMember(account.id, request.params.id);
      if (account.role === 'member') accounts.setRole(account.id, 'contributor');
      reports.recordAction(moderator, 'add-actor-member', 'actor', request.params.id, { userId: account.id });
      return accounts.account(account.id);
    });
  });
}
