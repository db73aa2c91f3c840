import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { NationalStore } from '../db/client.ts';
import { admins, type AdminRow } from '../db/schema/index.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from '@constellation/shared/server';
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.ts';

/** An admin as the API shows it: never the hash. */
export interface Admin {
  id: string;
  email: string;
  createdAt: number;
}

export class AdminInputError extends Error {
  constructor(
    readonly field: 'email' | 'password',
    message: string,
  ) {
    super(message);
    this.name = 'AdminInputError';
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Emails compare case-insensitively: stored trimmed and lower-case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function view(row: AdminRow): Admin {
  return { id: row.id, email: row.email, createdAt: row.createdAt };
}

/** The aggregator's operators: they log in to the admin API and the queue dashboard. */
export class AdminAccounts {
  constructor(private readonly store: NationalStore) {}

  get(id: string): Admin | undefined {
    const row = this.store.db.select().from(admins).where(eq(admins.id, id)).get();
    return row === undefined ? undefined : view(row);
  }

  findByEmail(email: string): Admin | undefined {
    const row = this.store.db.select().from(admins).where(eq(admins.email, normaliseEmail(email))).get();
    return row === undefined ? undefined : view(row);
  }

  /** Creates an admin, or sets a new password when the email is already an admin's. */
  async createOrReset(emailInput: string, password: string, now = Date.now()): Promise<{ admin: Admin; created: boolean }> {
    const email = normaliseEmail(emailInput);
    if (!EMAIL.test(email) || email.length > 254) throw new AdminInputError('email', 'email must be an email address');
    if (password.length < PASSWORD_MIN) throw new AdminInputError('password', `the password must be at least ${PASSWORD_MIN} characters`);
    if (password.length > PASSWORD_MAX) throw new AdminInputError('password', `the password must be at most ${PASSWORD_MAX} characters`);
    const passwordHash = await hashPassword(password);
    return this.store.immediate(() => {
      const existing = this.store.db.select().from(admins).where(eq(admins.email, email)).get();
      if (existing !== undefined) {
        const row = this.store.db.update(admins).set({ passwordHash }).where(eq(admins.id, existing.id)).returning().get();
        return { admin: view(row ?? existing), created: false };
      }
      const row = this.store.db.insert(admins).values({ id: randomUUID(), email, passwordHash, createdAt: now }).returning().get();
      return { admin: view(row), created: true };
    });
  }

  /** The admin these credentials belong to, or undefined: one outcome for unknown email and wrong password. */
  async check(emailInput: string, password: string): Promise<Admin | undefined> {
    const row = this.store.db.select().from(admins).where(eq(admins.email, normaliseEmail(emailInput))).get();
    if (row === undefined) {
      await burnPasswordCheck(password);
      return undefined;
    }
    return (await verifyPassword(row.passwordHash, password)) ? view(row) : undefined;
  }
}
