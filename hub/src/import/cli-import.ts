import { readFileSync, statSync } from 'node:fs';
import type { ImportReport, ImportRequest } from '@constellation/shared';
import { openHubStore } from '../app.ts';
import { createServices } from '../services/hub-services.ts';
import { ConfigError, type HubConfig } from '../config.ts';
import type { Viewer } from '../services/content.ts';
import { assertImportSize } from './candidates.ts';
import { ImportService } from './import-service.ts';
import { openAgendaJson } from './openagenda.ts';
import { runImport } from './run-import.ts';

/*
 * `constellation hub import`: the way in for files larger than the API's body limit.
 * The operator imports on the actor's behalf, so moderation follows the actor's verified
 * flag exactly as it would for one of its contributors.
 */

interface Output {
  out: (line: string) => void;
}

const SOURCES = ['ical-url', 'ical-file', 'openagenda-file'] as const;

/** A file's text, refused unread when over the import cap. */
function readCapped(path: string, option: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new ConfigError(option, `cannot read ${path}`);
  }
  assertImportSize(size);
  return readFileSync(path, 'utf8');
}

function requestFrom(own: Record<string, string | true>): ImportRequest {
  const given = SOURCES.filter((name) => typeof own[name] === 'string');
  if (given.length !== 1) throw new ConfigError('source', `give exactly one of ${SOURCES.map((name) => `--${name}`).join(', ')}`);
  const option = given[0] as (typeof SOURCES)[number];
  const value = own[option] as string;
  switch (option) {
    case 'ical-url':
      return { source: 'ical-url', url: value };
    case 'ical-file':
      return { source: 'ical', text: readCapped(value, option) };
    case 'openagenda-file':
      return { source: 'openagenda', json: openAgendaJson(readCapped(value, option)) };
  }
}

export function formatReport(actorId: string, report: ImportReport): string[] {
  const state = { committed: 'done', 'dry-run': 'dry run: nothing written', refused: 'refused: nothing written' }[report.outcome];
  const { counts } = report;
  const lines = [`import into actor ${actorId} from ${report.source} (${state}): ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.rejected} rejected`];
  for (const [label, items] of [['created', report.created], ['updated', report.updated], ['unchanged', report.unchanged]] as const) {
    for (const item of items) lines.push(`  ${label.padEnd(9)} #${item.index} ${item.externalId} "${item.title}"${item.status === undefined ? '' : ` (${item.status}, v${item.version})`}`);
  }
  for (const item of report.rejected) lines.push(`  rejected  #${item.index} ${item.externalId ?? '(no id)'}${item.title === undefined ? '' : ` "${item.title}"`}: ${item.reasons.join('; ')}`);
  return lines;
}

/** Exit code: 0 when written (or a clean dry run), 1 when refused. */
export async function importFromCli(config: HubConfig, own: Record<string, string | true>, io: Output): Promise<number> {
  const actorId = typeof own.actor === 'string' ? own.actor : undefined;
  if (actorId === undefined) throw new ConfigError('actor', '--actor is required (the id of the actor the events belong to)');
  const request = requestFrom(own);
  const store = openHubStore(config);
  try {
    const imports = new ImportService(store, createServices(store, config).content);
    const viewer: Viewer = { id: actorId, role: 'contributor', actorIds: [actorId] };
    const report = await runImport(imports, config, actorId, viewer, request, { dryRun: own['dry-run'] === true, partial: own.partial === true });
    for (const line of formatReport(actorId, report)) io.out(line);
    return report.outcome === 'refused' ? 1 : 0;
  } finally {
    store.close();
  }
}
