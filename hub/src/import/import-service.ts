import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { ActorInput, EventInput, ImportedEvent, ImportReport, ImportSource, Location, RejectedEvent } from '@constellation/shared';
import type { HubDb, HubTx, Store } from '../db/client.ts';
import { content, eventSources } from '../db/schema/index.ts';
import { ForbiddenError, HttpError, NotFoundError } from '../errors.ts';
import type { ContentService, ContentView, Viewer } from '../services/content.ts';
import { isModerator } from '../services/content-access.ts';
import type { ImportCandidate, ImportKind, ParsedImport } from './candidates.ts';

type Reader = Pick<HubDb, 'select'> | Pick<HubTx, 'select'>;

export interface ImportOptions {
  dryRun: boolean;
  /** Write the events that pass and list the refused ones, instead of all or nothing. */
  partial?: boolean;
  /** How the file arrived, for the report. */
  source: ImportSource;
  /** The URL fetched, remembered with each event's source. */
  sourceUrl?: string;
}

/** What one candidate will do: its event's current row when it was imported before. */
interface Plan {
  candidate: ImportCandidate;
  hash: string;
  action: 'create' | 'update' | 'unchanged';
  existing?: { id: string; status: ContentView['status']; version: number };
}

/** A candidate the store refused half-way: aborts the transaction, then becomes the report's rejection. */
class CandidateFailed extends Error {
  constructor(
    readonly candidate: ImportCandidate,
    readonly failure: HttpError,
  ) {
    super(failure.message);
  }
}

/** JSON with keys sorted at every level, so the hash does not depend on the order a parser wrote them in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(input: EventInput): string {
  return createHash('sha256').update(canonical(input)).digest('hex');
}

/**
 * Imports an actor's events from another agenda, all or nothing: one immediate
 * transaction around every create and update (ContentService's own transactions nest
 * inside it as savepoints), so a failure half-way leaves the hub as it was.
 */
export class ImportService {
  constructor(
    private readonly store: Store,
    private readonly content: ContentService,
  ) {}

  /**
   * Checks that `viewer` may import for the actor, before anything is fetched or parsed
   * on their behalf; returns the actor's location, where events without one take place.
   */
  prepare(actorId: string, viewer: Viewer): { fallbackPlace?: Location } {
    if (!isModerator(viewer) && !(viewer.role === 'contributor' && viewer.actorIds.includes(actorId))) {
      throw new ForbiddenError('you can only import events for the actors you act for');
    }
    const actor = this.store.db.select({ data: content.data }).from(content).where(and(eq(content.id, actorId), eq(content.type, 'actor'))).get();
    if (actor === undefined) throw new NotFoundError('actor', 'id');
    const location = (actor.data as ActorInput).location;
    return location === undefined ? {} : { fallbackPlace: location };
  }

  /**
   * Creates new events (submitted: pending, or published for a verified actor), updates
   * those imported before whose source changed, and leaves the rest. Any rejection, from
   * the parser or from the store, means nothing is written.
   */
  importEvents(actorId: string, parsed: ParsedImport, viewer: Viewer, options: ImportOptions): ImportReport {
    this.prepare(actorId, viewer);
    if (options.partial === true) return this.importPartially(actorId, parsed, viewer, options);
    if (parsed.rejected.length > 0 || options.dryRun) {
      return report(options.source, parsed.rejected.length > 0 ? 'refused' : 'dry-run', this.plan(this.store.db, actorId, parsed), parsed.rejected);
    }
    try {
      const done = this.store.immediate((tx) => this.plan(tx, actorId, parsed).map((plan) => this.apply(tx, actorId, parsed.kind, plan, viewer, options.sourceUrl)));
      return report(options.source, 'committed', done, []);
    } catch (error) {
      if (!(error instanceof CandidateFailed)) throw error;
      const { candidate } = error;
      const rejected: RejectedEvent = { index: candidate.index, externalId: candidate.externalId, title: candidate.input.title, reasons: [error.failure.message] };
      return report(options.source, 'refused', this.plan(this.store.db, actorId, parsed), [rejected]);
    }
  }

