// Seals the typical session (written by `WorkOS.AspNetCore.Benchmarks cookie-sizes FILE`) the way the Node
// libraries do, and prints each cookie's name=value size in bytes: "SIZE iron-session=N", "SIZE workos-node=N".
import { readFileSync } from 'node:fs';
import { sealData } from 'iron-session';
import { WorkOS } from '@workos-inc/node';

const session = JSON.parse(readFileSync(process.argv[2] ?? 'session.json', 'utf8'));
const camel = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));
// The authentication response as the SDK hands it to an app (user fields in camelCase).
const authenticationResponse = {
  user: camel(session.user),
  accessToken: session.access_token,
  refreshToken: session.refresh_token,
  authenticationMethod: session.authentication_method,
  impersonator: undefined,
};
const password = 'a-cookie-password-of-at-least-32-characters';
const cookie = (sealed) => 'wos-session'.length + 1 + sealed.length;

// iron-session, holding what AuthKit's Next.js integration keeps: the tokens, the user and the impersonator.
const iron = await sealData(
  { accessToken: authenticationResponse.accessToken, refreshToken: authenticationResponse.refreshToken, user: authenticationResponse.user },
  { password },
);
console.log(`SIZE iron-session=${cookie(iron)}`);

// @workos-inc/node: the sealed session authenticateWithCode({ sealSession: true }) returns (the SDK's own sealing step).
const workos = new WorkOS('sk_test_cookie_sizes', { clientId: 'client_cookie_sizes' });
const sealed = await workos.userManagement.sealSessionDataFromAuthenticationResponse({ authenticationResponse, cookiePassword: password });
console.log(`SIZE workos-node=${cookie(sealed)}`);
