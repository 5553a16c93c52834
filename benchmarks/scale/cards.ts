// Section 6: card generation at scale — private.hpc_compile_card on random students across
// all schools, and public.hpc_generate_report as the class teacher for their whole section
// (in a transaction that is rolled back). A failure is recorded, not thrown.
import { performance } from 'node:perf_hooks';
import { actAs } from '../caller.ts';
import { ms, stats } from '../stats.ts';
import { claimsOf, RollbackSignal, type Log, type Sql } from './harness.ts';
import { scaleId } from './generate.ts';
import type { Subjects } from './subjects.ts';

export async function measureCards(admin: Sql, sql: Sql, x: Subjects, log: Log): Promise<Record<string, unknown>> {
  const { teacher, roster, cycle2 } = x;
  try {
    const [fn] = await admin`select to_regprocedure('private.hpc_compile_card(uuid, uuid, uuid)') is not null as compile,
                                    to_regprocedure('public.hpc_generate_report(uuid, uuid)') is not null as generate`;
    const cardsOut: Record<string, unknown> = { compileFunction: fn?.compile, generateFunction: fn?.generate };
    if (fn?.compile) {
      const sample = await admin`select institution_id, student_id from public.section_students tablesample system (1) limit 100`;
      const compileMs: number[] = [];
      let bytes = 0;
      for (const r of sample) {
        const t = performance.now();
        const [c] =
          await sql`select length(private.hpc_compile_card(${r.institution_id}, ${scaleId('cycle', Number.parseInt(String(r.institution_id).slice(2, 8), 16), 1)}::uuid, ${r.student_id})::text) as n`;
        compileMs.push(performance.now() - t);
        bytes += Number(c?.n ?? 0);
      }
      cardsOut.compile = {
        ...stats(compileMs),
        avgBytes: Math.round(bytes / (sample.length || 1)),
        sample: 'random students across all schools, Term 1 (closed)',
      };
      log(
        `card compile (private.hpc_compile_card, ${sample.length} random students): p50 ${ms(stats(compileMs).p50)} ms p95 ${ms(stats(compileMs).p95)} ms, ~${Math.round(bytes / (sample.length || 1))} bytes`,
      );
    }
    if (fn?.generate) {
      const genMs: number[] = [];
      const outcomes: Record<string, number> = {};
      let errorText: string | undefined;
      const tStart = performance.now();
      await sql
        .begin(async (tx) => {
          await actAs(tx, 'authenticated', claimsOf(teacher));
          for (const student of roster) {
            const t = performance.now();
            try {
              await tx.unsafe('savepoint g');
              const [r] = await tx.unsafe(`select to_jsonb(public.hpc_generate_report($1, $2)) as r`, [cycle2, student]);
              const outcome = (r?.r as { outcome?: string } | undefined)?.outcome ?? 'unknown';
              outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
              await tx.unsafe('release savepoint g');
            } catch (e) {
              await tx.unsafe('rollback to savepoint g');
              errorText = (e as Error).message;
              outcomes.error = (outcomes.error ?? 0) + 1;
            }
            genMs.push(performance.now() - t);
          }
          throw new RollbackSignal();
        })
        .catch((e) => {
          if (!(e instanceof RollbackSignal)) throw e;
        });
      const total = (performance.now() - tStart) / 1000;
      const st = stats(genMs);
      cardsOut.generate = {
        ...st,
        outcomes,
        error: errorText,
        section: `${roster.length} students, class teacher, Term 2 (open)`,
        cardsPerSecond: roster.length / total,
        rolledBack: true,
      };
      log(
        `card generation (public.hpc_generate_report as the class teacher, ${roster.length} cards): p50 ${ms(st.p50)} ms p95 ${ms(st.p95)} ms, ${(roster.length / total).toFixed(1)} cards/s ${JSON.stringify(outcomes)}${errorText ? ` last error: ${errorText}` : ''}`,
      );
    }
    return cardsOut;
  } catch (error) {
    log(`card generation failed: ${(error as Error).message}`);
    return { error: (error as Error).message };
  }
}
