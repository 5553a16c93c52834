// A child made by a test so that erasing it leaves the demo data as it is: a new Sunrise
// student in Ishaan's class with a copy of Ishaan's teacher ratings and one achievement.
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { ISHAAN, SUNRISE } from './people.ts';
import { userId } from './rest.ts';

export interface TestChild {
  id: string;
  /** How many teacher ratings were copied to the child. */
  ratings: number;
}

export async function makeTestChild(db: postgres.Sql, name: string): Promise<TestChild> {
  const id = randomUUID();
  const email = `test-${id}@sunrise.example`;
  let ratings = 0;
  await db.begin(async (tx) => {
    // BIG DAY's audit trigger on user_profiles logs the new profile under its auth user.
    await tx`insert into auth.users (id, aud, role, email) values (${id}, 'authenticated', 'authenticated', ${email})`;
    await tx`insert into user_profiles (id, institution_id, full_name, email, role, admission_number)
             values (${id}, ${SUNRISE}, ${name}, ${email}, 'student', ${`T-${id.slice(0, 8)}`})`;
    await tx`insert into section_students (institution_id, section_id, student_id)
             select institution_id, section_id, ${id} from section_students where student_id = ${userId(ISHAAN)}`;
    const copied = await tx`
      insert into hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, assignment_id, rater_role, rater_id,
                                   level_ordinal, observation, status, submitted_at)
      select institution_id, cycle_id, ${id}, parameter_id, assignment_id, rater_role, rater_id, level_ordinal,
             ${`${name}: copied rating`}, status, submitted_at
      from hpc_evaluations where student_id = ${userId(ISHAAN)} and rater_role = 'teacher'`;
    ratings = copied.count;
    await tx`insert into hpc_achievements (institution_id, student_id, title, category, level, achieved_on)
             values (${SUNRISE}, ${id}, 'Inter-school quiz', 'academic', 'school', date '2026-08-20')`;
  });
  return { id, ratings };
}

/** Removes whatever of the child is left (its HPC rows may already be erased). */
export async function removeTestChild(db: postgres.Sql, child: TestChild): Promise<void> {
  await db`delete from hpc_evaluations where student_id = ${child.id}`;
  await db`delete from hpc_achievements where student_id = ${child.id}`;
  await db`delete from section_students where student_id = ${child.id}`;
  await db`delete from user_profiles where id = ${child.id}`;
  await db`delete from audit_logs where user_id = ${child.id}`;
  await db`delete from auth.users where id = ${child.id}`;
}
