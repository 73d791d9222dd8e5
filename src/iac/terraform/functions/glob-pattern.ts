// fileset() patterns (bmatcuk/doublestar v1): `*`, `?`, `[class]`, `{a,b}`, `\` escapes and `**` for any
// number of directories, matched against slash-separated relative paths.

/** A pattern doublestar would reject. */
export class GlobPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
    this.name = 'GlobPatternError';
  }
}

/** Compiles a glob pattern to an anchored RegExp over relative paths. */
export function compileGlob(pattern: string): RegExp {
  const cleaned = pattern
    .replace(/\/{2,}/g, '/')
    .replace(/^(?:\.\/)+/, '')
    .replace(/\/\.(?=\/|$)/g, '');
  const components = cleaned.split('/');
  let source = '';
  components.forEach((component, index) => {
    const last = index === components.length - 1;
    if (component === '**') {
      source += last ? '.*' : '(?:[^/]+/)*';
      return;
    }
    source += translateComponent(component) + (last ? '' : '/');
  });
  return new RegExp(`^${source}$`, 'u');
}

function translateComponent(component: string): string {
  let out = '';
  let braceDepth = 0;
  for (let index = 0; index < component.length; index++) {
    const character = component[index] as string;
    switch (character) {
      case '\\': {
        const next = component[++index];
        if (next === undefined) throw new GlobPatternError();
        out += escapeLiteral(next);
        break;
      }
      case '*':
        while (component[index + 1] === '*') index++;
        out += '[^/]*';
        break;
      case '?':
        out += '[^/]';
        break;
      case '[': {
        const end = component.indexOf(']', index + 2);
        if (end < 0) throw new GlobPatternError();
        let body = component.slice(index + 1, end);
        let negated = false;
        if (body.startsWith('!') || body.startsWith('^')) {
          negated = true;
          body = body.slice(1);
        }
        if (body === '') throw new GlobPatternError();
        const escaped = body
          .replace(
            /\\(.)/gu,
            (_, escapedCharacter: string) =>
              `\\u{${(escapedCharacter.codePointAt(0) as number).toString(16)}}`,
          )
          .replace(/[[\]/{}()|]/g, (special) => `\\${special}`);
        out += negated ? `[^/${escaped}]` : `[${escaped}]`;
        index = end;
        break;
      }
      case '{':
        braceDepth++;
        out += '(?:';
        break;
      case '}':
        if (braceDepth === 0) throw new GlobPatternError();
        braceDepth--;
        out += ')';
        break;
      case ',':
        out += braceDepth > 0 ? '|' : ',';
        break;
      default:
        out += escapeLiteral(character);
    }
  }
  if (braceDepth !== 0) throw new GlobPatternError();
  return out;
}

function escapeLiteral(character: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(character) ? `\\${character}` : character;
}
