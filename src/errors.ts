/**
 * Every error a user can see, by stable code, with its HTTP status. Services throw
 * AppError; the HTTP layer translates the code into the request's language
 * (src/http/locales). Add a code here and both translations there.
 */
export const errorStatus = {
  ERR_VALIDATION: 400,
  ERR_MALFORMED_JSON: 400,
  ERR_BODY_TOO_LARGE: 413,
  ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  ERR_NOT_FOUND: 404,
  ERR_RATE_LIMITED: 429,
  ERR_INTERNAL: 500,
  ERR_UNAUTHENTICATED: 401,
  ERR_FORBIDDEN: 403,
  ERR_CROSS_ORIGIN: 403,
  ERR_LOGIN_FAILED: 401,
  ERR_TOTP_REQUIRED: 401,
  ERR_TOTP_INVALID: 400,
  ERR_TOTP_NOT_STARTED: 409,
  ERR_SETUP_DONE: 409,
  ERR_SETUP_TOKEN_INVALID: 403,
  ERR_INVITATION_INVALID: 404,
  ERR_EMAIL_TAKEN: 409,
  ERR_PASSWORD_WRONG: 400,
  ERR_LAST_ADMIN: 409,
  ERR_SELF_DISABLE: 409,
  // rooms
  ERR_MEDIA_UNAVAILABLE: 503,
  ERR_JOIN_REFUSED: 403,
  ERR_MEETING_ENDED: 410,
  ERR_JOIN_SESSION_INVALID: 401,
  ERR_JOIN_LINK_INVALID: 404,
  // Events and registration
  ERR_CAPTCHA_INVALID: 400,
  ERR_REGISTRATION_CLOSED: 409,
  ERR_EVENT_CANCELLED: 409,
  ERR_REGISTRATION_LINK_INVALID: 404,
  ERR_REGISTRATION_STATE: 409,
  ERR_PHONE_INVALID: 400,
  ERR_MARKUP_NOT_ALLOWED: 400,
  ERR_EVENT_TIMES: 400,
  ERR_TIME_ZONE_INVALID: 400,
  ERR_ANSWER_INVALID: 400,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.status = errorStatus[code];
  }
}
