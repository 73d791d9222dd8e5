// A repository, acme/infra, with three pull requests that have review comments, served by the fake
// GitHub server in the documented shapes. The diffs are written out below; each comment is placed
// by naming the diff line it is on, and its position, line, side and diff_hunk are worked out from
// the diff text here the way GitHub defines them (position: lines below the file's first `@@`;
// diff_hunk: the hunk from its header to the commented line), independently of src/iac/diff.
//
// #11  served diff; files over 3 pages; a reply, a multi-line, a LEFT-side, a file-level, a bot and
//      an outdated comment (its original commit's diff served by /compare).
// #12  the diff answers 406 too_large: a rename, an added, a removed and a binary file, and a
//      legacy position-only comment (line null) placed through the rebuilt diff.
// #13  an outdated comment whose original commit is gone (/compare answers 404).

import { createHash } from 'node:crypto';
import type { FakeHandler, FakeResponse } from './fake-github-server.js';

export const OWNER = 'acme';
export const NAME = 'infra';
export const REPO = `${OWNER}/${NAME}`;
const DIFF_TYPE = 'application/vnd.github.v3.diff; charset=utf-8';

/** A deterministic 40-hex commit id for a label. */
export function sha(label: string): string {
  return createHash('sha1').update(label).digest('hex');
}

export const BASE = sha('base');

export interface PullFixture {
  pull: Record<string, unknown>;
  files: Record<string, unknown>[];
  comments: Record<string, unknown>[];
  reviews: Record<string, unknown>[];
  /** The diff text, or 'too_large' for a 406. */
  diff: string;
  /** Diffs of `compare/BASE...<commit>`: text, or 'missing' for a 404. */
  compare: Record<string, string>;
}

// ---- #11 ---------------------------------------------------------------------------------------

const MAIN_TF_HEAD = `diff --git a/modules/bucket/main.tf b/modules/bucket/main.tf
index 3f1c2aa..8d04e1b 100644
--- a/modules/bucket/main.tf
+++ b/modules/bucket/main.tf
@@ -1,8 +1,9 @@
 resource "aws_s3_bucket" "logs" {
   bucket = var.name
-  acl    = "public-read"
+  acl    = "private"
 }
 
 resource "aws_s3_bucket_versioning" "logs" {
   bucket = aws_s3_bucket.logs.id
+  # keeps overwritten log objects recoverable
 }
@@ -20,4 +21,5 @@ resource "aws_s3_bucket_lifecycle_configuration" "logs" {
   rule {
     id     = "expire"
     status = "Enabled"
+    expiration { days = 90 }
   }
`;

const VARIABLES_TF = `diff --git a/modules/bucket/variables.tf b/modules/bucket/variables.tf
new file mode 100644
index 0000000..5b1d7e3
--- /dev/null
+++ b/modules/bucket/variables.tf
@@ -0,0 +1,4 @@
+variable "name" {
+  type        = string
+  description = "Name of the log bucket"
+}
`;

const OUTPUTS_TF = `diff --git a/modules/bucket/outputs.tf b/modules/bucket/outputs.tf
index 1a2b3c4..4c3b2a1 100644
--- a/modules/bucket/outputs.tf
+++ b/modules/bucket/outputs.tf
@@ -1,3 +1,4 @@
 output "bucket_arn" {
   value = aws_s3_bucket.logs.arn
+  description = "ARN of the log bucket"
 }
`;

const README_MD = `diff --git a/README.md b/README.md
index 7e2f1a0..0f9c3d2 100644
--- a/README.md
+++ b/README.md
@@ -1,3 +1,3 @@
 # acme/infra
 
-Terraform for the ACME log pipeline.
+Terraform for the ACME log pipeline. Buckets are private by default.
`;

const VERSIONS_TF = `diff --git a/versions.tf b/versions.tf
index 2d3c4b5..6e7f8a9 100644
--- a/versions.tf
+++ b/versions.tf
@@ -1,5 +1,5 @@
 terraform {
   required_providers {
-    aws = { source = "hashicorp/aws", version = "~> 4.0" }
+    aws = { source = "hashicorp/aws", version = "~> 5.0" }
   }
 }
`;

const MAIN_TF_ORIGINAL = `diff --git a/modules/bucket/main.tf b/modules/bucket/main.tf
index 3f1c2aa..5e6f7a8 100644
--- a/modules/bucket/main.tf
+++ b/modules/bucket/main.tf
@@ -1,5 +1,5 @@
 resource "aws_s3_bucket" "logs" {
   bucket = var.name
-  acl    = "public-read"
+  acl    = "authenticated-read"
 }
 
`;

