// Resource and module addresses exactly as Terraform writes them:
// `module.a["k"].aws_s3_bucket.b[0]`, `data.aws_iam_policy_document.p`.

export type InstanceKey = number | string;

/** One step of a module instance path: the call name and, for count/for_each calls, the key. */
export interface ModuleStep {
  name: string;
  key?: InstanceKey;
}

/** `[0]` or `["key"]` with Terraform's quoting (HCL string escapes, `${` and `%{` doubled). */
export function formatInstanceKey(key: InstanceKey | undefined): string {
  if (key === undefined) return '';
  if (typeof key === 'number') return `[${key}]`;
  return `[${quoteHclString(key)}]`;
}

/** A string in HCL's quoted form, as Terraform prints instance keys. */
export function quoteHclString(text: string): string {
  let out = '"';
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    const code = text.charCodeAt(index);
    if (character === '"') out += '\\"';
    else if (character === '\\') out += '\\\\';
    else if (character === '\n') out += '\\n';
    else if (character === '\r') out += '\\r';
    else if (character === '\t') out += '\\t';
    else if ((character === '$' || character === '%') && text[index + 1] === '{')
      out += `${character}${character}`;
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += character;
  }
  return `${out}"`;
}

/** `module.a[0].module.b`, or '' for the root module. */
export function moduleAddress(path: readonly ModuleStep[]): string {
  return path.map((step) => `module.${step.name}${formatInstanceKey(step.key)}`).join('.');
}

/** The full address of a resource instance. */
export function resourceInstanceAddress(
  path: readonly ModuleStep[],
  mode: 'managed' | 'data',
  type: string,
  name: string,
  key?: InstanceKey,
): string {
  const prefix = moduleAddress(path);
  const local = `${mode === 'data' ? 'data.' : ''}${type}.${name}${formatInstanceKey(key)}`;
  return prefix ? `${prefix}.${local}` : local;
}
