// AuthKit sign-in as WorkOS's Node SDK performs it: authorization URL, the browser step, and the code exchange.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import { OauthException, WorkOS } from '@workos-inc/node';
import { clientId, redirectUri, startEmulator } from '../lib/emulator.mjs';
import { authorize, signIn } from '../lib/sign-in.mjs';

let emulator;
let workos;

before(async () => {
  delete process.env.WORKOS_API_KEY;
  emulator = await startEmulator();
  workos = emulator.workos();
});

after(async () => {
  await emulator?.stop();
});

describe('code exchange', () => {
  it('exchanges a PKCE code for the user, organization, tokens and authentication method', async () => {
    const { code, codeVerifier } = await signIn(workos, 'peter@initech.test');

    const response = await workos.userManagement.authenticateWithCode({ clientId, code, codeVerifier });

    assert.equal(response.user.object, 'user');
    assert.equal(response.user.id, 'user_peter');
    assert.equal(response.user.email, 'peter@initech.test');
    assert.equal(response.user.firstName, 'Peter');
    assert.equal(response.user.lastName, 'Gibbons');
    assert.equal(response.user.emailVerified, true);
    assert.ok(!Number.isNaN(Date.parse(response.user.createdAt)));
    assert.equal(response.organizationId, 'org_initech');
    assert.equal(response.accessToken.split('.').length, 3);
    assert.ok(response.refreshToken.length >= 20);
    assert.equal(response.authenticationMethod, 'Password');
    assert.equal(response.impersonator, undefined);
  });

  it('refuses a code used twice with invalid_grant', async () => {
    const { code, codeVerifier } = await signIn(workos, 'peter@initech.test');
    await workos.userManagement.authenticateWithCode({ clientId, code, codeVerifier });

    await assert.rejects(
      workos.userManagement.authenticateWithCode({ clientId, code, codeVerifier }),
      (error) => error instanceof OauthException && error.status === 400 && error.error === 'invalid_grant'
        && typeof error.errorDescription === 'string',
    );
  });

  it('refuses a wrong PKCE verifier with invalid_grant', async () => {
    const { code } = await signIn(workos, 'peter@initech.test');
    const other = await workos.pkce.generate();

    await assert.rejects(
      workos.userManagement.authenticateWithCode({ clientId, code, codeVerifier: other.codeVerifier }),
      (error) => error instanceof OauthException && error.error === 'invalid_grant',
    );
  });

  it('refuses an unknown code with invalid_grant', async () => {
    await assert.rejects(
      workos.userManagement.authenticateWithCode({ clientId, code: 'not-a-code', codeVerifier: 'x'.repeat(43) }),
      (error) => error instanceof OauthException && error.error === 'invalid_grant',
    );
  });

  it('signs in through getAuthorizationUrlWithPKCE', async () => {
    const { url, state, codeVerifier } = await workos.userManagement.getAuthorizationUrlWithPKCE({
      provider: 'authkit', clientId, redirectUri, loginHint: 'lumbergh@initech.test',
    });

    const query = await authorize(url);
    assert.equal(query.get('state'), state);
    const response = await workos.userManagement.authenticateWithCode({ clientId, code: query.get('code'), codeVerifier });
    assert.equal(response.user.email, 'lumbergh@initech.test');
  });

  it('serves a public client (PKCE, no API key) for the code exchange and refresh', async () => {
    const publicClient = new WorkOS({
      clientId, apiHostname: emulator.url.hostname, port: Number(emulator.url.port), https: false, maxRetries: 0,
    });
    const { code, codeVerifier } = await signIn(publicClient, 'joanna@chotchkies.test');

    const response = await publicClient.userManagement.authenticateWithCodeAndVerifier({ clientId, code, codeVerifier });
    const refreshed = await publicClient.userManagement.authenticateWithRefreshToken({ clientId, refreshToken: response.refreshToken });

    assert.equal(response.user.email, 'joanna@chotchkies.test');
    assert.equal(response.organizationId, 'org_chotchkies');
    assert.notEqual(refreshed.refreshToken, response.refreshToken);
  });

  it('signs in to the organization the authorization URL names', async () => {
    const { code, codeVerifier } = await signIn(workos, 'peter@initech.test', { organizationId: 'org_chotchkies' });

    const response = await workos.userManagement.authenticateWithCode({ clientId, code, codeVerifier });

    assert.equal(response.organizationId, 'org_chotchkies');
  });
});

describe('authorize errors', () => {
  it('redirects back with organization_invalid and the state when the user is not a member', async () => {
    const state = randomUUID();
    const url = workos.userManagement.getAuthorizationUrl({
      provider: 'authkit', clientId, redirectUri, state, loginHint: 'lumbergh@initech.test', organizationId: 'org_chotchkies',
    });

    const query = await authorize(url);

    assert.equal(query.get('error'), 'organization_invalid');
    assert.ok(query.get('error_description'));
    assert.equal(query.get('state'), state);
    assert.equal(query.get('code'), null);
  });

  it('redirects back with organization_invalid for an unknown organization', async () => {
    const url = workos.userManagement.getAuthorizationUrl({
      clientId, redirectUri, state: 's', organizationId: 'org_nope',
    });

    const query = await authorize(url);

    assert.equal(query.get('error'), 'organization_invalid');
    assert.equal(query.get('state'), 's');
  });

  it('redirects back with invalid_connection_selector when no selector is given', async () => {
    const url = `${emulator.baseUrl}/user_management/authorize?client_id=${clientId}&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code&state=s`;

    const query = await authorize(url);

    assert.equal(query.get('error'), 'invalid_connection_selector');
    assert.equal(query.get('state'), 's');
  });

  it('redirects back with access_denied when the user cancels on the hosted page', async () => {
    const url = workos.userManagement.getAuthorizationUrl({ provider: 'authkit', clientId, redirectUri, state: 'cancelled' });
    const page = await fetch(url, { redirect: 'manual' });
    assert.equal(page.status, 200);
    const html = await page.text();
    const fields = new URLSearchParams([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)]
      .map(([, name, value]) => [name, value.replaceAll('&amp;', '&').replaceAll('&#x2B;', '+')]));
    fields.set('action', 'cancel');

    const cancelled = await fetch(`${emulator.baseUrl}/user_management/authorize/complete`, {
      method: 'POST', body: fields, redirect: 'manual',
    });

    assert.equal(cancelled.status, 302);
    const query = new URL(cancelled.headers.get('location')).searchParams;
    assert.equal(query.get('error'), 'access_denied');
    assert.equal(query.get('state'), 'cancelled');
  });

  it('never redirects to an unregistered redirect URI', async () => {
    const url = workos.userManagement.getAuthorizationUrl({
      provider: 'authkit', clientId, redirectUri: 'http://localhost:3000/elsewhere', loginHint: 'peter@initech.test',
    });

    const response = await fetch(url, { redirect: 'manual' });

    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null);
  });

  it('never redirects for an unknown client', async () => {
    const url = workos.userManagement.getAuthorizationUrl({
      provider: 'authkit', clientId: 'client_unknown', redirectUri, loginHint: 'peter@initech.test',
    });

    const response = await fetch(url, { redirect: 'manual' });

    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null);
  });
});
