import type { PromptName } from './prompts.js';

/** What the IVR needs of the call: prompts out, key presses in. */
export interface IvrLine {
  play(prompt: PromptName): Promise<void>;
  stopPlaying(): void;
  on(event: 'digit', listener: (digit: string) => void): unknown;
  off(event: 'digit', listener: (digit: string) => void): unknown;
}

export const maxAttempts = 3;
/** What `admit` returns for a right entry into a locked meeting: announced, hung up, not a wrong attempt. */
export const meetingLocked = Symbol('meeting locked');
/** How long the caller has to finish one entry with #. */
const entryTimeoutMs = 30_000;
const maxDigits = 20;

/**
 * The dial-in dialogue: greeting, meeting ID #, PIN #; a wrong entry is announced and may be
 * retried; after three wrong attempts the caller hears goodbye and undefined comes back
 * (the call then hangs up); a locked meeting is announced and hung up at once. A key press
 * interrupts the prompt that is playing.
 */
export async function runIvr<T>(
  line: IvrLine,
  admit: (meetingNumber: string, pin: string) => Promise<T | typeof meetingLocked | undefined>,
  signal: AbortSignal,
): Promise<T | undefined> {
  let typed = '';
  let wake: (() => void) | undefined;
  const onDigit = (digit: string) => {
    line.stopPlaying();
    if (typed.length < 64) typed += digit;
    wake?.();
  };
  const onAbort = () => wake?.();
  line.on('digit', onDigit);
  signal.addEventListener('abort', onAbort);

  /** The next entry up to #; undefined on timeout. Digits typed ahead are kept. */
  async function entry(): Promise<string | undefined> {
    const deadline = Date.now() + entryTimeoutMs;
    while (!signal.aborted) {
      const hash = typed.indexOf('#');
      if (hash >= 0) {
        const value = typed.slice(0, hash);
        typed = typed.slice(hash + 1);
        return value.length <= maxDigits && /^\d+$/.test(value) ? value : '';
      }
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return undefined;
  }

  try {
    void line.play('welcome');
    for (let attempt = 1; !signal.aborted; attempt++) {
      const meetingNumber = await entry();
      if (meetingNumber === undefined && signal.aborted) return undefined;
      let pin: string | undefined;
      if (meetingNumber) {
        void line.play('pin');
        pin = await entry();
      }
      const admitted = meetingNumber && pin ? await admit(meetingNumber, pin) : undefined;
      if (admitted === meetingLocked) {
        await line.play('locked');
        return undefined;
      }
      if (admitted !== undefined) return admitted;
      if (signal.aborted) return undefined;
      typed = '';
      if (attempt >= maxAttempts) {
        await line.play('goodbye');
        return undefined;
      }
      void line.play('retry');
    }
    return undefined;
  } finally {
    line.off('digit', onDigit);
    signal.removeEventListener('abort', onAbort);
  }
}
