// Webhook work runs after the delivery is answered (GitHub gives a delivery ten seconds). Jobs of one
// pull request run one after another, so a synchronize never races the review of the push before
// it; different pull requests run side by side. `idle()` lets shutdown and tests wait for the rest.

/** A keyed serial queue. */
export class JobQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();

  /**
   * Run `job` after every earlier job of `key`; its failure goes to `onError`, never to the caller.
   * The job counts as finished once a promise `onError` returns has settled too.
   */
  push(key: string, job: () => Promise<void>, onError: (error: unknown) => void | Promise<void>): void {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(job).catch(onError);
    this.tails.set(key, run);
    this.running.add(run);
    void run.finally(() => {
      this.running.delete(run);
      if (this.tails.get(key) === run) this.tails.delete(key);
    });
  }

  /** Jobs queued or running. */
  get size(): number {
    return this.running.size;
  }

  /** Resolve once every job pushed so far (and any they push) has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
