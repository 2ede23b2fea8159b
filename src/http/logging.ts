import type { FastifyRequest } from 'fastify';
import { pino, type Logger, type LoggerOptions } from 'pino';

/**
 * Logs never carry personal data. Known fields are censored by path, and every string that
 * still reaches a log line is scrubbed of anything shaped like an email address, a phone
 * number or an IP address. Requests are logged by route pattern, never by their raw URL,
 * whose path or query may hold tokens or addresses.
 */

const personalKeys = ['email', 'name', 'displayName', 'firstName', 'lastName', 'phone', 'ip', 'ips', 'password', 'token', 'to'];
// Secrets: TURN credentials (a browser's ICE servers) and shared secrets never reach a log line either.
const secretKeys = ['credential', 'iceServers', 'secret'];
const redactPaths = [
  ...personalKeys,
  ...personalKeys.map((k) => `*.${k}`),
  ...secretKeys,
  ...secretKeys.map((k) => `*.${k}`),
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
];

const patterns: RegExp[] = [
  /[^\s@"'<>]+@[^\s@"'<>]+\.[a-z]{2,}/gi, // email
  /\b(?:\d{1,3}\.){3}\d{1,3}\b/g, // IPv4
  /\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b|(?:\b[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:?){0,6}\b/gi, // IPv6
  /(?<![\w.])(?:\+|0)\d[\d\s()/-]{5,}\d\b/g, // phone numbers, international or national
];

export function scrub(text: string): string {
  return patterns.reduce((out, pattern) => out.replace(pattern, '[redacted]'), text);
}

const options = (level: string): LoggerOptions => ({
  level,
  redact: { paths: redactPaths, censor: '[redacted]' },
  serializers: {
    req: (request: FastifyRequest) => ({ method: request.method, route: request.routeOptions?.url ?? '(no route)' }),
    res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
  },
});

/** A pino logger whose every finished line is scrubbed before it reaches `destination`. */
export function createLogger(level: string, destination: { write(line: string): unknown } = process.stdout): Logger {
  return pino(options(level), { write: (line: string) => destination.write(scrub(line)) });
}
