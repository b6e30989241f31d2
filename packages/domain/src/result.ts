import type { Reason } from './reasons.ts';

/** What every rule function returns: either the value it decided, or the reason it refused. */
export type Ok<T> = { ok: true } & T;
export type Refused = { ok: false; reason: Reason; detail?: string };
export type Result<T = object> = Ok<T> | Refused;

export const ok = <T extends object>(value: T = {} as T): Ok<T> => ({ ok: true, ...value });

export const refuse = (reason: Reason, detail?: string): Refused =>
  detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };

/** For the default branch of a switch that must be exhaustive. */
export const unexpectedCase = (value: never): never => {
  throw new Error(`unexpected case: ${JSON.stringify(value)}`);
};
