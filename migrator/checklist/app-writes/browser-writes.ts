// The writes the browser sends through PostgREST as the school's admin (role authenticated
// with the admin's JWT claims), screen by screen (domain/bigday-real-schema.md §6); each
// screen family's writes are in browser-writes/.
import type { Write } from './statements.ts';
import { COHORTS_AND_SECTIONS_WRITES } from './browser-writes/cohorts-and-sections.ts';
import { COURSES_AND_ALLOCATION_WRITES } from './browser-writes/courses-and-allocation.ts';
import { SETTINGS_WRITES } from './browser-writes/settings.ts';
import { TIMETABLING_WRITES } from './browser-writes/timetabling.ts';
import { UNCALLED_WRITE_APIS } from './browser-writes/uncalled-write-apis.ts';

export const browserWrites: Write[] = [
  ...SETTINGS_WRITES,
  ...COHORTS_AND_SECTIONS_WRITES,
  ...COURSES_AND_ALLOCATION_WRITES,
  ...TIMETABLING_WRITES,
  ...UNCALLED_WRITE_APIS,
];
