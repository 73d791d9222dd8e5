// Errors raised by Terraform function calls, worded as Terraform words them.

/** A failed function call; the caller adds the source range. `argumentIndex` points at the blamed argument. */
export class FunctionCallError extends Error {
  constructor(
    message: string,
    readonly argumentIndex?: number,
  ) {
    super(message);
    this.name = 'FunctionCallError';
  }
}

/** Raised inside an implementation to blame one argument; the registry turns it into a FunctionCallError. */
export class ArgumentProblem extends Error {
  constructor(
    readonly argumentIndex: number,
    detail: string,
  ) {
    super(detail);
    this.name = 'ArgumentProblem';
  }
}

/** Raised inside an implementation when the call as a whole fails. */
export class CallProblem extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'CallProblem';
  }
}

/** A problem blamed on argument `index` (0-based, counting variadic arguments too). */
export function argumentProblem(index: number, detail: string): ArgumentProblem {
  return new ArgumentProblem(index, detail);
}

/** A problem with the call as a whole ("Call to function ... failed"). */
export function callProblem(detail: string): CallProblem {
  return new CallProblem(detail);
}
