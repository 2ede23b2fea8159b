import type { KeptItem, RetentionTask, SubjectDataSource, SubjectItem } from '../shared/subject-data.js';
import type { Executor } from '../store/store.js';
import { eventsRepo } from './repo.js';
import { speakersRepo } from './speakers-repo.js';
import { eventIdsPastRegistrationPeriod, registrationPeriodRule } from './retention.js';
import { ValidationFailure } from '../http/validation.js';
import { acceptAnswer, registrantDetails } from './schemas.js';
import type { Seats } from './seats.js';
import { erasePanelist, panelistIdsOf, panelistItems, panelistRetentionTask } from './panelist-subject-data.js';

/**
 * What the events domain contributes to the privacy center: registrations and answers of a data
 * subject (export, correction, withdrawal, erasure), invitations to speak (export, erasure), and
 * the retention of both after their event.
 */

const required = 'events.registrant-required';
const voluntary = 'events.registrant-voluntary';
const answers = 'events.registration-answers';

const answerId = (registrationId: string, questionId: string) => `${registrationId}:${questionId}`;

function splitAnswerId(id: string) {
  const [registrationId = '', questionId = ''] = id.split(':');
  return { registrationId, questionId };
}

const correctable: Record<string, readonly string[]> = {
  [required]: ['firstName', 'lastName'],
  [voluntary]: ['company', 'industry', 'phone'],
  [answers]: ['answer'],
};
/** Corrections take the registration form's fields with its rules (src/events/schemas.ts); a required name cannot be emptied. */
const requiredFields = registrantDetails.pick({ firstName: true, lastName: true }).partial().strict();
const voluntaryFields = registrantDetails.pick({ company: true, industry: true, phone: true }).partial().strict();

/**
 * `seats` moves the waiting list up when an erased registrant held a seat, as a cancellation does
 * (absent where no erasure runs, e.g. `npm run purge`); `endJoinSessions` ends the erased registration's join sessions.
 */
