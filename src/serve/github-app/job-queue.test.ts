import { describe, expect, it } from 'vitest';
import { JobQueue } from './job-queue.js';

const tick = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('job queue', () => {
  it('runs jobs of one key in order and other keys alongside, and reports failures', async () => {
    const queue = new JobQueue();
    const log: string[] = [];
    const errors: unknown[] = [];
    queue.push(
      'a',
      async () => {
        await tick(20);
        log.push('a1');
      },
      (error) => {
        errors.push(error);
      },
    );
    queue.push(
      'a',
      async () => {
        log.push('a2');
        throw new Error('boom');
      },
      (error) => {
        errors.push(error);
      },
    );
    queue.push(
      'a',
      async () => {
        log.push('a3');
      },
      (error) => {
        errors.push(error);
      },
    );
    queue.push(
      'b',
      async () => {
        log.push('b1');
      },
      (error) => {
        errors.push(error);
      },
    );
    expect(queue.size).toBe(4);
    await queue.idle();
    expect(log).toEqual(['b1', 'a1', 'a2', 'a3']);
    expect(errors).toHaveLength(1);
    expect(queue.size).toBe(0);
  });

  it('counts a failed job as running until the promise its error handler returns settles', async () => {
    const queue = new JobQueue();
    let released = false;
    queue.push(
      'a',
      async () => {
        throw new Error('boom');
      },
      async () => {
        await tick(20);
        released = true;
      },
    );
    await queue.idle();
    expect(released).toBe(true);
  });
});
