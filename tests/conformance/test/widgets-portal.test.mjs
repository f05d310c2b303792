// Widgets and Admin Portal as WorkOS's Node SDK calls them: workos.widgets.createToken (a token whose claims verify
// with jose against the emulator's JWKS) and workos.adminPortal.generateLink (a link to the emulator's portal page,
// which shows the organization and the intent and leads back to the app), and each refusal as the SDK classifies it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { GenerateLinkIntent, NotFoundException, UnauthorizedException, UnprocessableEntityException } from '@workos-inc/node';
import { clientId, startEmulator } from '../lib/emulator.mjs';

let emulator;
let workos;

before(async () => {
  emulator = await startEmulator();
  workos = emulator.workos();
});

after(async () => {
  await emulator?.stop();
});

describe('widgets.createToken', () => {
  it('answers a token for the member and organization with the scopes asked for, valid for one hour', async () => {
    const { token } = await workos.widgets.createToken({
      organizationId: 'org_initech',
      userId: 'user_lumbergh',
      scopes: ['widgets:users-table:manage', 'widgets:sso:manage'],
    });

    const jwks = createRemoteJWKSet(new URL(`/sso/jwks/${clientId}`, emulator.url));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: emulator.issuer, algorithms: ['RS256'] });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(payload.sub, 'user_lumbergh');
    assert.equal(payload.org_id, 'org_initech');
    assert.deepEqual(payload.scopes, ['widgets:users-table:manage', 'widgets:sso:manage']);
    assert.equal(payload.exp - payload.iat, 3600);
  });

  it('refuses an unknown scope and empty scopes as UnprocessableEntityException naming the requirement', async () => {
    for (const scopes of [['widgets:everything:manage'], []]) {
      await assert.rejects(
        workos.widgets.createToken({ organizationId: 'org_initech', userId: 'user_lumbergh', scopes }),
        (error) => error instanceof UnprocessableEntityException && error.status === 422 && /scopes must/.test(error.message),
      );
    }
  });

  it('refuses an unknown organization, an unknown user and a non-member as NotFoundException', async () => {
    const cases = [
      [{ organizationId: 'org_nobody', userId: 'user_lumbergh' }, /Organization not found/],
      [{ organizationId: 'org_initech', userId: 'user_nobody' }, /User not found/],
      [{ organizationId: 'org_chotchkies', userId: 'user_lumbergh' }, /not an active member/],
      [{ organizationId: 'org_initech', userId: 'user_joanna' }, /not an active member/],
    ];
    for (const [options, message] of cases) {
      await assert.rejects(
        workos.widgets.createToken({ ...options, scopes: ['widgets:users-table:manage'] }),
        (error) => error instanceof NotFoundException && error.code === 'entity_not_found' && message.test(error.message),
      );
    }
  });

  it('refuses a wrong API key as UnauthorizedException', async () => {
    await assert.rejects(
      emulator.workos({ apiKey: 'sk_test_wrong' }).widgets.createToken({
        organizationId: 'org_initech', userId: 'user_lumbergh', scopes: ['widgets:users-table:manage'],
      }),
      UnauthorizedException,
    );
  });
});

describe('adminPortal.generateLink', () => {
  it('links to the emulator portal page, which shows the organization and intent and escapes the way back', async () => {
    const { link } = await workos.adminPortal.generateLink({
      organization: 'org_chotchkies',
      intent: GenerateLinkIntent.SSO,
      returnUrl: 'http://localhost:3000/settings?tab=sso&from=portal',
      successUrl: 'http://localhost:3000/settings?done=1',
    });

    const url = new URL(link);
    assert.equal(url.origin, emulator.baseUrl);
    assert.match(url.pathname, /^\/portal\/[A-Za-z0-9_-]+$/);
    const page = await fetch(link);
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type'), /^text\/html/);
    assert.match(html, /<strong data-testid="organization-name">Chotchkie&#39;s<\/strong>/);
    assert.match(html, /<code data-testid="organization">org_chotchkies<\/code>/);
    assert.match(html, /<code data-testid="intent">sso<\/code>/);
    assert.ok(html.includes('<a data-testid="return" href="http://localhost:3000/settings?tab=sso&amp;from=portal">Back to app</a>'), html);
    assert.ok(html.includes('<a data-testid="success" href="http://localhost:3000/settings?done=1">Finish setup</a>'), html);
  });

  it('accepts every intent of GenerateLinkIntent', async () => {
    for (const intent of Object.values(GenerateLinkIntent)) {
      const { link } = await workos.adminPortal.generateLink({ organization: 'org_initech', intent });
      const html = await (await fetch(link)).text();
      assert.ok(html.includes(`<code data-testid="intent">${intent}</code>`), `${intent}: ${html}`);
    }
  });

  it('refuses an unknown intent and a return URL that is not http or https as UnprocessableEntityException', async () => {
    const cases = [
      [{ intent: 'billing' }, /intent must be one of/],
      [{ intent: 'sso', returnUrl: 'javascript:alert(1)' }, /return_url must be an absolute http or https URL/],
    ];
    for (const [options, message] of cases) {
      await assert.rejects(
        workos.adminPortal.generateLink({ organization: 'org_initech', ...options }),
        (error) => error instanceof UnprocessableEntityException && message.test(error.message),
      );
    }
  });

  it('refuses an unknown organization as NotFoundException', async () => {
    await assert.rejects(
      workos.adminPortal.generateLink({ organization: 'org_nobody', intent: GenerateLinkIntent.DSync }),
      (error) => error instanceof NotFoundException && error.code === 'entity_not_found',
    );
  });
});
