// Webhooks: an endpoint registered over the emulator's control API receives the emulator's events, and WorkOS's SDK
// verifies them with workos.webhooks.constructEvent, as an app's webhook route would; a tampered body is refused.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { SignatureVerificationException } from '@workos-inc/node';
import { startEmulator } from '../lib/emulator.mjs';
import { signInAndExchange } from '../lib/sign-in.mjs';

const secret = 'whsec_conformance';

let emulator;
let workos;
let receiver;
const received = [];
const waiting = [];

/** Resolves with the first received delivery of the event type, waiting for it when it has not come yet. */
function nextDelivery(eventType) {
  const found = received.find((d) => JSON.parse(d.payload).event === eventType);
  if (found) {
    return Promise.resolve(found);
  }

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No ${eventType} delivery within 30 s.`)), 30_000);
    waiting.push({ eventType, resolve: (d) => { clearTimeout(timer); resolve(d); } });
  });
}

before(async () => {
  emulator = await startEmulator();
  workos = emulator.workos({ issuer: emulator.issuer });
  receiver = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const delivery = { payload: Buffer.concat(chunks).toString('utf8'), sigHeader: request.headers['workos-signature'] };
      received.push(delivery);
      response.writeHead(200).end();
      const type = JSON.parse(delivery.payload).event;
      for (const waiter of waiting.filter((w) => w.eventType === type)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(delivery);
      }
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  const { id } = await emulator.control('POST', '/webhook_endpoints', {
    url: `http://127.0.0.1:${receiver.address().port}/webhooks/workos`, secret,
  });
  assert.match(id, /^we_/);
});

after(async () => {
  await emulator?.stop();
  receiver?.close();
});

describe('webhook deliveries', () => {
  it('session.created after a sign-in verifies with the SDK and names the session of the access token', async () => {
    const { accessToken } = await signInAndExchange(workos, 'peter@initech.test');
    const sid = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).sid;

    const delivery = await nextDelivery('session.created');
    const event = await workos.webhooks.constructEvent({ payload: delivery.payload, sigHeader: delivery.sigHeader, secret });

    assert.equal(event.event, 'session.created');
    assert.match(event.id, /^event_/);
    assert.equal(event.data.id, sid);
    assert.equal(event.data.status, 'active');
    assert.ok(event.createdAt);
  });

  it('session.revoked after the SDK revokes the session verifies with the SDK', async () => {
    const { accessToken } = await signInAndExchange(workos, 'peter@initech.test');
    const sid = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).sid;

    await workos.userManagement.revokeSession({ sessionId: sid });
    const delivery = await nextDelivery('session.revoked');
    const event = await workos.webhooks.constructEvent({ payload: delivery.payload, sigHeader: delivery.sigHeader, secret });

    assert.equal(event.event, 'session.revoked');
    assert.equal(event.data.id, sid);
    assert.equal(event.data.status, 'revoked');
    assert.ok(event.data.endedAt);
  });

  it('a tampered payload, or the right payload with the wrong secret, is refused by the SDK', async () => {
    const delivery = await nextDelivery('session.created');
    const tampered = delivery.payload.replace('"status":"active"', '"status":"revoked"');
    assert.notEqual(tampered, delivery.payload);

    await assert.rejects(
      workos.webhooks.constructEvent({ payload: tampered, sigHeader: delivery.sigHeader, secret }),
      SignatureVerificationException);
    await assert.rejects(
      workos.webhooks.constructEvent({ payload: delivery.payload, sigHeader: delivery.sigHeader, secret: 'whsec_other' }),
      SignatureVerificationException);
  });

  it('dsync.user.deleted for a deprovisioned directory user verifies with the SDK and reads as a directory user', async () => {
    await emulator.control('POST', '/users/milton@initech.test/organizations/org_initech/deprovision', {});
    const delivery = await nextDelivery('dsync.user.deleted');
    const event = await workos.webhooks.constructEvent({ payload: delivery.payload, sigHeader: delivery.sigHeader, secret });

    assert.equal(event.event, 'dsync.user.deleted');
    assert.equal(event.data.id, 'directory_user_milton');
    assert.equal(event.data.directoryId, 'directory_initech');
    assert.equal(event.data.organizationId, 'org_initech');
    assert.equal(event.data.state, 'inactive');
    assert.equal(event.data.email, 'milton@initech.test');
  });

  it('role.created and role.updated verify with the SDK and carry the role slug and permissions', async () => {
    await emulator.control('PUT', '/roles/auditor/permissions', { permissions: ['reports:view'] });
    await emulator.control('PUT', '/roles/auditor/permissions', { permissions: ['reports:view', 'logs:read'] });
    const created = await nextDelivery('role.created');
    const updated = await nextDelivery('role.updated');
    const createdEvent = await workos.webhooks.constructEvent({ payload: created.payload, sigHeader: created.sigHeader, secret });
    const updatedEvent = await workos.webhooks.constructEvent({ payload: updated.payload, sigHeader: updated.sigHeader, secret });

    assert.equal(createdEvent.data.slug, 'auditor');
    assert.deepEqual(updatedEvent.data.permissions, ['reports:view', 'logs:read']);
  });

  it('the control API lists the deliveries as delivered', async () => {
    await nextDelivery('session.revoked');
    const list = await emulator.control('GET', '/webhook_deliveries?event=session.revoked');

    assert.ok(list.count >= 1);
    assert.equal(list.data[0].state, 'delivered');
    assert.equal(list.data[0].last_status, 200);
  });
});
