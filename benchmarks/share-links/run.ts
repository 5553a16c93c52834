// `npm run bench:share-links`: can a caller tell why a share link was refused by how long the
// refusal takes? Opens tokens of each kind that must be refused — unknown, malformed,
// expired, revoked, and a link to a version that is not published — through the real
// gateway and Deno (hpc-shared-card, no account), in one random interleaved order, and
// compares their latencies; valid links are measured beside them for reference. The same is
// done for the database function alone (shared_card.open as anon, five times over), where
// the work per kind could differ most.
//
// Runs against the running local stack (`npm start`; HPC_STACK_HOME / HPC_DB_PORT /
// HPC_API_PORT move it). Each token is opened once and from its own client address, so the
// rate limits never answer; the links it makes are deleted at the end. BENCH_SAMPLES (default
// 200) sets the requests per kind. Prints the figures and writes RESULTS.md beside it.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { apiUrl, dbUrl, stackSettings } from '../../stack/settings.ts';
import { ms, stats } from '../stats.ts';

const here = dirname(fileURLToPath(import.meta.url));
const settings = stackSettings();
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const DB_ROUNDS = 5;
const KAVITA = '00000000-0000-4000-a000-000000000006';
const ANAYA = '00000000-0000-4000-a000-000000000009';
const AARAV = '00000000-0000-4000-a000-000000000003';
const SUNITA = '00000000-0000-4000-a000-000000000004';
const REFUSED = ['unknown', 'malformed', 'expired', 'revoked', 'unpublished'] as const;
type Kind = (typeof REFUSED)[number] | 'valid';
const log = (line: string) => console.log(`[bench:share-links ${new Date().toISOString().slice(11, 19)}] ${line}`);

interface Probe {
  kind: Kind;
  token: string;
}

async function links(sql: postgres.Sql, student: string, n: number): Promise<{ id: string; token: string }[]> {
  const rows = await sql<{ link: { link_id: string; token: string } }[]>`
    select private.report_share_create(r.institution_id, r.id, r.student_id, ${KAVITA}, 'en', interval '7 days', ${SUNITA}) as link
    from public.hpc_reports as r cross join generate_series(1, ${n})
    where r.student_id = ${student} and r.id = (select x.id from public.hpc_reports as x where x.student_id = ${student}
                                                order by (x.status = 'published') desc, x.version desc limit 1)`;
  return rows.map((r) => ({ id: r.link.link_id, token: r.link.token }));
}

async function probes(sql: postgres.Sql): Promise<{ probes: Probe[]; made: string[] }> {
  const [expired, revoked, valid] = [await links(sql, ANAYA, SAMPLES), await links(sql, ANAYA, SAMPLES), await links(sql, ANAYA, SAMPLES)];
  const unpublished = await links(sql, AARAV, SAMPLES);
  await sql`update public.report_share_links set issued_at = now() - interval '8 days', expires_at = now() - interval '1 day'
            where id = any (${expired.map((l) => l.id)}::uuid[])`;
  await sql`update public.report_share_links set revoked_at = now(), revoked_by = ${SUNITA} where id = any (${revoked.map((l) => l.id)}::uuid[])`;
  const all: Probe[] = [
    ...Array.from({ length: SAMPLES }, () => ({ kind: 'unknown' as const, token: randomBytes(32).toString('base64url') })),
    ...Array.from({ length: SAMPLES }, (_, i) => ({ kind: 'malformed' as const, token: `not-a-token-${i}` })),
    ...expired.map((l) => ({ kind: 'expired' as const, token: l.token })),
    ...revoked.map((l) => ({ kind: 'revoked' as const, token: l.token })),
    ...unpublished.map((l) => ({ kind: 'unpublished' as const, token: l.token })),
    ...valid.map((l) => ({ kind: 'valid' as const, token: l.token })),
  ];
  // One random order, so that drift in the machine's load falls on every kind alike.
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return { probes: all, made: [...expired, ...revoked, ...valid, ...unpublished].map((l) => l.id) };
}

/** The median's difference to the unknown token's, with a bootstrap 95% interval (ms). */
function medianDifference(a: number[], b: number[]): { diff: number; low: number; high: number } {
  const median = (xs: number[]) => stats(xs).p50;
  const pick = (xs: number[]) => xs.map(() => xs[Math.floor(Math.random() * xs.length)]!);
  const diffs = Array.from({ length: 2000 }, () => median(pick(a)) - median(pick(b))).sort((x, y) => x - y);
  return { diff: median(a) - median(b), low: diffs[50]!, high: diffs[1949]! };
}

