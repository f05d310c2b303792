// Standalone SSO and Magic Link as WorkOS's Node SDK performs them: sso.getAuthorizationUrl with each connection
// selector, the identity provider's page (the emulator's profile picker), sso.getProfileAndToken, sso.getProfile, and
// passwordless.createSession / sendSession with the link read from the emulator's outbox.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import { OauthException, UnauthorizedException, WorkOS } from '@workos-inc/node';
import { clientId, redirectUri, startEmulator } from '../lib/emulator.mjs';

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

/** Follows one redirect-free step and returns the redirect URI's query. */
async function landOnRedirect(response) {
  assert.equal(response.status, 302, `answered ${response.status}: ${await response.text()}`);
  const location = new URL(response.headers.get('location'));
  assert.equal(`${location.origin}${location.pathname}`, redirectUri);
  return location.searchParams;
}

/** Opens the authorization URL (the profile page) and picks the profile of `email` by posting the page's form. */
async function pickProfile(url, email) {
  const page = await fetch(url, { redirect: 'manual' });
  assert.equal(page.status, 200, `authorize answered ${page.status}`);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    form.set(decodeHtml(name), decodeHtml(value));
  }

  const profile = new RegExp(`name="profile_id" value="([^"]*)" data-testid="profile-${email.replace(/[.@]/g, '\\$&')}"`).exec(html);
  assert.ok(profile, `the page offers ${email}`);
  form.set('profile_id', profile[1]);
  const action = /<form method="post" action="([^"]*)"/.exec(html)[1];
  return landOnRedirect(await fetch(new URL(action, emulator.url), { method: 'POST', body: form, redirect: 'manual' }));
}

function decodeHtml(text) {
  return text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

describe('sso', () => {
  it('signs in through a connection and returns the profile and token', async () => {
    const state = randomUUID();
    const url = workos.sso.getAuthorizationUrl({ connection: 'conn_initech_saml', clientId, redirectUri, state });

    const query = await pickProfile(url, 'lumbergh@initech.test');
    assert.equal(query.get('state'), state);
    const { accessToken, profile } = await workos.sso.getProfileAndToken({ code: query.get('code'), clientId });

    assert.ok(accessToken.length >= 20);
    assert.match(profile.id, /^prof_/);
    assert.equal(profile.connectionId, 'conn_initech_saml');
    assert.equal(profile.connectionType, 'OktaSAML');
    assert.equal(profile.organizationId, 'org_initech');
    assert.equal(profile.email, 'lumbergh@initech.test');
    assert.equal(profile.firstName, 'Bill');
    assert.equal(profile.lastName, 'Lumbergh');
    assert.equal(profile.role.slug, 'admin');
    assert.ok(profile.idpId.length > 0);

    const again = await workos.sso.getProfile({ accessToken });
    assert.equal(again.id, profile.id);
    assert.equal(again.email, 'lumbergh@initech.test');
  });

  it('signs in through an organization with PKCE (a public client)', async () => {
    const { url, state, codeVerifier } = await workos.sso.getAuthorizationUrlWithPKCE({ organization: 'org_chotchkies', clientId, redirectUri });

    const query = await pickProfile(url, 'joanna@chotchkies.test');
    assert.equal(query.get('state'), state);
    const publicClient = new WorkOS({
      clientId, apiHostname: emulator.url.hostname, port: Number(emulator.url.port), https: false, maxRetries: 0,
    });
    const { profile } = await publicClient.sso.getProfileAndToken({ code: query.get('code'), clientId, codeVerifier });

    assert.equal(profile.connectionId, 'conn_chotchkies_oidc');
    assert.equal(profile.connectionType, 'GenericOIDC');
  });

  it('signs in through a provider, with login_hint skipping the page', async () => {
    const url = workos.sso.getAuthorizationUrl({ provider: 'GoogleOAuth', clientId, redirectUri, loginHint: 'peter@initech.test', providerScopes: ['email'] });

    const query = await landOnRedirect(await fetch(url, { redirect: 'manual' }));
    const { profile } = await workos.sso.getProfileAndToken({ code: query.get('code'), clientId });

    assert.equal(profile.connectionType, 'GoogleOAuth');
    assert.equal(profile.email, 'peter@initech.test');
  });

  it('answers a bad selector on the redirect URI with the reference error code', async () => {
    const url = workos.sso.getAuthorizationUrl({ connection: 'conn_initech_saml', organization: 'org_initech', clientId, redirectUri, state: 's1' });

    const query = await landOnRedirect(await fetch(url, { redirect: 'manual' }));

    assert.equal(query.get('error'), 'ambiguous_connection_selector');
    assert.equal(query.get('state'), 's1');
  });

  it('refuses a code used twice with invalid_grant', async () => {
    const query = await pickProfile(workos.sso.getAuthorizationUrl({ connection: 'conn_initech_saml', clientId, redirectUri }), 'peter@initech.test');
    await workos.sso.getProfileAndToken({ code: query.get('code'), clientId });

    await assert.rejects(
      workos.sso.getProfileAndToken({ code: query.get('code'), clientId }),
      (error) => error instanceof OauthException && error.error === 'invalid_grant',
    );
  });

  it('refuses an unknown access token on getProfile', async () => {
    await assert.rejects(workos.sso.getProfile({ accessToken: 'not-a-token' }), (error) => error instanceof UnauthorizedException);
  });
});

describe('passwordless', () => {
  it('creates and sends a Magic Link whose link lands on the redirect URI with a code for the profile', async () => {
    await emulator.control('DELETE', '/outbox');
    const session = await workos.passwordless.createSession({ email: 'joanna@chotchkies.test', type: 'MagicLink', redirectURI: redirectUri, state: 'ml' });

    assert.equal(session.object, 'passwordless_session');
    assert.match(session.id, /^passwordless_session_/);
    assert.equal(session.email, 'joanna@chotchkies.test');
    assert.ok(!Number.isNaN(Date.parse(session.expiresAt)));
    assert.deepEqual(await workos.passwordless.sendSession(session.id), { success: true });

    const { data } = await emulator.control('GET', '/outbox');
    assert.equal(data.length, 1);
    assert.equal(data[0].link, session.link);
    const query = await landOnRedirect(await fetch(data[0].link, { redirect: 'manual' }));
    assert.equal(query.get('state'), 'ml');
    const { profile } = await workos.sso.getProfileAndToken({ code: query.get('code'), clientId });
    assert.equal(profile.connectionType, 'MagicLink');
    assert.equal(profile.email, 'joanna@chotchkies.test');

    const reused = await fetch(data[0].link, { redirect: 'manual' });
    assert.equal(reused.status, 400);
  });
});
