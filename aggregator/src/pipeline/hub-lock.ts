import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { RedisConnection } from '../redis/connect.ts';

/*
 * At most one pull per hub at a time, across every worker process: a Redis lock per hub
 * (SET NX PX with a random token, renewed while the pull runs) and a "pull again" flag.
 * A job that finds the hub locked raises the flag and ends; the holder pulls again while
 * the flag was raised. Both steps are Lua scripts, so raising the flag and releasing the
 * lock cannot interleave: a request that arrives while a pull runs is always served,
 * either by that pull's next round or by the requester itself taking the lock.
 *
 * A hub's two keys are `<prefix>:{<hub id>}:lock` and `<prefix>:{<hub id>}:again`: the braces
 * are a Redis Cluster hash tag, so both land in the hub's slot and the scripts (which
 * touch both) run on a cluster; different hubs spread over the cluster's nodes.
 */

/** Takes the lock (clearing a stale flag: the pull about to start covers it) or raises the flag. */
const ACQUIRE_OR_FLAG = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  redis.call('DEL', KEYS[2])
  return 1
end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
return 0`;

/**
 * The holder's end of a round: if the flag was raised, clears it and keeps the lock
 * (returns 2: pull again); otherwise releases the lock (1). 0 when the lock is no
 * longer ours (it expired and someone else took it).
 */
const RELEASE_UNLESS_FLAGGED = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('DEL', KEYS[2]) == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 2
end
redis.call('DEL', KEYS[1])
return 1`;

/**
 * Releases the lock outside a normal round end (a failed pull, one handed to the other
 * lane) and takes the flag with it: 2 when a request was waiting (the caller queues it, or
 * it would be lost with the failed pull), 1 when none was, 0 when the lock was not ours.
 */
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
if redis.call('DEL', KEYS[2]) == 1 then return 2 end
return 1`;

/** Raises the flag only while the hub is being pulled (a request the holder will serve). */
const FLAG_IF_LOCKED = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
  return 1
end
return 0`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

interface LockCommands {
  hubLockAcquire(lock: string, flag: string, token: string, ttlMs: number, flagTtlMs: number): Promise<number>;
  hubLockRound(lock: string, flag: string, token: string, ttlMs: number): Promise<number>;
  hubLockRelease(lock: string, flag: string, token: string): Promise<number>;
  hubLockRenew(lock: string, token: string, ttlMs: number): Promise<number>;
  hubLockFlagIfLocked(lock: string, flag: string, flagTtlMs: number): Promise<number>;
}

export interface HubLockOptions {
  /**
   * How long a lock outlives a holder that stopped renewing it (a killed worker): 10 s
   * by default (the `pullLockTtlMs` setting), renewed every quarter of it. Kept near
   * BullMQ's job lock (10 s, renewed every 5 s: workers.ts), so a killed worker's stalled
   * job, handed on 5-15 s after the kill, mostly finds the hub free and resumes the pull;
   * when it comes too early it only raises the flag, and the hub's next poll resumes it.
   */
  ttlMs?: number;
  /** Prefix of the keys, next to BullMQ's own. */
  prefix?: string;
}

/** A held lock on one hub; `round()` ends a pull and says whether to pull again. */
export interface HeldHubLock {
  readonly hubId: string;
  /** True once renewal found the lock gone (expired, taken): the holder should stop soon. */
  readonly lost: boolean;
  /** Ends a round: true = someone asked for a pull meanwhile, the lock is kept, pull again. */
  round(): Promise<boolean>;
  /**
   * Releases the lock (if a round did not already) and stops renewing it; true when a
   * pull was asked for meanwhile, which the caller must queue since no round serves it.
   */
  release(): Promise<boolean>;
}

const HOLDER = `${hostname()}:${process.pid}`;

export class HubLocks {
  private readonly ttlMs: number;
  private readonly prefix: string;
  private readonly commands: RedisConnection & LockCommands;

  constructor(redis: RedisConnection, options: HubLockOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10_000;
    // No braces in the prefix: the first {...} of a key is its hash tag, and that must be the hub's.
    this.prefix = (options.prefix ?? 'constellation:pull').replace(/[{}]/g, '');
    const commands = redis as RedisConnection & LockCommands;
    // defineCommand is idempotent per name; ioredis sends EVALSHA and falls back to EVAL.
    if (typeof commands.hubLockAcquire !== 'function') {
      redis.defineCommand('hubLockAcquire', { numberOfKeys: 2, lua: ACQUIRE_OR_FLAG });
      redis.defineCommand('hubLockRound', { numberOfKeys: 2, lua: RELEASE_UNLESS_FLAGGED });
      redis.defineCommand('hubLockRelease', { numberOfKeys: 2, lua: RELEASE });
      redis.defineCommand('hubLockRenew', { numberOfKeys: 1, lua: RENEW });
      redis.defineCommand('hubLockFlagIfLocked', { numberOfKeys: 2, lua: FLAG_IF_LOCKED });
    }
    this.commands = commands;
  }

  lockKey(hubId: string): string {
    return `${this.prefix}:{${hubId}}:lock`;
  }

  flagKey(hubId: string): string {
    return `${this.prefix}:{${hubId}}:again`;
  }

  /**
   * Takes the hub's lock, or, when another pull holds it, raises that pull's "pull
   * again" flag and resolves to undefined: the request is then the holder's to serve.
   */
  async acquire(hubId: string): Promise<HeldHubLock | undefined> {
    // Who holds it, readable in Redis (GET <prefix>:{hub}:lock) by an operator or a test:
    // host and process, then a random part that makes each holding unique.
    const token = `${HOLDER}:${randomBytes(12).toString('base64url')}`;
    const lock = this.lockKey(hubId);
    const flag = this.flagKey(hubId);
    // The flag outlives a dead holder's lock a little, so the next pull still sees it.
    const taken = await this.commands.hubLockAcquire(lock, flag, token, this.ttlMs, this.ttlMs * 2);
    if (taken !== 1) return undefined;

    let lost = false;
    let released = false;
    // Renewal failures (Redis briefly away) are not fatal: the lock simply may expire.
    const renewal = setInterval(() => {
      this.commands.hubLockRenew(lock, token, this.ttlMs).then(
        (renewed) => {
          if (renewed !== 1 && !released) lost = true;
        },
        () => undefined,
      );
    }, Math.max(100, Math.floor(this.ttlMs / 4)));
    renewal.unref();
    const stop = () => {
      released = true;
      clearInterval(renewal);
    };

    return {
      hubId,
      get lost() {
        return lost;
      },
      round: async () => {
        if (released) return false;
        const outcome = await this.commands.hubLockRound(lock, flag, token, this.ttlMs).catch((error: unknown) => {
          stop();
          throw error;
        });
        if (outcome === 2) return true;
        stop();
        return false;
      },
      release: async () => {
        if (released) return false;
        stop();
        return (await this.commands.hubLockRelease(lock, flag, token).catch(() => 0)) === 2;
      },
    };
  }

  /**
   * When a pull of the hub is running, asks it to go once more and resolves to true: the
   * request is served without a job, and sooner (no job to finish and pick up first).
   */
  async flagIfLocked(hubId: string): Promise<boolean> {
    return (await this.commands.hubLockFlagIfLocked(this.lockKey(hubId), this.flagKey(hubId), this.ttlMs * 2)) === 1;
  }

  /** Whether some process holds the hub's lock now (tests and the dashboard). */
  async isLocked(hubId: string): Promise<boolean> {
    return (await this.commands.exists(this.lockKey(hubId))) === 1;
  }
}
