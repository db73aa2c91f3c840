import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import type { HomePagePublic, HomePageView, HubSettingsView } from '@constellation/shared';
import { startTestHub, type TestHub } from './support.ts';

/*
 * The settings' old "featured dossier" became the first item of the home page's
 * arrangement (migration 0021). A hub's real SQLite file, as it was under 0020 with a
 * featured dossier chosen, is opened by the new hub: its home page still features the
 * dossier, now in the arrangement the operator edits, and the old column is gone.
 */

const MIGRATIONS = fileURLToPath(new URL('../../hub/drizzle', import.meta.url));
const LAST_BEFORE = '0020_partners';

interface Journal {
  entries: { tag: string }[];
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A data dir whose hub.sqlite has every migration up to `LAST_BEFORE` applied, and no later one. */
function dataDirAsOf(): { dataDir: string; sqlite: Database.Database } {
  const folder = mkdtempSync(join(tmpdir(), 'constellation-migrations-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'constellation-hub-'));
  cleanup.push(() => rmSync(folder, { recursive: true, force: true }), () => rmSync(dataDir, { recursive: true, force: true }));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as Journal;
  const last = journal.entries.findIndex((entry) => entry.tag === LAST_BEFORE);
  expect(last).toBeGreaterThan(0);
  const entries = journal.entries.slice(0, last + 1);
  mkdirSync(join(folder, 'meta'));
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const entry of entries) copyFileSync(join(MIGRATIONS, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  const sqlite = new Database(join(dataDir, 'hub.sqlite'));
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  return { dataDir, sqlite };
}

const DOSSIER = '0190a1b2-0000-7000-8000-0000000d0551';
const ADMIN = '0190a1b2-0000-7000-8000-0000000ad111';

function insertDossier(sqlite: Database.Database, id: string, title: string): void {
  const at = '2026-11-02T09:00:00.000Z';
  const data = { title, summary: 'Un dossier', body: 'Texte' };
  sqlite
    .prepare('INSERT INTO content (id, type, slug, status, title, data, public_json, created_at, updated_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, 'dossier', `dossier-${id.slice(-4)}`, 'published', title, JSON.stringify(data), JSON.stringify({ id, type: 'dossier', ...data }), at, at, at);
}

function saveOldSettings(sqlite: Database.Database, featured: string): void {
  sqlite
    .prepare("INSERT INTO hub_settings (id, name, tagline, featured_dossier_id, updated_at, updated_by) VALUES (1, 'Echosciences Val de Loire', 'La science près de chez vous', ?, '2026-11-03T10:00:00.000Z', ?)")
    .run(featured, ADMIN);
}

async function openHub(dataDir: string): Promise<TestHub> {
  const hub = await startTestHub({ HUB_DATA_DIR: dataDir });
  cleanup.push(() => hub.close());
  return hub;
}

describe('migration 0021: the featured dossier moves into the home page arrangement', () => {
  it('a featured dossier chosen in the settings is the home page’s first feature, and the old column is gone', async () => {
    const { dataDir, sqlite } = dataDirAsOf();
    insertDossier(sqlite, DOSSIER, 'Biodiversité : agir près de chez soi');
    saveOldSettings(sqlite, DOSSIER);
    sqlite.close();

    const hub = await openHub(dataDir);
    const admin = (await hub.user('admin')).token;
    const arranged = await hub.request<HomePageView>({ method: 'GET', url: '/api/v1/admin/home', token: admin });
    expect(arranged.status).toBe(200);
    expect(arranged.body).toEqual({ features: [{ type: 'dossier', id: DOSSIER }], updatedAt: '2026-11-03T10:00:00.000Z' });
    const shown = await hub.request<HomePagePublic>({ method: 'GET', url: '/api/v1/home' });
    expect(shown.body.features.map((feature) => [feature.type, feature.item['title']])).toEqual([['dossier', 'Biodiversité : agir près de chez soi']]);

    // The other settings are kept; the old one is no longer part of them.
    const settings = await hub.request<HubSettingsView>({ method: 'GET', url: '/api/v1/admin/settings', token: admin });
    expect(settings.body).toMatchObject({ name: 'Echosciences Val de Loire', tagline: 'La science près de chez vous' });
    expect(settings.body).not.toHaveProperty('featuredDossierId');
    const columns = (hub.app.store.sqlite.prepare('PRAGMA table_info(hub_settings)').all() as { name: string }[]).map((column) => column.name);
    expect(columns).toContain('partners');
    expect(columns).not.toContain('featured_dossier_id');
  });

  it('a home page the operator already arranged is kept as it was', async () => {
    const { dataDir, sqlite } = dataDirAsOf();
    const other = '0190a1b2-0000-7000-8000-0000000d0552';
    insertDossier(sqlite, DOSSIER, 'Biodiversité');
    insertDossier(sqlite, other, 'Fête de la science');
    saveOldSettings(sqlite, DOSSIER);
    sqlite
      .prepare("INSERT INTO home_page (id, banner, features, updated_at, updated_by) VALUES (1, 'Bienvenue', ?, '2026-11-04T08:00:00.000Z', ?)")
      .run(JSON.stringify([{ type: 'dossier', id: other }]), ADMIN);
    sqlite.close();

    const hub = await openHub(dataDir);
    const admin = (await hub.user('admin')).token;
    const arranged = await hub.request<HomePageView>({ method: 'GET', url: '/api/v1/admin/home', token: admin });
    expect(arranged.body).toEqual({ banner: 'Bienvenue', features: [{ type: 'dossier', id: other }], updatedAt: '2026-11-04T08:00:00.000Z' });
  });

  it('a featured dossier deleted since is not carried over: the home page stays never arranged', async () => {
    const { dataDir, sqlite } = dataDirAsOf();
    saveOldSettings(sqlite, DOSSIER);
    sqlite.close();

    const hub = await openHub(dataDir);
    const admin = (await hub.user('admin')).token;
    const arranged = await hub.request<HomePageView>({ method: 'GET', url: '/api/v1/admin/home', token: admin });
    expect(arranged.body).toEqual({ features: [], updatedAt: null });
  });
});