// ---- #12 (served as 406; these are the files API patches) -------------------------------------

const QUEUE_PATCH = `@@ -1,4 +1,4 @@
 resource "aws_sqs_queue" "events" {
   name                      = "events"
-  message_retention_seconds = 86400
+  message_retention_seconds = 1209600
 }`;

const POLICY_PATCH = `@@ -0,0 +1,3 @@
+data "aws_iam_policy_document" "events" {
+  statement { actions = ["sqs:*"] }
+}`;

const LEGACY_PATCH = `@@ -1,2 +0,0 @@
-# legacy queue, replaced by modules/queue
-resource "null_resource" "legacy" {}`;

// ---- #13 ----------------------------------------------------------------------------------------

const LAMBDA_TF = `diff --git a/lambda.tf b/lambda.tf
index 1111111..2222222 100644
--- a/lambda.tf
+++ b/lambda.tf
@@ -10,6 +10,6 @@ resource "aws_lambda_function" "ingest" {
   handler = "main.handler"
   runtime = "python3.12"
-  timeout = 3
+  timeout = 30
   memory_size = 256
 
   environment {
`;

/** Where a diff line sits, as GitHub reports it. */
export interface DiffPlace {
  position: number;
  line: number;
  side: 'LEFT' | 'RIGHT';
  diff_hunk: string;
}

/**
 * Find the line whose text is `raw` in `path`'s part of a diff (or of a bare patch) and say where it
 * is: position counted from the file's first `@@` (every later line counts, later headers too), the
 * line number on its side (RIGHT for added and context lines), and the diff_hunk up to it.
 */
export function placeOf(diff: string, path: string, raw: string): DiffPlace {
  // A bare files-API patch is one file already.
  const chunk = diff.startsWith('@@')
    ? diff
    : diff
        .split(/^(?=diff --git )/m)
        .find((candidate) => candidate.includes(`+++ b/${path}\n`) || candidate.includes(`--- a/${path}\n+++ /dev/null`));
  if (!chunk) throw new Error(`fixture: ${path} is not in the diff`);
  const lines = chunk.replace(/\n$/, '').split('\n');
  const first = lines.findIndex((line) => line.startsWith('@@'));
  let position = -1;
  let oldLine = 0;
  let newLine = 0;
  let hunkStart = first;
  for (let index = first; index < lines.length; index++) {
    const text = lines[index]!;
    position++;
    if (text.startsWith('@@')) {
      const match = /^@@ -(\d+)(?:,\d+)? \+(\d+)/.exec(text)!;
      oldLine = Number(match[1]);
      newLine = Number(match[2]);
      hunkStart = index;
      continue;
    }
    const here = { old: oldLine, new: newLine };
    if (text.startsWith('-')) oldLine++;
    else if (text.startsWith('+')) newLine++;
    else {
      oldLine++;
      newLine++;
    }
    if (text === raw) {
      const left = text.startsWith('-');
      return {
        position,
        line: left ? here.old : here.new,
        side: left ? 'LEFT' : 'RIGHT',
        diff_hunk: lines.slice(hunkStart, index + 1).join('\n'),
      };
    }
  }
  throw new Error(`fixture: ${JSON.stringify(raw)} is not in ${path}`);
}

let clock = Date.UTC(2025, 2, 1, 9, 0, 0);
function timestamp(): string {
  clock += 7 * 60 * 1000;
  return new Date(clock).toISOString().replace('.000Z', 'Z');
}

function user(login: string, type = 'User'): Record<string, unknown> {
  return { login, id: Number.parseInt(sha(login).slice(0, 7), 16), type, site_admin: false };
}

interface CommentSpec {
  id: number;
  pr: number;
  path: string;
  body: string;
  login: string;
  userType?: string;
  reviewId: number;
  /** The line commented on (end line of a multi-line comment), found in `diff`. */
  at?: { diff: string; raw: string };
  /** Start of a multi-line comment. */
  from?: string;
  commit: string;
  /** Outdated: line and position null, the location only in the original_* fields. */
  outdated?: boolean;
  /** Legacy: no line fields at all, only positions. */
  legacy?: boolean;
  fileLevel?: boolean;
  inReplyTo?: number;
  originalCommit?: string;
}

