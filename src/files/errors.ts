// Every way a file can be refused, with a message an officer can act on.
// The code is stable (tests, CLI --json); the message is Bahasa Indonesia.

export type FileErrorCode =
  | 'empty'
  | 'too-large'
  | 'binary'
  | 'encoding'
  | 'csv-malformed'
  | 'xls-legacy'
  | 'ods'
  | 'zip-corrupt'
  | 'xlsx-corrupt'
  | 'no-sheet'
  | 'unknown-format'
  | 'no-header'
  | 'no-rows'
  | 'import-failed';

export class FileReadError extends Error {
  readonly code: FileErrorCode;
  constructor(code: FileErrorCode, message: string) {
    super(message);
    this.name = 'FileReadError';
    this.code = code;
  }
}

export function fileError(code: FileErrorCode, message: string): FileReadError {
  return new FileReadError(code, message);
}

export function isFileReadError(e: unknown): e is FileReadError {
  return e instanceof FileReadError;
}

/** Whatever went wrong, a FileReadError with an Indonesian message (unknown errors say so honestly). */
export function asFileReadError(e: unknown, fallback: FileErrorCode, context: string): FileReadError {
  if (e instanceof FileReadError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new FileReadError(fallback, `${context} (${detail})`);
}