  /**
   * Partial mode: each event in its own savepoint inside one transaction, so a refused
   * event is listed and the others are written (or, in a dry run, would be).
   */
  private importPartially(actorId: string, parsed: ParsedImport, viewer: Viewer, options: ImportOptions): ImportReport {
    const rejected = [...parsed.rejected];
    if (options.dryRun) return report(options.source, 'dry-run', this.plan(this.store.db, actorId, parsed), rejected);
    const done = this.store.immediate((tx) =>
      this.plan(tx, actorId, parsed).flatMap((plan) => {
        try {
          return [this.store.immediate((savepoint) => this.apply(savepoint, actorId, parsed.kind, plan, viewer, options.sourceUrl))];
        } catch (error) {
          if (!(error instanceof CandidateFailed)) throw error;
          rejected.push({ index: plan.candidate.index, externalId: plan.candidate.externalId, title: plan.candidate.input.title, reasons: [error.failure.message] });
          return [];
        }
      }),
    );
    return report(options.source, 'committed', done, rejected.sort((a, b) => a.index - b.index));
  }

  /**
   * Applies candidates that arrived on their own rather than in a file (an ActivityPub
   * source's Create or Update): the same matching by external id and the same moderation
   * as a file import, without a report. Throws the store's refusal of a candidate.
   */
  importParsed(actorId: string, parsed: ParsedImport, viewer: Viewer, sourceUrl?: string): { externalId: string; action: Plan['action']; id: string | undefined }[] {
    this.prepare(actorId, viewer);
    try {
      const done = this.store.immediate((tx) => this.plan(tx, actorId, parsed).map((plan) => this.apply(tx, actorId, parsed.kind, plan, viewer, sourceUrl)));
      return done.map((plan) => ({ externalId: plan.candidate.externalId, action: plan.action, id: plan.existing?.id }));
    } catch (error) {
      if (error instanceof CandidateFailed) throw error.failure;
      throw error;
    }
  }

  private plan(reader: Reader, actorId: string, parsed: ParsedImport): Plan[] {
    return parsed.candidates.map((candidate) => {
      const hash = contentHash(candidate.input);
      const existing = reader
        .select({ id: content.id, status: content.status, version: content.version, hash: eventSources.contentHash })
        .from(eventSources)
        .innerJoin(content, eq(content.id, eventSources.eventId))
        .where(and(eq(eventSources.actorId, actorId), eq(eventSources.kind, parsed.kind), eq(eventSources.externalId, candidate.externalId)))
        .get();
      if (existing === undefined) return { candidate, hash, action: 'create' };
      return { candidate, hash, action: existing.hash === hash ? 'unchanged' : 'update', existing };
    });
  }

  private apply(tx: HubTx, actorId: string, kind: ImportKind, plan: Plan, viewer: Viewer, sourceUrl: string | undefined): Plan {
    if (plan.action === 'unchanged') return plan;
    const { candidate, hash } = plan;
    const importedAt = new Date().toISOString();
    let view: ContentView;
    try {
      // Moderation follows the actor, not who runs the import (the README's rule).
      view = plan.existing === undefined ? this.content.create('event', candidate.input, viewer, { submit: true, actorTrust: true }) : this.content.update('event', plan.existing.id, candidate.input, viewer, { actorTrust: true });
    } catch (error) {
      if (error instanceof HttpError) throw new CandidateFailed(candidate, error);
      throw error;
    }
    const row = { contentHash: hash, importedVersion: view.version, sourceUrl: sourceUrl ?? null, importedAt };
    if (plan.existing === undefined) {
      tx.insert(eventSources).values({ eventId: view.id, actorId, kind, externalId: candidate.externalId, ...row }).run();
    } else {
      tx.update(eventSources).set(row).where(eq(eventSources.eventId, view.id)).run();
    }
    return { ...plan, existing: { id: view.id, status: view.status, version: view.version } };
  }
}

function report(source: ImportSource, outcome: ImportReport['outcome'], plans: Plan[], rejected: RejectedEvent[]): ImportReport {
  const item = (plan: Plan): ImportedEvent => ({
    index: plan.candidate.index,
    externalId: plan.candidate.externalId,
    title: plan.candidate.input.title,
    ...(plan.existing === undefined ? {} : { id: plan.existing.id, status: plan.existing.status, version: plan.existing.version }),
  });
  const of = (action: Plan['action']) => plans.filter((plan) => plan.action === action).map(item);
  const created = of('create');
  const updated = of('update');
  const unchanged = of('unchanged');
  return {
    source,
    outcome,
    counts: { created: created.length, updated: updated.length, unchanged: unchanged.length, rejected: rejected.length },
    created,
    updated,
    unchanged,
    rejected,
  };
}