function reviewComment(spec: CommentSpec): Record<string, unknown> {
  const created = timestamp();
  const base: Record<string, unknown> = {
    url: `https://api.github.com/repos/${REPO}/pulls/comments/${spec.id}`,
    pull_request_review_id: spec.reviewId,
    id: spec.id,
    node_id: `PRRC_${spec.id}`,
    path: spec.path,
    commit_id: spec.commit,
    original_commit_id: spec.originalCommit ?? spec.commit,
    user: user(spec.login, spec.userType),
    body: spec.body,
    created_at: created,
    updated_at: created,
    html_url: `https://github.com/${REPO}/pull/${spec.pr}#discussion_r${spec.id}`,
    pull_request_url: `https://api.github.com/repos/${REPO}/pulls/${spec.pr}`,
    author_association: spec.userType === 'Bot' ? 'NONE' : 'MEMBER',
  };
  if (spec.inReplyTo !== undefined) base.in_reply_to_id = spec.inReplyTo;
  if (spec.fileLevel || !spec.at) {
    return {
      ...base,
      diff_hunk: '@@ -0,0 +1,4 @@\n+variable "name" {',
      position: null,
      original_position: null,
      line: null,
      original_line: null,
      start_line: null,
      original_start_line: null,
      side: 'RIGHT',
      start_side: null,
      subject_type: 'file',
    };
  }
  const place = placeOf(spec.at.diff, spec.path, spec.at.raw);
  const start = spec.from === undefined ? undefined : placeOf(spec.at.diff, spec.path, spec.from);
  if (spec.legacy) {
    return {
      ...base,
      diff_hunk: place.diff_hunk,
      position: spec.outdated ? null : place.position,
      original_position: place.position,
      line: null,
      original_line: null,
      start_line: null,
      original_start_line: null,
      side: null,
      start_side: null,
      subject_type: 'line',
    };
  }
  return {
    ...base,
    diff_hunk: place.diff_hunk,
    position: spec.outdated ? null : place.position,
    original_position: place.position,
    line: spec.outdated ? null : place.line,
    original_line: place.line,
    start_line: start && !spec.outdated ? start.line : null,
    original_start_line: start ? start.line : null,
    side: place.side,
    start_side: start ? start.side : null,
    subject_type: 'line',
  };
}

function review(id: number, login: string, state: string, commit: string): Record<string, unknown> {
  return {
    id,
    node_id: `PRR_${id}`,
    user: user(login),
    body: '',
    state,
    html_url: `https://github.com/${REPO}/pull/0#pullrequestreview-${id}`,
    commit_id: commit,
    submitted_at: timestamp(),
    author_association: 'MEMBER',
  };
}

function pull(number: number, title: string, head: string, changedFiles: number, comments: number) {
  return {
    url: `https://api.github.com/repos/${REPO}/pulls/${number}`,
    id: 1_000_000 + number,
    number,
    state: 'closed',
    title,
    user: user('alice'),
    html_url: `https://github.com/${REPO}/pull/${number}`,
    head: { ref: `change-${number}`, sha: head, label: `${OWNER}:change-${number}` },
    base: { ref: 'main', sha: BASE, label: `${OWNER}:main` },
    changed_files: changedFiles,
    review_comments: comments,
    created_at: '2025-03-01T08:00:00Z',
    updated_at: '2025-03-02T08:00:00Z',
    merged_at: '2025-03-02T08:00:00Z',
  };
}

/** A files-API entry cut from a served diff chunk. */
function fileEntry(chunk: string, status: string): Record<string, unknown> {
  const filename = /^\+\+\+ b\/(.+)$/m.exec(chunk)?.[1] ?? /^--- a\/(.+)$/m.exec(chunk)![1]!;
  const patch = chunk.slice(chunk.indexOf('@@')).replace(/\n$/, '');
  const additions = patch.split('\n').filter((line) => line.startsWith('+')).length;
  const deletions = patch.split('\n').filter((line) => line.startsWith('-')).length;
  return { sha: sha(filename), filename, status, additions, deletions, changes: additions + deletions, patch };
}

