// AuthKit Actions, both ways. An app with MapWorkOSActions accepts action requests signed the way WorkOS's Node SDK
// signs them (actions.computeSignature) and answers what the SDK's own signResponse would: the SDK's signature of the
// payload it reads back matches the app's. And the emulator's action requests verify with the SDK's constructAction,
// while the SDK's signResponse answers drive the emulator's sign-in and sign-up: Allow issues a code (a sign-up's Allow
// creates the user first), Deny shows its message.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { WorkOS } from '@workos-inc/node';
import { startActionsApp } from '../lib/actions-app.mjs';
import { clientId, redirectUri, startEmulator } from '../lib/emulator.mjs';
import { signIn } from '../lib/sign-in.mjs';

const secret = 'action_secret_conformance';
const sdk = new WorkOS('sk_test_conformance');

function authenticationContext(email) {
  return JSON.stringify({
    id: 'action_context_01CONFORMANCE',
    object: 'authentication_action_context',
    user: {
      object: 'user', id: 'user_01CONFORMANCE', email, first_name: 'Conformance', last_name: 'Test', email_verified: true,
      profile_picture_url: null, created_at: '2026-11-01T10:00:00.000Z', updated_at: '2026-11-01T10:00:00.000Z',
    },
    organization: { object: 'organization', id: 'org_01CONFORMANCE', name: 'Conformance' },
    organization_membership: null,
    authentication_method: 'Password',
    ip_address: '198.51.100.7',
    user_agent: 'node',
    device_fingerprint: null,
    issuer: null,
  });
}

function registrationContext(email) {
  return JSON.stringify({
    id: 'action_context_01REGISTRATION',
    object: 'user_registration_action_context',
    user_data: { object: 'user_data', email, first_name: 'New', last_name: 'User' },
    invitation: null,
    authentication_method: 'Password',
    ip_address: '198.51.100.7',
    user_agent: 'node',
    device_fingerprint: null,
  });
}

/** The WorkOS-Signature header for this body, signed now (or at `at`) with the SDK's signer. */
async function sign(body, key = secret, at = Date.now()) {
  return `t=${at}, v1=${await sdk.actions.computeSignature(at, body, key)}`;
}

/** Checks an answer the way WorkOS does, with the SDK re-signing the payload it parsed; returns the payload. */
async function verifiedPayload(answer, expectedObject) {
  assert.equal(answer.status, 200, answer.text);
  const parsed = JSON.parse(answer.text);
  assert.equal(parsed.object, expectedObject);
  assert.equal(typeof parsed.payload.timestamp, 'number');
  assert.ok(Number.isInteger(parsed.payload.timestamp));
  assert.ok(Math.abs(parsed.payload.timestamp - Date.now()) < 30_000);
  assert.equal(parsed.signature, await sdk.actions.computeSignature(parsed.payload.timestamp, parsed.payload, secret));
  return parsed.payload;
}

describe('an app with MapWorkOSActions, driven by the SDK', () => {
  let app;
  before(async () => { app = await startActionsApp(secret); });
  after(async () => { await app?.stop(); });

  it('allows an authentication action signed by the SDK with a response the SDK signature matches', async () => {
    const body = authenticationContext('peter@initech.test');

    const payload = await verifiedPayload(await app.post(body, await sign(body)), 'authentication_action_response');

    assert.deepEqual(Object.keys(payload), ['timestamp', 'verdict']);
    assert.equal(payload.verdict, 'Allow');
  });

  it('denies a blocked address with its message, signed as the SDK signs it', async () => {
    const body = authenticationContext('mallory@blocked.test');

    const payload = await verifiedPayload(await app.post(body, await sign(body)), 'authentication_action_response');

    assert.equal(payload.verdict, 'Deny');
    assert.equal(payload.error_message, "mallory@blocked.test can't sign in: ask your «IT» team.");
  });

  it('answers the same shape the SDK signResponse builds', async () => {
    const body = authenticationContext('mallory@blocked.test');
    const answer = JSON.parse((await app.post(body, await sign(body))).text);

    const expected = await sdk.actions.signResponse(
      { type: 'authentication', verdict: 'Deny', errorMessage: answer.payload.error_message }, secret);

    assert.deepEqual(Object.keys(answer), Object.keys(expected));
    assert.deepEqual(Object.keys(answer.payload), Object.keys(expected.payload));
    assert.equal(answer.object, expected.object);
  });

  it('answers a user registration action with a user_registration_action_response', async () => {
    const body = registrationContext('newcomer@blocked.test');

    const payload = await verifiedPayload(await app.post(body, await sign(body)), 'user_registration_action_response');

    assert.equal(payload.verdict, 'Deny');
    assert.equal(payload.error_message, 'Sign-ups from blocked.test are closed.');
  });

  it('refuses a tampered body, another secret, a stale timestamp and a missing header, with no verdict', async () => {
    const body = authenticationContext('mallory@blocked.test');
    const tampered = body.replace('mallory@blocked.test', 'mallory@initech.test');

    const answers = [
      await app.post(tampered, await sign(body)),
      await app.post(body, await sign(body, 'action_secret_of_another_environment')),
      await app.post(body, await sign(body, secret, Date.now() - 60_000)),
      await app.post(body, undefined),
    ];

    assert.deepEqual(answers.map((a) => a.status), [401, 401, 401, 400]);
    assert.ok(answers.every((a) => a.text === ''));
  });
});

