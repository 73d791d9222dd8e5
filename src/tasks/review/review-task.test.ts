import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StepContext } from '../../core/types.js';
import { buildThreadRows } from '../../corpus/github/review-threads.js';
import type { ReviewComment as GitHubComment, ReviewThreadRow } from '../../corpus/github/types.js';
import { renderNumberedHunks } from '../../iac/diff/index.js';
import { ALL_KUBERNETES_RULES, TERRAFORM_RULES } from '../../iac/scan/rules/registry.js';
import { baselineComments, newSideOf, predictReviewBaseline } from './baseline.js';
import { buildReviewExamples, fileDiffText, hunkSpans, pullDiff, reviewDocument } from './build.js';
import { parseReviewAnswer } from './parse.js';
import { REVIEW_OUTPUT_SCHEMA, renderReviewAnswer, reviewMessages } from './prompt.js';
import { reviewTask } from './task.js';
import type { ReviewInput, ReviewTarget } from './types.js';

const RULES = { terraformRules: TERRAFORM_RULES, kubernetesRules: ALL_KUBERNETES_RULES };
const HEAD = 'b'.repeat(40);
const ORIGINAL = 'a'.repeat(40);
const GONE = 'f'.repeat(40);

// The pull request's diff at its head: a security group opened to the world (hunk 1 parses on its
// own), a bucket change whose hunk starts inside a block (it does not), a new Deployment, a README.
const HEAD_DIFF = `diff --git a/network.tf b/network.tf
index 1111111..2222222 100644
--- a/network.tf
+++ b/network.tf
@@ -1,9 +1,9 @@
 resource "aws_security_group" "web" {
   name = "web"
   ingress {
     from_port   = 22
     to_port     = 22
     protocol    = "tcp"
-    cidr_blocks = ["10.0.0.0/8"]
+    cidr_blocks = ["0.0.0.0/0"]
   }
 }
@@ -30,2 +30,3 @@ resource "aws_s3_bucket" "logs" {
   bucket = "logs"
+  acl    = "public-read"
 }
diff --git a/deploy.yaml b/deploy.yaml
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/deploy.yaml
@@ -0,0 +1,15 @@
+apiVersion: apps/v1
+kind: Deployment
+metadata:
+  name: web
+spec:
+  selector:
+    matchLabels: {app: web}
+  template:
+    metadata:
+      labels: {app: web}
+    spec:
+      containers:
+        - name: web
+          image: nginx:latest
+          securityContext: {privileged: true}
diff --git a/README.md b/README.md
index 4444444..5555555 100644
--- a/README.md
+++ b/README.md
@@ -1,2 +1,2 @@
 # infra
-Old text.
+New text.
`;

// The same file at an earlier commit of the pull request (an outdated comment was made on it).
const ORIGINAL_DIFF = `diff --git a/network.tf b/network.tf
index 1111111..6666666 100644
--- a/network.tf
+++ b/network.tf
@@ -5,4 +5,4 @@ resource "aws_security_group" "web" {
     to_port     = 22
     protocol    = "tcp"
-    cidr_blocks = ["10.0.0.0/8"]
+    cidr_blocks = ["1.2.3.4/32"]
   }
`;

function githubComment(id: number, fields: Partial<GitHubComment>): GitHubComment {
  return {
    id,
    path: 'network.tf',
    commit_id: HEAD,
    original_commit_id: HEAD,
    line: 8,
    original_line: 8,
    side: 'RIGHT',
    subject_type: 'line',
    created_at: '2025-03-01T10:00:00Z',
    updated_at: '2025-03-01T10:00:00Z',
    user: { login: `reviewer${id}`, type: 'User' },
    body: `comment ${id}`,
    diff_hunk: '',
    ...fields,
  };
}

