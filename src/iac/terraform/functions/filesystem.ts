// Filesystem built-ins: abspath basename dirname file filebase64 fileexists fileset pathexpand
// templatefile. Files are read through the FunctionContext; the caller resolves paths.

import { posix } from 'node:path';
import { isObjectValue, sortedKeys, TerraformSet, UNKNOWN, type ValueObject } from '../eval/value.js';
import { defineFunction, type FunctionContext, type TerraformFunction } from './define-function.js';
import { argumentProblem, callProblem } from './function-call-error.js';
import { compileGlob, GlobPatternError } from './glob-pattern.js';

/** Go's filepath.Clean on a slash-separated path. */
export function goClean(path: string): string {
  const normalized = posix.normalize(path);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

/** Go's filepath.Base. */
export function goBase(path: string): string {
  if (path === '') return '.';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Go's filepath.Dir. */
export function goDir(path: string): string {
  return goClean(path.slice(0, path.lastIndexOf('/') + 1));
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function readConfigurationFile(context: FunctionContext, path: string): Uint8Array {
  const data = context.readFile(path);
  if (data === undefined) {
    throw argumentProblem(
      0,
      `no file exists at ${JSON.stringify(path)}; this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource`,
    );
  }
  return data;
}

function readUtf8File(context: FunctionContext, path: string): string {
  const data = readConfigurationFile(context, path);
  try {
    return UTF8.decode(data);
  } catch {
    throw callProblem(
      `contents of ${JSON.stringify(path)} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead`,
    );
  }
}

const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u;

/** The filesystem built-ins. */
export const FILESYSTEM_FUNCTIONS: TerraformFunction[] = [
  defineFunction({
    name: 'abspath',
    parameters: [{ name: 'path', type: 'string' }],
    implementation: ([path], context) => {
      const text = path as string;
      if (text.startsWith('/')) return goClean(text);
      if (context.workingDirectory === undefined) return UNKNOWN;
      return goClean(posix.join(context.workingDirectory, text));
    },
  }),
  defineFunction({
    name: 'basename',
    parameters: [{ name: 'path', type: 'string' }],
    implementation: ([path]) => goBase(path as string),
  }),
  defineFunction({
    name: 'dirname',
    parameters: [{ name: 'path', type: 'string' }],
    implementation: ([path]) => goDir(path as string),
  }),
  defineFunction({
    name: 'file',
    parameters: [{ name: 'path', type: 'string' }],
    implementation: ([path], context) => readUtf8File(context, path as string),
  }),
  defineFunction({
    name: 'filebase64',
    parameters: [{ name: 'path', type: 'string' }],
    implementation: ([path], context) =>
      Buffer.from(readConfigurationFile(context, path as string)).toString('base64'),
  }),
  defineFunction({
    name: 'fileexists',
    parameters: [{ name: 'path', type: 'string' }],
    implementation: ([path], context) => context.readFile(path as string) !== undefined,
  }),
  defineFunction({
    name: 'fileset',
    parameters: [
      { name: 'path', type: 'string' },
      { name: 'pattern', type: 'string' },
    ],
    implementation: ([path, pattern], context) => {
      let matcher: RegExp;
      try {
        matcher = compileGlob(pattern as string);
      } catch (error) {
        if (error instanceof GlobPatternError) {
          throw callProblem(`failed to glob pattern ${JSON.stringify(pattern)}: ${error.message}`);
        }
        throw error;
      }
      const files = context.listFiles(path as string) ?? [];
      return TerraformSet.of(files.filter((file) => matcher.test(file)));
    },
  }),
  defineFunction({
    name: 'pathexpand',
    parameters: [{ name: 'path', type: 'string' }],
    implementation: ([path], context) => {
      const text = path as string;
      if (!text.startsWith('~')) return text;
      if (text.length > 1 && text[1] !== '/' && text[1] !== '\\')
        throw callProblem('cannot expand user-specific home dir');
      if (context.homeDirectory === undefined) return UNKNOWN;
      return goClean(posix.join(context.homeDirectory, text.slice(1)));
    },
  }),
  defineFunction({
    name: 'templatefile',
    parameters: [
      { name: 'path', type: 'string' },
      { name: 'vars', type: 'any' },
    ],
    implementation: ([path, variables], context) => {
      readUtf8File(context, path as string);
      if (!isObjectValue(variables as ValueObject))
        throw argumentProblem(1, 'invalid vars value: must be a map');
      for (const name of sortedKeys(variables as ValueObject)) {
        if (!IDENTIFIER.test(name)) {
          throw argumentProblem(
            1,
            `invalid template variable name ${JSON.stringify(name)}: must start with a letter, followed by zero or more letters, digits, and underscores`,
          );
        }
      }
      return context.renderTemplate(path as string, variables as ValueObject);
    },
  }),
];
