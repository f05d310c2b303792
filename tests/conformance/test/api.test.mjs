// The server-to-server API through WorkOS's Node SDK: memberships, authorization checks and resources, API key
// validation, feature flags and users; bearer-key authentication, 401/404/422 errors and cursor pagination.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NotFoundException, UnauthorizedException, UnprocessableEntityException } from '@workos-inc/node';
import { startEmulator } from '../lib/emulator.mjs';

let emulator;
let workos;

before(async () => {
  emulator = await startEmulator();
  workos = emulator.workos();
});

after(async () => {
  await emulator?.stop();
});

describe('organization memberships', () => {
  it('lists a user\'s active memberships by default, with roles and organization names', async () => {
    const list = await workos.userManagement.listOrganizationMemberships({ userId: 'user_joanna' });

    const membership = list.data.find((m) => m.id === 'om_joanna_chotchkies');
    assert.deepEqual(list.data.map((m) => m.id), ['om_joanna_chotchkies'], 'the inactive membership is left out');
    assert.equal(membership.object, 'organization_membership');
    assert.equal(membership.userId, 'user_joanna');
    assert.equal(membership.organizationId, 'org_chotchkies');
    assert.equal(membership.organizationName, "Chotchkie's");
    assert.equal(membership.status, 'active');
    assert.deepEqual(membership.role, { slug: 'member' });
    assert.deepEqual(membership.roles, [{ slug: 'member' }]);
    assert.ok(!Number.isNaN(Date.parse(membership.createdAt)));
  });

  it('lists other statuses when asked', async () => {
    const list = await workos.userManagement.listOrganizationMemberships({ userId: 'user_joanna', statuses: ['active', 'inactive'] });

    assert.deepEqual(list.data.map((m) => m.id).sort(), ['om_joanna_chotchkies', 'om_joanna_initech']);
    assert.equal(list.data.find((m) => m.id === 'om_joanna_initech').status, 'inactive');
  });

  it('filters by user and organization together', async () => {
    const list = await workos.userManagement.listOrganizationMemberships({ userId: 'user_peter', organizationId: 'org_chotchkies' });

    assert.deepEqual(list.data.map((m) => [m.id, m.role.slug]), [['om_peter_chotchkies', 'admin']]);
  });

  it('pages with cursors, and auto-paginates across pages', async () => {
    const initech = ['om_lumbergh_initech', 'om_peter_initech', 'om_milton_initech', 'om_samir_initech'];
    const first = await workos.userManagement.listOrganizationMemberships({ organizationId: 'org_initech', limit: 1, order: 'asc' });
    const seen = [...first.data.map((m) => m.id)];
    let page = first;
    while (page.listMetadata.after) {
      page = await workos.userManagement.listOrganizationMemberships({
        organizationId: 'org_initech', limit: 1, order: 'asc', after: page.listMetadata.after,
      });
      seen.push(...page.data.map((m) => m.id));
    }
    const back = await workos.userManagement.listOrganizationMemberships({
      organizationId: 'org_initech', limit: 1, order: 'asc', before: page.listMetadata.before,
    });
    const newestFirst = await workos.userManagement.listOrganizationMemberships({ organizationId: 'org_initech' });
    const all = await (await workos.userManagement.listOrganizationMemberships({ organizationId: 'org_initech' })).autoPagination();

    assert.equal(first.listMetadata.before, null);
    assert.equal(first.listMetadata.after, 'om_lumbergh_initech');
    assert.deepEqual(seen, initech, 'each page continues after the previous one');
    assert.equal(page.listMetadata.after, null, 'the last page has no after cursor');
    assert.deepEqual(back.data.map((m) => m.id), ['om_milton_initech'], 'before goes back one page');
    assert.deepEqual(newestFirst.data.map((m) => m.id), [...initech].reverse(), 'newest first by default');
    assert.deepEqual(all.map((m) => m.id).sort(), [...initech].sort());
  });

  it('answers 422 without a user or organization filter', async () => {
    await assert.rejects(workos.userManagement.listOrganizationMemberships({}), UnprocessableEntityException);
  });
});

