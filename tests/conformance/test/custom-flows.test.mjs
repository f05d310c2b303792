// Custom sign-in flows as WorkOS's Node SDK performs them against the emulator: the password, Magic Auth, email
// verification, TOTP and organization selection grants with their pending authentication tokens, the MFA API, password
// reset and invitations; one-time codes and links are read from the emulator's outbox through the control API, and TOTP
// codes are computed here with node's crypto (RFC 6238), independent of the emulator.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHmac, randomUUID } from 'node:crypto';
import { AuthenticationException, OauthException, RateLimitExceededException } from '@workos-inc/node';
import { clientId, startEmulator } from '../lib/emulator.mjs';

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

const password = 'conformance-password-1';

/** A fresh address, so tests do not share rate limits or codes. */
const freshEmail = (name) => `${name}-${randomUUID().slice(0, 8)}@initech.test`;

/** The latest email of a kind sent to an address, from the control API's outbox. */
async function lastEmail(to, kind) {
  const { data } = await emulator.control('GET', '/outbox');
  const email = data.filter((e) => e.to === to && e.kind === kind).at(-1);
  assert.ok(email, `an ${kind} email to ${to} is in the outbox`);
  return email;
}

/** RFC 6238 TOTP: HMAC-SHA-1 over the 30-second step counter, dynamic truncation, 6 digits. */
function totp(base32Secret, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32Secret.replace(/=+$/, '')) {
    bits += alphabet.indexOf(c.toUpperCase()).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const hash = createHmac('sha1', key).update(counter).digest();
  const offset = hash[hash.length - 1] & 0x0f;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

async function createUser(email, extra = {}) {
  return workos.userManagement.createUser({ email, password, firstName: 'Conformance', emailVerified: true, ...extra });
}

describe('custom sign-in flows', () => {
  it('signs in with a password and refuses a wrong one as the SDK expects', async () => {
    const email = freshEmail('password');
    const user = await createUser(email);

    const session = await workos.userManagement.authenticateWithPassword({
      clientId, email, password, ipAddress: '198.51.100.4', userAgent: 'conformance/1.0',
    });
    await assert.rejects(
      workos.userManagement.authenticateWithPassword({ clientId, email, password: 'wrong' }),
      (e) => e instanceof OauthException && e.error === 'invalid_credentials' && e.status === 400,
    );

    assert.equal(session.user.id, user.id);
    assert.equal(session.authenticationMethod, 'Password');
    assert.ok(session.accessToken && session.refreshToken);
    const { data: sessions } = await workos.userManagement.listSessions(user.id);
    assert.equal(sessions[0].ipAddress, '198.51.100.4');
    assert.equal(sessions[0].userAgent, 'conformance/1.0');
  });

  it('sends a Magic Auth code to the outbox and signs in with it once', async () => {
    const email = freshEmail('magic');
    await createUser(email);

    const magicAuth = await workos.userManagement.createMagicAuth({ email });
    const sent = await lastEmail(email, 'magic_auth_code');
    const session = await workos.userManagement.authenticateWithMagicAuth({ clientId, email, code: sent.code });
    await assert.rejects(
      workos.userManagement.authenticateWithMagicAuth({ clientId, email, code: sent.code }),
      (e) => e instanceof OauthException && e.error === 'invalid_one_time_code',
    );

    assert.equal(magicAuth.code, sent.code);
    assert.match(sent.code, /^\d{6}$/);
    assert.equal(session.user.email, email);
    assert.equal(session.authenticationMethod, 'MagicAuth');
  });

  it('finishes email verification with the pending token and the emailed code', async () => {
    const email = freshEmail('verify');
    await createUser(email, { emailVerified: false });

    const required = await workos.userManagement.authenticateWithPassword({ clientId, email, password }).then(
      () => assert.fail('an unverified user needs email verification'),
      (e) => e,
    );
    assert.ok(required instanceof AuthenticationException);
    assert.equal(required.code, 'email_verification_required');
    const { code } = await lastEmail(email, 'email_verification_code');
    const session = await workos.userManagement.authenticateWithEmailVerification({
      clientId, code, pendingAuthenticationToken: required.pendingAuthenticationToken,
    });
    await assert.rejects(
      workos.userManagement.authenticateWithEmailVerification({ clientId, code, pendingAuthenticationToken: required.pendingAuthenticationToken }),
      (e) => e instanceof OauthException && e.error === 'invalid_grant',
    );

    assert.equal(session.user.emailVerified, true);
  });

  it('chooses an organization with the pending token of organization_selection_required', async () => {
    await workos.userManagement.updateUser({ userId: 'user_peter', password });

    const required = await workos.userManagement.authenticateWithPassword({ clientId, email: 'peter@initech.test', password }).then(
      () => assert.fail('a user in two organizations must choose one'),
      (e) => e,
    );
    assert.ok(required instanceof AuthenticationException);
    assert.equal(required.code, 'organization_selection_required');
    assert.deepEqual(required.rawData.organizations.map((o) => o.id).sort(), ['org_chotchkies', 'org_initech']);
    const session = await workos.userManagement.authenticateWithOrganizationSelection({
      clientId, organizationId: 'org_chotchkies', pendingAuthenticationToken: required.pendingAuthenticationToken,
    });

    assert.equal(session.organizationId, 'org_chotchkies');
  });

  it('enrolls a TOTP factor on mfa_enrollment and signs in with authenticateWithTotp, then is challenged', async () => {
    const email = freshEmail('mfa');
    const { id: userId } = await emulator.control('POST', '/users', { email, password, require_mfa: true });

    const enrollment = await workos.userManagement.authenticateWithPassword({ clientId, email, password }).then(() => assert.fail('MFA is required'), (e) => e);
    assert.equal(enrollment.code, 'mfa_enrollment');
    const { authenticationFactor, authenticationChallenge } = await workos.multiFactorAuth.createUserAuthFactor({ userId, type: 'totp', totpIssuer: 'Initech' });
    assert.match(authenticationFactor.totp.qrCode, /^data:image\/png;base64,/);
    assert.match(authenticationFactor.totp.uri, /^otpauth:\/\/totp\/Initech:/);
    await assert.rejects(
      workos.userManagement.authenticateWithTotp({
        clientId, code: totp(authenticationFactor.totp.secret, Date.now() + 120_000),
        authenticationChallengeId: authenticationChallenge.id, pendingAuthenticationToken: enrollment.pendingAuthenticationToken,
      }),
      (e) => e instanceof OauthException && e.error === 'invalid_one_time_code',
    );
    const first = await workos.userManagement.authenticateWithTotp({
      clientId, code: totp(authenticationFactor.totp.secret),
      authenticationChallengeId: authenticationChallenge.id, pendingAuthenticationToken: enrollment.pendingAuthenticationToken,
    });
    assert.equal(first.user.id, userId);

    const challenge = await workos.userManagement.authenticateWithPassword({ clientId, email, password }).then(() => assert.fail('MFA is required'), (e) => e);
    assert.equal(challenge.code, 'mfa_challenge');
    assert.deepEqual(challenge.rawData.authentication_factors.map((f) => f.id), [authenticationFactor.id]);
    const next = await workos.multiFactorAuth.challengeFactor({ authenticationFactorId: authenticationFactor.id });
    // The code of the next time step: the one just accepted is not accepted twice.
    const second = await workos.userManagement.authenticateWithTotp({
      clientId, code: totp(authenticationFactor.totp.secret, Date.now() + 30_000),
      authenticationChallengeId: next.id, pendingAuthenticationToken: challenge.pendingAuthenticationToken,
    });
    assert.equal(second.user.id, userId);
  });

  it('enrolls, challenges and verifies with the standalone MFA API', async () => {
    const factor = await workos.multiFactorAuth.enrollFactor({ type: 'totp', issuer: 'Initech', user: 'peter@initech.test' });
    const challenge = await workos.multiFactorAuth.challengeFactor({ authenticationFactorId: factor.id });
    const wrong = await workos.multiFactorAuth.verifyChallenge({ authenticationChallengeId: challenge.id, code: totp(factor.totp.secret, Date.now() - 120_000) });
    const right = await workos.multiFactorAuth.verifyChallenge({ authenticationChallengeId: challenge.id, code: totp(factor.totp.secret) });
    const read = await workos.multiFactorAuth.getFactor(factor.id);

    assert.equal(factor.type, 'totp');
    assert.equal(challenge.authenticationFactorId, factor.id);
    assert.equal(wrong.valid, false);
    assert.equal(right.valid, true);
    assert.equal(right.challenge.id, challenge.id);
    assert.equal(read.totp.issuer, 'Initech');
  });

  it('resets a password with the token from the outbox', async () => {
    const email = freshEmail('reset');
    await createUser(email);

    const reset = await workos.userManagement.createPasswordReset({ email });
    const sent = await lastEmail(email, 'password_reset');
    const { user } = await workos.userManagement.resetPassword({ token: reset.passwordResetToken, newPassword: 'a-new-password-2' });
    const session = await workos.userManagement.authenticateWithPassword({ clientId, email, password: 'a-new-password-2' });

    assert.equal(sent.link, reset.passwordResetUrl);
    assert.ok(sent.link.endsWith(`token=${reset.passwordResetToken}`));
    assert.equal(user.email, email);
    assert.equal(session.user.email, email);
  });

  it('sends, finds, revokes and accepts invitations, and the invitation token joins the organization on sign-in', async () => {
    const email = freshEmail('invited');
    const invitation = await workos.userManagement.sendInvitation({ email, organizationId: 'org_chotchkies', roleSlug: 'member' });
    const sent = await lastEmail(email, 'invitation');
    const found = await workos.userManagement.findInvitationByToken(invitation.token);
    await createUser(email, { emailVerified: false });
    const session = await workos.userManagement.authenticateWithPassword({ clientId, email, password, invitationToken: invitation.token });
    const accepted = await workos.userManagement.getInvitation(invitation.id);

    const other = await workos.userManagement.sendInvitation({ email: freshEmail('revoked') });
    const revoked = await workos.userManagement.revokeInvitation(other.id);
    const listed = await workos.userManagement.listInvitations({ organizationId: 'org_chotchkies' });

    assert.equal(sent.link, invitation.acceptInvitationUrl);
    assert.equal(found.id, invitation.id);
    assert.equal(session.organizationId, 'org_chotchkies');
    assert.equal(session.user.emailVerified, true);
    assert.equal(accepted.state, 'accepted');
    assert.equal(revoked.state, 'revoked');
    assert.ok(listed.data.some((i) => i.id === invitation.id));
  });

  it('rate limits authenticate per email as RateLimitExceededException with the retry delay', async () => {
    const email = freshEmail('limited');
    await createUser(email);

    for (let i = 0; i < 10; i++) {
      await assert.rejects(workos.userManagement.authenticateWithPassword({ clientId, email, password: 'wrong' }), OauthException);
    }

    await assert.rejects(
      workos.userManagement.authenticateWithPassword({ clientId, email, password }),
      (e) => e instanceof RateLimitExceededException && e.retryAfter > 0 && e.retryAfter <= 60,
    );
  });

  it('refuses the custom grants without the client secret', async () => {
    const response = await fetch(new URL('/user_management/authenticate', emulator.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', client_id: clientId, email: 'peter@initech.test', password }),
    });

    assert.equal(response.status, 401);
    assert.equal((await response.json()).error, 'invalid_client');
  });
});
