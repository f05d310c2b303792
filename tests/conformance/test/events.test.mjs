// Events API: events the emulator raised (sign-ins and revocations) are listed by WorkOS's SDK with
// workos.events.listEvents, filtered by type and paged with `after`; a list without `events` is refused with 422.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UnprocessableEntityException } from '@workos-inc/node';
import { startEmulator } from '../lib/emulator.mjs';
import { signInAndExchange } from '../lib/sign-in.mjs';

let emulator;
let workos;
const sessions = [];

function sidOf(accessToken) {
  return JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).sid;
}

before(async () => {
  emulator = await startEmulator();
  workos = emulator.workos({ issuer: emulator.issuer });
  for (const email of ['peter@initech.test', 'peter@initech.test', 'peter@initech.test']) {
    const { accessToken } = await signInAndExchange(workos, email);
    sessions.push(sidOf(accessToken));
  }

  await workos.userManagement.revokeSession({ sessionId: sessions[0] });
});

after(async () => {
  await emulator?.stop();
});

describe('events API', () => {
  it('lists the session events of the sign-ins and the revocation, oldest first', async () => {
    const list = await workos.events.listEvents({ events: ['session.created', 'session.revoked'] });

    assert.equal(list.object, 'list');
    assert.deepEqual(list.data.map((e) => e.event), ['session.created', 'session.created', 'session.created', 'session.revoked']);
    assert.deepEqual(list.data.slice(0, 3).map((e) => e.data.id), sessions);
    const revoked = list.data[3];
    assert.match(revoked.id, /^event_/);
    assert.equal(revoked.data.id, sessions[0]);
    assert.equal(revoked.data.status, 'revoked');
    assert.ok(revoked.createdAt);
    assert.equal(list.listMetadata.after, revoked.id);
  });

  it('filters by event type', async () => {
    const list = await workos.events.listEvents({ events: ['session.revoked'] });

    assert.deepEqual(list.data.map((e) => e.data.id), [sessions[0]]);
  });

  it('pages with after until a page is empty', async () => {
    const seen = [];
    let cursor;
    for (let page = 0; page < 10; page++) {
      const list = await workos.events.listEvents({ events: ['session.created'], limit: 2, after: cursor });
      if (list.data.length === 0) {
        break;
      }

      assert.ok(list.data.length <= 2);
      seen.push(...list.data.map((e) => e.data.id));
      cursor = list.listMetadata.after;
      assert.equal(cursor, list.data.at(-1).id);
    }

    assert.deepEqual(seen, sessions);
  });

  it('refuses a list without event types with 422', async () => {
    await assert.rejects(workos.events.listEvents({ events: [] }), UnprocessableEntityException);
  });
});
