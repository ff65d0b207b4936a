/** Errors that reach the user: each carries a stable code, an exit status and, where useful, what to do next. */
export type ErrorCode =
  | 'E_USAGE'
  | 'E_INPUT'
  | 'E_ROW'
  | 'E_OUTPUT_EXISTS'
  | 'E_RULES'
  | 'E_MODEL'
  | 'E_FUSION'
  | 'E_DATA';

export const EXIT = { OK: 0, SOME_ROWS_FAILED: 1, USAGE: 2, INTERNAL: 3 } as const;

export class BasiraError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
    readonly exitCode: number = EXIT.USAGE,
  ) {
    super(message);
    this.name = 'BasiraError';
  }
}
