// The `plan` task's input and output.

/** A module's files (the root module and the local modules it calls), paths relative to the root. */
export interface PlanInput {
  files: { path: string; content: string }[];
}

/** One resource change: the address and actions as `terraform show -json` gives them. */
export interface PlannedChange {
  address: string;
  actions: string[];
}

/** The resource changes of the module, sorted by address. */
export interface PlanTarget {
  resource_changes: PlannedChange[];
}
