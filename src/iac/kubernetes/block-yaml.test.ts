import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { DEFAULT_SCHEMA, loadAll, Type } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseBlockYamlStream } from './block-yaml.js';

// The fast path must give exactly what js-yaml gives, or give up. These tests compare the two.
const anyTag = (kind: 'scalar' | 'sequence' | 'mapping') =>
  new Type('!', { kind, multi: true, construct: (data: unknown) => data });
const SCHEMA = DEFAULT_SCHEMA.extend([anyTag('scalar'), anyTag('sequence'), anyTag('mapping')]);
const IMPLICIT = (SCHEMA as unknown as { compiledImplicit: Type[] }).compiledImplicit;

const fast = (text: string) => parseBlockYamlStream(text, IMPLICIT);
function reference(text: string): { ok: true; documents: unknown[] } | { ok: false } {
  try {
    const documents: unknown[] = [];
    loadAll(text, (document) => documents.push(document), { schema: SCHEMA });
    return { ok: true, documents };
  } catch {
    return { ok: false };
  }
}

/** Fails with both readings when the fast path accepted text js-yaml reads otherwise. */
function expectAgreement(text: string): boolean {
  const mine = fast(text);
  if (mine === undefined) return false;
  const theirs = reference(text);
  if (!theirs.ok || !isDeepStrictEqual(mine, theirs.documents)) {
    throw new Error(
      `fast path disagrees with js-yaml on ${JSON.stringify(text)}:\n${JSON.stringify(mine)}\n${JSON.stringify(theirs)}`,
    );
  }
  return true;
}

