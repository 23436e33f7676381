// Structured JSON logs (pino), one line per event, to stdout by default.
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      name: 'selaras',
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Never log secrets even if a caller passes a request body or headers.
      redact: { paths: ['password', '*.password', 'token', '*.token', 'refreshToken', '*.refreshToken', 'req.headers.authorization'], censor: '[disembunyikan]' },
    },
    options.destination,
  );
}
