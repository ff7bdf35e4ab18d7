/** Per-person token buckets: a burst, then a steady rate. */
export interface RateLimit {
  burst: number;
  perMinute: number;
}

/** What {@link RateLimiter.take} decided. */
export interface RateDecision {
  allowed: boolean;
  /** Past the limit, whether this is the first refusal since the person's allowance was last full (they are told once). */
  firstRefusal: boolean;
  /** Seconds until a token is back. */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
  told: boolean;
}

/** Buckets are forgotten once full again, so memory follows the people active in the last few minutes. */
const SWEEP_EVERY = 1000;

/**
 * A token bucket per person (keyed on aadObjectId or Teams id), so one flooding client is refused
 * cheaply before any work is done and cannot slow anyone else down.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private calls = 0;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  take(person: string): RateDecision {
    const now = this.now();
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(now);
    const bucket = this.refilled(person, now);
    this.buckets.set(person, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, firstRefusal: false, retryAfterSeconds: 0 };
    }
    const firstRefusal = !bucket.told;
    bucket.told = true;
    return { allowed: false, firstRefusal, retryAfterSeconds: this.retryAfter(bucket) };
  }

  /**
   * Seconds until the person may send again, or 0 when the turn should decide; consumes nothing.
   * The server asks this before any work, so a flood past the limit costs almost nothing.
   */
  waitFor(person: string): number {
    if (!this.buckets.has(person)) return 0;
    const bucket = this.refilled(person, this.now());
    // The first refusal goes through to the turn, which tells the person to slow down.
    return bucket.tokens >= 1 || !bucket.told ? 0 : this.retryAfter(bucket);
  }

  /** The bucket with the tokens earned since it was last used; a full bucket means they calmed down, so the next refusal is told again. */
  private refilled(person: string, now: number): Bucket {
    const bucket = this.buckets.get(person) ?? { tokens: this.limit.burst, at: now, told: false };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
    bucket.at = now;
    if (bucket.tokens >= this.limit.burst) bucket.told = false;
    return bucket;
  }

  private retryAfter(bucket: Bucket): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }

  private get perMs(): number {
    return this.limit.perMinute / 60_000;
  }

  private sweep(now: number): void {
    for (const [person, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.limit.burst) this.buckets.delete(person);
    }
  }
}
