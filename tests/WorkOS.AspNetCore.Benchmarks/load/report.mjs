// Writes the load comparison's Markdown report from run.sh's work directory: node report.mjs WORK_DIR REPORT_FILE
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const [work, output] = process.argv.slice(2);
const env = process.env;
const rows = readFileSync(`${work}/results.tsv`, 'utf8').trim().split('\n').slice(1).map((line) => {
  const [round, config, rps, cpu, alloc] = line.split('\t');
  return { round: +round, config, rps: +rps, cpu: +cpu, alloc: +alloc };
});
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const configs = [...new Set(rows.map((r) => r.config))];
const rounds = [...new Set(rows.map((r) => r.round))];
const at = (config, round) => rows.find((r) => r.config === config && r.round === round);
const metrics = [
  { key: 'rps', title: 'Requests per second (higher is better)', digits: 0 },
  { key: 'cpu', title: 'Server CPU per request, microseconds (lower is better)', digits: 1 },
  { key: 'alloc', title: 'Server bytes allocated per request (lower is better)', digits: 0 },
];
const names = {
  none: 'no authentication',
  cookie: '`AddCookie`, the same claims',
  'cookie-tokens': '`AddCookie`, the same claims + both tokens',
  authkit: 'AuthKit session cookie',
  jwtbearer: '`AddJwtBearer`',
  workosbearer: '`AddWorkOSBearer`',
};
const label = (config) => config.endsWith('+policy') ? `${names[config.replace('+policy', '')]} + \`posts:write\` policy` : names[config];
const format = (value, digits) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

// Ratios are medians of the per-round ratios (each round's two runs were minutes apart at most, under the same load).
const pairs = [
  ['authkit', 'cookie'], ['authkit', 'cookie-tokens'], ['workosbearer', 'jwtbearer'],
  ...['cookie', 'cookie-tokens', 'authkit', 'jwtbearer', 'workosbearer'].map((c) => [`${c}+policy`, c]),
].filter(([a, b]) => configs.includes(a) && configs.includes(b));
const ratio = (a, b, key) => median(rounds.map((r) => at(a, r)[key] / at(b, r)[key]));

const sizes = Object.fromEntries(readFileSync(`${work}/sizes.txt`, 'utf8').split('\n')
  .filter((l) => l.startsWith('SIZE ')).map((l) => l.slice(5).split('=')).map(([k, v]) => [k, +v]));
const claims = (readFileSync(`${work}/sizes.txt`, 'utf8').match(/^CLAIMS (\d+)$/m) ?? [])[1];
const storm = readFileSync(`${work}/storm.txt`, 'utf8').match(/^STORM requests=(\d+) refreshes=(\d+) status=(\S+)$/m);
const stormOk = storm && +storm[2] === 1 && storm[3] === `200:${storm[1]}`;
const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m) ?? [])[1] ?? os.cpus()[0]?.model;

