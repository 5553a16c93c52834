// `npm run bench:deployments -- <base credentials.json> <other credentials.json>`: the same
// teacher's class sheet read through two running deployments' APIs (PostgREST under RLS,
// the frontend's path), alternating request by request so that both see the same machine
// load, and the other's latency as a multiple of the base's. Made for one node against a
// Citus coordinator (docs/scale-out.md §9); any two stacks whose credentials.json the stack
// wrote (`npm start` writes .local/stack/credentials.json) and which hold the same demo data.
//
// Three reads: the class sheet as the frontend reads it (her class's ratings with their
// parameters) with the school named at every level, as docs/api.md asks of a frontend on
// Citus, and at the root only; and every rating of the cycle she may read, where the policy
// decides row by row. Each deployment must answer each read with the same rows.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { ms, stats } from '../stats.ts';

interface Credentials {
  apiUrl: string;
  anonKey: string;
  users: { id: string; email: string; token: string }[];
}

interface Deployment {
  name: string;
  api: string;
  headers: Record<string, string>;
  teacher: string;
}

const program = new Command()
  .name('bench:deployments')
  .argument('<base>', "the base deployment's credentials.json")
  .argument('<other>', "the other deployment's credentials.json")
  .option('--teacher <email>', 'the teacher whose class sheet is read', 'meera.iyer@vidyaniketan.example')
  .option('--requests <n>', 'measured requests per read and deployment', '300')
  .option('--warm-up <n>', 'requests per read and deployment before measuring', '20')
  .parse();
const [basePath, otherPath] = program.args as [string, string];
const options = program.opts<{ teacher: string; requests: string; warmUp: string }>();

function deployment(name: string, path: string): Deployment {
  const c = JSON.parse(readFileSync(path, 'utf8')) as Credentials;
  const user = c.users.find((u) => u.email === options.teacher);
  if (!user) throw new Error(`${path}: no demo user ${options.teacher}`);
  return { name, api: c.apiUrl, headers: { apikey: c.anonKey, authorization: `Bearer ${user.token}` }, teacher: user.id };
}

async function get<T>(d: Deployment, path: string): Promise<T> {
  const response = await fetch(`${d.api}/rest/v1/${path}`, { headers: d.headers });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`${d.name}: GET ${path}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body as T;
}

/** The teacher's school, her class's roster and the cycle of her class sheet: the latest she has rated in. */
async function sheetOf(d: Deployment): Promise<{ school: string; roster: string[]; cycle: string }> {
  const [me] = await get<{ institution_id: string }[]>(d, `user_profiles?select=institution_id&id=eq.${d.teacher}`);
  if (!me) throw new Error(`${d.name}: the teacher reads no profile of her own`);
  const school = me.institution_id;
  const [duty] = await get<{ section_id: string }[]>(
    d,
    `staff_duties?select=section_id&institution_id=eq.${school}&user_id=eq.${d.teacher}&duty=eq.class_teacher&active=is.true&order=section_id&limit=1`,
  );
  if (!duty) throw new Error(`${d.name}: the teacher is no class teacher`);
  const roster = (
    await get<{ student_id: string }[]>(
      d,
      `section_students?select=student_id&institution_id=eq.${school}&section_id=eq.${duty.section_id}&order=student_id`,
    )
  ).map((r) => r.student_id);
  const cycles = await get<{ id: string }[]>(d, `hpc_evaluation_cycles?select=id&institution_id=eq.${school}&order=opens_on.desc`);
  for (const c of cycles) {
    const rated = await get<unknown[]>(
      d,
      `hpc_evaluations?select=id&institution_id=eq.${school}&cycle_id=eq.${c.id}&rater_id=eq.${d.teacher}&limit=1`,
    );
    if (rated.length > 0) return { school, roster, cycle: c.id };
  }
  throw new Error(`${d.name}: the teacher has rated in no cycle`);
}

const base = deployment('base', basePath);
const other = deployment('other', otherPath);
const sheet = await sheetOf(base);
if (JSON.stringify(await sheetOf(other)) !== JSON.stringify(sheet)) throw new Error('the two deployments hold different demo data');

// The class sheet as the frontend reads it (benchmarks/scale/rest-overhead.ts): the teacher's
// ratings of her class's roster in the cycle, with their parameters.
const sheetColumns = 'student_id,parameter_id,rater_id,level_ordinal,status,hpc_parameters(code,name)';
const roster = `cycle_id=eq.${sheet.cycle}&rater_role=eq.teacher&student_id=in.(${sheet.roster.join(',')})&order=student_id,parameter_id,rater_id`;
const reads = [
  {
    name: 'class sheet, school named at every level',
    path: `hpc_evaluations?select=${sheetColumns}&institution_id=eq.${sheet.school}&hpc_parameters.institution_id=eq.${sheet.school}&${roster}`,
  },
  {
    name: 'class sheet, school named at the root only',
    path: `hpc_evaluations?select=${sheetColumns}&institution_id=eq.${sheet.school}&${roster}`,
  },
  {
    name: 'every rating of the cycle she may read',
    path: `hpc_evaluations?select=id,student_id,level_ordinal&institution_id=eq.${sheet.school}&cycle_id=eq.${sheet.cycle}`,
  },
];

const requests = Number(options.requests);
const warmUp = Number(options.warmUp);
console.log(`class sheet of ${options.teacher}, cycle ${sheet.cycle}: ${requests} requests per read and deployment, alternating`);
console.log(`base ${base.api}, other ${other.api}`);
for (const read of reads) {
  const times = new Map<Deployment, number[]>([
    [base, []],
    [other, []],
  ]);
  const rows = new Map<Deployment, Set<number>>([
    [base, new Set()],
    [other, new Set()],
  ]);
  for (let i = 0; i < warmUp + requests; i++) {
    for (const d of i % 2 === 0 ? [base, other] : [other, base]) {
      const started = performance.now();
      const body = await get<unknown[]>(d, read.path);
      const took = performance.now() - started;
      if (i >= warmUp) {
        times.get(d)?.push(took);
        rows.get(d)?.add(body.length);
      }
    }
  }
  const [b, o] = [stats(times.get(base) ?? []), stats(times.get(other) ?? [])];
  const [rb, ro] = [[...(rows.get(base) ?? [])], [...(rows.get(other) ?? [])]];
  if (rb.length !== 1 || ro.length !== 1 || rb[0] !== ro[0]) throw new Error(`${read.name}: rows differ: base ${rb}, other ${ro}`);
  console.log(
    `${read.name.padEnd(48)} ${String(rb[0]).padStart(5)} rows  base p50 ${ms(b.p50)} / p95 ${ms(b.p95)} ms  other p50 ${ms(o.p50)} / p95 ${ms(o.p95)} ms  ` +
      `other/base ${(o.p50 / b.p50).toFixed(2)}× / ${(o.p95 / b.p95).toFixed(2)}×`,
  );
}
