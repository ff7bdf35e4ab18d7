/** Per-person token buckets: a burst, then a steady rate. */
export interface RateLimit {
  burst: number;
  perMinute: number;
}

/** What {@link RateLimiter.take} decided. */
export interface RateDecision {
  allowed: boolean;
  /** Past the limit, whether this is the first refusal since the person was last allowed (they are told once). */
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
    const perMs = this.limit.perMinute / 60_000;
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(now, perMs);
    const bucket = this.buckets.get(person) ?? { tokens: this.limit.burst, at: now, told: false };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(person, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.told = false;
      return { allowed: true, firstRefusal: false, retryAfterSeconds: 0 };
    }
    const firstRefusal = !bucket.told;
    bucket.told = true;
    return { allowed: false, firstRefusal, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
  }

  private sweep(now: number, perMs: number): void {
    for (const [person, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * perMs >= this.limit.burst) this.buckets.delete(person);
    }
  }
}
