import type { IntentReply, IntentType, PayloadArgs } from '@shared/protocol/index.js';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import type { RoomFeatureProps } from '../room/extensions';
import { ConsentDialog } from './ConsentDialog';
import type { RecordingState } from './types';
import './recording.css';

const idle: RecordingState = {
  active: false,
  mayStart: false,
  asked: false,
  decision: null,
  recorded: [],
  notice: null,
  interrupted: false,
};

/**
 * Recording in the room: the host's Record button (only when the room may be recorded), the
 * consent dialog for everyone who sends media and has not decided (webinar attendees only watch:
 * they are never asked), and a banner for everyone naming whose tracks are recorded, with the way
 * out for those who are.
 */
export function RecordingOverlay({ client }: RoomFeatureProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<RecordingState>(idle);
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<string>();
  const [reviewing, setReviewing] = useState(false);
  const [interruptionSeen, setInterruptionSeen] = useState(false);

  useEffect(() => {
    let pushed = false;
    const stop = client.listen('recording.', (push) => {
      pushed = true;
      setState(push);
    });
    // The state pushed on connecting may have come before this view listened: ask for it.
    void client.request('recording.status').then(
      (current) => {
        if (!pushed) setState(current);
      },
      () => undefined,
    );
    return stop;
  }, [client]);

  const notice = state.notice?.texts.find((text) => text.language === currentLanguage()) ?? state.notice?.texts[0];

  async function act<K extends IntentType>(type: K, ...payload: PayloadArgs<K>): Promise<IntentReply<K> | undefined> {
    setError(undefined);
    try {
      return await client.request(type, ...payload);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t('errors.unknown'));
      return undefined;
    }
  }

  async function decide(decision: 'consent' | 'decline'): Promise<void> {
    if (!notice) return;
    setReviewing(false);
    // Shown as decided at once, so the dialog closes; the server's state follows.
    setState((current) => ({ ...current, decision }));
    await act('recording.decide', { decision, noticeHash: notice.hash });
  }

  async function withdraw(erase: boolean): Promise<void> {
    if (!notice) return;
    const result = await act('recording.withdraw', { erase, noticeHash: notice.hash });
    if (erase && result) setNote(t('recording.erased'));
  }

  const names = state.recorded.map((p) => (p.phone ? t('recording.byPhone', { number: p.displayName }) : p.displayName)).join(', ');
  const askNow = state.active && state.asked && notice && (state.decision === null || reviewing);

  return (
    <>
      {state.mayStart && (
        <div className="recording-host">
          {state.active ? (
            <button type="button" className="danger" onClick={() => void act('recording.stop')}>
              {t('recording.stop')}
            </button>
          ) : (
            <button type="button" title={t('recording.startHint')} onClick={() => void act('recording.start')}>
              {t('recording.start')}
            </button>
          )}
        </div>
      )}
      {state.active && (
        <div className="recording-banner" role="status">
          <span className="recording-dot" aria-hidden="true" />
          <span>{state.recorded.length ? t('recording.indicator', { names }) : t('recording.indicatorNobody')}</span>
          <span className="recording-self">
            {state.decision === 'consent'
              ? t('recording.youAreRecorded')
              : state.asked
                ? t('recording.youAreNotRecorded')
                : t('recording.youOnlyWatch')}
          </span>
          {!state.asked ? null : state.decision === 'consent' ? (
            <>
              <button type="button" onClick={() => void withdraw(false)}>
                {t('recording.withdraw')}
              </button>
              <button type="button" onClick={() => void withdraw(true)}>
                {t('recording.withdrawAndErase')}
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setReviewing(true)}>
              {t('recording.reconsider')}
            </button>
          )}
        </div>
      )}
      {state.interrupted && !interruptionSeen && (
        <div className="recording-message" role="status">
          <span>{state.mayStart ? t('recording.interruptedHost') : t('recording.interrupted')}</span>
          <button type="button" onClick={() => setInterruptionSeen(true)}>
            {t('recording.dismiss')}
          </button>
        </div>
      )}
      {(error ?? note) && (
        <p className="recording-message" role={error ? 'alert' : 'status'}>
          {error ?? note}
        </p>
      )}
      {askNow && state.notice && (
        <ConsentDialog notice={notice} version={state.notice.version} onDecide={(decision) => void decide(decision)} />
      )}
    </>
  );
}
