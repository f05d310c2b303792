// Starts the standalone WorkOS emulator (src/WorkOS.AspNetCore.Emulator.Tool) on a free loopback port for one test file,
// and stops it when the file's tests are done.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkOS } from '@workos-inc/node';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const project = join(repository, 'src/WorkOS.AspNetCore.Emulator.Tool');
export const exampleSeed = join(project, 'seed.example.json');

export const clientId = 'client_conformance';
export const apiKey = 'sk_test_conformance';
export const redirectUri = 'http://localhost:3000/callback';
export const signedOutUri = 'http://localhost:3000/signed-out';

function emulatorDll() {
  if (process.env.WORKOS_EMULATOR_DLL) {
    return process.env.WORKOS_EMULATOR_DLL;
  }

  const candidates = ['Debug', 'Release'].map((c) => join(project, 'bin', c, 'net10.0', 'WorkOS.AspNetCore.Emulator.Tool.dll'));
  const found = candidates.find((path) => existsSync(path));
  if (found) {
    return found;
  }

  const build = spawnSync('dotnet', ['build', project, '--nologo', '-v', 'q'], { stdio: 'inherit' });
  if (build.status !== 0) {
    throw new Error('Building the WorkOS emulator failed.');
  }

  return candidates[0];
}

/**
 * Starts the emulator with the example seed, registered redirect and sign-out URIs, and the conformance credentials.
 * Resolves once it prints the URL it listens on.
 */
export async function startEmulator(extraArgs = []) {
  const args = [
    emulatorDll(), '--port', '0', '--seed', exampleSeed,
    '--client-id', clientId, '--api-key', apiKey,
    '--redirect-uri', redirectUri, '--logout-uri', signedOutUri,
    ...extraArgs,
  ];
  const child = spawn('dotnet', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`The emulator did not start within 60 s:\n${output}`)), 60_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /WorkOS emulator listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(new URL(match[1]));
      }
    });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The emulator exited with code ${code}:\n${output}`));
    });
  });

  const stopped = new Promise((resolvePromise) => child.on('exit', resolvePromise));
  return {
    url,
    baseUrl: url.origin,
    issuer: `${url.origin}/user_management/${clientId}`,
    output: () => output,
    /** A WorkOS SDK client pointed at the emulator, as an app would configure it for another API host. */
    workos(options = {}) {
      const { apiKey: key = apiKey, ...rest } = options;
      return new WorkOS(key, {
        apiHostname: url.hostname, port: Number(url.port), https: false, clientId, maxRetries: 0, ...rest,
      });
    },
    /**
     * Calls the emulator's control API (loopback only): JSON in, JSON out. Resolves to the parsed answer, or null for
     * 204; rejects on any other status.
     */
    async control(method, path, body = {}) {
      const init = { method, headers: {} };
      if (method === 'POST' || method === 'PUT') {
        init.headers['content-type'] = 'application/json';
        init.body = JSON.stringify(body);
      }

      const response = await fetch(new URL(`/_emulator${path}`, url), init);
      const text = await response.text();
      if (!response.ok) {
        throw new Error(`${method} /_emulator${path} answered ${response.status}: ${text}`);
      }

      return response.status === 204 ? null : JSON.parse(text);
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await stopped;
      }
    },
  };
}
