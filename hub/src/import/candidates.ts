import { EventInput, IMPORT_LIMITS, validate, type Location, type RejectedEvent } from '@constellation/shared';
import { scheduleProblem } from '@constellation/shared/server';
import { PayloadTooLargeError } from '../errors.ts';
import { scheduleOf } from '../services/event-index.ts';

/*
 * What a parser (iCal, OpenAgenda) hands to the import service: events mapped onto the
 * contract and validated, each with the id its source gives it, and the ones refused.
 */

export type ImportKind = 'ical' | 'openagenda' | 'activitypub';

export interface ImportCandidate {
  index: number;
  externalId: string;
  input: EventInput;
}

export interface ParsedImport {
  kind: ImportKind;
  candidates: ImportCandidate[];
  rejected: RejectedEvent[];
}

export interface ParseOptions {
  actorId: string;
  /** The zone of floating and all-day times when the file names none (the hub's region's). */
  defaultTimeZone: string;
  /** Where an event without a location of its own takes place: the actor's own location. */
  fallbackPlace?: Location;
}

/** Thrown inside a parser for one event; becomes that event's rejection, never a crash. */
export class CandidateProblem extends Error {}

/** Refuses a file before any parsing: size is checked on the bytes, not on what parsing makes of them. */
export function assertImportSize(byteLength: number): void {
  if (byteLength > IMPORT_LIMITS.bytes) {
    throw new PayloadTooLargeError(`the file is ${byteLength} bytes; an import takes at most ${IMPORT_LIMITS.bytes} bytes (split it, or import by URL in parts)`);
  }
}

export function assertEventCount(count: number): void {
  if (count > IMPORT_LIMITS.events) throw new PayloadTooLargeError(`the file holds ${count} events; an import takes at most ${IMPORT_LIMITS.events}`);
}

/** Collects candidates and rejections in file order, checking each input against the contract. */
export class CandidateList {
  readonly candidates: ImportCandidate[] = [];
  readonly rejected: RejectedEvent[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly kind: ImportKind) {}

  reject(index: number, reasons: string[], externalId?: string, title?: string): void {
    this.rejected.push({ index, reasons, ...(externalId === undefined ? {} : { externalId }), ...(title === undefined ? {} : { title: title.slice(0, 200) }) });
  }

  /** Maps one event with `build`, validates it, and files it as a candidate or a rejection. */
  add(index: number, externalId: string | undefined, title: string | undefined, build: () => unknown): void {
    if (externalId === undefined || externalId.trim() === '') return this.reject(index, ['has no id (UID or uid): it could not be matched when imported again'], undefined, title);
    if (externalId.length > IMPORT_LIMITS.externalId) return this.reject(index, [`its id is longer than ${IMPORT_LIMITS.externalId} characters`], externalId.slice(0, 100), title);
    if (this.seen.has(externalId)) return this.reject(index, ['its id appears more than once in the file'], externalId, title);
    this.seen.add(externalId);
    let input: unknown;
    try {
      input = build();
    } catch (error) {
      // A hostile file must get a reason back, never a crash: whatever a library throws on
      // one event's values is that event's rejection.
      const reason = error instanceof CandidateProblem ? error.message : `could not be read: ${String((error as Error).message).slice(0, 200)}`;
      return this.reject(index, [reason], externalId, title);
    }
    const checked = validate(EventInput, input);
    if (!checked.ok) return this.reject(index, checked.issues.map((issue) => issue.message), externalId, title);
    // Valid field by field is not enough: a rule's COUNT may run past the date range, and
    // the dry run must refuse what the real import would.
    const problem = scheduleProblem(scheduleOf(checked.value));
    if (problem !== undefined) return this.reject(index, [`${problem.field} ${problem.message}`], externalId, title);
    this.candidates.push({ index, externalId, input: checked.value });
  }

  result(): ParsedImport {
    return { kind: this.kind, candidates: this.candidates, rejected: this.rejected.sort((a, b) => a.index - b.index) };
  }
}
