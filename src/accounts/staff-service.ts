import { randomUUID } from 'node:crypto';
import type { Config, Language } from '../config.js';
import { AppError } from '../errors.js';
import type { MailService } from '../mail/service.js';
import { recordAudit } from '../privacy/audit.js';
import type { StaffRole } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { AuthService, NewSession } from './auth-service.js';
import { invitationMail } from './mails.js';
import { ownerOf, type Actor } from './policy.js';
import { accountsRepo } from './repo.js';
import { hashPassword, hashToken, newToken } from '../shared/secrets.js';

const invitationValidDays = 7;

/** What an admin does with staff: invite, disable and re-enable accounts, issue API tokens. */
export function createStaffService(store: Store, mail: MailService, auth: AuthService, config: Pick<Config, 'organisation' | 'http'>) {
  const { db } = store;

  async function actorName(actor: Actor): Promise<string> {
    if (actor.kind !== 'staff') return config.organisation.name;
    return (await accountsRepo.findById(db, actor.accountId))?.display_name ?? config.organisation.name;
  }

  return {
    async list() {
      const rows = await accountsRepo.listAccounts(db);
      return rows.map((row) => ({
        id: row.id,
        email: row.email,
        displayName: row.display_name,
        role: row.role,
        status: row.status,
        totpEnabled: row.totp_enabled === 1,
        lastLoginAt: row.last_login_at,
        createdAt: row.created_at,
      }));
    },

    async invite(actor: Actor, input: { email: string; displayName: string; role: StaffRole; language: Language }) {
      if (await accountsRepo.findByEmail(db, input.email)) throw new AppError('ERR_EMAIL_TAKEN');
      const id = randomUUID();
      const { token, hash } = newToken();
      const now = new Date();
      const link = new URL(`/invite/${token}`, config.http.publicUrl).toString();
      const message = invitationMail(input.language, {
        displayName: input.displayName,
        inviterName: await actorName(actor),
        organisation: config.organisation.name,
        role: input.role,
        link,
        validDays: invitationValidDays,
      });
      await store.transaction(async (tx) => {
        await accountsRepo.insertAccount(tx, {
          id,
          email: input.email,
          display_name: input.displayName,
          role: input.role,
          status: 'invited',
          password_hash: null,
          totp_secret: null,
          totp_enabled: 0,
          totp_last_step: null,
          language: input.language,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
          last_login_at: null,
        });
        await accountsRepo.insertInvitation(tx, {
          token_hash: hash,
          account_id: id,
          created_by: ownerOf(actor),
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + invitationValidDays * 86_400_000).toISOString(),
        });
        await mail.enqueue(tx, {
          to: input.email,
          subject: message.subject,
          text: message.text,
          purpose: 'staff-invitation',
          secrets: [token],
        });
        await recordAudit(tx, actor, { action: 'staff.invited', subject: { type: 'staff_account', id }, detail: { role: input.role } });
      });
      void mail.dispatch();
      return { id };
    },

    async invitation(token: string) {
      const invitation = await accountsRepo.findInvitation(db, hashToken(token), new Date().toISOString());
      if (!invitation) throw new AppError('ERR_INVITATION_INVALID');
      return { email: invitation.email, displayName: invitation.display_name, role: invitation.role };
    },

    async acceptInvitation(token: string, password: string): Promise<NewSession> {
      const invitation = await accountsRepo.findInvitation(db, hashToken(token), new Date().toISOString());
      if (!invitation) throw new AppError('ERR_INVITATION_INVALID');
      const passwordHash = await hashPassword(password);
      await store.transaction(async (tx) => {
        const now = new Date().toISOString();
        await accountsRepo.updateAccount(tx, invitation.account_id, {
          status: 'active',
          password_hash: passwordHash,
          updated_at: now,
          last_login_at: now,
        });
        await accountsRepo.deleteInvitationsOf(tx, invitation.account_id);
        await recordAudit(
          tx,
          { kind: 'staff', accountId: invitation.account_id },
          {
            action: 'staff.invitation_accepted',
            subject: { type: 'staff_account', id: invitation.account_id },
          },
        );
      });
      return auth.openSession(invitation.account_id);
    },

    /** Disabling ends the person's sessions and stops the API tokens they created. */
    async setStatus(actor: Actor, accountId: string, status: 'active' | 'disabled'): Promise<void> {
      const account = await accountsRepo.findById(db, accountId);
      if (!account) throw new AppError('ERR_NOT_FOUND');
      if (status === 'disabled') {
        if (actor.kind === 'staff' && actor.accountId === accountId) throw new AppError('ERR_SELF_DISABLE');
        if (account.role === 'admin' && account.status === 'active' && (await accountsRepo.countActiveAdmins(db)) <= 1) {
          throw new AppError('ERR_LAST_ADMIN');
        }
      }
      // An invited account becomes usable only by accepting its invitation.
      const next = status === 'active' && !account.password_hash ? 'invited' : status;
      await store.transaction(async (tx) => {
        await accountsRepo.updateAccount(tx, accountId, { status: next, updated_at: new Date().toISOString() });
        if (status === 'disabled') {
          await accountsRepo.deleteSessionsOf(tx, accountId);
          await accountsRepo.deleteInvitationsOf(tx, accountId);
        }
        await recordAudit(tx, actor, {
          action: `staff.${status === 'active' ? 'enabled' : 'disabled'}`,
          subject: { type: 'staff_account', id: accountId },
        });
      });
    },

    async createApiToken(actor: Actor, input: { name: string; role: StaffRole }) {
      if (actor.kind !== 'staff') throw new AppError('ERR_FORBIDDEN');
      const id = randomUUID();
      // The prefix lets secret scanners and people recognise a Plenum token.
      const secret = `plm_${newToken().token}`;
      const createdAt = new Date().toISOString();
      await store.transaction(async (tx) => {
        await accountsRepo.insertApiToken(tx, {
          id,
          name: input.name,
          token_hash: hashToken(secret),
          token_prefix: secret.slice(0, 8),
          role: input.role,
          created_by: actor.accountId,
          created_at: createdAt,
        });
        await recordAudit(tx, actor, { action: 'api_token.created', subject: { type: 'api_token', id }, detail: { role: input.role } });
      });
      return { id, name: input.name, role: input.role, token: secret, createdAt };
    },

    async listApiTokens() {
      const rows = await accountsRepo.listApiTokens(db);
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        prefix: row.token_prefix,
        role: row.role,
        createdAt: row.created_at,
        lastUsedAt: row.last_used_at,
        revokedAt: row.revoked_at,
      }));
    },

    async revokeApiToken(actor: Actor, id: string): Promise<void> {
      await store.transaction(async (tx) => {
        if (!(await accountsRepo.revokeApiToken(tx, id, new Date().toISOString()))) throw new AppError('ERR_NOT_FOUND');
        await recordAudit(tx, actor, { action: 'api_token.revoked', subject: { type: 'api_token', id } });
      });
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
