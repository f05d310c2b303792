// Sessions as WorkOS's Node SDK handles them: sealed session cookies verified against the JWKS, refresh with rotation
// and organization switch, logout URL, revocation and the sessions list.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { AuthenticationException, GenericServerException, OauthException } from '@workos-inc/node';
import { clientId, signedOutUri, startEmulator } from '../lib/emulator.mjs';
import { signIn, signInAndExchange } from '../lib/sign-in.mjs';

const cookiePassword = 'conformance-cookie-password-of-at-least-32-characters';
let emulator;
let workos;

before(async () => {
  emulator = await startEmulator();
  workos = emulator.workos({ issuer: emulator.issuer });
});

after(async () => {
  await emulator?.stop();
});

async function sealedSignIn(email, options = {}) {
  const response = await signInAndExchange(workos, email, { ...options, session: { sealSession: true, cookiePassword } });
  assert.ok(response.sealedSession, 'the SDK seals the session');
  return response;
}

const load = (sealedSession) => workos.userManagement.loadSealedSession({ sessionData: sealedSession, cookiePassword });

describe('access token', () => {
  it('verifies with the JWKS, as the SDK session helper checks it, and carries the session claims', async () => {
    const { sealedSession } = await sealedSignIn('peter@initech.test');

    const session = await load(sealedSession).authenticate();

    assert.equal(session.authenticated, true, `not authenticated: ${session.reason}`);
    assert.match(session.sessionId, /^session_/);
    assert.equal(session.organizationId, 'org_initech');
    assert.equal(session.role, 'member');
    assert.deepEqual(session.roles, ['member']);
    assert.deepEqual(session.permissions, ['reports:read']);
    assert.deepEqual(session.entitlements, ['audit-logs']);
    assert.deepEqual([...session.featureFlags].sort(), ['casual-friday', 'tps-reports-v2']);
    assert.equal(session.user.email, 'peter@initech.test');
    assert.equal(session.authenticationMethod, 'Password');
  });

  it('is an RS256 JWT whose kid is in the JWKS, with the documented claims', async () => {
    const { accessToken, user } = await signInAndExchange(workos, 'lumbergh@initech.test');
    const jwks = createRemoteJWKSet(new URL(workos.userManagement.getJwksUrl(clientId)));

    const { payload, protectedHeader } = await jwtVerify(accessToken, jwks, { issuer: emulator.issuer, algorithms: ['RS256'] });

    assert.equal(protectedHeader.alg, 'RS256');
    const keys = await (await fetch(workos.userManagement.getJwksUrl(clientId))).json();
    assert.ok(keys.keys.some((key) => key.kid === protectedHeader.kid && key.kty === 'RSA' && key.use === 'sig'));
    assert.equal(payload.sub, user.id);
    assert.match(payload.sid, /^session_/);
    assert.equal(payload.org_id, 'org_initech');
    assert.equal(payload.role, 'admin');
    assert.deepEqual(payload.permissions, ['reports:read', 'reports:write', 'members:manage']);
    assert.equal(typeof payload.jti, 'string');
    assert.equal(payload.exp - payload.iat, 300, 'five-minute tokens, like WorkOS');
    assert.equal(payload.aud, undefined);
  });

  it('fails verification when tampered with', async () => {
    const response = await signInAndExchange(workos, 'peter@initech.test');
    const [header, payload, signature] = response.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.role = 'admin';
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    const sealed = await workos.userManagement.sealSessionDataFromAuthenticationResponse({
      authenticationResponse: { ...response, accessToken: forged }, cookiePassword,
    });

    assert.equal(await workos.userManagement.isValidJwt(forged), false);
    assert.equal(decodeProtectedHeader(forged).alg, 'RS256');
    const session = await load(sealed).authenticate();
    assert.equal(session.authenticated, false);
    assert.equal(session.reason, 'invalid_jwt');
  });
});

describe('refresh', () => {
  it('rotates the refresh token: a replay within the grace gets the same pair, and once that pair is spent the old token is refused with invalid_grant', async () => {
    const { sealedSession, refreshToken } = await sealedSignIn('peter@initech.test');

    const refreshed = await load(sealedSession).refresh();
    const replay = await load(sealedSession).refresh();

    assert.equal(refreshed.authenticated, true, `refresh failed: ${refreshed.reason}`);
    assert.notEqual(refreshed.session.refreshToken, refreshToken);
    assert.equal(refreshed.organizationId, 'org_initech');
    assert.equal(replay.authenticated, true, `replay within the grace failed: ${replay.reason}`);
    assert.equal(replay.session.refreshToken, refreshed.session.refreshToken);

    const next = await load(refreshed.sealedSession).refresh();
    assert.equal(next.authenticated, true, `refresh of the new pair failed: ${next.reason}`);
    const late = await load(sealedSession).refresh();
    assert.equal(late.authenticated, false);
    assert.equal(late.reason, 'invalid_grant');
    assert.equal((await load(next.sealedSession).authenticate()).authenticated, true);
    await assert.rejects(
      workos.userManagement.authenticateWithRefreshToken({ clientId, refreshToken }),
      (error) => error instanceof OauthException && error.status === 400 && error.error === 'invalid_grant',
    );
  });

  it('switches the organization and its role with organizationId', async () => {
    const { sealedSession } = await sealedSignIn('peter@initech.test');

    const switched = await load(sealedSession).refresh({ organizationId: 'org_chotchkies' });

    assert.equal(switched.authenticated, true, `refresh failed: ${switched.reason}`);
    assert.equal(switched.organizationId, 'org_chotchkies');
    assert.equal(switched.role, 'admin');
    assert.ok(switched.permissions.includes('members:manage'));
    const session = await load(switched.sealedSession).authenticate();
    assert.equal(session.organizationId, 'org_chotchkies');
    assert.equal(session.sessionId, switched.sessionId, 'the same WorkOS session');
    const stays = await load(switched.sealedSession).refresh();
    assert.equal(stays.organizationId, 'org_chotchkies', 'a plain refresh keeps the organization');
  });

  it('refuses a switch to an organization the user is not a member of', async () => {
    const { refreshToken } = await signInAndExchange(workos, 'lumbergh@initech.test');

    await assert.rejects(
      workos.userManagement.authenticateWithRefreshToken({ clientId, refreshToken, organizationId: 'org_chotchkies' }),
      (error) => error instanceof GenericServerException && error.status === 400,
    );
    const still = await workos.userManagement.authenticateWithRefreshToken({ clientId, refreshToken });
    assert.equal(still.organizationId, 'org_initech', 'a refused switch leaves the refresh token usable');
  });

  it('refuses an unknown refresh token with invalid_grant', async () => {
    await assert.rejects(
      workos.userManagement.authenticateWithRefreshToken({ clientId, refreshToken: 'not-a-refresh-token' }),
      (error) => error instanceof OauthException && error.error === 'invalid_grant',
    );
  });
});

