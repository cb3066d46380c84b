import pino, { Logger } from 'pino';

/** The structured JSON logger (pino). Never log request bodies or tokens. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'landports' }, redact: ['req.headers.authorization', 'authorization'] });
}
export type { Logger };
