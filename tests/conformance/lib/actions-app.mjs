// Starts the Actions test app (tests/WorkOS.AspNetCore.Actions.App: MapWorkOSActions at /actions/workos, denying
// addresses at blocked.test) on a free loopback port for one test file, and stops it when the file's tests are done.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const project = join(repository, 'tests/WorkOS.AspNetCore.Actions.App');

function appDll() {
  const candidates = ['Debug', 'Release'].map((c) => join(project, 'bin', c, 'net10.0', 'WorkOS.AspNetCore.Actions.App.dll'));
  const found = candidates.find((path) => existsSync(path));
  if (found) {
    return found;
  }

  const build = spawnSync('dotnet', ['build', project, '--nologo', '-v', 'q'], { stdio: 'inherit' });
  if (build.status !== 0) {
    throw new Error('Building the Actions test app failed.');
  }

  return candidates[0];
}

/** Starts the app with this Actions secret; resolves once it prints the URL it listens on. */
export async function startActionsApp(secret) {
  const child = spawn('dotnet', [appDll()], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WORKOS_ACTIONS_SECRET: secret, URLS: 'http://127.0.0.1:0', ASPNETCORE_ENVIRONMENT: 'Production' },
  });
  let output = '';
  const url = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`The Actions app did not start within 60 s:\n${output}`)), 60_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /Actions app listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(new URL('/actions/workos', match[1]));
      }
    });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The Actions app exited with code ${code}:\n${output}`));
    });
  });

  const stopped = new Promise((resolvePromise) => child.on('exit', resolvePromise));
  return {
    url,
    output: () => output,
    /** POSTs the body as sent, with this WorkOS-Signature header; resolves to the status and the answer's text. */
    async post(body, sigHeader) {
      const headers = { 'content-type': 'application/json' };
      if (sigHeader !== undefined) {
        headers['workos-signature'] = sigHeader;
      }

      const response = await fetch(url, { method: 'POST', headers, body });
      return { status: response.status, text: await response.text() };
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await stopped;
      }
    },
  };
}