describe('sign-out and sessions', () => {
  it('lists the active session with its documented fields', async () => {
    const { accessToken, user } = await signInAndExchange(workos, 'joanna@chotchkies.test', { organizationId: 'org_chotchkies' });
    const sid = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).sid;

    const sessions = await workos.userManagement.listSessions(user.id);

    const session = sessions.data.find((s) => s.id === sid);
    assert.ok(session, 'the new session is listed');
    assert.equal(session.object, 'session');
    assert.equal(session.userId, 'user_joanna');
    assert.equal(session.organizationId, 'org_chotchkies');
    assert.equal(session.status, 'active');
    assert.equal(session.authMethod, 'password');
    assert.ok(Date.parse(session.expiresAt) > Date.now());
    assert.equal(session.endedAt, null);
    assert.ok(!Number.isNaN(Date.parse(session.createdAt)));
  });

  it('ends the session through the logout URL, which redirects to return_to', async () => {
    const { sealedSession, user } = await sealedSignIn('peter@initech.test');
    const session = await load(sealedSession).authenticate();

    const logoutUrl = await load(sealedSession).getLogoutUrl({ returnTo: signedOutUri });
    const response = await fetch(logoutUrl, { redirect: 'manual' });

    assert.equal(new URL(logoutUrl).pathname, '/user_management/sessions/logout');
    assert.equal(new URL(logoutUrl).searchParams.get('session_id'), session.sessionId);
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('location'), signedOutUri);
    assert.equal((await load(sealedSession).refresh()).reason, 'invalid_grant');
    const sessions = await workos.userManagement.listSessions(user.id);
    assert.ok(!sessions.data.some((s) => s.id === session.sessionId), 'an ended session is no longer listed');
  });

  it('refuses an unregistered return_to', async () => {
    const { sealedSession } = await sealedSignIn('peter@initech.test');

    const logoutUrl = await load(sealedSession).getLogoutUrl({ returnTo: 'http://localhost:3000/elsewhere' });
    const response = await fetch(logoutUrl, { redirect: 'manual' });

    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null);
  });

  it('revokes a session: its refresh token stops working', async () => {
    const { sealedSession } = await sealedSignIn('lumbergh@initech.test');
    const { sessionId } = await load(sealedSession).authenticate();

    await workos.userManagement.revokeSession({ sessionId });

    const refresh = await load(sealedSession).refresh();
    assert.equal(refresh.authenticated, false);
    assert.equal(refresh.reason, 'invalid_grant');
  });
});

describe('authentication errors', () => {
  it('answers a code exchange with mfa_enrollment in the WorkOS shape: code, message, pending token and user', async () => {
    const { code, codeVerifier } = await signIn(workos, 'milton@initech.test');

    const error = await workos.userManagement.authenticateWithCode({ clientId, code, codeVerifier }).then(
      () => assert.fail('the code exchange should fail'),
      (e) => e,
    );

    assert.ok(error instanceof AuthenticationException, `got ${error?.name}`);
    assert.equal(error.code, 'mfa_enrollment');
    assert.equal(error.status, 403);
    assert.equal(typeof error.pendingAuthenticationToken, 'string');
    assert.equal(error.rawData.user.email, 'milton@initech.test');
    assert.equal(typeof error.message, 'string');
  });

  it('ends a session whose refresh answers sso_required in the OAuth shape, as the session helper classifies it', async () => {
    const { sealedSession, refreshToken } = await sealedSignIn('samir@initech.test');

    const refresh = await load(sealedSession).refresh();
    const error = await workos.userManagement.authenticateWithRefreshToken({ clientId, refreshToken }).then(
      () => assert.fail('the refresh should fail'),
      (e) => e,
    );

    assert.equal(refresh.authenticated, false);
    assert.equal(refresh.reason, 'sso_required');
    assert.equal(refresh.retryable, false);
    assert.ok(error instanceof AuthenticationException, `got ${error?.name}`);
    assert.equal(error.code, 'sso_required');
    assert.equal(error.rawData.error, 'sso_required');
    assert.equal(typeof error.rawData.error_description, 'string');
    assert.ok(Array.isArray(error.rawData.connection_ids));
  });
});
