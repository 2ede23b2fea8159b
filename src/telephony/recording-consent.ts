import { createHash } from 'node:crypto';

/**
 * The recording notice a caller hears (prompts/recording.ul, German then English) and the key
 * presses that answer it. The consent proof names this transcript's version and SHA-256, as a
 * web consent names the text its dialog showed. Changing a word (and the prompt) means a new version.
 */
export const phoneNoticeVersion = 'recording-phone-1';
const transcript = [
  'Dieses Meeting wird aufgezeichnet. Drücken Sie die 1, wenn Sie einwilligen, dass Ihre Stimme aufgezeichnet wird. Jede andere Taste, oder keine Taste innerhalb von 15 Sekunden, heißt: Sie werden nicht aufgezeichnet. Mit der 0 widerrufen Sie Ihre Einwilligung jederzeit während der Aufzeichnung.',
  'This meeting is being recorded. Press 1 if you agree that your voice is recorded. Any other key, or no key within 15 seconds, means you are not recorded. Press 0 at any time during the recording to withdraw your consent.',
];
export const phoneNotice = {
  version: phoneNoticeVersion,
  language: 'de+en',
  /** A caller has only a voice to record. */
  scope: ['audio'] as const,
  hash: createHash('sha256')
    .update([phoneNoticeVersion, ...transcript].join('\n'))
    .digest('hex'),
};

export type PhoneDecision = 'consent' | 'decline' | 'withdraw';

/** How the recording feature takes a caller's answer (src/recording/feature.ts decideByPhone). */
export type DecideByPhone = (decision: PhoneDecision, notice: typeof phoneNotice) => Promise<void>;

/** How long after the announcement silence counts as decline. */
const answerTimeoutMs = 15_000;

interface ConsentLine {
  play(): Promise<void>;
  stopPlaying(): void;
  on(event: 'digit', listener: (digit: string) => void): unknown;
  off(event: 'digit', listener: (digit: string) => void): unknown;
}

/**
 * One caller's side of recording consent. `update` gets each `recording.state` push; once the
 * caller's audio is in the meeting (`joined`) and a recording waits for their decision, they
 * hear the announcement: 1 consents, any other key or none within 15 s declines. While they
 * are recorded, 0 withdraws.
 */
export function phoneConsentDialog(line: ConsentLine, decide: DecideByPhone, onError: (error: unknown) => void) {
  let state: { active: boolean; decision: string | null } = { active: false, decision: null };
  let joined = false;
  let asking: (() => void) | undefined;

  const onDigit = (digit: string) => {
    if (digit === '0' && !asking && state.active && state.decision === 'consent') {
      state = { ...state, decision: 'decline' };
      void decide('withdraw', phoneNotice).catch(onError);
    }
  };
  line.on('digit', onDigit);

  async function ask(): Promise<void> {
    let answer: string | undefined;
    let cancelled = false;
    await new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = () => {
        clearTimeout(timer);
        line.off('digit', onKey);
        line.stopPlaying();
        resolve();
      };
      const onKey = (digit: string) => {
        answer ??= digit;
        finish();
      };
      asking = () => {
        cancelled = true;
        finish();
      };
      line.on('digit', onKey);
      void line.play().then(() => {
        if (answer === undefined && !cancelled) timer = setTimeout(finish, answerTimeoutMs);
      });
    });
    asking = undefined;
    if (cancelled) return;
    const decision = answer === '1' ? 'consent' : 'decline';
    state = { ...state, decision };
    await decide(decision, phoneNotice);
  }

  function maybeAsk(): void {
    if (joined && !asking && state.active && state.decision === null) void ask().catch(onError);
  }

  return {
    update(next: { active: boolean; decision: string | null }): void {
      state = next;
      if (!next.active) asking?.();
      maybeAsk();
    },
    /** The caller's audio is in the mix (again): a pending question can be asked now. */
    joined(): void {
      joined = true;
      maybeAsk();
    },
    close(): void {
      asking?.();
      line.off('digit', onDigit);
    },
  };
}