export function createEventsSubjectData(seats?: Seats, endJoinSessions?: (registrationId: string) => Promise<void>): SubjectDataSource {
  return {
    domain: 'events',

    async identify(email, db) {
      const rows = await eventsRepo.registrationsOfEmail(db, email);
      // A panelist's invitation stands where a registration would in the room (attendance, chat, consents).
      return { registrationIds: [...rows.map((r) => r.id), ...(await panelistIdsOf(email, db))] };
    },

    async collect(subject, db) {
      const rows = await eventsRepo.registrationsOfEmail(db, subject.email);
      const items: SubjectItem[] = [];
      for (const r of rows) {
        const context = r.title;
        const about = {
          registrationId: r.id,
          contextAt: r.starts_at,
          retainedFrom: { at: r.ends_at, days: r.retention_registration_days },
        };
        items.push({
          category: required,
          id: r.id,
          context,
          ...about,
          correctable: correctable[required],
          data: {
            firstName: r.first_name,
            lastName: r.last_name,
            email: r.email,
            language: r.language,
            state: r.state,
            registeredAt: r.registered_at,
            confirmedAt: r.confirmed_at,
            noticeVersion: r.notice_version,
          },
        });
        if (r.company !== null || r.industry !== null || r.phone !== null) {
          items.push({
            category: voluntary,
            id: r.id,
            context,
            ...about,
            correctable: correctable[voluntary],
            data: { company: r.company, industry: r.industry, phone: r.phone },
          });
        }
      }
      const events = new Map(rows.map((r) => [r.id, r]));
      for (const a of await eventsRepo.answersWithQuestions(
        db,
        rows.map((r) => r.id),
      )) {
        items.push({
          category: answers,
          id: answerId(a.registration_id, a.question_id),
          registrationId: a.registration_id,
          context: events.get(a.registration_id)?.title,
          contextAt: events.get(a.registration_id)?.starts_at,
          retainedFrom: events.has(a.registration_id)
            ? { at: events.get(a.registration_id)!.ends_at, days: events.get(a.registration_id)!.retention_registration_days }
            : undefined,
          correctable: correctable[answers],
          data: { question: a.label, purpose: a.purpose, answer: a.answer },
        });
      }
      items.push(...(await panelistItems(subject.email, db)));
      return items;
    },

    async erase(subject, keep, db) {
      const rows = await eventsRepo.registrationsOfEmail(db, subject.email);
      const ids = rows.map((r) => r.id);
      const answerRows = await eventsRepo.answersWithQuestions(db, ids);
      const invitations = await erasePanelist(subject.email, keep, db, endJoinSessions);
      const kept: KeptItem[] = [...invitations.kept];
      let erased = invitations.erased;
      for (const id of ids) {
        const heldAnswers = answerRows.filter(
          (a) => a.registration_id === id && keep({ category: answers, id: answerId(id, a.question_id) }),
        );
        const held = [required, voluntary].filter((category) => keep({ category, id }));
        if (held.length === 0 && heldAnswers.length === 0) {
          const registration = rows.find((r) => r.id === id)!;
          await eventsRepo.lockEvent(db, registration.event_id);
          // Answers go with their registration (on delete cascade).
          await eventsRepo.deleteRegistration(db, id);
          await endJoinSessions?.(id);
          erased += 1 + answerRows.filter((a) => a.registration_id === id).length;
          const event = registration.state === 'confirmed' && seats ? await eventsRepo.findEvent(db, registration.event_id) : undefined;
          if (event && event.ends_at > new Date().toISOString()) await seats!.fill(db, event, { kind: 'system' });
          continue;
        }
        // Something of this registration is held: keep the registration row, drop what is not held.
        kept.push({ category: required, id }, ...held.filter((c) => c !== required).map((category) => ({ category, id })));
        kept.push(...heldAnswers.map((a) => ({ category: answers, id: answerId(id, a.question_id) })));
        const heldQuestionIds = heldAnswers.map((a) => a.question_id);
        erased += await eventsRepo.deleteAnswersExcept(db, id, heldQuestionIds);
        if (!held.includes(voluntary)) {
          await eventsRepo.updateRegistration(db, id, { company: null, industry: null, phone: null, updated_at: new Date().toISOString() });
        }
      }
      return { erased, kept };
    },

    async correct(subject, item, fields, db) {
      const allowed = correctable[item.category];
      if (!allowed || Object.keys(fields).some((f) => !allowed.includes(f))) return false;
      // The registration form's rules, field by field: a correction is an entry like any other.
      if (item.category === answers) {
        const { registrationId, questionId } = splitAnswerId(item.id);
        if (!(await owns(db, subject.registrationIds, registrationId)) || fields.answer === undefined) return false;
        const question = (await eventsRepo.answersWithQuestions(db, [registrationId])).find((a) => a.question_id === questionId);
        const answer = question && acceptAnswer(question, fields.answer);
        if (!answer) return false;
        return eventsRepo.setAnswer(db, registrationId, questionId, answer);
      }
      if (!(await owns(db, subject.registrationIds, item.id))) return false;
      // The registration form's own schema: a refused value is told per field, as on the form.
      const checked = (item.category === required ? requiredFields : voluntaryFields).safeParse(fields, { reportInput: true });
      if (!checked.success) {
        const failure = new ValidationFailure(checked.error.issues);
        failure.validationContext = 'fields';
        throw failure;
      }
      const { firstName, lastName, company, industry, phone } = checked.data as Partial<
        Record<'firstName' | 'lastName' | 'company' | 'industry' | 'phone', string>
      >;
      const given = (key: string) => key in fields;
      const changes = {
        ...(firstName !== undefined && { first_name: firstName }),
        ...(lastName !== undefined && { last_name: lastName }),
        ...(given('company') && { company: company ?? null }),
        ...(given('industry') && { industry: industry ?? null }),
        ...(given('phone') && { phone: phone ?? null }),
      };
      await eventsRepo.updateRegistration(db, item.id, { ...changes, updated_at: new Date().toISOString() });
      return true;
    },

    async withdraw(subject, item, right, db) {
      if (right !== 'consent') return null;
      if (item.category === voluntary && (await owns(db, subject.registrationIds, item.id))) {
        await eventsRepo.updateRegistration(db, item.id, {
          company: null,
          industry: null,
          phone: null,
          updated_at: new Date().toISOString(),
        });
        return {
          en: 'Your company, industry and phone number were deleted; your registration stays.',
          de: 'Unternehmen, Branche und Telefonnummer wurden gelöscht; Ihre Anmeldung bleibt bestehen.',
        };
      }
      if (item.category === answers) {
        const { registrationId, questionId } = splitAnswerId(item.id);
        if (!(await owns(db, subject.registrationIds, registrationId))) return null;
        await eventsRepo.deleteAnswer(db, registrationId, questionId);
        return {
          en: 'Your answer was deleted; your registration stays.',
          de: 'Ihre Antwort wurde gelöscht; Ihre Anmeldung bleibt bestehen.',
        };
      }
      return null;
    },
  };
}

async function owns(db: Executor, registrationIds: readonly string[], id: string) {
  if (!registrationIds.includes(id)) return false;
  return (await eventsRepo.findRegistration(db, id)) !== undefined;
}

/** Registrations (with their answers) go the event's period after it ended (the host's, else the configured `days`), except those under a legal hold. */
export function eventsRetentionTasks(): RetentionTask[] {
  return [
    {
      category: required,
      alsoEnforces: [voluntary, answers],
      rule: registrationPeriodRule,
      async run({ now, days, dryRun, held, heldIn }, db) {
        const due = (await eventsRepo.registrationIdsOfEvents(db, await eventIdsPastRegistrationPeriod(db, now, days)))
          // The registration row also carries the voluntary details: a hold on either keeps it.
          .filter((id) => !held(id) && !heldIn?.(voluntary, id));
        if (!dryRun) {
          for (let i = 0; i < due.length; i += 500) await eventsRepo.deleteRegistrations(db, due.slice(i, i + 500));
        }
        return due.length;
      },
    },
    {
      category: 'events.speakers',
      rule: registrationPeriodRule,
      async run({ now, days, dryRun }, db) {
        const over = await eventIdsPastRegistrationPeriod(db, now, days);
        return dryRun ? speakersRepo.countOfEvents(db, over) : speakersRepo.deleteOfEvents(db, over);
      },
    },
    panelistRetentionTask,
  ];
}
