// Starts the iron session test app (tests/WorkOS.AspNetCore.Iron.App: AuthKit sign-in with SessionCookieFormat Iron,
// /me answering the user's claims) on a loopback port against an emulator, and stops it when the file's tests are done.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiKey, clientId } from './emulator.mjs';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const project = join(repository, 'tests/WorkOS.AspNetCore.Iron.App');

function appDll() {
  const candidates = ['Debug', 'Release'].map((c) => join(project, 'bin', c, 'net10.0', 'WorkOS.AspNetCore.Iron.App.dll'));
  const found = candidates.find((path) => existsSync(path));
  if (found) {
    return found;
  }

  const build = spawnSync('dotnet', ['build', project, '--nologo', '-v', 'q'], { stdio: 'inherit' });
  if (build.status !== 0) {
    throw new Error('Building the iron session test app failed.');
  }

  return candidates[0];
}

/** A loopback port free now, so the emulator can register the app's callback before the app starts on it. */
export async function freePort() {
  const server = createServer();
  await new Promise((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const { port } = server.address();
  await new Promise((resolvePromise) => server.close(resolvePromise));
  return port;
}

/** Starts the app on this port with this cookie password against the emulator; resolves once it listens. */
export async function startIronApp(port, emulatorBaseUrl, cookiePassword) {
  const child = spawn('dotnet', [appDll()], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      URLS: `http://127.0.0.1:${port}`,
      ASPNETCORE_ENVIRONMENT: 'Production',
      WORKOS_CLIENT_ID: clientId,
      WORKOS_API_KEY: apiKey,
      WORKOS_COOKIE_PASSWORD: cookiePassword,
      WorkOS__ApiBaseUrl: emulatorBaseUrl,
      WorkOS__AllowHttpApiBaseUrl: 'true',
      WorkOS__SessionCookieFormat: 'Iron',
    },
  });
  let output = '';
  const url = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`The iron app did not start within 60 s:\n${output}`)), 60_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /Iron app listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(new URL(match[1]));
      }
    });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The iron app exited with code ${code}:\n${output}`));
    });
  });

  const stopped = new Promise((resolvePromise) => child.on('exit', resolvePromise));
  return {
    url,
    output: () => output,
    /** GETs /me with this wos-session cookie value; resolves to the status and, for 200, the claims. */
    async me(sessionCookie) {
      const response = await fetch(new URL('/me', url), {
        headers: sessionCookie === undefined ? {} : { cookie: `wos-session=${encodeURIComponent(sessionCookie)}` },
        redirect: 'manual',
      });
      return { status: response.status, claims: response.status === 200 ? await response.json() : null };
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await stopped;
      }
    },
  };
}
