// Makes iron-vectors.json: sessions sealed by WorkOS's Node libraries themselves (@workos-inc/node's sealed sessions
// and iron-session's sealData, the sealing of authkit-nextjs), which IronSealTests open. Uses the packages installed in
// tests/conformance. Run from the repository root after `npm ci` there:
//   node tests/WorkOS.AspNetCore.Tests/Session/IronVectors/make-iron-vectors.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const conformance = createRequire(join(here, '../../../conformance/package.json'));
const { WorkOS } = await import(pathToFileURL(conformance.resolve('@workos-inc/node')).href.replace(/index\.cjs$/, 'index.mjs'));
const { sealData, unsealData } = await import(pathToFileURL(conformance.resolve('iron-session')).href.replace(/index\.cjs$/, 'index.js'));

const version = (name) => JSON.parse(readFileSync(join(here, '../../../conformance/node_modules', name, 'package.json'), 'utf8')).version;
const password = 'vector-cookie-password-of-at-least-32-characters';
const oldPassword = 'vector-old-cookie-password-at-least-32-characters';
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

// An access token as WorkOS issues them (RS256; the signature is not checked by the cookie format).
const claims = {
  iss: 'https://api.workos.com/user_management/client_vectors', sub: 'user_vectors', sid: 'session_vectors',
  jti: 'jti_vectors', org_id: 'org_vectors', role: 'admin', roles: ['admin'], permissions: ['reports:read', 'reports:write'],
  entitlements: ['audit-logs'], feature_flags: ['beta'], act: { sub: 'support@example.com' }, iat: 1798761600, exp: 1798761900,
};
const accessToken = `${b64({ alg: 'RS256', kid: 'sso_oidc_key_pair_vectors', typ: 'JWT' })}.${b64(claims)}.${Buffer.from('signature').toString('base64url')}`;
const user = {
  object: 'user', id: 'user_vectors', email: 'vera@example.com', emailVerified: true, firstName: 'Vera', lastName: 'Vector',
  profilePictureUrl: 'https://example.com/vera.png', lastSignInAt: '2027-01-01T00:00:00.000Z', locale: null,
  createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2027-01-01T00:00:00.000Z', externalId: null, metadata: {},
};
const authenticationResponse = {
  user, organizationId: 'org_vectors', accessToken, refreshToken: 'refresh_vectors', authenticationMethod: 'Password',
  impersonator: { email: 'support@example.com', reason: 'Ticket 42' },
};

const workos = new WorkOS('sk_test_vectors', { clientId: 'client_vectors' });
const workosNode = await workos.userManagement.sealSessionDataFromAuthenticationResponse({ authenticationResponse, cookiePassword: password });
const nextjsSession = { accessToken, refreshToken: 'refresh_vectors', user, impersonator: authenticationResponse.impersonator };
const ironSession = await sealData(nextjsSession, { password });
const rotated = await sealData(nextjsSession, { password: { 1: oldPassword, 2: password } });

// Each vector opens again with the library that made it, so the file never holds a seal its own maker refuses.
if ((await workos.userManagement.getSessionFromCookie({ sessionData: workosNode, cookiePassword: password })).accessToken !== accessToken
  || (await unsealData(ironSession, { password })).accessToken !== accessToken
  || (await unsealData(rotated, { password: { 1: oldPassword, 2: password } })).accessToken !== accessToken) {
  throw new Error('a vector does not open with its own library');
}

const vectors = {
  generatedBy: {
    '@workos-inc/node': version('@workos-inc/node'),
    'iron-session': version('iron-session'),
  },
  password,
  oldPassword,
  accessToken,
  workosNode,
  ironSession,
  ironSessionRotated: rotated,
};
writeFileSync(join(here, 'iron-vectors.json'), `${JSON.stringify(vectors, null, 2)}\n`);
console.log('wrote iron-vectors.json');
