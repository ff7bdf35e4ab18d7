import type { Logger } from '../../logger.js';

/**
 * Work a turn starts but need not finish before Teams gets its answer: notifying other people and
 * updating their cards after a decision. Teams waits for an Action.Execute's response and retries
 * the click if it takes too long, so that work runs after the turn, on its own. A failure is
 * logged, never shown to the person who clicked; `idle()` lets a graceful stop (and tests) wait.
 */
export class FollowUpWork {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Starts the task now without waiting for it. */
  start(what: string, task: () => Promise<unknown>): void {
    const running: Promise<void> = Promise.resolve()
      .then(task)
      .then(
        () => undefined,
        (err: unknown) => this.logger.error({ err, what }, 'follow-up work failed'),
      )
      .finally(() => this.pending.delete(running));
    this.pending.add(running);
  }

  /** Resolves once every task started so far, and any they started, has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
