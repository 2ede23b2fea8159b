import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import { actorOf, authorize, type Authenticator } from '../http/auth.js';
import { phoneNumber } from '../shared/schemas.js';
import { emailAddress, errorResponse, language, personName, staffSecurity, uuid } from '../http/schemas.js';
import {
  auditLog,
  checklist as checklistOut,
  erasure,
  extendedRequest,
  holdList,
  placedHold,
  privacyRequest,
  processorAdded,
  processorChanged,
  processingRecord as processingRecordOut,
  processorList,
  recordedRequest,
  requestList,
  requestType,
  retentionReport,
  subjectItems,
} from '../shared/api/privacy.js';
import type { ChecklistItem } from './checklist.js';
import type { DpoService } from './dpo-service.js';
import type { PrivacyNoticeSource } from './notice.js';
import { presentAuditEntry } from './audit-presenter.js';
import { categoryName, presentItems, presentKept } from './presenters.js';
import type { ProcessorService } from './processor-service.js';
import { processingRecord, type EnforcedFacts } from './record.js';
import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';
import type { Retention } from './retention.js';
import type { SubjectService } from './subject-service.js';

/** The staff actions the privacy center's routes check (accounts/policy.ts grants them). */
export type PrivacyAction = 'privacy.manage' | 'processors.manage';

export interface PrivacyRoutesOptions {
  auth: Authenticator<PrivacyAction>;
  dpo: DpoService;
  subjects: SubjectService;
  retention: Retention;
  processors: ProcessorService;
  notice: PrivacyNoticeSource;
  declarations: readonly PrivacyDeclaration[];
  periods: Config['retention'];
  checklist: () => ChecklistItem[];
  /** What the configuration enforces, for the record's technical and organisational measures. */
  facts: EnforcedFacts;
}

const tags = ['privacy (staff)'];
const idParams = z.strictObject({ id: uuid });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

const processorInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  purposeEn: z.string().trim().min(1).max(500),
  purposeDe: z.string().trim().min(1).max(500),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2'),
  transferBasis: z
    .enum(['eu', 'adequacy', 'scc', 'bcr'])
    .describe('eu inside the EU/EEA; outside, the Chapter V basis (no Privacy Shield: it is invalid)'),
  service: z
    .enum(['hosting', 'mail', 'telephony', 'other'])
    .default('other')
    .describe('What the processor does: hosting the servers, delivering mail, carrying phone calls, or something else'),
});

