import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Config, Language } from '../config.js';
import { AppError } from '../errors.js';
import { createFailureGate, memoryFailureCounts, type CaptchaCheck, type FailureCounts } from '../http/failure-gate.js';
import { recordAudit } from '../privacy/audit.js';
import type { Store } from '../store/store.js';
import { sessionCookie } from '../http/auth.js';
import { can, type Action, type Actor } from './policy.js';
import { accountsRepo } from './repo.js';
import { hashPassword, hashToken, newToken, verifyPassword } from '../shared/secrets.js';
import { acceptTotp, newTotpSecret, totpEnrolment } from './totp.js';

export interface NewSession {
  token: string;
  maxAgeSeconds: number;
}

/** Sessions are touched at most this often, so that reading pages does not write on every request. */
const touchEveryMs = 60_000;

/**
 * Who may enter: the one-time setup of the first admin, login with password and optional
 * TOTP, sessions with idle and absolute timeouts, API tokens, and one's own credentials.
 */
/** After this many failed sign-ins to one account within the window, signing in to it needs a solved captcha. */
export const loginFailures = { threshold: 5, windowMs: 15 * 60_000 };

/** How long a setup link works when several instances share the store (each prints one, any accepts it). */
const setupLinkMs = 24 * 3_600_000;

export function createAuthService(
  store: Store,
  config: Pick<Config, 'sessions' | 'organisation'>,
  captcha?: CaptchaCheck,
  options: { sharedStore?: boolean; failureCounts?: FailureCounts } = {},
) {
  const { db } = store;
  const counts = options.failureCounts ?? memoryFailureCounts;
  const loginGate = captcha ? createFailureGate(captcha, db, counts('login', loginFailures)) : undefined;

  async function openSession(accountId: string): Promise<NewSession> {
    const { token, hash } = newToken();
    const now = Date.now();
    await accountsRepo.insertSession(db, {
      token_hash: hash,
      account_id: accountId,
      created_at: new Date(now).toISOString(),
      last_seen_at: new Date(now).toISOString(),
      expires_at: new Date(now + config.sessions.absoluteMs).toISOString(),
    });
    return { token, maxAgeSeconds: Math.floor(config.sessions.absoluteMs / 1000) };
  }

  async function requireStaff(actor: Actor) {
    const account = actor.kind === 'staff' ? await accountsRepo.findById(db, actor.accountId) : undefined;
    if (!account) throw new AppError('ERR_UNAUTHENTICATED');
    return account;
  }

  return {
    /**
     * On a store without accounts, a fresh one-time token for creating the first admin, stored as
     * its hash. A single instance's earlier links end with it (a restart makes a new one); in
     * cluster mode (`sharedStore`) the other instances' links stay valid, for 24 hours.
     */
    async prepareSetup(): Promise<string | undefined> {
      if ((await accountsRepo.countAccounts(db)) > 0) return undefined;
      const { token, hash } = newToken();
      const now = Date.now();
      const before = options.sharedStore ? new Date(now - setupLinkMs).toISOString() : undefined;
      await store.transaction((tx) => accountsRepo.replaceSetupTokens(tx, hash, new Date(now).toISOString(), before));
      return token;
    },

    async isSetupNeeded(): Promise<boolean> {
      return (await accountsRepo.countAccounts(db)) === 0;
    },

    async completeSetup(input: { token: string; email: string; displayName: string; password: string; language: Language }) {
      if (!(await this.isSetupNeeded())) throw new AppError('ERR_SETUP_DONE');
      const id = randomUUID();
      const now = new Date().toISOString();
      const passwordHash = await hashPassword(input.password);
      await store.transaction(async (tx) => {
        if (!(await accountsRepo.takeSetupTokens(tx, hashToken(input.token)))) throw new AppError('ERR_SETUP_TOKEN_INVALID');
        await accountsRepo.insertAccount(tx, {
          id,
          email: input.email,
          display_name: input.displayName,
          role: 'admin',
          status: 'active',
          password_hash: passwordHash,
          totp_secret: null,
          totp_enabled: 0,
          totp_last_step: null,
          language: input.language,
          created_at: now,
          updated_at: now,
          last_login_at: now,
        });
        await recordAudit(tx, { kind: 'public' }, { action: 'setup.completed', subject: { type: 'staff_account', id } });
      });
      return openSession(id);
    },

    /** The same error whether the account is unknown, disabled or the password wrong. */
    /**
     * Wrong passwords and codes count per account (also for addresses without one, so both look
     * the same); after several, the account asks for a solved captcha, never refusing the right password.
     */
    async login(input: {
      email: string;
      password: string;
      totpCode?: string | undefined;
      captcha?: string | undefined;
    }): Promise<NewSession> {
      const target = input.email.trim().toLowerCase();
      await loginGate?.admit(target, input.captcha);
      const failed = async (code: 'ERR_LOGIN_FAILED' | 'ERR_TOTP_INVALID') => {
        await loginGate?.failed(target);
        return new AppError(code);
      };
      const account = await accountsRepo.findByEmail(db, input.email);
      const passwordOk = await verifyPassword(account?.password_hash ?? null, input.password);
      if (!account || !passwordOk || account.status !== 'active') throw await failed('ERR_LOGIN_FAILED');
      let totpStep: number | undefined;
      if (account.totp_enabled && account.totp_secret) {
        if (!input.totpCode) throw new AppError('ERR_TOTP_REQUIRED');
        totpStep = acceptTotp(account.totp_secret, input.totpCode, account.totp_last_step);
        if (totpStep === undefined) throw await failed('ERR_TOTP_INVALID');
      }
      const now = new Date().toISOString();
      await accountsRepo.updateAccount(db, account.id, {
        last_login_at: now,
        updated_at: now,
        ...(totpStep ? { totp_last_step: totpStep } : {}),
      });
      return openSession(account.id);
    },

    async logout(actor: Actor): Promise<void> {
      if (actor.kind === 'staff') await accountsRepo.deleteSession(db, actor.sessionHash);
    },

    async authenticateSession(token: string): Promise<Actor | undefined> {
      const hash = hashToken(token);
      const session = await accountsRepo.findActiveSession(db, hash);
      if (!session) return undefined;
      const now = Date.now();
      const lastSeen = Date.parse(session.last_seen_at);
      const expired = Date.parse(session.expires_at) <= now || lastSeen + config.sessions.idleMs <= now;
      if (expired || session.status !== 'active') {
        await accountsRepo.deleteSession(db, hash);
        return undefined;
      }
      if (now - lastSeen > touchEveryMs) await accountsRepo.touchSession(db, hash, new Date(now).toISOString());
      return { kind: 'staff', accountId: session.account_id, role: session.role, sessionHash: hash };
    },

    /** The actor of an HTTP request (http/auth's Authenticator): an API token in the Authorization header, else the session cookie. */
    authenticate(request: FastifyRequest): Promise<Actor | undefined> {
      const header = request.headers.authorization;
      if (header?.startsWith('Bearer ')) return this.authenticateApiToken(header.slice(7).trim());
      const token = request.cookies[sessionCookie];
      return token ? this.authenticateSession(token) : Promise.resolve(undefined);
    },

    /** Whether the role may take the action at all (accounts/policy.ts). */
    may: (actor: Actor, action: Action): boolean => can(actor, action),

    async authenticateApiToken(token: string): Promise<Actor | undefined> {
      const row = await accountsRepo.findUsableApiToken(db, hashToken(token));
      if (!row) return undefined;
      const now = Date.now();
      if (!row.last_used_at || now - Date.parse(row.last_used_at) > touchEveryMs) {
        await accountsRepo.markApiTokenUsed(db, row.id, new Date(now).toISOString());
      }
      return { kind: 'api_token', tokenId: row.id, role: row.role, createdBy: row.created_by };
    },

    async profile(actor: Actor) {
      if (actor.kind === 'api_token') return { kind: 'api_token' as const, role: actor.role };
      const account = await requireStaff(actor);
      return {
        kind: 'staff' as const,
        id: account.id,
        email: account.email,
        displayName: account.display_name,
        role: account.role,
        language: account.language as Language,
        totpEnabled: account.totp_enabled === 1,
      };
    },

    async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
      const account = await requireStaff(actor);
      if (!(await verifyPassword(account.password_hash, currentPassword))) throw new AppError('ERR_PASSWORD_WRONG');
      const passwordHash = await hashPassword(newPassword);
      await store.transaction(async (tx) => {
        await accountsRepo.updateAccount(tx, account.id, { password_hash: passwordHash, updated_at: new Date().toISOString() });
        // Every other session ends: a changed password must lock out whoever else had it.
        await accountsRepo.deleteSessionsOf(tx, account.id);
        await recordAudit(tx, actor, { action: 'account.password_changed', subject: { type: 'staff_account', id: account.id } });
      });
    },

    /**
     * Stores a new, not yet active secret and returns it for the authenticator app. Refused while
     * two-factor login is on: overwriting the secret would switch it off without the password.
     */
    async startTotp(actor: Actor) {
      const account = await requireStaff(actor);
      if (account.totp_enabled) throw new AppError('ERR_TOTP_ALREADY_ON');
      const secret = newTotpSecret();
      await accountsRepo.updateAccount(db, account.id, { totp_secret: secret, totp_enabled: 0, updated_at: new Date().toISOString() });
      return totpEnrolment(secret, account.email, config.organisation.name);
    },

    async enableTotp(actor: Actor, code: string): Promise<void> {
      const account = await requireStaff(actor);
      if (!account.totp_secret) throw new AppError('ERR_TOTP_NOT_STARTED');
      if (account.totp_enabled) throw new AppError('ERR_TOTP_ALREADY_ON');
      const step = acceptTotp(account.totp_secret, code, null);
      if (step === undefined) throw new AppError('ERR_TOTP_INVALID');
      await store.transaction(async (tx) => {
        await accountsRepo.updateAccount(tx, account.id, { totp_enabled: 1, totp_last_step: step, updated_at: new Date().toISOString() });
        await recordAudit(tx, actor, { action: 'account.totp_enabled', subject: { type: 'staff_account', id: account.id } });
      });
    },

    async disableTotp(actor: Actor, password: string): Promise<void> {
      const account = await requireStaff(actor);
      if (!(await verifyPassword(account.password_hash, password))) throw new AppError('ERR_PASSWORD_WRONG');
      await store.transaction(async (tx) => {
        await accountsRepo.updateAccount(tx, account.id, {
          totp_secret: null,
          totp_enabled: 0,
          totp_last_step: null,
          updated_at: new Date().toISOString(),
        });
        await recordAudit(tx, actor, { action: 'account.totp_disabled', subject: { type: 'staff_account', id: account.id } });
      });
    },

    /** Opens a session for an invited person who just chose a password. */
    openSession,

    /** Deletes sessions past their absolute or idle timeout. */
    sweepSessions: () => {
      const now = Date.now();
      return accountsRepo.deleteExpiredSessions(db, new Date(now).toISOString(), new Date(now - config.sessions.idleMs).toISOString());
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
