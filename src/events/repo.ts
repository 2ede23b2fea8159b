import { sql } from 'kysely';
import type { Executor } from '../store/store.js';
import type { EventQuestionTable, EventTable, RegistrationState, RegistrationTable } from '../store/schema.js';
import { precompiledInsert } from '../store/precompiled.js';
import { remindersRepo } from './reminders-repo.js';

// On every registration submission: compiled once (store/precompiled.ts).
const insertRegistrationRow = precompiledInsert('registrations', ['event_id', 'email']);
const insertNewRegistrationRow = precompiledInsert('registrations');

export type EventRow = EventTable;
export type QuestionRow = EventQuestionTable;
export type RegistrationRow = RegistrationTable;

/** The names the question columns are read under beside an event's (no event column has them). */
const questionAliases = new Set(['q_id', 'q_position', 'q_kind', 'q_label', 'q_purpose', 'q_choices']);

const count = (row: { n: string | number | bigint } | undefined) => Number(row?.n ?? 0);

export const eventsRepo = {
  // Events
  insertEvent: (db: Executor, row: EventRow) => db.insertInto('events').values(row).execute(),

  updateEvent: (
    db: Executor,
    id: string,
    changes: Partial<Omit<EventRow, 'id' | 'owner_id' | 'created_at' | 'slug'>> & { updated_at: string },
  ) => db.updateTable('events').set(changes).where('id', '=', id).execute(),

  /**
   * Takes the event's row lock (PostgreSQL) so that seat counting and promotion from the waiting
   * list of one event run one at a time; SQLite serialises write transactions anyway.
   */
  lockEvent: (db: Executor, id: string) =>
    db
      .updateTable('events')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', id)
      .execute(),

  findEvent: (db: Executor, id: string) => db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst(),

  findEventBySlug: (db: Executor, slug: string) => db.selectFrom('events').selectAll().where('slug', '=', slug).executeTakeFirst(),

  listEvents: (db: Executor, ownerId?: string) => {
    let query = db.selectFrom('events').selectAll().orderBy('starts_at', 'desc').orderBy('id');
    if (ownerId !== undefined) query = query.where('owner_id', '=', ownerId);
    return query.execute();
  },

  // Questions
  replaceQuestions: async (db: Executor, eventId: string, rows: QuestionRow[]) => {
    const keep = rows.map((row) => row.id);
    let removal = db.deleteFrom('event_questions').where('event_id', '=', eventId);
    if (keep.length) removal = removal.where('id', 'not in', keep);
    await removal.execute();
    for (const row of rows) {
      await db
        .insertInto('event_questions')
        .values(row)
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet({ position: row.position, kind: row.kind, label: row.label, purpose: row.purpose, choices: row.choices }),
        )
        .execute();
    }
  },

  /** An event and its questions in order, in one query (one round trip). */
  findEventWithQuestionsBySlug: async (db: Executor, slug: string): Promise<{ event: EventRow; questions: QuestionRow[] } | undefined> => {
    const rows = await db
      .selectFrom('events')
      .leftJoin('event_questions as q', 'q.event_id', 'events.id')
      .selectAll('events')
      .select([
        'q.id as q_id',
        'q.position as q_position',
        'q.kind as q_kind',
        'q.label as q_label',
        'q.purpose as q_purpose',
        'q.choices as q_choices',
      ])
      .where('events.slug', '=', slug)
      .orderBy('q.position')
      .execute();
    if (rows.length === 0) return undefined;
    const event = Object.fromEntries(Object.entries(rows[0]!).filter(([key]) => !questionAliases.has(key))) as unknown as EventRow;
    const questions = rows.flatMap((row) =>
      row.q_id === null
        ? []
        : [
            {
              id: row.q_id,
              event_id: event.id,
              position: row.q_position!,
              kind: row.q_kind!,
              label: row.q_label!,
              purpose: row.q_purpose!,
              choices: row.q_choices,
            },
          ],
    );
    return { event, questions };
  },

  listQuestions: (db: Executor, eventId: string) =>
    db.selectFrom('event_questions').selectAll().where('event_id', '=', eventId).orderBy('position').execute(),

  // Registrations
  /** False when the address registered for the event at the same moment (the other request goes on). */
  insertRegistration: async (db: Executor, row: RegistrationRow) => (await insertRegistrationRow(db, row)) === 1,

  /** The statement storing a registration of an address new to the event; it fails (unique violation) when the address is known. */
  newRegistrationStatement: (db: Executor, row: RegistrationRow) => insertNewRegistrationRow.statement(db, row),

  updateRegistration: (db: Executor, id: string, changes: Partial<Omit<RegistrationRow, 'id' | 'event_id'>> & { updated_at: string }) =>
    db.updateTable('registrations').set(changes).where('id', '=', id).execute(),

  deleteRegistration: (db: Executor, id: string) => db.deleteFrom('registrations').where('id', '=', id).execute(),

  findRegistration: (db: Executor, id: string) => db.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirst(),

  findRegistrationByEmail: (db: Executor, eventId: string, email: string) =>
    db.selectFrom('registrations').selectAll().where('event_id', '=', eventId).where('email', '=', email).executeTakeFirst(),

  findByConfirmToken: (db: Executor, hash: string) =>
    db.selectFrom('registrations').selectAll().where('confirm_token_hash', '=', hash).executeTakeFirst(),

  /** The registration a self-service link opens: the latest mail's, or a further one from a reminder or rescheduling mail. */
  findByManageToken: async (db: Executor, hash: string) =>
    (await db.selectFrom('registrations').selectAll().where('manage_token_hash', '=', hash).executeTakeFirst()) ??
    remindersRepo.findByFurtherLink(db, 'manage', hash),

  /** The registration a join link admits: the seat's own link, or a further one from a later mail. */
  findByJoinToken: async (db: Executor, hash: string) =>
    (await db.selectFrom('registrations').selectAll().where('join_token_hash', '=', hash).executeTakeFirst()) ??
    remindersRepo.findByFurtherLink(db, 'join', hash),

  countInState: async (db: Executor, eventId: string, state: RegistrationState) =>
    count(
      await db
        .selectFrom('registrations')
        .where('event_id', '=', eventId)
        .where('state', '=', state)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst(),
    ),

  /** The waiting list in order: who confirmed first moves up first. */
  firstWaitlisted: (db: Executor, eventId: string, limit: number) =>
    db
      .selectFrom('registrations')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('state', '=', 'waitlisted')
      .orderBy('confirmed_at')
      .orderBy('id')
      .limit(limit)
      .execute(),

  listRegistrations: (db: Executor, eventId: string, filter: { state?: RegistrationState; search?: string }) => {
    let query = db.selectFrom('registrations').selectAll().where('event_id', '=', eventId);
    if (filter.state) query = query.where('state', '=', filter.state);
    if (filter.search) {
      const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or(
          (['first_name', 'last_name', 'email', 'company'] as const).map(
            (column) => sql<boolean>`lower(coalesce(${eb.ref(column)}, '')) like ${pattern} escape '\\'`,
          ),
        ),
      );
    }
    return query.orderBy('registered_at').orderBy('id').execute();
  },

  /** When each notice version came into force (the privacy center stores them), so a list can show a date instead of a hash. */
  noticeVersionDates: async (db: Executor, versions: readonly string[]) => {
    const unique = [...new Set(versions)];
    if (unique.length === 0) return new Map<string, string>();
    const rows = await db.selectFrom('notice_versions').select(['version', 'created_at']).where('version', 'in', unique).execute();
    return new Map(rows.map((row) => [row.version, row.created_at]));
  },

  listRegistrationsInStates: (db: Executor, eventId: string, states: readonly RegistrationState[]) =>
    db.selectFrom('registrations').selectAll().where('event_id', '=', eventId).where('state', 'in', states).execute(),

  revokeJoinTokensOf: (db: Executor, eventId: string, at: string) =>
    db
      .updateTable('registrations')
      .set({ join_token_hash: null, join_revoked_at: at, updated_at: at })
      .where('event_id', '=', eventId)
      .where('join_token_hash', 'is not', null)
      .execute(),

  deleteExpiredUnconfirmed: async (db: Executor, now: string) =>
    Number(
      (await db.deleteFrom('registrations').where('state', '=', 'unconfirmed').where('expires_at', '<=', now).executeTakeFirst())
        .numDeletedRows,
    ),

  // Answers
  replaceAnswers: async (db: Executor, registrationId: string, answers: { question_id: string; answer: string }[]) => {
    await db.deleteFrom('registration_answers').where('registration_id', '=', registrationId).execute();
    await eventsRepo.insertAnswers(db, registrationId, answers);
  },

  /** The statement storing the answers of a new registration (none when there are no answers). */
  answersStatements: (db: Executor, registrationId: string, answers: { question_id: string; answer: string }[]) =>
    answers.length
      ? [
          db
            .insertInto('registration_answers')
            .values(answers.map((a) => ({ registration_id: registrationId, ...a })))
            .compile(),
        ]
      : [],

  /** The answers of a registration that has none yet. */
  insertAnswers: async (db: Executor, registrationId: string, answers: { question_id: string; answer: string }[]) => {
    if (answers.length) {
      await db
        .insertInto('registration_answers')
        .values(answers.map((a) => ({ registration_id: registrationId, ...a })))
        .execute();
    }
  },

  answersOf: (db: Executor, registrationIds: readonly string[]) =>
    registrationIds.length
      ? db.selectFrom('registration_answers').selectAll().where('registration_id', 'in', registrationIds).execute()
      : Promise.resolve([]),

  // A data subject's registrations and answers (privacy center)
  /** Every registration of an address, across all events, with the event's title and start. */
  registrationsOfEmail: (db: Executor, email: string) =>
    db
      .selectFrom('registrations')
      .innerJoin('events', 'events.id', 'registrations.event_id')
      .select([
        'registrations.id',
        'registrations.event_id',
        'registrations.email',
        'registrations.first_name',
        'registrations.last_name',
        'registrations.company',
        'registrations.industry',
        'registrations.phone',
        'registrations.language',
        'registrations.state',
        'registrations.notice_version',
        'registrations.registered_at',
        'registrations.confirmed_at',
        'events.title',
        'events.starts_at',
        'events.ends_at',
        'events.retention_registration_days',
      ])
      .where('registrations.email', '=', email)
      .orderBy('registrations.registered_at')
      .execute(),

  /** Answers with the question they answer (label and purpose, as the person saw them). */
  answersWithQuestions: (db: Executor, registrationIds: readonly string[]) =>
    registrationIds.length
      ? db
          .selectFrom('registration_answers')
          .innerJoin('event_questions', 'event_questions.id', 'registration_answers.question_id')
          .select([
            'registration_answers.registration_id',
            'registration_answers.question_id',
            'registration_answers.answer',
            'event_questions.label',
            'event_questions.purpose',
            'event_questions.kind',
            'event_questions.choices',
          ])
          .where('registration_answers.registration_id', 'in', registrationIds)
          .execute()
      : Promise.resolve([]),

  /** Deletes a registration's answers except those to `keepQuestionIds`; returns how many went. */
  deleteAnswersExcept: async (db: Executor, registrationId: string, keepQuestionIds: readonly string[]) => {
    let query = db.deleteFrom('registration_answers').where('registration_id', '=', registrationId);
    if (keepQuestionIds.length) query = query.where('question_id', 'not in', keepQuestionIds);
    return Number((await query.executeTakeFirst()).numDeletedRows);
  },

  /** False when the registration has no answer to the question. */
  setAnswer: async (db: Executor, registrationId: string, questionId: string, answer: string) =>
    Number(
      (
        await db
          .updateTable('registration_answers')
          .set({ answer })
          .where('registration_id', '=', registrationId)
          .where('question_id', '=', questionId)
          .executeTakeFirst()
      ).numUpdatedRows,
    ) === 1,

  deleteAnswer: (db: Executor, registrationId: string, questionId: string) =>
    db.deleteFrom('registration_answers').where('registration_id', '=', registrationId).where('question_id', '=', questionId).execute(),

  // Retention per event (src/events/retention.ts)
  /** Events that ended before `before`, with the periods their host set. */
  eventsEndedBefore: (db: Executor, before: string) =>
    db
      .selectFrom('events')
      .select(['id', 'ends_at', 'retention_registration_days', 'retention_minutes_days', 'retention_recording_days'])
      .where('ends_at', '<', before)
      .execute(),

  /** Their answers go with them (foreign key cascade). */
  deleteRegistrations: (db: Executor, ids: readonly string[]) => db.deleteFrom('registrations').where('id', 'in', ids).execute(),

  registrationIdsOfEvents: async (db: Executor, eventIds: readonly string[]) =>
    eventIds.length ? (await db.selectFrom('registrations').select('id').where('event_id', 'in', eventIds).execute()).map((r) => r.id) : [],

  /** Rooms that ended (or whose event ended) before `before`, with their event's periods (null for a plain meeting). */
  roomsEndedBefore: (db: Executor, before: string) =>
    db
      .selectFrom('rooms')
      .leftJoin('events', 'events.id', 'rooms.event_id')
      .select([
        'rooms.id',
        'rooms.ended_at',
        'events.ends_at',
        'events.retention_registration_days',
        'events.retention_minutes_days',
        'events.retention_recording_days',
      ])
      .where((eb) => eb.or([eb('rooms.ended_at', '<', before), eb('events.ends_at', '<', before)]))
      .execute(),
};
