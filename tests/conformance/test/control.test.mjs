// The emulator's control API, driven from Node as a test in any language would drive it: signing-key rotation as
// the SDK and a JWKS client see it, injected faults as the SDK reports them, and users added while it runs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { GenericServerException } from '@workos-inc/node';
import { clientId, startEmulator } from '../lib/emulator.mjs';
import { signInAndExchange } from '../lib/sign-in.mjs';

let emulator;
let workos;

before(async () => {
  emulator = await startEmulator();
  workos = emulator.workos({ issuer: emulator.issuer });
});

after(async () => {
  await emulator?.stop();
});

const fetchJwks = async () => (await fetch(workos.userManagement.getJwksUrl(clientId))).json();

describe('signing key rotation', () => {
  it('signs new tokens with the new key, which verifies, while the JWKS keeps the old key for tokens it signed', async () => {
    const before = await signInAndExchange(workos, 'peter@initech.test');
    const oldKid = decodeProtectedHeader(before.accessToken).kid;

    const { kid: newKid } = await emulator.control('POST', '/signing_keys/rotate');
    const after = await signInAndExchange(workos, 'peter@initech.test');
    const jwks = await fetchJwks();

    assert.notEqual(newKid, oldKid);
    assert.equal(decodeProtectedHeader(after.accessToken).kid, newKid);
    assert.deepEqual(jwks.keys.map((key) => key.kid).sort(), [oldKid, newKid].sort());
    const keySet = createLocalJWKSet(jwks);
    const verified = await jwtVerify(after.accessToken, keySet, { issuer: emulator.issuer, algorithms: ['RS256'] });
    assert.equal(verified.payload.sub, after.user.id);
    await jwtVerify(before.accessToken, keySet, { issuer: emulator.issuer, algorithms: ['RS256'] });
  });

  it('retiring the old key leaves only the new one, so tokens the old key signed no longer verify', async () => {
    const before = await signInAndExchange(workos, 'peter@initech.test');

    const { kid } = await emulator.control('POST', '/signing_keys/rotate', { retire_old: true });
    const jwks = await fetchJwks();

    assert.deepEqual(jwks.keys.map((key) => key.kid), [kid]);
    await assert.rejects(
      jwtVerify(before.accessToken, createLocalJWKSet(jwks), { issuer: emulator.issuer, algorithms: ['RS256'] }),
      (error) => error.code === 'ERR_JWKS_NO_MATCHING_KEY');
  });
});

describe('injected faults', () => {
  it('the SDK sees a 500 on the faulted endpoint, and the endpoint answers again once the fault is cleared', async () => {
    const { user } = await signInAndExchange(workos, 'peter@initech.test');
    await emulator.control('POST', '/faults', {
      method: 'GET', path: `/user_management/users/${user.id}`, status: 500, body: '{"message":"upstream down"}', count: -1,
    });

    await assert.rejects(workos.userManagement.getUser(user.id), (error) => {
      assert.ok(error instanceof GenericServerException, `a ${error.constructor.name}: ${error.message}`);
      assert.equal(error.status, 500);
      return true;
    });
    await assert.rejects(workos.userManagement.getUser(user.id), GenericServerException);

    await emulator.control('DELETE', '/faults');
    const fetched = await workos.userManagement.getUser(user.id);
    assert.equal(fetched.email, 'peter@initech.test');
  });

  it('the request log over the control API counts the calls the SDK made, faulted ones with their status', async () => {
    await emulator.control('DELETE', '/requests');
    await emulator.control('POST', '/faults', { method: 'POST', path: '/user_management/authenticate', status: 503 });

    await assert.rejects(signInAndExchange(workos, 'peter@initech.test'), (error) => error.status === 503);
    await signInAndExchange(workos, 'peter@initech.test');

    const log = await emulator.control('GET', '/requests?method=POST&path=/user_management/authenticate');
    assert.equal(log.count, 2);
    assert.deepEqual(log.data.map((request) => request.status_code), [503, 200]);
    assert.equal(log.data[0].body.client_secret, '***');
  });
});

describe('users added at run time', () => {
  it('a user, organization and membership added over the control API sign in with the SDK, and the SDK reads them back', async () => {
    const { id: userId } = await emulator.control('POST', '/users', { email: 'michael@initech.test', first_name: 'Michael', last_name: 'Bolton' });
    const { id: organizationId } = await emulator.control('POST', '/organizations', { name: 'Initech basement' });
    const { id: membershipId } = await emulator.control('POST', '/memberships', {
      user_id: 'michael@initech.test', organization_id: organizationId, roles: ['admin'],
    });

    const signedIn = await signInAndExchange(workos, 'michael@initech.test', { organizationId });
    const { payload } = await jwtVerify(signedIn.accessToken, createLocalJWKSet(await fetchJwks()), { issuer: emulator.issuer, algorithms: ['RS256'] });
    const fetched = await workos.userManagement.getUser(userId);
    const memberships = await workos.userManagement.listOrganizationMemberships({ userId });

    assert.equal(signedIn.user.id, userId);
    assert.equal(signedIn.user.firstName, 'Michael');
    assert.equal(signedIn.organizationId, organizationId);
    assert.equal(payload.sub, userId);
    assert.equal(payload.org_id, organizationId);
    assert.equal(payload.role, 'admin');
    assert.equal(fetched.email, 'michael@initech.test');
    assert.deepEqual(memberships.data.map((membership) => membership.id), [membershipId]);
  });

  it('a second user with a taken email is refused with 422, and the control API says why', async () => {
    const response = await fetch(new URL('/_emulator/users', emulator.url), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'PETER@initech.test' }),
    });

    assert.equal(response.status, 422);
    assert.match((await response.json()).message, /PETER@initech\.test/);
  });
});

describe('--no-control-api', () => {
  it('turns the control API off: its paths are unknown and change nothing', async () => {
    const quiet = await startEmulator(['--no-control-api']);
    try {
      const jwksUrl = new URL(`/sso/jwks/${clientId}`, quiet.url);
      const before = await (await fetch(jwksUrl)).json();

      const response = await fetch(new URL('/_emulator/signing_keys/rotate', quiet.url), {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"retire_old":true}',
      });

      assert.equal(response.status, 404);
      assert.deepEqual(await (await fetch(jwksUrl)).json(), before);
    } finally {
      await quiet.stop();
    }
  });
});
