import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMeeting, joinAsGuest, joinAsHost, startRoomKit, type RoomKit } from '../chat/testing.js';
import type { RoomSocketMessage } from '../testing/room-socket.js';

interface PollView {
  id: string;
  open: boolean;
  voted: number | null;
  counts: number[] | null;
  total: number;
}

const pollOf = (push: RoomSocketMessage) => push.poll as PollView;

// Polls keep nothing in the database, so one dialect is enough.
describe('polls in a meeting', () => {
  let kit: RoomKit;
  before(async () => {
    kit = await startRoomKit('sqlite');
  });
  after(() => kit.plenum.dispose());

  it('lets the host run a poll, everyone vote once, and shows counts only after voting or closing', async () => {
    const room = await createMeeting(kit);
    const host = await joinAsHost(kit, room);
    const anna = await joinAsGuest(kit, room, 'Anna');
    const bob = await joinAsGuest(kit, room, 'Bob');
    assert.equal((await anna.request('poll.create', { question: 'Lunch?', options: ['yes', 'no'] })).code, 'ERR_FORBIDDEN');
    assert.equal((await host.request('poll.create', { question: 'Lunch?', options: ['only one'] })).code, 'ERR_VALIDATION');
    const { id } = (await host.request('poll.create', { question: 'Lunch?', options: ['yes', 'no'] })).data as { id: string };
    assert.equal(pollOf(await bob.socket.next((m) => m.type === 'poll.update')).counts, null, 'no early results for voters');

    assert.equal((await anna.request('poll.vote', { pollId: id, option: 1 })).type, 'result');
    assert.equal((await anna.request('poll.vote', { pollId: id, option: 0 })).code, 'ERR_ALREADY_VOTED');
    assert.equal((await anna.request('poll.vote', { pollId: id, option: 5 })).code, 'ERR_VALIDATION');
    const annaSees = pollOf(await anna.socket.next((m) => m.type === 'poll.update' && pollOf(m).voted === 1));
    assert.deepEqual(annaSees.counts, [0, 1]);
    const bobSees = pollOf(await bob.socket.next((m) => m.type === 'poll.update' && pollOf(m).total === 1));
    assert.equal(bobSees.counts, null);

    assert.equal((await host.request('poll.close', { pollId: id })).type, 'result');
    const closed = pollOf(await bob.socket.next((m) => m.type === 'poll.update' && !pollOf(m).open));
    assert.deepEqual(closed.counts, [0, 1]);
    assert.equal((await bob.request('poll.vote', { pollId: id, option: 0 })).code, 'ERR_VALIDATION', 'a closed poll takes no votes');
    assert.ok(!JSON.stringify(bob.pushes('poll.update')).includes('Anna'), 'votes are anonymous');
    for (const person of [host, anna, bob]) person.socket.socket.close();
  });
});
