import { AppError, type ErrorCode } from '../errors.js';

// Control characters other than line breaks and tabs are refused: they only serve to garble what others see.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A message as typed: trimmed, not empty, at most `max` characters. */
export function messageText(raw: string, max: number): string {
  const text = raw.trim();
  if (text === '') throw new AppError('ERR_MESSAGE_EMPTY');
  if (text.length > max) throw new AppError('ERR_MESSAGE_TOO_LONG', { max });
  if (controlCharacters.test(text)) throw new AppError('ERR_VALIDATION');
  return text;
}

/**
 * At most `max` actions per `windowMs` for each key (a participant). Fixed windows, kept in
 * memory with the room's other state. A refusal throws `code` with the seconds until the next window.
 */
export class RateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly code: ErrorCode = 'ERR_RATE_LIMITED',
  ) {}

  take(key: string, now = Date.now()): void {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (++window.count > this.max) throw new AppError(this.code, { retryAfter: Math.ceil((window.start + this.windowMs - now) / 1000) });
  }
}