const lines = [];
lines.push('# Loopback load comparison', '');
lines.push(`Written by \`tests/WorkOS.AspNetCore.Benchmarks/load/run.sh\` on ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}.`, '');
lines.push('## Machine', '');
lines.push(`- CPUs: ${os.availableParallelism()} (\`nproc\`), ${cpu}`);
lines.push(`- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`);
lines.push(`- OS: ${os.type()} ${os.release()}; .NET SDK ${env.DOTNET_VERSION}; ${env.WRK_VERSION}`);
lines.push(`- \`uptime\` before: \`${env.LOAD_BEFORE.trim()}\``);
lines.push(`- \`uptime\` after: \`${env.LOAD_AFTER.trim()}\``, '');
lines.push('## Method', '');
lines.push(`Each configuration is its own server process (the benchmarks program's \`load-server\` mode, Release, Kestrel on 127.0.0.1,`,
  'logging off) answering `GET /hello` with the signed-in user\'s id. The cookie configurations carry the same',
  `${claims ?? 'typical'} claims (3 roles, 25 permissions, 5 entitlements, 5 feature flags, profile); the bearer configurations the same`,
  'access token, signed by the emulator the server starts on loopback (JWKS fetched before measuring). wrk (1 thread,',
  `${env.CONNECTIONS} connections) runs every configuration for ${env.DURATION} s per round, ${env.ROUNDS} round(s), in interleaved order (each round`,
  `starts one configuration further along), after a ${env.WARMUP} s warm-up of each. CPU (\`Process.TotalProcessorTime\`) and`,
  'allocations (`GC.GetTotalAllocatedBytes(true)`) are read from the server\'s `/_stats` before and after each run and divided',
  'by the requests it served. Figures per configuration are medians over rounds; ratios are medians of the per-round ratios.',
  'wrk shares the machine with the servers, so absolute figures are the machine\'s; the ratios are the comparison.',
  'The `AddCookie` tickets exceed 4,096 bytes (sizes below): ASP.NET would send a browser them in chunks; wrk sends each as',
  'one cookie, which the cookie handler reads the same way, so chunk reassembly is not measured.', '');
for (const m of metrics) {
  lines.push(`## ${m.title}`, '');
  lines.push(`| configuration | median | ${rounds.map((r) => `round ${r}`).join(' | ')} |`);
  lines.push(`|---|--:|${rounds.map(() => '--:').join('|')}|`);
  for (const c of configs) {
    lines.push(`| ${label(c)} | ${format(median(rounds.map((r) => at(c, r)[m.key])), m.digits)} | ${rounds.map((r) => format(at(c, r)[m.key], m.digits)).join(' | ')} |`);
  }
  lines.push('');
}
lines.push('## Ratios (median of per-round ratios)', '');
lines.push('| comparison | requests/s | CPU/request | bytes/request |', '|---|--:|--:|--:|');
for (const [a, b] of pairs) {
  lines.push(`| ${label(a)} vs ${label(b)} | ${ratio(a, b, 'rps').toFixed(2)} | ${ratio(a, b, 'cpu').toFixed(2)} | ${ratio(a, b, 'alloc').toFixed(2)} |`);
}
lines.push('');
lines.push('## Refresh storm', '');
lines.push('An AuthKit app and the emulator on loopback share a clock; a user signs in, the clock moves 4 min 45 s (the access',
  'token is due for refresh), and all requests are sent at once with that same cookie.', '');
lines.push('| concurrent requests | upstream refreshes (emulator log) | status codes | goal (1 refresh, all 200) |', '|--:|--:|---|---|');
lines.push(storm ? `| ${storm[1]} | ${storm[2]} | ${storm[3].replaceAll(',', ', ')} | ${stormOk ? 'met' : 'NOT met'} |` : '| - | - | the storm did not run | NOT met |', '');
lines.push('## Cookie sizes', '');
lines.push('The typical session (3 roles, 25 permissions, 5 entitlements, 5 feature flags), `name=value` bytes of one cookie.',
  'The AuthKit cookie is the one a real sign-in against the emulator sets; the iron-sealed ones seal that session\'s tokens',
  'and user (load/cookie-sizes.mjs, versions pinned in load/package-lock.json).', '');
lines.push('| cookie | bytes |', '|---|--:|');
const sizeNames = {
  authkit: 'AuthKit session cookie (`wos-session`)',
  cookie: '`AddCookie`, the same claims',
  'cookie-tokens': '`AddCookie`, the same claims + both tokens',
  'iron-session': 'npm `iron-session` `sealData` (tokens + user)',
  'workos-node': 'npm `@workos-inc/node` sealed session (`sealSession: true`)',
};
for (const [k, v] of Object.entries(sizes)) lines.push(`| ${sizeNames[k] ?? k} | ${format(v, 0)} |`);
lines.push('');
writeFileSync(output, lines.join('\n'));