describe('authorization', () => {
  const check = (options) => workos.authorization.check({ organizationMembershipId: 'om_peter_initech', ...options });

  it('authorizes through a role on a parent resource, by external id', async () => {
    assert.deepEqual(await check({ permissionSlug: 'report:edit', resourceExternalId: 'tps-q1', resourceTypeSlug: 'report' }), { authorized: true });
  });

  it('authorizes by resource id', async () => {
    assert.deepEqual(await check({ permissionSlug: 'report:view', resourceId: 'authz_resource_initech_tps_q1' }), { authorized: true });
  });

  it('denies a resource outside the member\'s roles, and a permission no role grants', async () => {
    assert.deepEqual(await check({ permissionSlug: 'report:view', resourceExternalId: 'budget', resourceTypeSlug: 'report' }), { authorized: false });
    assert.deepEqual(await check({ permissionSlug: 'report:delete', resourceExternalId: 'tps-q1', resourceTypeSlug: 'report' }), { authorized: false });
  });

  it('answers 404 for an unknown membership or resource, and 422 without a permission', async () => {
    await assert.rejects(
      workos.authorization.check({ organizationMembershipId: 'om_nobody', permissionSlug: 'report:view', resourceId: 'authz_resource_initech_budget' }),
      NotFoundException,
    );
    await assert.rejects(check({ permissionSlug: 'report:view', resourceExternalId: 'nope', resourceTypeSlug: 'report' }), NotFoundException);
    await assert.rejects(check({ resourceId: 'authz_resource_initech_budget' }), UnprocessableEntityException);
  });

  it('reads resources by id, by external id, and as a filtered list', async () => {
    const byId = await workos.authorization.getResource('authz_resource_initech_tps_q1');
    const byExternalId = await workos.authorization.getResourceByExternalId({
      organizationId: 'org_initech', resourceTypeSlug: 'report', externalId: 'tps-q1',
    });
    const children = await workos.authorization.listResources({ organizationId: 'org_initech', parentExternalId: 'tps' });

    assert.equal(byId.object, 'authorization_resource');
    assert.equal(byId.externalId, 'tps-q1');
    assert.equal(byId.name, 'TPS report Q1');
    assert.equal(byId.resourceTypeSlug, 'report');
    assert.equal(byId.organizationId, 'org_initech');
    assert.equal(byId.parentResourceId, 'authz_resource_initech_tps');
    assert.deepEqual(byExternalId, byId);
    assert.deepEqual(children.data.map((r) => r.id), ['authz_resource_initech_tps_q1']);
    await assert.rejects(workos.authorization.getResource('authz_resource_nope'), NotFoundException);
  });

  it('lists a membership\'s role assignments with their resource and source', async () => {
    const assignments = await workos.authorization.listRoleAssignments({ organizationMembershipId: 'om_peter_initech' });

    assert.equal(assignments.data.length, 1);
    const [assignment] = assignments.data;
    assert.equal(assignment.object, 'role_assignment');
    assert.equal(assignment.id, 'ra_peter_tps_editor');
    assert.equal(assignment.organizationMembershipId, 'om_peter_initech');
    assert.deepEqual(assignment.role, { slug: 'report-editor' });
    assert.deepEqual(assignment.resource, { id: 'authz_resource_initech_tps', externalId: 'tps', resourceTypeSlug: 'folder' });
    assert.deepEqual(assignment.source, { type: 'direct', groupRoleAssignmentId: null });
  });
});

describe('API keys', () => {
  it('validates a customer\'s key to its owner and permissions', async () => {
    const { apiKey } = await workos.apiKeys.createValidation({ value: 'sk_initech_reporting_local' });

    assert.equal(apiKey.object, 'api_key');
    assert.equal(apiKey.id, 'api_key_initech_reporting');
    assert.deepEqual(apiKey.owner, { type: 'organization', id: 'org_initech' });
    assert.equal(apiKey.name, 'Initech reporting');
    assert.deepEqual(apiKey.permissions, ['reports:read']);
    assert.ok(!apiKey.obfuscatedValue.includes('sk_initech_reporting_local'));
    assert.ok(!Number.isNaN(Date.parse(apiKey.createdAt)));
  });

  it('answers apiKey null for an unknown key, not an error', async () => {
    assert.deepEqual(await workos.apiKeys.createValidation({ value: 'sk_unknown' }), { apiKey: null });
  });
});

describe('feature flags', () => {
  it('lists a user\'s own flags and those of the user\'s organizations', async () => {
    const flags = await workos.featureFlags.listUserFeatureFlags({ userId: 'user_peter' });

    assert.deepEqual(flags.data.map((f) => f.slug).sort(), ['casual-friday', 'tps-reports-v2']);
    for (const flag of flags.data) {
      assert.equal(flag.object, 'feature_flag');
      assert.match(flag.id, /^flag_/);
      assert.equal(flag.enabled, true);
      assert.ok(!Number.isNaN(Date.parse(flag.createdAt)));
    }
  });

  it('lists an organization\'s flags', async () => {
    const flags = await workos.featureFlags.listOrganizationFeatureFlags({ organizationId: 'org_initech' });
    const none = await workos.featureFlags.listOrganizationFeatureFlags({ organizationId: 'org_chotchkies' });

    assert.deepEqual(flags.data.map((f) => f.slug), ['tps-reports-v2']);
    assert.deepEqual(none.data, []);
  });

  it('answers 404 for an unknown user or organization', async () => {
    await assert.rejects(workos.featureFlags.listUserFeatureFlags({ userId: 'user_nobody' }), NotFoundException);
    await assert.rejects(workos.featureFlags.listOrganizationFeatureFlags({ organizationId: 'org_nobody' }), NotFoundException);
  });
});

describe('users and authentication', () => {
  it('reads a user', async () => {
    const user = await workos.userManagement.getUser('user_lumbergh');

    assert.equal(user.object, 'user');
    assert.equal(user.email, 'lumbergh@initech.test');
    assert.equal(user.firstName, 'Bill');
    assert.equal(user.emailVerified, true);
  });

  it('answers 404 for an unknown user', async () => {
    await assert.rejects(workos.userManagement.getUser('user_nobody'), NotFoundException);
  });

  it('answers 401 to a wrong API key', async () => {
    const stranger = emulator.workos({ apiKey: 'sk_test_wrong' });

    await assert.rejects(stranger.userManagement.getUser('user_lumbergh'), UnauthorizedException);
    await assert.rejects(stranger.apiKeys.createValidation({ value: 'sk_initech_reporting_local' }), UnauthorizedException);
  });
});
