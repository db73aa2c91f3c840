import { hash, verify } from '@node-rs/argon2';

/**
 * Password hashing for hub accounts and aggregator admins: OWASP's argon2id baseline,
 * 19 MiB of memory, 2 passes, 1 lane. `algorithm: 2` is the package's Algorithm.Argon2id
 * (a const enum, which isolated modules cannot read). Length rules stay with each server.
 */
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

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

/**
 * Spends the same time as a real check when the account does not exist, so response
 * times do not tell which emails have accounts.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('constellation-dummy-password');
  await verifyPassword(await dummyHash, password);
}
