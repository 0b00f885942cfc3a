// Errors the stand-ins throw. Apps Script's V8 surfaces service failures as Error objects named
// "Exception" (String(e) reads "Exception: <message>"), so code that logs errors sees the same text.

export class ServiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

/** Thrown by the fault-injection hook: the execution is dead and may not touch a service again. */
export class ExecutionKilled extends Error {
  constructor(readonly at: string, readonly callNumber: number) {
    super(`Execution killed before service call #${callNumber} (${at})`);
    this.name = 'ExecutionKilled';
  }
}

/** Marks a class as an Apps Script object; the bridge counts its calls as `<apiName>.<method>`. */
export interface ApiClass {
  readonly apiName: string;
}

export function apiNameOf(value: object): string | undefined {
  const ctor = (value as { constructor?: Partial<ApiClass> }).constructor;
  return ctor && typeof ctor.apiName === 'string' ? ctor.apiName : undefined;
}

/**
 * Apps Script's hard limit: an execution still running after 6 minutes is stopped, and nothing
 * of it runs after that point (no catch, no finally).
 * https://developers.google.com/apps-script/guides/services/quotas ("Script runtime 6 min / execution")
 */
export class ExecutionTimeLimit extends ExecutionKilled {
  constructor(at: string, callNumber: number) {
    super(at, callNumber);
    this.message = 'Exceeded maximum execution time';
    this.name = 'Exception';
  }
}
