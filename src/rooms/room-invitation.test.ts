import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RoomTable } from '../store/schema.js';
import { invitationFor } from './room-invitation.js';

const room: RoomTable = {
  id: 'r1',
  meeting_number: '12345678901',
  passcode: 'abc def/7',
  title: 'Weekly',
  kind: 'meeting',
  host_account_id: 'a1',
  owner_id: 'a1',
  event_id: null,
  created_at: '2026-12-06T10:00:00.000Z',
  ended_at: null,
  phone_pin: '654321',
};
const publicUrl = new URL('https://meet.example.org');

describe('the invitation from inside the room', () => {
  it('puts the passcode only in the fragment of the link, which browsers never send', () => {
    const invitation = invitationFor(room, publicUrl, undefined);
    const link = new URL(invitation.link);
    assert.equal(link.pathname + link.search, '/join?meeting=12345678901');
    assert.equal(new URLSearchParams(link.hash.slice(1)).get('pwd'), 'abc def/7');
    assert.equal(invitation.meetingNumber, '123 4567 8901');
    assert.equal(invitation.dialIn, null, 'no dial-in lines without SIP_DIAL_IN_NUMBER');
  });

  it('names the dial-in number and the meeting PIN; event rooms point to the personal PINs', () => {
    assert.deepEqual(invitationFor(room, publicUrl, '+49 30 1234567').dialIn, { number: '+49 30 1234567', pin: '654321', personal: false });
    assert.deepEqual(invitationFor({ ...room, event_id: 'e1' }, publicUrl, '+49 30 1234567').dialIn, {
      number: '+49 30 1234567',
      pin: null,
      personal: true,
    });
  });
});