describe('parseBlockYamlStream', () => {
  it('reads the block YAML of manifests as js-yaml does', () => {
    const cases = [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.25\n    args: ["--port", \'8080\', 9090, true, ~]\n',
      '# header\n---\na: 1\n---\n# only a comment\n---\nb: [ ]\n',
      'a: 1\n---\n',
      'items:\n- a\n-\n- b\n',
      'ports:\n- containerPort: 80\n  protocol: TCP\n- containerPort: 443\nnext: x\n',
      'script: |\n  echo "a: b # not a comment"\n\n  exit 0\nkeep: |+\n  x\n\nstrip: |-\n  y\nfolded: >\n  one\n  two\n\n  three\n    indented\n  four\nempty: |\nafter: z\n',
      'd: "tab\\there \\"quoted\\" \\\\ \\x41\\u00e9 \\/ \\N\\_"\ns: \'it\'\'s\'\n',
      'description: first line\n  continues here\n\n  after a blank\nnext: 1\n',
      'n: [1, 1.5, -2, 0x1F, 0o17, .inf, -.Inf, .NaN, 1e3, +12]\nb: [true, False, TRUE, null, Null, ~]\nt: 2024-01-02\nts: 2024-01-02T03:04:05Z\n',
      '1: one\ntrue: yes\nnull: none\n0x10: hex\n"quoted key": q\n\'single\': s\n',
      'url: http://example.com:8080/path#frag\nhash: a#b\nc: d # comment\nempty:\nnested:\n  # comment\n  k: v\n',
      '  indented: root\n  second: 2\n',
      'q: "one\n  two  \n\n   three"\ns: \'it\'\'s\n  multi\'\ne: "esc\\n\n  y"\n',
      'a: b\n  # deeper comment\nc: d\ne: f\n  g\n  # x\nh: { }\nport: :8081\n',
      'a:\n  - x\n  - y: 1\n    z: 2\nb: ""\n',
    ];
    for (const text of cases) expect(expectAgreement(text), text).toBe(true);
  });

  it('gives up on what only js-yaml should decide', () => {
    const cases = [
      'a: &anchor 1\nb: *anchor\n',
      'a: !!str 1\n',
      '<<: {a: 1}\n',
      'a: {b: 1}\n',
      '? complex\n: key\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\n...\n',
      '--- a: 1\n',
      'a: 1\na: 2\n', // duplicate key: js-yaml rejects it
      'a:\tb\n',
      'a: b\r\nc: d\r\n',
      'a: "\\U0001F600"\n',
      'a: b: c\n',
      'a: - b\n',
      'just a scalar\n',
      '# only comments\n',
      '',
      'a: 1\n  b: 2\n',
      'a: |2\n   x\n',
      '__proto__: x\n',
      'a: [b, [c]]\n',
      'a: [b,]\n',
      't: 2024-01-02\n2024-01-02: date key\n',
      'a: "unclosed\n',
      'a: "one\n---\ntwo"\n',
      'a: b\n c: d\n',
    ];
    for (const text of cases) expect(fast(text), JSON.stringify(text)).toBeUndefined();
  });

  it('never disagrees with js-yaml on generated and mutated manifests (property)', () => {
    const word = fc.constantFrom(
      'web',
      'nginx:1.25',
      '8080',
      '-1',
      '1.5',
      'true',
      'null',
      '~',
      '2024-01-02',
      'a b',
      'x#y',
      'http://h:1/p',
      '.inf',
      '0x1F',
      'Yes',
      ':8081',
      '?x',
      '-x',
      '',
    );
    const scalar = fc.oneof(
      word,
      word.map((text) => `"${text.replace(/"/g, '\\"')}"`),
      word.map((text) => `'${text.replace(/'/g, "''")}'`),
      fc.array(word, { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
      fc.constantFrom('{}', '{ }', '[]', '|', '|-', '>+', '"a\\tb"', '# note'),
      // Scalars continued on the following lines (quoted, escaped, plain) and a deeper comment.
      fc.constantFrom(
        '"multi\n      line"',
        "'it''s\n\n      long'",
        '"esc\\n\n    x  "',
        'plain\n        continued',
        'value\n        # deeper comment',
      ),
    );
    const key = fc.constantFrom('name', 'image', 'kind', 'ports', 'x y', '"q"', '1', 'true');
    type Node = { map: [string, Node][] } | { seq: Node[] } | { scalar: string };
    const { node } = fc.letrec<{ node: Node }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar.map((text) => ({ scalar: text })),
        fc.array(fc.tuple(key, tie('node')), { maxLength: 4 }).map((entries) => ({ map: entries })),
        fc.array(tie('node'), { maxLength: 3 }).map((items) => ({ seq: items })),
      ),
    }));
    const render = (value: Node, indent: number, sameColumnSequence: boolean): string[] => {
      const pad = ' '.repeat(indent);
      if ('scalar' in value) {
        if (value.scalar.startsWith('|') || value.scalar.startsWith('>'))
          return [value.scalar, `${pad}  line one`, '', `${pad}    deeper`, `${pad}  line two`];
        return [value.scalar];
      }
      const lines: string[] = [];
      if ('map' in value) {
        for (const [name, child] of value.map) {
          const rendered = render(child, indent + 2, sameColumnSequence);
          if ('scalar' in child) lines.push(`${pad}${name}: ${rendered[0]}`, ...rendered.slice(1));
          else if (rendered.length === 0) lines.push(`${pad}${name}:`);
          else {
            const nested = 'seq' in child && sameColumnSequence ? render(child, indent, false) : rendered;
            lines.push(`${pad}${name}:`, ...nested);
          }
        }
        return lines;
      }
      for (const item of value.seq) {
        const rendered = render(item, indent + 2, sameColumnSequence);
        if (rendered.length === 0) lines.push(`${pad}-`);
        else if ('scalar' in item) lines.push(`${pad}- ${rendered[0]}`, ...rendered.slice(1));
        else lines.push(`${pad}- ${rendered[0]!.trimStart()}`, ...rendered.slice(1));
      }
      return lines;
    };
    // Character insertions, and line edits that shift indentation, repeat or drop a line.
    const mutation = fc.tuple(
      fc.nat(),
      fc.constantFrom(
        ':',
        ' ',
        '#',
        '-',
        '"',
        "'",
        '\n',
        '  ',
        '|',
        '>',
        '[',
        ']',
        '{',
        ',',
        '---\n',
        '\\',
        'é',
        '\t',
        '&a ',
        '*a',
        '!',
        '? ',
        '<<: ',
        'LINE+1',
        'LINE-1',
        'LINE*2',
        'LINE-DROP',
      ),
    );
    const mutate = (text: string, position: number, edit: string): string => {
      if (!edit.startsWith('LINE')) {
        const at = position % (text.length + 1);
        return text.slice(0, at) + edit + text.slice(at);
      }
      const lines = text.split('\n');
      const index = position % lines.length;
      const line = lines[index]!;
      if (edit === 'LINE+1') lines[index] = ` ${line}`;
      else if (edit === 'LINE-1') lines[index] = line.replace(/^ /, '');
      else if (edit === 'LINE*2') lines.splice(index, 0, line);
      else lines.splice(index, 1);
      return lines.join('\n');
    };
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.array(node, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.array(mutation, { maxLength: 4 }),
        (documents, sameColumn, mutations) => {
          let text = `${documents.map((document) => render(document, 0, sameColumn).join('\n')).join('\n---\n')}\n`;
          if (expectAgreement(text)) accepted++;
          for (const [position, edit] of mutations) {
            text = mutate(text, position, edit);
            if (expectAgreement(text)) accepted++;
          }
        },
      ),
      { numRuns: 600, seed: 20261123 },
    );
    expect(accepted).toBeGreaterThan(100); // the property exercised the fast path, not only its exits
  });

  // A complexity guard like redact-complexity.test.ts: linear code parses 200 KB in milliseconds, so
  // the bound only fails on super-linear behaviour (a search that rescans the text for every line).
  it('stays linear on 200 KB inputs built against its searches', () => {
    const size = 200_000;
    const repeat = (unit: string) => unit.repeat(Math.ceil(size / unit.length));
    const inputs = [
      `a: ${repeat('b')}\n`, // one long line without a comment or colon
      `list:\n${repeat('- item\n')}`, // many lines without `: `
      `${repeat('k: v\n').replace(/k/g, (_, index: number) => `k${index}`)}`, // many keys
      `text: |\n${repeat('  line without a colon\n')}z: 1\n#\n`,
      `d: "${repeat('\\"')}"\n`,
      `a: ${repeat('x ')}# end\n`,
      `plain: start\n${repeat('  continued words\n')}`,
      `flow: [${repeat('a, ')}b]\n`,
    ];
    for (const text of inputs) {
      const started = performance.now();
      fast(text);
      expect(performance.now() - started, text.slice(0, 40)).toBeLessThan(1500);
    }
  });

  const corpus = '/work/shared/corpora/k8s';
  it.skipIf(!existsSync(corpus))('agrees with js-yaml on every file of the shared corpus it accepts', () => {
    let accepted = 0;
    const walk = (directory: string) => {
      for (const entry of readdirSync(directory, { withFileTypes: true })) {
        const path = join(directory, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.ya?ml$/.test(entry.name) && expectAgreement(readFileSync(path, 'utf8'))) accepted++;
      }
    };
    walk(corpus);
    expect(accepted).toBeGreaterThan(1000);
  });
});
