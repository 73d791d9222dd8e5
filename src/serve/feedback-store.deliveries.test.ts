import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbackStore } from './feedback-store.js';

describe('webhook delivery ids', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('claims an id once, also across a reopen of the database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infralm-deliveries-'));
    dirs.push(dir);
    const path = join(dir, 'feedback.duckdb');
    let store = await FeedbackStore.open(path);
    expect(await store.claimDelivery('a1', 'pull_request')).toBe(true);
    expect(await store.claimDelivery('a1', 'pull_request')).toBe(false);
    expect(await store.claimDelivery('b2', 'pull_request')).toBe(true);
    store.close();
    store = await FeedbackStore.open(path);
    expect(await store.claimDelivery('a1', 'pull_request')).toBe(false);
    expect(await store.claimDelivery('c3', 'pull_request_review_comment')).toBe(true);
    store.close();
  });
});