/** The whole scenario (fresh objects each call, so tests may change them). */
export function reviewScenario(): Map<number, PullFixture> {
  clock = Date.UTC(2025, 2, 1, 9, 0, 0);
  const head11 = sha('head-11');
  const original11 = sha('original-11');
  const diff11 = [MAIN_TF_HEAD, VARIABLES_TF, OUTPUTS_TF, README_MD, VERSIONS_TF].join('');
  const main = 'modules/bucket/main.tf';
  const comments11 = [
    reviewComment({
      id: 1101, pr: 11, path: main, login: 'alice', reviewId: 9101, commit: head11,
      at: { diff: diff11, raw: '+  acl    = "private"' },
      body: 'Also add an aws_s3_bucket_public_access_block so a later ACL cannot open it again.',
    }),
    reviewComment({
      id: 1102, pr: 11, path: main, login: 'bob', reviewId: 9102, commit: head11, inReplyTo: 1101,
      at: { diff: diff11, raw: '+  acl    = "private"' },
      body: 'Done in the next commit.',
    }),
    reviewComment({
      id: 1103, pr: 11, path: main, login: 'carol', reviewId: 9103, commit: head11,
      at: { diff: diff11, raw: '+  # keeps overwritten log objects recoverable' },
      from: ' resource "aws_s3_bucket_versioning" "logs" {',
      body: 'Versioning without a noncurrent-version expiry grows the bucket forever.',
    }),
    reviewComment({
      id: 1104, pr: 11, path: main, login: 'alice', reviewId: 9101, commit: head11,
      at: { diff: diff11, raw: '-  acl    = "public-read"' },
      body: 'This public-read ACL is how the logs leaked; worth a note in the changelog.',
    }),
    reviewComment({
      id: 1105, pr: 11, path: 'modules/bucket/variables.tf', login: 'bob', reviewId: 9102, commit: head11,
      fileLevel: true,
      body: 'Add a validation block for the bucket name.',
    }),
    reviewComment({
      id: 1106, pr: 11, path: 'modules/bucket/outputs.tf', login: 'github-actions[bot]', userType: 'Bot',
      reviewId: 9104, commit: head11,
      at: { diff: diff11, raw: '+  description = "ARN of the log bucket"' },
      body: 'tflint: output description should end with a period.',
    }),
    reviewComment({
      id: 1107, pr: 11, path: main, login: 'dave', reviewId: 9105, commit: original11,
      originalCommit: original11, outdated: true,
      at: { diff: MAIN_TF_ORIGINAL, raw: '+  acl    = "authenticated-read"' },
      body: 'authenticated-read still lets every AWS account read the logs.',
    }),
    reviewComment({
      id: 1108, pr: 11, path: main, login: 'k8s-ci-robot', reviewId: 9106, commit: head11, inReplyTo: 1104,
      at: { diff: diff11, raw: '-  acl    = "public-read"' },
      body: 'Tracked in the changelog bot queue.',
    }),
  ];

  const head12 = sha('head-12');
  const files12 = [
    {
      sha: sha('queue'), filename: 'modules/queue/main.tf', previous_filename: 'queue.tf', status: 'renamed',
      additions: 1, deletions: 1, changes: 2, patch: QUEUE_PATCH,
    },
    {
      sha: sha('policy'), filename: 'modules/queue/policy.tf', status: 'added',
      additions: 3, deletions: 0, changes: 3, patch: POLICY_PATCH,
    },
    {
      sha: sha('legacy'), filename: 'legacy.tf', status: 'removed', additions: 0, deletions: 2, changes: 2,
      patch: LEGACY_PATCH,
    },
    { sha: sha('diagram'), filename: 'docs/diagram.png', status: 'added', additions: 0, deletions: 0, changes: 0 },
  ];
  const comments12 = [
    reviewComment({
      id: 1201, pr: 12, path: 'modules/queue/main.tf', login: 'erin', reviewId: 9201, commit: head12, legacy: true,
      at: { diff: QUEUE_PATCH, raw: '+  message_retention_seconds = 1209600' },
      body: 'Fourteen days is the SQS maximum; say so in a comment.',
    }),
    reviewComment({
      id: 1202, pr: 12, path: 'modules/queue/policy.tf', login: 'coderabbitai[bot]', userType: 'Bot',
      reviewId: 9202, commit: head12,
      at: { diff: POLICY_PATCH, raw: '+  statement { actions = ["sqs:*"] }' },
      body: 'Avoid the sqs:* wildcard; grant sqs:SendMessage only.',
    }),
    reviewComment({
      id: 1203, pr: 12, path: 'modules/queue/policy.tf', login: 'alice', reviewId: 9203, commit: head12,
      inReplyTo: 1202,
      at: { diff: POLICY_PATCH, raw: '+  statement { actions = ["sqs:*"] }' },
      body: 'Agreed, narrowing it.',
    }),
  ];

  const head13 = sha('head-13');
  const original13 = sha('original-13');
  const comments13 = [
    reviewComment({
      id: 1301, pr: 13, path: 'lambda.tf', login: 'frank', reviewId: 9301, commit: original13,
      originalCommit: original13, legacy: true, outdated: true,
      at: { diff: LAMBDA_TF, raw: '-  timeout = 3' },
      body: 'Three seconds is too short for a cold start.',
    }),
    reviewComment({
      id: 1302, pr: 13, path: 'lambda.tf', login: 'frank', reviewId: 9302, commit: head13,
      at: { diff: LAMBDA_TF, raw: '+  timeout = 30' },
      body: 'Thirty is fine, but set reserved concurrency too.',
    }),
  ];

  return new Map<number, PullFixture>([
    [
      11,
      {
        pull: pull(11, 'Make the log bucket private', head11, 5, comments11.length),
        files: [
          fileEntry(MAIN_TF_HEAD, 'modified'),
          fileEntry(VARIABLES_TF, 'added'),
          fileEntry(OUTPUTS_TF, 'modified'),
          fileEntry(README_MD, 'modified'),
          fileEntry(VERSIONS_TF, 'modified'),
        ],
        comments: comments11,
        reviews: [
          review(9101, 'alice', 'COMMENTED', head11),
          review(9102, 'bob', 'COMMENTED', head11),
          review(9103, 'carol', 'APPROVED', head11),
          review(9104, 'github-actions[bot]', 'COMMENTED', head11),
          review(9105, 'dave', 'CHANGES_REQUESTED', original11),
          review(9106, 'k8s-ci-robot', 'COMMENTED', head11),
        ],
        diff: diff11,
        compare: { [original11]: MAIN_TF_ORIGINAL },
      },
    ],
    [
      12,
      {
        pull: pull(12, 'Move the queue into a module', head12, 4, comments12.length),
        files: files12,
        comments: comments12,
        reviews: [
          review(9201, 'erin', 'COMMENTED', head12),
          review(9202, 'coderabbitai[bot]', 'COMMENTED', head12),
          review(9203, 'alice', 'COMMENTED', head12),
        ],
        diff: 'too_large',
        compare: {},
      },
    ],
    [
      13,
      {
        pull: pull(13, 'Raise the ingest timeout', head13, 1, comments13.length),
        files: [fileEntry(LAMBDA_TF, 'modified')],
        comments: comments13,
        reviews: [review(9301, 'frank', 'CHANGES_REQUESTED', original13), review(9302, 'frank', 'APPROVED', head13)],
        diff: LAMBDA_TF,
        compare: { [original13]: 'missing' },
      },
    ],
  ]);
}