/** Silver rows made by the crawler's own row builder from API-shaped comments. */
function silverRows(): ReviewThreadRow[] {
  const diffs = new Map([
    [HEAD, pullDiff(HEAD_DIFF).diff],
    [ORIGINAL, pullDiff(ORIGINAL_DIFF).diff],
  ]);
  const comments: GitHubComment[] = [
    githubComment(1, { line: 7, body: 'Opening SSH to the world? Use the bastion CIDR.' }),
    githubComment(2, { line: 7, in_reply_to_id: 1, body: 'Fixed.' }),
    githubComment(3, { line: 7, user: { login: 'dependabot[bot]', type: 'Bot' }, body: 'Bump.' }),
    githubComment(4, { line: 7, side: 'LEFT', body: 'Why was the 10/8 range not enough?' }),
    githubComment(5, {
      path: 'deploy.yaml',
      subject_type: 'file',
      line: null,
      side: null,
      body: 'Add a PDB.',
    }),
    githubComment(6, { line: 8, body: '   ' }),
    githubComment(7, { line: 8, body: 'x'.repeat(2001) }),
    githubComment(8, {
      path: 'deploy.yaml',
      line: 15,
      body: 'Privileged? The key AKIAIOSFODNN7EXAMPLE leaked in the logs too.',
    }),
    // Outdated: GitHub no longer places it; it sits on new line 7 of the earlier diff (position 4).
    githubComment(9, {
      commit_id: HEAD,
      original_commit_id: ORIGINAL,
      line: null,
      position: null,
      original_line: 7,
      original_position: 4,
      diff_hunk:
        '@@ -5,4 +5,4 @@ resource "aws_security_group" "web" {\n     to_port     = 22\n     protocol    = "tcp"\n-    cidr_blocks = ["10.0.0.0/8"]\n+    cidr_blocks = ["1.2.3.4/32"]',
      body: 'A /32 will break when the office IP changes.',
    }),
    githubComment(10, { line: 99, body: 'On a line this diff does not have.' }),
    // Outdated on a commit whose diff is gone (force-push): located from its diff_hunk alone.
    githubComment(11, {
      original_commit_id: GONE,
      line: null,
      position: null,
      original_line: 2,
      original_position: 2,
      diff_hunk: '@@ -1,2 +1,2 @@\n resource "aws_security_group" "web" {\n+  name = "web2"',
      body: 'Names are immutable here.',
    }),
    githubComment(12, { line: 7, in_reply_to_id: 999, body: 'Answering a deleted comment.' }),
  ];
  return buildThreadRows({
    repository: { owner: 'acme', name: 'infra', fullName: 'acme/infra' },
    pull: { number: 7, title: 'Open SSH', head: { sha: HEAD }, base: { sha: 'c'.repeat(40) } },
    comments,
    reviews: [],
    diffAt: (commit) => diffs.get(commit),
  });
}

