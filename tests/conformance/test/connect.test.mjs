// WorkOS Connect on the emulator's AuthKit domain, driven by a standard OAuth 2.0 client (oauth4webapi) the way any
// client of WorkOS Connect would use it: both discovery documents, the token endpoint's client credentials grant with
// client_secret_basic and client_secret_post (and its refusals), tokens verified with jose against the JWKS the
// discovery document names, and RFC 7662 introspection before and after a revocation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oauth from 'oauth4webapi';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { clientId, startEmulator } from '../lib/emulator.mjs';

const m2m = { client_id: 'client_conformance_m2m', secret: 'm2m-conformance-secret', organization: 'org_conformance', scopes: ['reports:read', 'reports:write'] };
const insecure = { [oauth.allowInsecureRequests]: true };
let emulator;
let issuer;
let as;
let jwks;
const client = { client_id: m2m.client_id };

before(async () => {
  emulator = await startEmulator();
  await emulator.control('POST', '/connect/m2m_applications', {
    client_id: m2m.client_id, client_secret: m2m.secret, organization_id: m2m.organization, scopes: m2m.scopes,
  });
  issuer = new URL(emulator.baseUrl);
  as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure }));
  jwks = createRemoteJWKSet(new URL(as.jwks_uri));
});

after(async () => {
  await emulator?.stop();
});

/** A client credentials token from the token endpoint; resolves to the token response. */
async function grant(auth, parameters = {}, who = client) {
  const response = await oauth.clientCredentialsGrantRequest(as, who, auth, parameters, insecure);
  return oauth.processClientCredentialsResponse(as, who, response);
}

/** The error a refused grant throws: its status and OAuth error code (from the body, or the challenge's). */
async function refusal(auth, parameters = {}, who = client) {
  try {
    await grant(auth, parameters, who);
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError) {
      return { status: error.status, error: error.error };
    }

    if (error instanceof oauth.WWWAuthenticateChallengeError) {
      const body = await error.response.json();
      return { status: error.status, error: body.error, scheme: error.cause[0]?.scheme };
    }

    throw error;
  }

  assert.fail('the token endpoint issued a token');
}

/** Verifies a Connect access token as a resource server would: signature from the domain's JWKS, issuer, audience, RS256. */
async function verify(token, audience = clientId) {
  const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: as.issuer, audience, algorithms: ['RS256'] });
  return { payload, protectedHeader };
}

async function introspect(token, auth = oauth.ClientSecretBasic(m2m.secret)) {
  const response = await oauth.introspectionRequest(as, client, auth, token, insecure);
  return oauth.processIntrospectionResponse(as, client, response);
}

describe('discovery', () => {
  it('serves the OpenID Connect discovery document for the domain, naming the Connect endpoints', () => {
    assert.equal(as.issuer, emulator.baseUrl);
    assert.equal(as.token_endpoint, `${emulator.baseUrl}/oauth2/token`);
    assert.equal(as.jwks_uri, `${emulator.baseUrl}/oauth2/jwks`);
    assert.equal(as.introspection_endpoint, `${emulator.baseUrl}/oauth2/introspection`);
    assert.ok(as.grant_types_supported.includes('client_credentials'));
    assert.deepEqual([...as.token_endpoint_auth_methods_supported].sort(), ['client_secret_basic', 'client_secret_post']);
  });

  it('serves the same metadata as the RFC 8414 authorization server document', async () => {
    const metadata = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
    assert.equal(metadata.issuer, as.issuer);
    assert.equal(metadata.token_endpoint, as.token_endpoint);
    assert.equal(metadata.jwks_uri, as.jwks_uri);
    assert.equal(metadata.introspection_endpoint, as.introspection_endpoint);
  });

  it('publishes RSA signing keys with key ids at the JWKS URI', async () => {
    const response = await fetch(as.jwks_uri);
    assert.equal(response.status, 200);
    const { keys } = await response.json();
    assert.ok(keys.length > 0);
    for (const key of keys) {
      assert.equal(key.kty, 'RSA');
      assert.ok(key.kid);
      assert.equal(key.d, undefined, 'no private key material');
    }
  });
});

