import type { IntentType, PayloadArgs } from '@shared/protocol/index.js';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomFeatureProps } from '../room/extensions';
import { useStore } from '../../ui/store';
import { pollsOf, type PollView } from './pollsStore';
import './qa.css';

/** Quick anonymous polls: the host (and a webinar's panel) asks, everyone votes once. */
export function PollsPanel({ client, room }: RoomFeatureProps) {
  const { t } = useTranslation();
  const store = pollsOf(client);
  const { polls, mayRun } = useStore(store);
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('');
  const [error, setError] = useState<string>();
  const runs = mayRun || room.self?.role === 'host';

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

  async function create(event: FormEvent): Promise<void> {
    event.preventDefault();
    const choices = options
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean);
    if (await act('poll.create', { question, options: choices })) {
      setQuestion('');
      setOptions('');
    }
  }

  return (
    <section className="qa" aria-labelledby="polls-heading">
      <h2 id="polls-heading">{t('qa.pollsHeading')}</h2>
      <p className="chat-note">{t('qa.pollsNote')}</p>
      {error && (
        <p className="chat-error" role="alert">
          {error}
        </p>
      )}
      {polls.length === 0 ? (
        <p className="chat-empty">{t('qa.noPolls')}</p>
      ) : (
        polls.map((poll) => <Poll key={poll.id} poll={poll} runs={runs} act={act} />)
      )}
      {runs && (
        <form className="chat-form" onSubmit={(event) => void create(event)}>
          <label htmlFor="poll-question">{t('qa.pollQuestion')}</label>
          <input id="poll-question" maxLength={300} value={question} onChange={(event) => setQuestion(event.target.value)} />
          <label htmlFor="poll-options">{t('qa.pollOptions')}</label>
          <textarea id="poll-options" rows={3} value={options} onChange={(event) => setOptions(event.target.value)} />
          <button type="submit" disabled={!question.trim()}>
            {t('qa.startPoll')}
          </button>
        </form>
      )}
    </section>
  );
}

function Poll({
  poll,
  runs,
  act,
}: {
  poll: PollView;
  runs: boolean;
  act: <K extends IntentType>(type: K, ...payload: PayloadArgs<K>) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="qa-question">
      <legend className="chat-author">
        {poll.question} {!poll.open && <span className="qa-status">{t('qa.pollClosed')}</span>}
      </legend>
      <ul className="qa-questions">
        {poll.options.map((option, index) => (
          <li key={index} className="qa-actions">
            {poll.open && poll.voted === null ? (
              <button type="button" onClick={() => void act('poll.vote', { pollId: poll.id, option: index })}>
                {option}
              </button>
            ) : (
              <span>
                {option}
                {poll.voted === index && ` (${t('qa.yourVote')})`}
              </span>
            )}
            {poll.counts && <span className="qa-status">{t('qa.votes', { count: poll.counts[index] ?? 0 })}</span>}
          </li>
        ))}
      </ul>
      {runs && poll.open && (
        <button type="button" onClick={() => void act('poll.close', { pollId: poll.id })}>
          {t('qa.closePoll')}
        </button>
      )}
    </fieldset>
  );
}