describe('the emulator calling an action endpoint that uses the SDK', () => {
  let emulator;
  let endpoint;
  const contexts = [];

  before(async () => {
    emulator = await startEmulator();
    endpoint = createServer((request, response) => {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', async () => {
        try {
          const action = await sdk.actions.constructAction({
            payload: Buffer.concat(chunks).toString('utf8'), sigHeader: request.headers['workos-signature'], secret,
          });
          contexts.push(action);
          const registration = action.object === 'user_registration_action_context';
          const denied = registration
            ? action.userData.email.endsWith('@blocked.test')
            : action.user.email === 'lumbergh@initech.test';
          const message = registration ? 'Sign-ups from blocked.test are closed.' : "Bill's sign-ins need a TPS cover sheet.";
          const answer = await sdk.actions.signResponse(
            { type: registration ? 'user_registration' : 'authentication', verdict: denied ? 'Deny' : 'Allow', errorMessage: denied ? message : undefined },
            secret);
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        } catch (error) {
          response.writeHead(401).end(String(error));
        }
      });
    });
    endpoint.listen(0, '127.0.0.1');
    await once(endpoint, 'listening');
    await emulator.control('PUT', '/actions/authentication', { url: `http://127.0.0.1:${endpoint.address().port}/actions`, secret });
    await emulator.control('PUT', '/actions/user_registration', { url: `http://127.0.0.1:${endpoint.address().port}/actions`, secret });
  });

  after(async () => {
    await emulator?.stop();
    endpoint?.close();
  });

  it('sends a context the SDK verifies and deserializes, and an SDK-signed Allow issues the code', async () => {
    const workos = emulator.workos();

    const { code } = await signIn(workos, 'peter@initech.test');

    assert.ok(code);
    const action = contexts.at(-1);
    assert.equal(action.object, 'authentication_action_context');
    assert.equal(action.user.email, 'peter@initech.test');
    assert.equal(action.user.id, 'user_peter');
    assert.equal(action.authenticationMethod, 'Password');
    const { data } = await emulator.control('GET', '/action_calls');
    assert.equal(data.at(-1).allowed, true);
    assert.equal(data.at(-1).problem, null);
  });

  it('stops the sign-in on its page with the message of an SDK-signed Deny', async () => {
    const workos = emulator.workos();
    const url = workos.userManagement.getAuthorizationUrl({
      provider: 'authkit', clientId, redirectUri, state: 's', loginHint: 'lumbergh@initech.test',
    });

    const response = await fetch(url, { redirect: 'manual' });

    assert.equal(response.status, 403);
    assert.match(await response.text(), /Bill&#39;s sign-ins need a TPS cover sheet\./);
    const { data } = await emulator.control('GET', '/action_calls');
    assert.equal(data.at(-1).allowed, false);
    assert.equal(data.at(-1).error_message, "Bill's sign-ins need a TPS cover sheet.");
  });

  /** Opens the sign-up screen from the SDK's authorization URL and submits its form as a browser does. */
  async function signUp(email) {
    const workos = emulator.workos();
    const url = workos.userManagement.getAuthorizationUrl({ provider: 'authkit', clientId, redirectUri, state: 's', screenHint: 'sign-up' });
    const page = await (await fetch(url)).text();
    const form = page.slice(page.indexOf('data-testid="sign-up-form"'));
    const fields = new URLSearchParams();
    for (const [, name, value] of form.slice(0, form.indexOf('</form>')).matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
      fields.set(decodeHtml(name), decodeHtml(value));
    }
    fields.set('email', email);
    fields.set('first_name', 'New');
    fields.set('last_name', 'Hire');
    fields.set('action', 'sign_up');
    return fetch(new URL('/user_management/authorize/complete', url), { method: 'POST', body: fields, redirect: 'manual' });
  }

  it('sends a user registration context the SDK verifies, and an SDK-signed Allow creates the user and issues the code', async () => {
    const response = await signUp('michael.bolton@initech.test');

    assert.equal(response.status, 302, await response.text());
    const location = new URL(response.headers.get('location'));
    assert.ok(location.searchParams.get('code'));
    const registration = contexts.find((c) => c.object === 'user_registration_action_context');
    assert.equal(registration.userData.email, 'michael.bolton@initech.test');
    assert.equal(registration.userData.firstName, 'New');
    assert.equal(registration.userData.lastName, 'Hire');
    assert.equal(registration.invitation, undefined);
    const { user } = await emulator.workos().userManagement.authenticateWithCode({ clientId, code: location.searchParams.get('code') });
    assert.equal(user.email, 'michael.bolton@initech.test');
    const { data } = await emulator.control('GET', '/action_calls');
    assert.deepEqual(data.slice(-2).map((c) => [c.kind, c.allowed]), [['user_registration', true], ['authentication', true]]);
  });

  it('stops the sign-up on its page with the message of an SDK-signed Deny and creates no user', async () => {
    const response = await signUp('newcomer@blocked.test');

    assert.equal(response.status, 403);
    assert.match(await response.text(), /Sign-ups from blocked\.test are closed\./);
    const { data } = await emulator.control('GET', '/action_calls');
    assert.equal(data.at(-1).kind, 'user_registration');
    assert.equal(data.at(-1).allowed, false);
    const signInPage = await fetch(emulator.workos().userManagement.getAuthorizationUrl({
      provider: 'authkit', clientId, redirectUri, state: 's', loginHint: 'newcomer@blocked.test',
    }), { redirect: 'manual' });
    assert.equal(signInPage.status, 200, 'no user signs in with the denied email');
  });
});

function decodeHtml(text) {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, entity) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity]);
}
