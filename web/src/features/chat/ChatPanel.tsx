import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomFeatureProps } from '../room/extensions';
import { useStore } from '../../ui/store';
import { chatOf } from './chatStore';
import { authorText } from './pseudonym';
import { PseudonymNote } from './PseudonymNote';
import type { ChatMessage } from './types';
import './chat.css';

const maxLength = 2000;
const timeOf = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The room's chat: public messages, private ones between a participant and the host(s), and the host's minutes switch. */
export function ChatPanel({ client, room }: RoomFeatureProps) {
  const { t } = useTranslation();
  const store = chatOf(client);
  const chat = useStore(store);
  const [text, setText] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const selfId = room.self?.id;
  const isHost = room.self?.role === 'host';
  const others = room.participants.filter((p) => p.id !== selfId && p.role !== 'host');

  useEffect(() => store.showPanel(), [store]);
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [chat.messages.length]);

  async function send(event?: FormEvent): Promise<void> {
    event?.preventDefault();
    if (!text.trim() || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await client.request('chat.send', { text, ...(to ? { to } : {}) });
      setText('');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t('errors.unknown'));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void send();
    }
  }

  async function switchMinutes(on: boolean): Promise<void> {
    setError(undefined);
    await client
      .request('chat.minutes', { on })
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : t('errors.unknown')));
  }

  function privacyNote(message: ChatMessage): string | null {
    if (!message.private) return null;
    if (message.private.participantId === selfId) return t('chat.privateToHosts');
    return t('chat.privateFrom', { name: message.private.name });
  }

  return (
    <section className="chat" aria-labelledby="chat-heading">
      <h2 id="chat-heading">{t('chat.heading')}</h2>
      {isHost && (
        <div className="chat-minutes-switch">
          {chat.minutes ? (
            <button type="button" className="danger" onClick={() => void switchMinutes(false)}>
              {t('chat.stopMinutes')}
            </button>
          ) : (
            <button type="button" title={t('chat.startMinutesHint')} onClick={() => void switchMinutes(true)}>
              {t('chat.startMinutes')}
            </button>
          )}
        </div>
      )}
      <p className="chat-note">{chat.minutes ? t('chat.minutesOnShort') : t('chat.notStored')}</p>
      {/* Webinar attendees do not see each other in the list; they write under a pseudonym toward each other. */}
      {room.self?.role === 'attendee' &&
        (chat.pseudonym ? (
          <PseudonymNote client={client} pseudonym={chat.pseudonym} />
        ) : (
          <p className="chat-note">{t('chat.nameShown')}</p>
        ))}
      {chat.messages.length === 0 ? (
        <p className="chat-empty">{t('chat.empty')}</p>
      ) : (
        <ol className="chat-messages" ref={list} aria-live="polite">
          {chat.messages.map((m) => (
            <li key={m.id} className={m.private ? 'chat-message chat-private' : 'chat-message'}>
              <div className="chat-meta">
                <span className="chat-author">{m.author.id === selfId ? t('chat.you') : authorText(m.author, t)}</span>
                {m.author.role === 'host' && <span className="badge badge-host">{t('chat.host')}</span>}
                <time dateTime={m.at}>{timeOf(m.at)}</time>
              </div>
              {privacyNote(m) && <div className="chat-private-note">{privacyNote(m)}</div>}
              <p className="chat-text">{m.text}</p>
              {isHost && m.private && m.private.participantId !== selfId && others.some((p) => p.id === m.private!.participantId) && (
                <button type="button" className="link-button" onClick={() => setTo(m.private!.participantId)}>
                  {t('chat.replyPrivately')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      <form className="chat-form" onSubmit={(event) => void send(event)}>
        <label>
          {t('chat.to')}{' '}
          <select value={to} onChange={(event) => setTo(event.target.value)}>
            <option value="">{t('chat.everyone')}</option>
            {isHost ? (
              others.map((p) => (
                <option key={p.id} value={p.id}>
                  {t('chat.privatelyTo', { name: p.displayName })}
                </option>
              ))
            ) : (
              <option value="hosts">{t('chat.hostsOnly')}</option>
            )}
          </select>
        </label>
        <label className="visually-hidden" htmlFor="chat-text">
          {t('chat.message')}
        </label>
        <textarea
          id="chat-text"
          rows={2}
          maxLength={maxLength}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby="chat-hint"
        />
        <span id="chat-hint" className="visually-hidden">
          {t('chat.sendHint')}
        </span>
        {error && (
          <p className="chat-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !text.trim()}>
          {t('chat.send')}
        </button>
      </form>
    </section>
  );
}