function table(title: string, samples: Record<Kind, number[]>): string[] {
  const lines = [
    `### ${title}`,
    '',
    "| token | n | p50 ms | p95 ms | mean ms | p50 − unknown's p50 (95% CI) |",
    '|---|---|---|---|---|---|',
  ];
  for (const kind of [...REFUSED, 'valid'] as Kind[]) {
    const s = stats(samples[kind]);
    const d = medianDifference(samples[kind], samples.unknown);
    const difference = kind === 'unknown' ? '—' : `${d.diff >= 0 ? '+' : ''}${ms(d.diff)} (${ms(d.low)} … ${ms(d.high)})`;
    lines.push(`| ${kind} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.mean)} | ${difference} |`);
  }
  return [...lines, ''];
}

async function main() {
  const sql = postgres(dbUrl(settings), { max: 1, onnotice: () => {} });
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
  log(`making ${SAMPLES} links of each kind…`);
  const { probes: order, made } = await probes(sql);
  const empty = (): Record<Kind, number[]> => ({ unknown: [], malformed: [], expired: [], revoked: [], unpublished: [], valid: [] });
  const http = empty();
  const inFunction = empty();
  const database = empty();
  const bodies = new Set<string>();
  try {
    log(`opening ${order.length} tokens through the gateway…`);
    let n = 0;
    for (const probe of order) {
      const started = performance.now();
      const response = await fetch(`${apiUrl(settings)}/functions/v1/hpc-shared-card/cards/${encodeURIComponent(probe.token)}`, {
        headers: { 'x-forwarded-for': `198.18.${n >> 8}.${n & 255}` },
      });
      const body = await response.text();
      http[probe.kind].push(performance.now() - started);
      inFunction[probe.kind].push(Number(/fn;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]));
      if (probe.kind === 'valid' ? response.status !== 200 : response.status !== 404) throw new Error(`${probe.kind}: ${response.status}`);
      if (probe.kind !== 'valid') bodies.add(body);
      n++;
    }
    log('the same tokens again against the database function alone…');
    await sql`delete from private.report_share_rate_windows where window_start > now() - interval '1 hour'`;
    // Timed inside the server, so that neither the network nor this process adds to it.
    await sql`create function pg_temp.timed_open(p_token text, p_client text) returns float8 language plpgsql as $$
                declare started timestamptz := clock_timestamp();
                begin perform shared_card.open(p_token, p_client); return extract(epoch from clock_timestamp() - started) * 1000; end $$`;
    // Cheap enough to repeat: DB_ROUNDS passes over the same order, each token within its
    // rate limit (10), each request from its own address.
    for (let round = 0; round < DB_ROUNDS; round++) {
      for (const [i, probe] of order.entries()) {
        const [{ took }] = await sql.begin(async (tx) => {
          await tx`set local role anon`;
          return tx<[{ took: number }]>`select pg_temp.timed_open(${probe.token}, ${`198.${20 + round}.${i >> 8}.${i & 255}`}) as took`;
        });
        database[probe.kind].push(took);
      }
    }
  } finally {
    await sql`delete from public.report_share_links where id = any (${made}::uuid[])`;
    await sql`delete from private.report_share_rate_windows where window_start > now() - interval '1 hour'`;
    await sql.end();
  }
  const lines = [
    '# Share links: refusals take the same time whatever the reason',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on this machine (${cpus().length} cores, ` +
      `load average at start ${load}) by \`npm run bench:share-links\`: ${SAMPLES} tokens of each kind, opened once each ` +
      'from its own client address (so no rate limit answers), in one random interleaved order. "valid" renders the card ' +
      'and is shown for reference: a valid token is the one case allowed to differ. The database function alone ' +
      `is timed ${DB_ROUNDS} times over the same tokens.`,
    '',
    `Every refusal answered the same status and the same bytes: ${bodies.size} distinct body.`,
    '',
    ...table('Through the gateway and Deno (client wall time)', http),
    ...table('Inside the function (its Server-Timing `fn`)', inFunction),
    ...table('The database function alone (`shared_card.open` as anon, timed inside the server)', database),
  ];
  writeFileSync(join(here, 'RESULTS.md'), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}

await main();
