import { describe, expect, it } from 'vitest';
import { isUnknown, UNKNOWN, type Value } from '../eval/value.js';
import type { FunctionContext } from './define-function.js';
import { FunctionCallError } from './function-call-error.js';
import { callFunction, TERRAFORM_FUNCTIONS } from './index.js';

const context: FunctionContext = {
  readFile: () => undefined,
  listFiles: () => undefined,
  renderTemplate: () => null,
};

const REQUIRED = `abs ceil floor log max min parseint pow signum
chomp endswith format formatlist indent join lower regex regexall replace split startswith strcontains strrev substr title trim trimprefix trimsuffix trimspace upper
alltrue anytrue chunklist coalesce coalescelist compact concat contains distinct element flatten index keys length lookup matchkeys merge one range reverse setintersection setproduct setsubtract setunion slice sort sum transpose values zipmap
base64decode base64encode base64gzip csvdecode jsondecode jsonencode textdecodebase64 textencodebase64 urlencode yamldecode yamlencode
abspath dirname basename pathexpand file fileexists fileset filebase64 templatefile
formatdate timeadd timecmp timestamp plantimestamp
base64sha256 base64sha512 filebase64sha256 filebase64sha512 filemd5 filesha1 filesha256 filesha512 md5 sha1 sha256 sha512 uuidv5 uuid bcrypt rsadecrypt
cidrhost cidrnetmask cidrsubnet cidrsubnets
tobool tolist tomap tonumber toset tostring nonsensitive sensitive issensitive`.split(/\s+/);

describe('function registry', () => {
  it('provides every required built-in under its own name', () => {
    for (const name of REQUIRED) {
      expect(TERRAFORM_FUNCTIONS.get(name)?.name, name).toBe(name);
    }
    expect(TERRAFORM_FUNCTIONS.has('try')).toBe(false);
    expect(TERRAFORM_FUNCTIONS.has('can')).toBe(false);
  });

  it('names parameters as Terraform does', () => {
    expect(TERRAFORM_FUNCTIONS.get('element')?.parameters).toEqual(['list', 'index']);
    expect(TERRAFORM_FUNCTIONS.get('join')?.variadic).toBe('lists');
    expect(TERRAFORM_FUNCTIONS.get('cidrsubnets')?.parameters).toEqual(['prefix']);
  });

  it('rejects unknown names and wrong arity', () => {
    expect(() => callFunction('nope', [], context)).toThrow(
      new FunctionCallError('There is no function named "nope".'),
    );
    expect(() => callFunction('element', [['a']], context)).toThrow(
      'Function "element" expects 2 argument(s). Missing value for "index".',
    );
    expect(() => callFunction('upper', ['a', 'b'], context)).toThrow(
      'Function "upper" expects only 1 argument(s).',
    );
  });

  it('blames the failing argument', () => {
    try {
      callFunction('cidrsubnets', ['10.0.0.0/24', 1, 0], context);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FunctionCallError);
      expect((error as FunctionCallError).argumentIndex).toBe(2);
    }
  });

  it('answers unknown (never a guess, never a crash) when every argument is unknown', () => {
    for (const [name, definition] of TERRAFORM_FUNCTIONS) {
      const args: Value[] = definition.parameters.map(() => UNKNOWN);
      if (definition.parameters.length === 0 && definition.variadic) args.push(UNKNOWN);
      let result: Value;
      try {
        result = definition.call(args, context);
      } catch (error) {
        expect(error, name).toBeInstanceOf(FunctionCallError);
        continue;
      }
      expect(isUnknown(result), name).toBe(true);
    }
  });
});
