import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeObject, TerraformSet, UNKNOWN, type Value, type ValueObject } from '../eval/value.js';
import type { FunctionContext } from './define-function.js';
import { callFunction } from './registry.js';

let directory: string;
let context: FunctionContext;
const rendered: { path: string; variables: ValueObject }[] = [];
const call = (name: string, ...args: Value[]): Value => callFunction(name, args, context);

/** A context over a real directory, as the evaluator would provide one. */
function directoryContext(root: string): FunctionContext {
  const resolve = (path: string): string => join(root, path);
  return {
    readFile: (path) => {
      try {
        return statSync(resolve(path)).isFile() ? new Uint8Array(readFileSync(resolve(path))) : undefined;
      } catch {
        return undefined;
      }
    },
    listFiles: (path) => {
      try {
        return readdirSync(resolve(path), { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => relative(resolve(path), join(entry.parentPath, entry.name)).split('\\').join('/'));
      } catch {
        return undefined;
      }
    },
    renderTemplate: (path, variables) => {
      rendered.push({ path, variables });
      return `rendered:${path}`;
    },
    workingDirectory: '/work/config',
    homeDirectory: '/home/steve',
  };
}

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'infralm-functions-'));
  mkdirSync(join(directory, 'files', 'nested'), { recursive: true });
  writeFileSync(join(directory, 'hello.txt'), 'Hello World');
  writeFileSync(join(directory, 'binary.bin'), Buffer.from([0xff, 0xfe, 0x00]));
  writeFileSync(join(directory, 'files', 'hello.txt'), 'hello');
  writeFileSync(join(directory, 'files', 'world.txt'), 'world');
  writeFileSync(join(directory, 'files', 'other.md'), 'md');
  writeFileSync(join(directory, 'files', 'nested', 'deep.txt'), 'deep');
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform template, not a JS one
  writeFileSync(join(directory, 'template.tftpl'), 'port ${port}');
  context = directoryContext(directory);
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('filesystem functions (documentation examples)', () => {
  it('reads files', () => {
    expect(call('file', 'hello.txt')).toBe('Hello World');
    expect(call('filebase64', 'hello.txt')).toBe('SGVsbG8gV29ybGQ=');
    expect(call('fileexists', 'hello.txt')).toBe(true);
    expect(call('fileexists', 'missing.txt')).toBe(false);
    expect(call('filebase64', 'binary.bin')).toBe('//4A');
  });

  it('matches fileset patterns', () => {
    expect(call('fileset', '.', 'files/*.txt')).toEqual(
      TerraformSet.of(['files/hello.txt', 'files/world.txt']),
    );
    expect(call('fileset', '.', 'files/{hello,world}.txt')).toEqual(
      TerraformSet.of(['files/hello.txt', 'files/world.txt']),
    );
    expect(call('fileset', 'files', '*')).toEqual(TerraformSet.of(['hello.txt', 'other.md', 'world.txt']));
    expect(call('fileset', 'files', '**')).toEqual(
      TerraformSet.of(['hello.txt', 'nested/deep.txt', 'other.md', 'world.txt']),
    );
    expect(call('fileset', '.', './files/**/*.txt')).toEqual(
      TerraformSet.of(['files/hello.txt', 'files/nested/deep.txt', 'files/world.txt']),
    );
    expect(call('fileset', 'missing', '*')).toEqual(TerraformSet.of([]));
    expect(() => call('fileset', '.', 'files/[')).toThrow('syntax error in pattern');
  });

  it('manipulates paths like Go filepath', () => {
    expect(call('basename', 'foo/bar/baz.txt')).toBe('baz.txt');
    expect(call('basename', 'foo/bar/')).toBe('bar');
    expect(call('basename', '')).toBe('.');
    expect(call('dirname', 'foo/bar/baz.txt')).toBe('foo/bar');
    expect(call('dirname', 'baz.txt')).toBe('.');
    expect(call('dirname', '/baz.txt')).toBe('/');
    expect(call('abspath', 'modules/../x')).toBe('/work/config/x');
    expect(call('abspath', '/etc/./hosts')).toBe('/etc/hosts');
    expect(call('pathexpand', '~/.ssh/id_rsa')).toBe('/home/steve/.ssh/id_rsa');
    expect(call('pathexpand', '/etc/resolv.conf')).toBe('/etc/resolv.conf');
    expect(() => call('pathexpand', '~bob/x')).toThrow('cannot expand user-specific home dir');
  });

  it('is unknown where only the running machine knows', () => {
    const bare: FunctionContext = { ...context, workingDirectory: undefined, homeDirectory: undefined };
    expect(callFunction('abspath', ['x'], bare)).toBe(UNKNOWN);
    expect(callFunction('pathexpand', ['~/x'], bare)).toBe(UNKNOWN);
    expect(call('file', UNKNOWN)).toBe(UNKNOWN);
  });

  it('delegates templatefile rendering after checking the file and the variables', () => {
    const variables = makeObject([['port', 8080]]);
    expect(call('templatefile', 'template.tftpl', variables)).toBe('rendered:template.tftpl');
    expect(rendered.at(-1)).toEqual({ path: 'template.tftpl', variables });
    expect(() => call('templatefile', 'template.tftpl', ['x'])).toThrow(
      'Invalid value for "vars" parameter: invalid vars value: must be a map.',
    );
    expect(() => call('templatefile', 'template.tftpl', makeObject([['1bad', 1]]))).toThrow(
      'invalid template variable name "1bad"',
    );
    expect(() => call('templatefile', 'missing.tftpl', variables)).toThrow(
      'no file exists at "missing.tftpl"',
    );
    expect(call('templatefile', 'template.tftpl', UNKNOWN)).toBe(UNKNOWN);
  });

  it('explains missing and non-UTF-8 files as Terraform does', () => {
    expect(() => call('file', 'missing.txt')).toThrow(
      'Invalid value for "path" parameter: no file exists at "missing.txt"; this function works only with files that are distributed as part of the configuration source code',
    );
    expect(() => call('file', 'binary.bin')).toThrow(
      'contents of "binary.bin" are not valid UTF-8; use the filebase64 function',
    );
  });
});
