import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.js';
import { MediaSwitchLimits, microphoneSwitches, publications } from './media-switches.js';

/** The answer a check gives: ok, or the refusal's code. */
function answer(limits: MediaSwitchLimits, message: { type: string; kind?: string; muted?: boolean }, now: number, who = 'paul'): string {
  try {
    limits.check(who, message, now);
    return 'ok';
  } catch (error) {
    return error instanceof AppError ? error.code : 'thrown';
  }
}

const unmute = { type: 'audio.mute', muted: false };
const mute = { type: 'audio.mute', muted: true };

describe('how often a person may switch microphone, camera and screen on', () => {
  it('never refuses push-to-talk, even a brisk one (a press every half second for ten minutes)', () => {
    const limits = new MediaSwitchLimits();
    const answers = new Set<string>();
    for (let now = 0; now < 600_000; now += 500) {
      answers.add(answer(limits, unmute, now));
      answers.add(answer(limits, mute, now + 250));
    }
    assert.deepEqual([...answers], ['ok']);
  });

  it('refuses a loop of microphone toggles past the limit, but lets every switch-off that follows a switch-on through', () => {
    const limits = new MediaSwitchLimits();
    const unmutes: string[] = [];
    const mutes: string[] = [];
    for (let i = 0; i < 50; i++) {
      unmutes.push(answer(limits, unmute, i));
      mutes.push(answer(limits, mute, i));
    }
    assert.deepEqual(unmutes.slice(0, microphoneSwitches.max), Array(microphoneSwitches.max).fill('ok'));
    assert.deepEqual([...new Set(unmutes.slice(microphoneSwitches.max))], ['ERR_MEDIA_SWITCHED_TOO_OFTEN']);
    // Muting what was switched on goes through; muting again what a refused unmute left muted is counted and refused.
    assert.deepEqual(mutes.slice(0, microphoneSwitches.max), Array(microphoneSwitches.max).fill('ok'));
    assert.deepEqual([...new Set(mutes.slice(microphoneSwitches.max))], ['ERR_MEDIA_SWITCHED_TOO_OFTEN']);
    assert.equal(answer(limits, unmute, microphoneSwitches.windowMs), 'ok', 'the next window lets them speak again');
    assert.equal(answer(limits, unmute, 0, 'anna'), 'ok', 'the limit is per person');
  });

  it('counts camera and screen publications together, per minute; unpublishing what one published is never refused', () => {
    const limits = new MediaSwitchLimits();
    const published: string[] = [];
    for (let i = 0; i < publications.max; i++) {
      const kind = i % 2 === 0 ? 'camera' : 'screen';
      published.push(answer(limits, { type: 'publish', kind }, i));
      if (i < publications.max - 1) assert.equal(answer(limits, { type: 'unpublish', kind }, i), 'ok');
    }
    assert.deepEqual([...new Set(published)], ['ok']);
    assert.equal(answer(limits, { type: 'publish', kind: 'camera' }, 100), 'ERR_MEDIA_SWITCHED_TOO_OFTEN');
    assert.equal(answer(limits, { type: 'unpublish', kind: 'screen' }, 101), 'ok', 'the screen shared last is switched off');
    assert.equal(answer(limits, { type: 'unpublish', kind: 'screen' }, 102), 'ERR_MEDIA_SWITCHED_TOO_OFTEN', 'off already');
    assert.equal(answer(limits, { type: 'publish', kind: 'camera' }, publications.windowMs), 'ok');
  });

  it('takes the microphone state a person joins the audio with, and forgets what they sent when they leave', () => {
    const limits = new MediaSwitchLimits();
    for (let i = 0; i < microphoneSwitches.max + 1; i++) answer(limits, unmute, 0);
    assert.equal(answer(limits, { type: 'audio.join', muted: false }, 1), 'ok', 'joining the audio is not a switch');
    assert.equal(answer(limits, mute, 2), 'ok', 'so muting after joining unmuted goes through');
    assert.equal(answer(limits, { type: 'audio.join', muted: false }, 3), 'ok');
    limits.left('paul');
    assert.equal(answer(limits, mute, 4), 'ERR_MEDIA_SWITCHED_TOO_OFTEN', 'gone with the room: nothing to switch off');
  });
});
