import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import type { ChatMessage } from '../core/types.js';
import { redact } from '../quality/redact.js';
import type { CaseType, FeedbackRecord, FeedbackStore } from './feedback-store.js';

// Training weights by case type. A rewritten answer carries the most new information: the model was
// wrong and a person wrote the whole answer. A modified answer was partly right, so half of it echoes
// the model and the edit is the signal. An accepted answer only confirms what the model already says;
// it is kept (it anchors good behaviour) at a low weight, so training on the model's own outputs does
// not drown out the corrections.
export const CASE_WEIGHTS: Record<CaseType, number> = { rewritten: 1.0, modified: 0.7, accepted: 0.3 };

/** One training example in chat form. */
export interface FeedbackExample {
  id: string;
  task: string;
  messages: ChatMessage[];
  weight: number;
  case_type: CaseType;
  model: string;
}

/**
 * A record as a chat example: the prompt, then the answer the user settled on. Both are redacted:
 * users paste real configuration (and the review bot stores pull-request diffs), and a secret in
 * the database must not reach a training set.
 */
export function feedbackExample(record: FeedbackRecord): FeedbackExample {
  const answer = record.case_type === 'accepted' ? record.model_output : record.feedback;
  return {
    id: record.id,
    task: record.task,
    messages: [
      { role: 'user', content: redact(record.prompt).text },
      { role: 'assistant', content: redact(answer).text },
    ],
    weight: CASE_WEIGHTS[record.case_type],
    case_type: record.case_type,
    model: record.model,
  };
}

/** Write every record as a JSONL line to `path` (atomically: a temp file renamed at the end); returns the count. */
export async function exportFeedback(store: FeedbackStore, path: string): Promise<number> {
  const temporary = `${path}.tmp-${process.pid}`;
  const stream = createWriteStream(temporary, { encoding: 'utf8' });
  let count = 0;
  for await (const record of store.records()) {
    if (!stream.write(`${JSON.stringify(feedbackExample(record))}\n`)) await once(stream, 'drain');
    count++;
  }
  stream.end();
  await once(stream, 'finish');
  await rename(temporary, path);
  return count;
}
