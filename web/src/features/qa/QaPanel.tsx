import type { IntentType, PayloadArgs } from '@shared/protocol/index.js';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authorText } from '../chat/pseudonym';
import type { RoomFeatureProps } from '../room/extensions';
import { useStore } from '../../ui/store';
import type { RoomSnapshot } from '../room/types';
import { qaOf } from './qaStore';
import type { Question } from './types';
import './qa.css';

const answering = new Set(['host', 'panelist']);

/** Q&A is a webinar's: offered where the room has webinar roles. */
export const qaOffered = (room: RoomSnapshot): boolean =>
  room.attendees !== undefined || room.participants.some((p) => p.role === 'panelist' || p.role === 'attendee');

/** Most votes first among the open questions; answered and dismissed ones below. */
function ordered(questions: readonly Question[]): Question[] {
  const rank = (q: Question) => (q.status === 'open' ? 0 : q.status === 'dismissed' ? 2 : 1);
  return [...questions].sort((a, b) => rank(a) - rank(b) || b.upvotes - a.upvotes || a.askedAt.localeCompare(b.askedAt));
}

export function QaPanel({ client, room }: RoomFeatureProps) {
  const { t } = useTranslation();
  const store = qaOf(client);
  const { questions } = useStore(store);
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<string>();
  const canAnswer = answering.has(room.self?.role ?? '');

  async function act<K extends IntentType>(type: K, ...payload: PayloadArgs<K>): Promise<boolean> {
    setError(undefined);
    try {
      await client.request(type, ...payload);
      return true;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t('errors.unknown'));
      return false;
    }
  }

  async function ask(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (await act('qa.ask', { text, anonymous })) setText('');
  }

  return (
    <section className="qa" aria-labelledby="qa-heading">
      <h2 id="qa-heading">{t('qa.heading')}</h2>
      {error && (
        <p className="chat-error" role="alert">
          {error}
        </p>
      )}
      {questions.length === 0 ? (
        <p className="chat-empty">{t('qa.empty')}</p>
      ) : (
        <ol className="qa-questions">
          {ordered(questions).map((q) => (
            <QuestionItem key={q.id} question={q} canAnswer={canAnswer} act={act} />
          ))}
        </ol>
      )}
      <form className="chat-form" onSubmit={(event) => void ask(event)}>
        <label htmlFor="qa-text">{t('qa.question')}</label>
        <textarea id="qa-text" rows={2} maxLength={1000} value={text} onChange={(event) => setText(event.target.value)} />
        <label className="qa-check">
          <input type="checkbox" checked={anonymous} onChange={(event) => setAnonymous(event.target.checked)} /> {t('qa.anonymous')}
        </label>
        <button type="submit" disabled={!text.trim()}>
          {t('qa.ask')}
        </button>
      </form>
    </section>
  );
}

function QuestionItem({
  question: q,
  canAnswer,
  act,
}: {
  question: Question;
  canAnswer: boolean;
  act: <K extends IntentType>(type: K, ...payload: PayloadArgs<K>) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [answering, setAnswering] = useState(false);
  const [answer, setAnswer] = useState('');
  const [privately, setPrivately] = useState(false);
  const named = authorText({ name: q.asker, pseudonym: q.askerPseudonym }, t);
  const asker = q.mine
    ? t('qa.yours')
    : q.anonymous
      ? q.asker
        ? t('qa.anonymousAsker', { name: q.asker })
        : t('qa.anonymousLabel')
      : named;

  async function sendAnswer(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (await act('qa.answer', { questionId: q.id, text: answer, private: privately })) setAnswering(false);
  }

  return (
    <li className={`qa-question qa-${q.status}`}>
      <div className="chat-meta">
        <span className="chat-author">{asker}</span>
        <span className="qa-status">{t(`qa.${q.status}`)}</span>
      </div>
      <p className="chat-text">{q.text}</p>
      <div className="qa-actions">
        <button type="button" disabled={q.voted} aria-pressed={q.voted} onClick={() => void act('qa.upvote', { questionId: q.id })}>
          {q.voted ? t('qa.upvoted') : t('qa.upvote')} · {t('qa.votes', { count: q.upvotes })}
        </button>
        {canAnswer && (
          <>
            <button type="button" onClick={() => setAnswering(!answering)}>
              {t('qa.answer')}
            </button>
            <button type="button" onClick={() => void act('qa.mark', { questionId: q.id, status: 'answered_live' })}>
              {t('qa.markLive')}
            </button>
            {q.status === 'dismissed' ? (
              <button type="button" onClick={() => void act('qa.mark', { questionId: q.id, status: 'open' })}>
                {t('qa.reopen')}
              </button>
            ) : (
              <button type="button" onClick={() => void act('qa.mark', { questionId: q.id, status: 'dismissed' })}>
                {t('qa.dismiss')}
              </button>
            )}
          </>
        )}
      </div>
      {q.answer ? (
        <div className="qa-answer">
          <div className="chat-private-note">
            {q.answer.private ? t('qa.privateAnswer', { name: q.answer.by }) : t('qa.answerBy', { name: q.answer.by })}
          </div>
          <p className="chat-text">{q.answer.text}</p>
        </div>
      ) : (
        q.answeredPrivately && <p className="chat-private-note">{t('qa.answeredPrivately')}</p>
      )}
      {answering && (
        <form className="chat-form" onSubmit={(event) => void sendAnswer(event)}>
          <label htmlFor={`answer-${q.id}`}>{t('qa.answerText')}</label>
          <textarea id={`answer-${q.id}`} rows={2} maxLength={2000} value={answer} onChange={(event) => setAnswer(event.target.value)} />
          <label className="qa-check">
            <input type="checkbox" checked={privately} onChange={(event) => setPrivately(event.target.checked)} /> {t('qa.answerPrivately')}
          </label>
          <button type="submit" disabled={!answer.trim()}>
            {t('qa.sendAnswer')}
          </button>
        </form>
      )}
    </li>
  );
}