/** The data protection officer's API (requests, holds, audit, retention, the Art. 30 record) and the admin's processor registry. */
export const privacyRoutes: FastifyPluginAsyncZod<PrivacyRoutesOptions> = async (app, options) => {
  const { auth, dpo, subjects, retention, processors, notice, declarations, periods, checklist, facts } = options;
  const dpoOnly = authorize(auth, 'privacy.manage');
  const processorsAdmin = authorize(auth, 'processors.manage');

  const presentRequest = (r: Awaited<ReturnType<DpoService['findRequest']>>) => ({
    id: r.id,
    type: r.type,
    email: r.email,
    name: r.name,
    receivedAt: r.received_at,
    dueAt: r.due_at,
    extensionReason: r.extension_reason,
    status: r.status,
    overdue: r.status === 'open' && r.due_at < new Date().toISOString(),
    note: r.note,
    verifiedPhone: r.verified_phone,
    closedAt: r.closed_at,
  });
  /** Who serves a request: the DPO, with the number they verified for it (callback requests and call records are stored under it). */
  const serving = (request: Parameters<typeof actorOf>[0], found: Awaited<ReturnType<DpoService['findRequest']>>) => ({
    actor: actorOf(request),
    requestId: found.id,
    verifiedPhones: found.verified_phone ? [found.verified_phone] : [],
  });

  // Requests received by email
  app.get('/privacy/requests', {
    preHandler: dpoOnly,
    schema: {
      tags,
      summary: 'Requests received by email, by deadline',
      security: staffSecurity,
      querystring: z.strictObject({ filter: z.enum(['open', 'overdue', 'all']).default('open') }),
      response: { 200: requestList },
    },
    handler: async (request) => ({ requests: (await dpo.listRequests(request.query.filter)).map(presentRequest) }),
  });

  app.post('/privacy/requests', {
    preHandler: dpoOnly,
    schema: {
      tags,
      summary: 'Record a request received by email; the deadline is one month after receipt',
      security: staffSecurity,
      body: z.strictObject({
        type: requestType,
        email: emailAddress,
        name: personName.optional(),
        receivedAt: isoDate,
        note: z.string().trim().max(2000).optional(),
        verifiedPhone: phoneNumber.describe(
          'Only a number the DPO verified (e.g. by calling it back): it opens the callback requests and call records stored under it',
        ),
      }),
      response: { 201: recordedRequest, 400: errorResponse },
    },
    handler: async (request, reply) => reply.status(201).send(await dpo.recordRequest(actorOf(request), request.body)),
  });

  app.get('/privacy/requests/:id', {
    preHandler: dpoOnly,
    schema: {
      tags,
      summary: 'One request',
      security: staffSecurity,
      params: idParams,
      response: { 200: privacyRequest, 404: errorResponse },
    },
    handler: async (request) => presentRequest(await dpo.findRequest(request.params.id)),
  });

  app.post('/privacy/requests/:id/extend', {
    preHandler: dpoOnly,
    schema: {
      tags,
      summary: 'Extend the deadline once by up to two months, with the reason told to the person (Art. 12(3))',
      security: staffSecurity,
      params: idParams,
      body: z.strictObject({ months: z.union([z.literal(1), z.literal(2)]), reason: z.string().trim().min(3).max(1000) }),
      response: { 200: extendedRequest, 400: errorResponse, 404: errorResponse },
    },
    handler: async (request) => ({
      dueAt: await dpo.extendRequest(actorOf(request), request.params.id, request.body.months, request.body.reason),
    }),
  });

  app.post('/privacy/requests/:id/close', {
    preHandler: dpoOnly,
    schema: {
      tags,
      summary: 'Mark a request done or rejected',
      security: staffSecurity,
      params: idParams,
      body: z.strictObject({ status: z.enum(['done', 'rejected']), note: z.string().trim().max(2000).optional() }),
      response: { 204: z.null(), 404: errorResponse },
    },
    handler: async (request, reply) => {
      await dpo.closeRequest(actorOf(request), request.params.id, request.body.status, request.body.note);
      return reply.status(204).send(null);
    },
  });

  app.get('/privacy/requests/:id/items', {
    preHandler: dpoOnly,
    schema: {
      tags,
      summary: 'Everything stored about the requester (audited)',
      security: staffSecurity,
      params: idParams,
      response: { 200: subjectItems, 404: errorResponse },
    },
    handler: async (request) => {
      const found = await dpo.findRequest(request.params.id);
      const context = { periods, noticeDates: await processors.versionDates() };
      return { items: presentItems(await subjects.view(found.email, serving(request, found)), context) };
    },
  });

  app.get('/privacy/requests/:id/export', {
    preHandler: dpoOnly,
    schema: {
      tags,
      summary: 'The requester’s export as JSON (audited)',
      security: staffSecurity,
      params: idParams,
      response: { 200: z.unknown(), 404: errorResponse },
    },
    handler: async (request, reply) => {
      const found = await dpo.findRequest(request.params.id);
      const data = await subjects.export(found.email, serving(request, found));
      return reply
        .header('content-disposition', 'attachment; filename="export.json"')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    },
  });

  app.post('/privacy/requests/:id/erase', {
    preHandler: dpoOnly,
    schema: {
      tags,
      summary: 'Erase the requester’s data except what a legal hold keeps (audited)',
      security: staffSecurity,
      params: idParams,
      body: z.strictObject({ confirm: z.literal(true) }),
      response: { 200: erasure, 404: errorResponse },
    },
    handler: async (request) => {
      const found = await dpo.findRequest(request.params.id);
      const report = await subjects.erase(found.email, serving(request, found));
      return { erased: report.erased, kept: report.kept.map(presentKept) };
    },
  });

  // Legal holds
  app.get('/privacy/holds', {
    preHandler: dpoOnly,
    schema: {
      tags,
      summary: 'Legal holds, newest first',
      security: staffSecurity,
      response: { 200: holdList },
    },
    handler: async () => ({
      // What a hold can keep, in words, for the form's choice.
      categories: declarations
        .flatMap((d) => d.categories)
        .map((c) => ({ id: c.id, what: categoryName(c.id, declarations) }))
        .sort((a, b) => a.what.en.localeCompare(b.what.en)),
      holds: (await dpo.listHolds()).map((h) => ({
        id: h.id,
        category: h.category,
        what: categoryName(h.category, declarations),
        itemId: h.item_id,
        reason: h.reason,
        until: h.until,
        createdAt: h.created_at,
        releasedAt: h.released_at,
      })),
    }),
  });

  app.post('/privacy/holds', {
    preHandler: dpoOnly,
    schema: {
      tags,
      summary: 'Keep an item (or a whole category) from retention and erasure until a date, for a reason',
      security: staffSecurity,
      body: z.strictObject({
        category: z.string().min(1).max(80),
        itemId: z.string().min(1).max(200).optional(),
        reason: z.string().trim().min(3).max(500),
        until: isoDate,
      }),
      response: { 201: placedHold, 400: errorResponse },
    },
    handler: async (request, reply) => reply.status(201).send({ id: await dpo.placeHold(actorOf(request), request.body) }),
  });

  app.post('/privacy/holds/:id/release', {
    preHandler: dpoOnly,
    schema: {
      tags,
      summary: 'End a legal hold now',
      security: staffSecurity,
      params: idParams,
      response: { 204: z.null(), 404: errorResponse },
    },
    handler: async (request, reply) => {
      await dpo.releaseHold(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  // Audit log and retention
  app.get('/privacy/audit', {
    preHandler: dpoOnly,
    schema: {
      tags,
      summary: 'The audit log, newest first, filtered (viewing it is audited too)',
      security: staffSecurity,
      querystring: z.strictObject({
        action: z.string().min(2).max(80).optional().describe('An action, or a prefix ending in * (privacy.*)'),
        actorId: z.string().max(80).optional(),
        subjectId: z.string().max(200).optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(200),
      }),
      response: { 200: auditLog },
    },
    handler: async (request) => {
      const context = { declarations, noticeDates: await processors.versionDates() };
      return { entries: (await dpo.auditLog(actorOf(request), request.query)).map((e) => presentAuditEntry(e, context)) };
    },
  });

  app.post('/privacy/retention/run', {
    preHandler: dpoOnly,
    schema: {
      tags,
      summary: 'Run the retention engine now (dry run: count only)',
      security: staffSecurity,
      body: z.strictObject({ dryRun: z.boolean() }),
      response: { 200: retentionReport },
    },
    handler: async (request) => {
      const report = await retention.run({ dryRun: request.body.dryRun, actor: actorOf(request) });
      return { ...report, results: report.results.map((r) => ({ ...r, what: r.categories.map((c) => categoryName(c, declarations)) })) };
    },
  });

  // The record of processing activities
  app.get('/privacy/record', {
    preHandler: dpoOnly,
    schema: {
      tags,
      summary: 'The record of processing activities (Art. 30 GDPR) in words, per situation, with the measures the configuration enforces',
      security: staffSecurity,
      querystring: z.strictObject({ language: language.optional() }),
      response: { 200: processingRecordOut },
    },
    handler: async (request) => {
      const lang = request.query.language ?? request.language;
      return processingRecord(declarations, notice.document(lang), notice.processors(), periods, facts, lang);
    },
  });

  // What the notice still lacks (admin and DPO: the dashboard and the notice preview show it)
  app.get('/privacy/checklist', {
    preHandler: processorsAdmin,
    schema: {
      tags,
      summary: 'What the admin still has to declare for the privacy notice (controller, authority, hosting, mail and telephone providers)',
      security: staffSecurity,
      response: { 200: checklistOut },
    },
    handler: async () => ({ items: checklist() }),
  });

  // Processors (admin and DPO)
  app.get('/privacy/processors', {
    preHandler: processorsAdmin,
    schema: {
      tags,
      summary: 'The processor registry',
      security: staffSecurity,
      response: { 200: processorList },
    },
    handler: async () => ({
      noticeVersion: notice.version,
      processors: (await processors.list()).map((p) => ({
        id: p.id,
        name: p.name,
        purposeEn: p.purpose_en,
        purposeDe: p.purpose_de,
        country: p.country,
        transferBasis: p.transfer_basis,
        service: p.service,
      })),
    }),
  });

  app.post('/privacy/processors', {
    preHandler: processorsAdmin,
    schema: {
      tags,
      summary: 'Add a processor (makes a new notice version)',
      security: staffSecurity,
      body: processorInput,
      response: { 201: processorAdded, 400: errorResponse },
    },
    handler: async (request, reply) => reply.status(201).send(await processors.add(actorOf(request), request.body)),
  });

  app.post('/privacy/processors/:id', {
    preHandler: processorsAdmin,
    schema: {
      tags,
      summary: 'Change a processor (makes a new notice version)',
      security: staffSecurity,
      params: idParams,
      body: processorInput,
      response: { 200: processorChanged, 400: errorResponse, 404: errorResponse },
    },
    handler: async (request) => processors.update(actorOf(request), request.params.id, request.body),
  });

  app.delete('/privacy/processors/:id', {
    preHandler: processorsAdmin,
    schema: {
      tags,
      summary: 'Remove a processor (makes a new notice version)',
      security: staffSecurity,
      params: idParams,
      response: { 200: processorChanged, 404: errorResponse },
    },
    handler: async (request) => processors.remove(actorOf(request), request.params.id),
  });
};
