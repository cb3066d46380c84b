import pino, { DestinationStream, Logger } from 'pino';

/**
 * The structured JSON logger (pino). Never log request bodies, variables or tokens: the
 * Authorization header and any `authorization`/`token` field are redacted in case one slips in.
 * @param destination where the JSON lines go (default stdout); tests pass a collecting stream.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'landports' },
    redact: ['req.headers.authorization', 'authorization', 'headers.authorization', 'token', '*.token'],
  };
  return destination ? pino(options, destination) : pino(options);
}
export type { Logger };