describe('client credentials grant', () => {
  it('issues a token with client_secret_basic that verifies against the JWKS with the M2M claims', async () => {
    const response = await grant(oauth.ClientSecretBasic(m2m.secret), { scope: 'reports:read' });
    assert.equal(response.token_type, 'bearer');
    assert.ok(response.expires_in > 0);
    assert.equal(response.scope, 'reports:read');

    const { payload, protectedHeader } = await verify(response.access_token);
    assert.equal(protectedHeader.alg, 'RS256');
    assert.ok(protectedHeader.kid);
    assert.equal(payload.iss, emulator.baseUrl);
    assert.equal(payload.aud, clientId, 'the environment client id, as WorkOS issues M2M tokens');
    assert.equal(payload.sub, m2m.client_id);
    assert.equal(payload.client_id, m2m.client_id);
    assert.equal(payload.org_id, m2m.organization);
    assert.equal(payload.scope, 'reports:read');
    assert.ok(payload.jti);
    assert.equal(payload.exp - payload.iat, response.expires_in);
    assert.equal(payload.sid, undefined, 'an M2M token has no session');
  });

  it('issues a token with client_secret_post, every allowed scope when none is asked for', async () => {
    const response = await grant(oauth.ClientSecretPost(m2m.secret));
    const { payload } = await verify(response.access_token);
    assert.deepEqual(payload.scope.split(' ').sort(), m2m.scopes);
    assert.equal(payload.sub, m2m.client_id);
  });

  it('issues a token for a resource indicator as its audience', async () => {
    const response = await grant(oauth.ClientSecretPost(m2m.secret), { resource: 'https://api.example.com' });
    const { payload } = await verify(response.access_token, 'https://api.example.com');
    assert.equal(payload.aud, 'https://api.example.com');
  });

  it('refuses a wrong secret with 401 invalid_client, with a Basic challenge when Basic was used', async () => {
    assert.deepEqual(await refusal(oauth.ClientSecretBasic('not-the-secret')), { status: 401, error: 'invalid_client', scheme: 'basic' });
    assert.deepEqual(await refusal(oauth.ClientSecretPost('not-the-secret')), { status: 401, error: 'invalid_client' });
  });

  it('refuses an unknown client with 401 invalid_client', async () => {
    assert.deepEqual(await refusal(oauth.ClientSecretPost(m2m.secret), {}, { client_id: 'client_nobody' }), { status: 401, error: 'invalid_client' });
  });

  it('refuses a scope the application is not allowed with 400 invalid_scope', async () => {
    assert.deepEqual(await refusal(oauth.ClientSecretPost(m2m.secret), { scope: 'reports:read admin' }), { status: 400, error: 'invalid_scope' });
  });
});

describe('introspection', () => {
  it('answers active with the token claims for a fresh token, and inactive after the emulator revokes it', async () => {
    const { access_token: token } = await grant(oauth.ClientSecretPost(m2m.secret), { scope: 'reports:write' });
    const { payload } = await verify(token);

    const active = await introspect(token);
    assert.equal(active.active, true);
    assert.equal(active.client_id, m2m.client_id);
    assert.equal(active.sub, m2m.client_id);
    assert.equal(active.scope, 'reports:write');
    assert.equal(active.iss, emulator.baseUrl);
    assert.equal(active.aud, clientId);
    assert.equal(active.org_id, m2m.organization);
    assert.equal(active.exp, payload.exp);
    assert.equal(active.jti, payload.jti);

    await emulator.control('POST', '/connect/tokens/revoke', { token });
    assert.deepEqual(await introspect(token), { active: false });
    assert.deepEqual(await introspect(token, oauth.ClientSecretPost(m2m.secret)), { active: false });
  });

  it('answers inactive for a token it never issued', async () => {
    assert.deepEqual(await introspect('garbage.not-a.token'), { active: false });
  });

  it('refuses a caller with a wrong secret', async () => {
    await assert.rejects(introspect('garbage', oauth.ClientSecretPost('not-the-secret')), (error) => {
      assert.ok(error instanceof oauth.ResponseBodyError);
      assert.equal(error.status, 401);
      assert.equal(error.error, 'invalid_client');
      return true;
    });
  });
});

describe('key rotation', () => {
  it('signs with the rotated key after a rotation, and the JWKS names it', async () => {
    const before = decodeProtectedHeader((await grant(oauth.ClientSecretPost(m2m.secret))).access_token).kid;
    await emulator.control('POST', '/connect/signing_keys/rotate');
    const token = (await grant(oauth.ClientSecretPost(m2m.secret))).access_token;
    const after = decodeProtectedHeader(token).kid;
    assert.notEqual(after, before);
    const fresh = createRemoteJWKSet(new URL(as.jwks_uri));
    await jwtVerify(token, fresh, { issuer: as.issuer, audience: clientId, algorithms: ['RS256'] });
  });
});