const TOO_LARGE: FakeResponse = {
  status: 406,
  body: {
    message:
      "Sorry, the diff exceeded the maximum number of files (300). Consider using 'List pull requests files' API or locally cloning the repository instead.",
    errors: [{ resource: 'PullRequest', field: 'diff', code: 'too_large' }],
    documentation_url: 'https://docs.github.com/rest/pulls/pulls#list-pull-requests-files',
    status: '406',
  },
};

/** Routes of the scenario's endpoints (the pulls map may be changed between requests). */
export function scenarioHandler(pulls: Map<number, PullFixture>): FakeHandler {
  const prefix = `/repos/${REPO}`;
  return (request, { page }) => {
    const wantsDiff = request.headers.accept === 'application/vnd.github.v3.diff';
    if (request.pathname === `${prefix}/pulls/comments`) {
      const since = request.query.get('since');
      const all = [...pulls.values()]
        .flatMap((fixture) => fixture.comments)
        .filter((comment) => since === null || String(comment.updated_at) >= since)
        .sort((a, b) => Number(a.id) - Number(b.id));
      return page(all);
    }
    const pullMatch = /^\/repos\/acme\/infra\/pulls\/(\d+)(\/files|\/comments|\/reviews)?$/.exec(request.pathname);
    if (pullMatch) {
      const fixture = pulls.get(Number(pullMatch[1]));
      if (!fixture) return undefined;
      if (pullMatch[2] === '/files') return page(fixture.files);
      if (pullMatch[2] === '/comments') return page(fixture.comments);
      if (pullMatch[2] === '/reviews') return page(fixture.reviews);
      if (!wantsDiff) return { status: 200, body: fixture.pull };
      if (fixture.diff === 'too_large') return TOO_LARGE;
      return { status: 200, headers: { 'content-type': DIFF_TYPE }, body: fixture.diff };
    }
    const compareMatch = /^\/repos\/acme\/infra\/compare\/([0-9a-f]{40})\.\.\.([0-9a-f]{40})$/.exec(request.pathname);
    if (compareMatch && compareMatch[1] === BASE) {
      for (const fixture of pulls.values()) {
        const diff = fixture.compare[compareMatch[2]!];
        if (diff === undefined || diff === 'missing') continue;
        if (wantsDiff) return { status: 200, headers: { 'content-type': DIFF_TYPE }, body: diff };
        return { status: 200, body: { status: 'ahead', files: [] } };
      }
      return {
        status: 404,
        body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/commits/commits#compare-two-commits', status: '404' },
      };
    }
    return undefined;
  };
}
