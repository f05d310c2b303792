// The browser step of AuthKit's sign-in: the emulator signs the user named by login_hint in without showing its page,
// and redirects to the redirect URI with a code, as WorkOS does after the user signs in.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { clientId, redirectUri } from './emulator.mjs';

/** Follows the authorization URL once (no redirects) and returns the redirect's query. */
export async function authorize(url) {
  const response = await fetch(url, { redirect: 'manual' });
  assert.equal(response.status, 302, `authorize answered ${response.status}: ${await response.text()}`);
  const location = new URL(response.headers.get('location'));
  assert.equal(`${location.origin}${location.pathname}`, redirectUri);
  return location.searchParams;
}

/** Signs a user in through the SDK's authorization URL with PKCE and returns the code, state and verifier. */
export async function signIn(workos, email, { organizationId } = {}) {
  const { codeVerifier, codeChallenge } = await workos.pkce.generate();
  const state = randomUUID();
  const url = workos.userManagement.getAuthorizationUrl({
    provider: 'authkit',
    clientId,
    redirectUri,
    state,
    codeChallenge,
    codeChallengeMethod: 'S256',
    loginHint: email,
    organizationId,
  });
  const query = await authorize(url);
  assert.equal(query.get('state'), state, 'the state comes back unchanged');
  assert.equal(query.get('error'), null, `sign-in failed: ${query.get('error_description')}`);
  const code = query.get('code');
  assert.ok(code, 'a code is issued');
  return { code, codeVerifier, state };
}

/** Signs a user in and exchanges the code with PKCE; returns the SDK's authentication response. */
export async function signInAndExchange(workos, email, options = {}) {
  const { code, codeVerifier } = await signIn(workos, email, options);
  return workos.userManagement.authenticateWithCode({ clientId, code, codeVerifier, session: options.session });
}
