import { hash, verify } from '@node-rs/argon2';

/**
 * OWASP's argon2id baseline, as on the hubs: 19 MiB of memory, 2 passes, 1 lane.
 * `algorithm: 2` is the package's Algorithm.Argon2id (a const enum, which isolated
 * modules cannot read).
 */
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1_024;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends a real check's time for an unknown email, so timing does not tell which emails are admins. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('constellation-dummy-password');
  await verifyPassword(await dummyHash, password);
}
