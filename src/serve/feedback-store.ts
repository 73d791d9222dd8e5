import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

// User feedback on predictions, kept durably in an embedded DuckDB file. Every statement that carries
// user text is parameterised.

export const CASE_TYPES = ['accepted', 'modified', 'rewritten'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** What a client sends. `feedback` is the user's corrected answer (modified, rewritten) or a note (accepted). */
export interface FeedbackInput {
  task: string;
  prompt: string;
  model_output: string;
  feedback: string;
  case_type: CaseType;
  model?: string;
}

/** A stored record. */
export interface FeedbackRecord extends FeedbackInput {
  id: string;
  created_at: string;
  model: string;
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS feedback (
  id VARCHAR PRIMARY KEY,
  task VARCHAR NOT NULL,
  created_at VARCHAR NOT NULL,
  prompt VARCHAR NOT NULL,
  model_output VARCHAR NOT NULL,
  feedback VARCHAR NOT NULL,
  case_type VARCHAR NOT NULL,
  model VARCHAR NOT NULL
)`;

// GitHub redelivers a webhook (by hand or after a timeout) with the same X-GitHub-Delivery id; the
// ids seen are kept with the feedback so a restart does not review a pull request twice.
const CREATE_DELIVERIES = `CREATE TABLE IF NOT EXISTS github_deliveries (
  id VARCHAR PRIMARY KEY,
  event VARCHAR NOT NULL,
  received_at VARCHAR NOT NULL
)`;

/** The feedback database of a server or of `infralm feedback export`. */
export class FeedbackStore {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Open (creating when needed) the database file. */
  static async open(path: string): Promise<FeedbackStore> {
    mkdirSync(dirname(path), { recursive: true });
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run(CREATE_TABLE);
    await connection.run(CREATE_DELIVERIES);
    return new FeedbackStore(instance, connection);
  }

  /** Store one record; returns it with its id and time. */
  async add(input: FeedbackInput, now: Date = new Date()): Promise<FeedbackRecord> {
    const record: FeedbackRecord = {
      id: randomUUID(),
      created_at: now.toISOString(),
      task: input.task,
      prompt: input.prompt,
      model_output: input.model_output,
      feedback: input.feedback,
      case_type: input.case_type,
      model: input.model ?? '',
    };
    await this.connection.run(
      'INSERT INTO feedback (id, task, created_at, prompt, model_output, feedback, case_type, model) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [
        record.id,
        record.task,
        record.created_at,
        record.prompt,
        record.model_output,
        record.feedback,
        record.case_type,
        record.model,
      ],
    );
    return record;
  }

  /** Record a webhook delivery id; false when it was seen before. */
  async claimDelivery(id: string, event: string, now: Date = new Date()): Promise<boolean> {
    const reader = await this.connection.runAndReadAll(
      'INSERT INTO github_deliveries (id, event, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id',
      [id, event, now.toISOString()],
    );
    return reader.getRows().length === 1;
  }

  /** Forget a delivery id (its job failed, so a redelivery should run it again). */
  async releaseDelivery(id: string): Promise<void> {
    await this.connection.run('DELETE FROM github_deliveries WHERE id = $1', [id]);
  }

  /** Number of records per case type. */
  async counts(): Promise<Record<string, number>> {
    const reader = await this.connection.runAndReadAll(
      'SELECT case_type, count(*)::INTEGER AS n FROM feedback GROUP BY case_type',
    );
    return Object.fromEntries(
      reader.getRowObjectsJson().map((row) => [String(row.case_type), Number(row.n)]),
    );
  }

  /** Every record, oldest first, read in pages so a large table is never held at once. */
  async *records(pageSize = 1000): AsyncIterable<FeedbackRecord> {
    for (let offset = 0; ; offset += pageSize) {
      const reader = await this.connection.runAndReadAll(
        'SELECT id, task, created_at, prompt, model_output, feedback, case_type, model FROM feedback ORDER BY created_at, id LIMIT $1 OFFSET $2',
        [pageSize, offset],
      );
      const rows = reader.getRowObjectsJson() as unknown as FeedbackRecord[];
      yield* rows;
      if (rows.length < pageSize) return;
    }
  }

  /** Close the database (its write-ahead log is checkpointed into the file). */
  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
