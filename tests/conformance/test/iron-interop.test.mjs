// Sessions shared with WorkOS's Node libraries, both ways. An ASP.NET app whose session cookie is iron-sealed
// (SessionCookieFormat Iron) signs in a user whose wos-session was sealed by @workos-inc/node (a sealed session from the
// code exchange) or by iron-session (the sealing of authkit-nextjs), under the same cookie password, and refuses one
// sealed under another; the wos-session the app writes after its own AuthKit sign-in opens with the SDK's
// loadSealedSession (authenticate, refresh, logout URL) and with iron-session's unsealData.
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { sealData, unsealData } from 'iron-session';
import { freePort, startIronApp } from '../lib/iron-app.mjs';
import { signedOutUri, startEmulator } from '../lib/emulator.mjs';
import { signInAndExchange } from '../lib/sign-in.mjs';

const cookiePassword = 'conformance-iron-cookie-password-of-at-least-32-characters';
let emulator;
let workos;
let app;

before(async () => {
  const port = await freePort();
  emulator = await startEmulator(['--redirect-uri', `http://127.0.0.1:${port}/auth/callback`]);
  workos = emulator.workos({ issuer: emulator.issuer });
  app = await startIronApp(port, emulator.baseUrl, cookiePassword);
});

after(async () => {
  await app?.stop();
  await emulator?.stop();
});

/**
 * A browser's page navigation to the app (node:http, since fetch sends Sec-Fetch-Mode: cors, which the app rightly
 * answers with 401 instead of a redirect); resolves to the status, the location and the Set-Cookie headers.
 */
function navigate(url, cookie) {
  const headers = { accept: 'text/html', ...(cookie ? { cookie } : {}) };
  return new Promise((resolvePromise, reject) => {
    get(url, { headers }, (response) => {
      response.resume();
      resolvePromise({ status: response.statusCode, location: response.headers.location, setCookie: response.headers['set-cookie'] ?? [] });
    }).on('error', reject);
  });
}

/** The cookies of a response's Set-Cookie headers, by name (values as sent). */
function setCookies(response) {
  return Object.fromEntries(response.setCookie.map((header) => {
    const pair = header.split(';')[0];
    const at = pair.indexOf('=');
    return [pair.slice(0, at), pair.slice(at + 1)];
  }));
}

/** Signs in through the app's own AuthKit sign-in; resolves to the wos-session value the app wrote, URL-decoded. */
async function appSignIn(email) {
  const challenge = await navigate(new URL('/auth/sign-in', app.url));
  assert.equal(challenge.status, 302, `sign-in answered ${challenge.status}`);
  const pending = Object.entries(setCookies(challenge)).map(([name, value]) => `${name}=${value}`).join('; ');
  const authorize = new URL(challenge.location);
  authorize.searchParams.set('login_hint', email);
  const toCallback = await fetch(authorize, { redirect: 'manual' });
  assert.equal(toCallback.status, 302, `authorize answered ${toCallback.status}`);
  const callback = await navigate(toCallback.headers.get('location'), pending);
  assert.equal(callback.status, 302, `the callback answered ${callback.status}`);
  const session = setCookies(callback)['wos-session'];
  assert.ok(session, 'the app writes wos-session');
  return decodeURIComponent(session);
}

const load = (sessionData) => workos.userManagement.loadSealedSession({ sessionData, cookiePassword });

