import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryReport } from './__fixtures__/arbitrary-report.js';
import { LOGGING, SAMPLE_RULES, sampleReport } from './__fixtures__/sample-report.js';
import { escapeXmlAttribute, escapeXmlText, renderJunit } from './render-junit.js';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

// A tiny XML 1.0 well-formedness checker for the test: one root, matched tags, quoted unique
// attributes, known entities only, no raw `<` or `&` in text, only characters XML allows. It
// normalizes line ends and attribute whitespace as XML parsers must (XML 1.0 §2.11, §3.3.3).
function parseXml(xml: string): XmlElement {
  if (/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(xml)) {
    throw new Error('character not allowed in XML');
  }
  const decode = (raw: string): string => {
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw))
      throw new Error(`bad entity in ${raw}`);
    return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, entity: string) =>
      entity.startsWith('#x')
        ? String.fromCodePoint(Number.parseInt(entity.slice(2), 16))
        : entity.startsWith('#')
          ? String.fromCodePoint(Number(entity.slice(1)))
          : ENTITIES[entity]!,
    );
  };
  let position = 0;
  const declaration = /^<\?xml[^?]*\?>\s*/.exec(xml);
  if (declaration) position = declaration[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>/y;
  while (position < xml.length) {
    const next = xml.indexOf('<', position);
    const text = xml.slice(position, next === -1 ? xml.length : next);
    if (text.includes('>') && /\]\]>/.test(text)) throw new Error(']]> in text');
    if (stack.length > 0) stack[stack.length - 1]!.text += decode(text.replace(/\r\n?/g, '\n'));
    else if (text.trim() !== '') throw new Error('text outside the root element');
    if (next === -1) break;
    tag.lastIndex = next;
    const match = tag.exec(xml);
    if (!match) throw new Error(`malformed tag at ${next}`);
    const [whole, closing, name, rawAttributes, selfClosing] = match;
    position = next + whole.length;
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> does not close <${open?.name}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, value] of rawAttributes!.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      if (key! in attributes) throw new Error(`duplicate attribute ${key}`);
      attributes[key!] = decode(value!.replace(/\r\n?/g, '\n').replace(/[\t\n\r]/g, ' '));
    }
    const element: XmlElement = { name: name!, attributes, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
    else if (root) throw new Error('more than one root element');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0 || !root) throw new Error('unclosed elements');
  return root;
}

function countsAddUp(root: XmlElement): void {
  const sum = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const suite of root.children) {
    const cases = suite.children.filter((child) => child.name === 'testcase');
    const has = (kind: string) =>
      cases.filter((entry) => entry.children.some((child) => child.name === kind)).length;
    const actual = {
      tests: cases.length,
      failures: has('failure'),
      errors: has('error'),
      skipped: has('skipped'),
    };
    for (const key of Object.keys(sum) as (keyof typeof sum)[]) {
      expect(Number(suite.attributes[key])).toBe(actual[key]);
      sum[key] += actual[key];
    }
  }
  for (const key of Object.keys(sum) as (keyof typeof sum)[])
    expect(Number(root.attributes[key])).toBe(sum[key]);
}

describe('renderJunit', () => {
  it('is well-formed XML whose counts add up', () => {
    const root = parseXml(renderJunit(sampleReport()));
    expect(root.name).toBe('testsuites');
    countsAddUp(root);
    expect(root.attributes).toMatchObject({ tests: '8', failures: '4', errors: '2', skipped: '1' });
  });

  it('has one suite per rule, a passing case for a rule without findings, and a suite of scan errors', () => {
    const root = parseXml(renderJunit(sampleReport()));
    const names = root.children.map((suite) => suite.attributes.name);
    expect(names).toEqual([
      ...SAMPLE_RULES.map((rule) => `${rule.id}: ${rule.title}`),
      'InfraLM scan errors',
    ]);
    const logging = root.children[SAMPLE_RULES.indexOf(LOGGING)]!;
    expect(logging.children).toHaveLength(1);
    expect(logging.children[0]!.children).toEqual([]);
    expect(logging.children[0]!.attributes.name).toBe('no findings in 5 files');
  });

  it('puts the severity in the failure type and escapes text', () => {
    const root = parseXml(renderJunit(sampleReport()));
    const failures = root.children.flatMap((suite) =>
      suite.children.flatMap((entry) => entry.children.filter((child) => child.name === 'failure')),
    );
    expect(failures.map((failure) => failure.attributes.type).sort()).toEqual([
      'CRITICAL',
      'HIGH',
      'HIGH',
      'MEDIUM',
    ]);
    const privileged = failures.find((failure) => failure.attributes.type === 'MEDIUM')!;
    expect(privileged.attributes.message).toBe(
      'container "web" runs privileged <root> & "unconfined"\nsecond line \ufffd[31m',
    );
    expect(privileged.text).toContain('k8s/deploy.yaml:21:13 MEDIUM ILM-K8S-001');
    const skipped = root.children[0]!.children.find((entry) => entry.children[0]?.name === 'skipped')!;
    expect(skipped.children[0]!.attributes.message).toBe('suppressed: static website, public by design');
  });

  it('escapes any string so that it reads back unchanged (where XML can carry it)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const xml = `<a b="${escapeXmlAttribute(value)}">${escapeXmlText(value)}</a>`;
        const element = parseXml(xml);
        const carried = value.replace(
          /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu,
          '\ufffd',
        );
        expect(element.attributes.b).toBe(carried);
        expect(element.text).toBe(carried);
      }),
    );
  });

  it('is well-formed with counts that add up for any report', () => {
    fc.assert(
      fc.property(arbitraryReport, (report) => {
        const root = parseXml(renderJunit(report));
        countsAddUp(root);
        const findings = report.findings.length;
        const ruleIds = new Set([
          ...report.rules.map((rule) => rule.id),
          ...report.findings.map((f) => f.rule_id),
        ]);
        const rulesWithout = [...ruleIds].filter(
          (id) => !report.findings.some((finding) => finding.rule_id === id),
        );
        expect(Number(root.attributes.tests)).toBe(findings + rulesWithout.length + report.errors.length);
      }),
    );
  });

  it('the checker rejects XML that is not well-formed', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow();
    expect(() => parseXml('<a>1 < 2</a>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow();
    expect(() => parseXml('<a>\u0001</a>')).toThrow();
  });
});