function recordingContext(): StepContext & {
  drops: Record<string, string[]>;
  counts: Record<string, number>;
} {
  const drops: Record<string, string[]> = {};
  const counts: Record<string, number> = {};
  return {
    drops,
    counts,
    count(name, n = 1) {
      counts[name] = (counts[name] ?? 0) + n;
    },
    drop(item, reason) {
      drops[reason] = [...(drops[reason] ?? []), String(item)];
    },
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function* stream<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

const diffs: Record<string, string> = { [HEAD]: HEAD_DIFF, [ORIGINAL]: ORIGINAL_DIFF };

describe('review build step', () => {
  it('groups human thread roots per file and anchor commit, with drops by reason', async () => {
    const context = recordingContext();
    const step = buildReviewExamples({
      diffAt: (_repo, _pr, commit) => (diffs[commit] ? pullDiff(diffs[commit]) : undefined),
    });
    const examples = await collect(step(stream(silverRows()), context));
    expect(
      examples.map((example) => [
        example.input.path,
        example.source.commit,
        example.target.comments.map((c) => [c.side, c.line]),
      ]),
    ).toEqual([
      ['deploy.yaml', HEAD, [['RIGHT', 15]]],
      ['network.tf', ORIGINAL, [['RIGHT', 7]]],
      [
        'network.tf',
        HEAD,
        [
          ['LEFT', 7],
          ['RIGHT', 7],
        ],
      ],
    ]);
    expect(
      Object.fromEntries(Object.entries(context.drops).map(([reason, items]) => [reason, items.length])),
    ).toEqual({
      bot: 1,
      reply: 1,
      'file-level': 1,
      empty: 1,
      'too-long': 1,
      'not-in-diff': 1,
      'diff-missing': 1,
    });
    expect(context.drops.reply).toEqual(['acme/infra#7 network.tf comment 12']);
    expect(context.counts).toMatchObject({ rows: 11, examples: 3, comments: 4, 'replies-ignored': 1 });
  });

  it('writes the input as numbered hunks plus the raw file diff, and the target with its hunks', async () => {
    const context = recordingContext();
    const step = buildReviewExamples({
      diffAt: (_repo, _pr, commit) => (diffs[commit] ? pullDiff(diffs[commit]) : undefined),
    });
    const examples = await collect(step(stream(silverRows()), context));
    const network = examples[2]!;
    const file = pullDiff(HEAD_DIFF).diff.files[0]!;
    expect(network.input).toEqual({
      repo: 'acme/infra',
      pr: 7,
      path: 'network.tf',
      hunks: renderNumberedHunks(file),
      diff: HEAD_DIFF.slice(0, HEAD_DIFF.indexOf('diff --git a/deploy.yaml')),
    });
    expect(network.input.hunks).toContain(' 7    -     cidr_blocks = ["10.0.0.0/8"]');
    expect(network.target.hunks).toEqual([
      { path: 'network.tf', oldStart: 1, oldLines: 9, newStart: 1, newLines: 9 },
      { path: 'network.tf', oldStart: 30, oldLines: 2, newStart: 30, newLines: 3 },
    ]);
    expect(network).toMatchObject({
      task: 'review',
      group: 'acme/infra#7',
      strata: { file_type: 'terraform', file_status: 'modified', comments: '2-3', anchor: 'head' },
      source: { kind: 'github-review', repo: 'acme/infra', commit: HEAD, path: 'network.tf' },
    });
    expect(examples[1]!.strata.anchor).toBe('earlier-commit');
    expect(examples[0]!.strata).toMatchObject({
      file_type: 'kubernetes',
      file_status: 'added',
      comments: '1',
    });
    // Secrets in comment bodies are redacted.
    expect(examples[0]!.target.comments[0]!.body).toBe(
      'Privileged? The key REDACTED_CREDS leaked in the logs too.',
    );
    expect(context.counts['redactions:aws_access_key']).toBe(1);
    // The id is a content hash: the same input and comments give the same id.
    const again = await collect(step(stream(silverRows()), recordingContext()));
    expect(again.map((example) => example.id)).toEqual(examples.map((example) => example.id));
  });

  it('honours the body limit and the input limit, and drops rows that are not rows', async () => {
    const context = recordingContext();
    const headNetwork = renderNumberedHunks(pullDiff(HEAD_DIFF).diff.files[0]!);
    const step = buildReviewExamples({
      diffAt: (_repo, _pr, commit) => (diffs[commit] ? pullDiff(diffs[commit]) : undefined),
      maxBodyChars: 45,
      maxInputChars: headNetwork.length - 1,
    });
    const examples = await collect(step(stream<unknown>([{ nope: true }, ...silverRows()]), context));
    // Bodies of 47 (#1), 2001 (#7) and 64 (#8) characters go; #4 (34) and #9 (44) stay. network.tf at
    // the head renders one character too long; at the earlier commit it is short.
    expect(examples.map((example) => [example.input.path, example.source.commit])).toEqual([
      ['network.tf', ORIGINAL],
    ]);
    expect(context.drops.malformed).toHaveLength(1);
    expect(context.drops['too-long']).toHaveLength(3);
    expect(context.drops['input-too-large']).toEqual(['acme/infra#7 network.tf comment 4']);
  });

  it('builds the same examples from Documents (Task.build)', async () => {
    const context = recordingContext();
    const documents = [reviewDocument({ rows: silverRows(), diffs })];
    const examples = await collect(reviewTask.build(stream(documents), context));
    expect(examples).toHaveLength(3);
    const broken = await collect(
      reviewTask.build(
        stream([{ id: 'x', text: 'not json', source: { kind: 'github-review', path: 'pull/1' } }]),
        context,
      ),
    );
    expect(broken).toEqual([]);
    expect(context.drops.malformed).toEqual(['pull/1']);
  });

  it('slices one file out of a multi-file diff', () => {
    const pull = pullDiff(HEAD_DIFF);
    expect(fileDiffText(pull, pull.diff.files[2]!)).toBe(
      HEAD_DIFF.slice(HEAD_DIFF.indexOf('diff --git a/README.md')),
    );
    expect(hunkSpans(pull.diff.files[1]!)).toEqual([
      { path: 'deploy.yaml', oldStart: 0, oldLines: 0, newStart: 1, newLines: 15 },
    ]);
  });
});

describe('review baseline', () => {
  const files = pullDiff(HEAD_DIFF).diff.files;

  it('rebuilds the new side at its line numbers with blanks in the gaps', () => {
    const side = newSideOf(files[0]!);
    const lines = side.text.split('\n');
    expect(lines).toHaveLength(32);
    expect(lines[6]).toBe('    cidr_blocks = ["0.0.0.0/0"]');
    expect(lines[15]).toBe('');
    expect(lines[30]).toBe('  acl    = "public-read"');
    expect([...side.added].sort((a, b) => a - b)).toEqual([7, 31]);
  });

  it('comments on scanner findings on added lines; a hunk that does not parse alone is skipped', () => {
    // The whole rebuilt file does not parse (hunk 2 starts inside the bucket block): hunk 1 is scanned
    // alone and its SSH finding sits on added line 7. Hunk 2's public ACL is not seen.
    const comments = baselineComments(files[0]!, RULES);
    expect(comments.map((comment) => [comment.line, comment.side])).toEqual([[7, 'RIGHT']]);
    expect(comments[0]!.body).toMatch(
      /^Ingress from 0\.0\.0\.0\/0 .* port 22 \(ILM-TF-AWS-\d+, high severity\)\. /,
    );
  });

  it('scans a new Kubernetes file whole, one comment per line holding findings', () => {
    const comments = baselineComments(files[1]!, RULES);
    const privileged = comments.find((comment) => comment.line === 15)!;
    expect(privileged.body).toContain("container 'web' is privileged (ILM-K8S-001, high severity)");
    expect(new Set(comments.map((comment) => comment.line)).size).toBe(comments.length);
    expect(comments.every((comment) => comment.side === 'RIGHT' && comment.path === 'deploy.yaml')).toBe(
      true,
    );
  });

  it('says nothing on context lines, on other files, or on removed files', () => {
    // The world-open CIDR as an unchanged context line: no comment, although the scanner finds it.
    const contextOnly = pullDiff(
      [
        'diff --git a/network.tf b/network.tf',
        '--- a/network.tf',
        '+++ b/network.tf',
        '@@ -1,9 +1,9 @@',
        ' resource "aws_security_group" "web" {',
        '   name = "web"',
        '   ingress {',
        '     from_port   = 22',
        '     to_port     = 22',
        '-    protocol    = "udp"',
        '+    protocol    = "tcp"',
        '     cidr_blocks = ["0.0.0.0/0"]',
        '   }',
        ' }',
        '',
      ].join('\n'),
    ).diff.files[0]!;
    expect(
      contextOnly.hunks[0]!.lines.some((line) => line.kind === 'context' && line.text.includes('0.0.0.0/0')),
    ).toBe(true);
    expect(baselineComments(contextOnly, RULES)).toEqual([]);
    expect(files[2]!.path).toBe('README.md');
    expect(baselineComments(files[2]!, RULES)).toEqual([]);
    const removed = pullDiff(
      'diff --git a/x.tf b/x.tf\ndeleted file mode 100644\n--- a/x.tf\n+++ /dev/null\n@@ -1 +0,0 @@\n-resource "a" "b" {}\n',
    ).diff.files[0]!;
    expect(baselineComments(removed, RULES)).toEqual([]);
  });

  it('predicts from the input diff alone (Task.baseline)', async () => {
    const pull = pullDiff(HEAD_DIFF);
    const input: ReviewInput = {
      path: 'network.tf',
      hunks: renderNumberedHunks(pull.diff.files[0]!),
      diff: fileDiffText(pull, pull.diff.files[0]!),
    };
    expect(await reviewTask.baseline.predict(input)).toEqual(predictReviewBaseline(input, RULES));
    expect((await reviewTask.baseline.predict(input)).comments.map((comment) => comment.line)).toEqual([7]);
  });
});

describe('review prompt and parse', () => {
  const input: ReviewInput = {
    repo: 'acme/infra',
    pr: 7,
    path: 'main.tf',
    hunks: 'main.tf (modified)\n@@ -1 +1 @@\n  1     - a = "```"\n      1 + a = "b"',
    diff: '',
  };

  it('puts the numbered hunks in a fence longer than any backtick run inside', () => {
    const [system, user] = reviewMessages(input);
    expect(system!.role).toBe('system');
    expect(system!.content).toContain('side RIGHT with the new line number');
    expect(user!.content).toBe(
      `Pull request: acme/infra#7\nFile: main.tf\n\n\`\`\`\`diff\n${input.hunks}\n\`\`\`\`\n\nColumns: old line, new line, +/-/space marker, text. Review this change.`,
    );
    expect(reviewMessages({ path: 'x', hunks: 'h', diff: '' })[1]!.content).toMatch(/^File: x\n/);
    expect(REVIEW_OUTPUT_SCHEMA.type).toBe('array');
  });

  it('renders the sorted comments as a JSON array, without the scoring hunks', () => {
    const target: ReviewTarget = {
      comments: [
        { path: 'b.tf', line: 1, side: 'RIGHT', body: 'z' },
        { path: 'a.tf', line: 9, side: 'RIGHT', body: 'y' },
        { path: 'a.tf', line: 9, side: 'LEFT', body: 'x' },
      ],
      hunks: [{ path: 'a.tf', oldStart: 1, oldLines: 1, newStart: 1, newLines: 1 }],
    };
    expect(renderReviewAnswer(target)).toEqual({
      role: 'assistant',
      content:
        '[{"path":"a.tf","line":9,"side":"LEFT","body":"x"},{"path":"a.tf","line":9,"side":"RIGHT","body":"y"},{"path":"b.tf","line":1,"side":"RIGHT","body":"z"}]',
    });
  });

  it('parses arrays, {comments}, fences and JSON after prose, leniently', () => {
    const one = { comments: [{ path: 'a.tf', line: 3, side: 'RIGHT' as const, body: 'Pin it.' }] };
    expect(parseReviewAnswer('[{"path":"a.tf","line":3,"side":"RIGHT","body":"Pin it."}]')).toEqual(one);
    expect(
      parseReviewAnswer(
        '```json\n{"comments":[{"path":"a.tf","line":"3","side":"right","body":"Pin it."}]}\n```',
      ),
    ).toEqual(one);
    expect(
      parseReviewAnswer('Here is my review:\n[{"path":"a.tf","line":3,"comment":"Pin it."}]\nThanks!'),
    ).toEqual(one);
    expect(parseReviewAnswer('[]')).toEqual({ comments: [] });
  });

  it('rejects what it cannot read with a clear error', () => {
    const errors: [string, RegExp][] = [
      ['no review today', /holds no JSON array or object/],
      ['See: [{"path": "a.tf", "line": 3', /holds no complete JSON/],
      ['{"path": "a.tf"}', /neither a JSON array of comments nor an object with a "comments" array/],
      ['[{"line": 3, "body": "x"}]', /comments\[0\]\.path is missing/],
      ['[{"path": "a", "line": 0, "body": "x"}]', /comments\[0\]\.line must be a line number/],
      ['[{"path": "a", "line": 2.5, "body": "x"}]', /comments\[0\]\.line must be a line number/],
      ['[{"path": "a", "line": 2, "side": "UP", "body": "x"}]', /comments\[0\]\.side must be LEFT or RIGHT/],
      ['[{"path": "a", "line": 2}]', /comments\[0\]\.body is missing/],
      ['[1]', /comments\[0\] is not an object/],
      ['[{"path": "a", "line": 2, "body": "x",}]', /is not valid JSON/],
    ];
    for (const [text, message] of errors) {
      expect(() => parseReviewAnswer(text)).toThrow(message);
      try {
        parseReviewAnswer(text);
      } catch (error) {
        expect((error as { code?: string }).code).toBe('INFRALM_ERR_RECORD_PARSE');
      }
    }
  });

  it('parses back whatever it renders (property)', () => {
    const comment = fc.record({
      path: fc.string({ minLength: 1 }).filter((path) => path.trim() === path && path !== ''),
      line: fc.integer({ min: 1, max: 100_000 }),
      side: fc.constantFrom<'LEFT' | 'RIGHT'>('LEFT', 'RIGHT'),
      body: fc.string(),
    });
    fc.assert(
      fc.property(fc.array(comment, { maxLength: 6 }), (comments) => {
        const rendered = renderReviewAnswer({ comments }).content as string;
        expect(parseReviewAnswer(rendered)).toEqual({ comments: JSON.parse(rendered) });
        expect(parseReviewAnswer(`\`\`\`json\n${rendered}\n\`\`\``).comments).toHaveLength(comments.length);
      }),
    );
  });

  it('is one Task object', () => {
    expect(reviewTask.name).toBe('review');
    expect(reviewTask.messages(input)).toEqual(reviewMessages(input));
    expect(reviewTask.parse('[]')).toEqual({ comments: [] });
    expect(reviewTask.outputSchema).toBe(REVIEW_OUTPUT_SCHEMA);
  });
});