describe('Node-sealed sessions in the ASP.NET app', () => {
  it('signs in a session @workos-inc/node sealed at the code exchange', async () => {
    const { sealedSession, user } = await signInAndExchange(workos, 'peter@initech.test', { session: { sealSession: true, cookiePassword } });
    assert.match(sealedSession, /^Fe26\.2\*1\*.*~2$/);

    const { status, claims } = await app.me(sealedSession);

    assert.equal(status, 200);
    assert.deepEqual(claims.email, ['peter@initech.test']);
    assert.deepEqual(claims.sub, [user.id]);
    assert.deepEqual(claims.org_id, ['org_initech']);
    assert.deepEqual(claims.permission, ['reports:read']);
    assert.deepEqual(claims.authentication_method, ['Password']);
  });

  it('signs in a session iron-session sealed the way authkit-nextjs seals it', async () => {
    const response = await signInAndExchange(workos, 'peter@initech.test');
    const { accessToken, refreshToken, user, impersonator } = response;
    const sealed = await sealData({ accessToken, refreshToken, user, impersonator }, { password: cookiePassword });

    const { status, claims } = await app.me(sealed);

    assert.equal(status, 200);
    assert.deepEqual(claims.email, ['peter@initech.test']);
    assert.deepEqual(claims.role, ['member']);
  });

  it('refuses a session sealed under another password, and one tampered with', async () => {
    const { accessToken, refreshToken, user } = await signInAndExchange(workos, 'peter@initech.test');
    const other = await sealData({ accessToken, refreshToken, user }, { password: 'another-cookie-password-of-at-least-32-characters' });
    const good = await sealData({ accessToken, refreshToken, user }, { password: cookiePassword });
    const parts = good.split('*');
    parts[4] = (parts[4][0] === 'A' ? 'B' : 'A') + parts[4].slice(1);

    assert.equal((await app.me(other)).status, 401);
    assert.equal((await app.me(parts.join('*'))).status, 401);
    assert.equal((await app.me(good)).status, 200);
  });
});

describe('the ASP.NET app\'s cookie in the Node libraries', () => {
  it('opens with loadSealedSession: authenticated, with the user and organization', async () => {
    const cookie = await appSignIn('peter@initech.test');
    assert.match(cookie, /^Fe26\.2\*1\*.*~2$/);

    const session = await load(cookie).authenticate();

    assert.equal(session.authenticated, true, `not authenticated: ${session.reason}`);
    assert.equal(session.user.email, 'peter@initech.test');
    assert.equal(session.organizationId, 'org_initech');
    assert.match(session.sessionId, /^session_/);
    assert.deepEqual(session.permissions, ['reports:read']);
    assert.equal((await app.me(cookie)).status, 200);
  });

  it('opens with iron-session unsealData as authkit-nextjs reads it', async () => {
    const cookie = await appSignIn('peter@initech.test');

    const session = await unsealData(cookie, { password: cookiePassword });

    assert.equal(typeof session.accessToken, 'string');
    assert.equal(typeof session.refreshToken, 'string');
    assert.equal(session.user.email, 'peter@initech.test');
    assert.equal(session.user.object, 'user');
    const { sub } = JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url').toString());
    assert.equal(session.user.id, sub);
  });

  it('refreshes through the SDK, and the session it re-seals still signs in to the app', async () => {
    const cookie = await appSignIn('peter@initech.test');

    const refreshed = await load(cookie).refresh();

    assert.equal(refreshed.authenticated, true, `refresh failed: ${refreshed.reason}`);
    assert.equal(refreshed.organizationId, 'org_initech');
    const { status, claims } = await app.me(refreshed.sealedSession);
    assert.equal(status, 200);
    assert.deepEqual(claims.email, ['peter@initech.test']);
  });

  it('gives the SDK a logout URL that ends the WorkOS session', async () => {
    const cookie = await appSignIn('peter@initech.test');
    const { sessionId } = await load(cookie).authenticate();

    const logoutUrl = await load(cookie).getLogoutUrl({ returnTo: signedOutUri });
    const response = await fetch(logoutUrl, { redirect: 'manual' });

    assert.equal(new URL(logoutUrl).searchParams.get('session_id'), sessionId);
    assert.equal(response.status, 302);
    assert.equal((await load(cookie).refresh()).reason, 'invalid_grant');
  });

  it('is refused by the SDK under another password', async () => {
    const cookie = await appSignIn('peter@initech.test');

    const session = await workos.userManagement.loadSealedSession({
      sessionData: cookie, cookiePassword: 'another-cookie-password-of-at-least-32-characters',
    }).authenticate();

    assert.equal(session.authenticated, false);
  });
});
