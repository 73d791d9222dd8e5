// Chooses the parser for a Terraform file by its name.

import type { ConfigFile } from './ast.js';
import { parseTerraformJson, parseTfvarsJson } from './parse-json.js';
import { parseHcl } from './parse-native.js';

/** Parses a `.tf`, `.tfvars`, `.tf.json` or `.tfvars.json` file; other names are read as native syntax. */
export function parseConfigFile(text: string, filename: string): ConfigFile {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.tfvars.json')) return parseTfvarsJson(text, filename);
  if (lower.endsWith('.json')) return parseTerraformJson(text, filename);
  return parseHcl(text, filename);
}
