import { randomUUID } from 'node:crypto';
import type { AdminRows } from '../db/admin-rows.ts';
import type { AdminRow } from '../db/schema/index.ts';
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
    readonly field: 'email' | 'password' | 'id',
    message: string,
    /** Why, where it is not the input's shape: a taken email, an unknown admin, oneself, the last one. */
    readonly reason: 'invalid' | 'taken' | 'missing' | 'self' | 'last' = 'invalid',
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
  /** `rows`: the engine's (NationalEngine.admin.admins), whichever the store. */
  constructor(private readonly rows: AdminRows) {}

  async get(id: string): Promise<Admin | undefined> {
    const row = await this.rows.byId(id);
    return row === undefined ? undefined : view(row);
  }

  async findByEmail(email: string): Promise<Admin | undefined> {
    const row = await this.rows.byEmail(normaliseEmail(email));
    return row === undefined ? undefined : view(row);
  }

  /** Every admin, oldest first. */
  async list(): Promise<Admin[]> {
    return (await this.rows.list()).map(view);
  }

  /** Creates an admin, or sets a new password when the email is already an admin's. */
  async createOrReset(emailInput: string, password: string, now = Date.now()): Promise<{ admin: Admin; created: boolean }> {
    const email = normaliseEmail(emailInput);
    if (!EMAIL.test(email) || email.length > 254) throw new AdminInputError('email', 'email must be an email address');
    if (password.length < PASSWORD_MIN) throw new AdminInputError('password', `the password must be at least ${PASSWORD_MIN} characters`);
    if (password.length > PASSWORD_MAX) throw new AdminInputError('password', `the password must be at most ${PASSWORD_MAX} characters`);
    const passwordHash = await hashPassword(password);
    const { row, created } = await this.rows.upsert({ id: randomUUID(), email, passwordHash, createdAt: now });
    return { admin: view(row), created };
  }

  /** Adds an admin; refused by field when the email is taken or the input is not acceptable. */
  async add(emailInput: string, password: string, now = Date.now()): Promise<Admin> {
    if ((await this.rows.byEmail(normaliseEmail(emailInput))) !== undefined) throw new AdminInputError('email', 'this email is already a national admin\'s', 'taken');
    const { admin, created } = await this.createOrReset(emailInput, password, now);
    // Two adds of one email at once: the second must not have reset the first one's password silently.
    if (!created) throw new AdminInputError('email', 'this email is already a national admin\'s', 'taken');
    return admin;
  }

  /** Removes an admin: never `by` themselves, never the last one. */
  async remove(id: string, by: Admin): Promise<Admin> {
    const admin = await this.get(id);
    if (admin === undefined) throw new AdminInputError('id', `no admin ${id}`, 'missing');
    if (admin.id === by.id) throw new AdminInputError('id', 'you cannot remove yourself: another admin can', 'self');
    const outcome = await this.rows.remove(id);
    if (outcome === 'missing') throw new AdminInputError('id', `no admin ${id}`, 'missing');
    if (outcome === 'last') throw new AdminInputError('id', 'the last national admin cannot be removed', 'last');
    return admin;
  }

  /** The admin these credentials belong to, or undefined: one outcome for unknown email and wrong password. */
  async check(emailInput: string, password: string): Promise<Admin | undefined> {
    const row = await this.rows.byEmail(normaliseEmail(emailInput));
    if (row === undefined) {
      await burnPasswordCheck(password);
      return undefined;
    }
    return (await verifyPassword(row.passwordHash, password)) ? view(row) : undefined;
  }
}
