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

const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Redaction by path reaches two levels only; a secret nested deeper in a logged message (a room
 * message's ICE servers, say) is cut by its key at any depth of plain objects and arrays.
 */
function withoutSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => withoutSecrets(item, depth + 1));
  if (!isPlain(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, secretKeys.includes(key) ? '[redacted]' : withoutSecrets(inner, depth + 1)]),
  );
}

const options = (level: string): LoggerOptions => ({
  level,
  redact: { paths: redactPaths, censor: '[redacted]' },
  formatters: { log: (object) => withoutSecrets(object) as Record<string, unknown> },
  serializers: {
    req: (request: FastifyRequest) => ({ method: request.method, route: request.routeOptions?.url ?? '(no route)' }),
    res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
  },
});

/** A pino logger whose every finished line is scrubbed before it reaches `destination`. */
export function createLogger(level: string, destination: { write(line: string): unknown } = process.stdout): Logger {
  return pino(options(level), { write: (line: string) => destination.write(scrub(line)) });
}
