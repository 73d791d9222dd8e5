// The shape every built-in shares, and the wrapper that gives all of them HCL's calling convention:
// arity checks, null checks, automatic argument conversion, unknown short-circuiting, error wording.

import { UNKNOWN, Unknown, type Value, type ValueObject } from '../eval/value.js';
import { ConversionProblem, convertArgument, type ParameterType } from './convert-argument.js';
import { ArgumentProblem, CallProblem, FunctionCallError } from './function-call-error.js';

/** What a function may ask of the world outside the value model. */
export interface FunctionContext {
  /** Reads a file for file(), filebase64(), templatefile(), file*sha*(); paths as given in the config, resolved by the caller. undefined = missing. */
  readFile(path: string): Uint8Array | undefined;
  /** fileset(path, pattern): the caller lists the regular files under `path` (recursively), relative to `path`. */
  listFiles(path: string): string[] | undefined;
  /** templatefile(path, vars): the caller parses the file as a template and evaluates it with vars. */
  renderTemplate(path: string, variables: ValueObject): Value;
  /** Directory Terraform runs in, for abspath(); without it abspath() of a relative path is unknown. */
  workingDirectory?: string;
  /** Home directory for pathexpand(); without it a leading `~` gives an unknown result. */
  homeDirectory?: string;
}

/** A Terraform built-in function. */
export interface TerraformFunction {
  name: string;
  /** Terraform's parameter names for error messages, e.g. ["list", "index"]; `variadic` names the rest parameter. */
  parameters: string[];
  variadic?: string;
  call(args: Value[], context: FunctionContext): Value;
}

/** One declared parameter. */
export interface ParameterSpec {
  name: string;
  type: ParameterType;
  /** The function accepts null here (otherwise: "argument must not be null"). */
  allowNull?: boolean;
  /** The function handles a wholly unknown value here (otherwise the result is unknown). */
  allowUnknown?: boolean;
}

/** A built-in as declared by a category module. */
export interface FunctionDefinition {
  name: string;
  parameters: ParameterSpec[];
  variadic?: ParameterSpec;
  /** Receives converted arguments; throws ArgumentProblem / CallProblem for Terraform-worded failures. */
  implementation(args: Value[], context: FunctionContext): Value;
}

/** Wraps a definition with HCL's calling convention. */
export function defineFunction(definition: FunctionDefinition): TerraformFunction {
  const { name, parameters, variadic } = definition;
  const parameterName = (index: number): string =>
    (parameters[index] ?? variadic ?? parameters[parameters.length - 1])?.name ?? 'argument';
  return {
    name,
    parameters: parameters.map((parameter) => parameter.name),
    ...(variadic ? { variadic: variadic.name } : {}),
    call(args, context) {
      if (args.length < parameters.length) {
        const missing = parameters[args.length] as ParameterSpec;
        throw new FunctionCallError(
          `Function "${name}" expects ${parameters.length} argument(s). Missing value for "${missing.name}".`,
        );
      }
      if (!variadic && args.length > parameters.length) {
        throw new FunctionCallError(
          `Function "${name}" expects only ${parameters.length} argument(s).`,
          parameters.length,
        );
      }
      const converted: Value[] = [];
      let anyUnknown = false;
      args.forEach((arg, index) => {
        const spec = (parameters[index] ?? variadic) as ParameterSpec;
        if (arg instanceof Unknown) {
          if (!spec.allowUnknown) anyUnknown = true;
          converted.push(arg);
          return;
        }
        if (arg === null && !spec.allowNull) {
          throw new FunctionCallError(
            `Invalid value for "${spec.name}" parameter: argument must not be null.`,
            index,
          );
        }
        try {
          converted.push(convertArgument(arg, spec.type));
        } catch (error) {
          if (error instanceof ConversionProblem) {
            throw new FunctionCallError(
              `Invalid value for "${spec.name}" parameter: ${error.message}.`,
              index,
            );
          }
          throw error;
        }
      });
      if (anyUnknown) return UNKNOWN;
      try {
        return definition.implementation(converted, context);
      } catch (error) {
        if (error instanceof ArgumentProblem) {
          throw new FunctionCallError(
            `Invalid value for "${parameterName(error.argumentIndex)}" parameter: ${error.message}.`,
            error.argumentIndex,
          );
        }
        if (error instanceof CallProblem) {
          throw new FunctionCallError(`Call to function "${name}" failed: ${error.message}.`);
        }
        throw error;
      }
    },
  };
}
