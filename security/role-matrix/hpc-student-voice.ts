// What is written about a student beside the ratings: achievements teachers record,
// reflections students and parents write, and the conversations around the student.
import { ADMIN_INSERT, LEADERS, NO_GRANT, TAUGHT } from './shared-rules.ts';
import { accepted, denied, none, rows, type TableRules } from './rules.ts';

export const HPC_STUDENT_VOICE: TableRules[] = [
  {
    table: 'hpc_achievements',
    scope: 'institution_id = {institution}',
    select: {
      student: rows('their own', 'student_id = {me}'),
      parent: rows("their children's", 'student_id = {student}'),
      teacher: rows("their students'", TAUGHT),
      ...LEADERS,
    },
    insert: {
      columns: 'institution_id, student_id, title, category',
      values: `{institution}, {student}, 'Science fair', 'academic'`,
      rules: {
        ...ADMIN_INSERT,
        teacher: accepted('teachers record them for their students'),
        institution_admin: denied('refused by policy'),
      },
    },
    update: {
      set: 'title = title',
      rules: {
        student: none(),
        parent: none(),
        teacher: rows("their students'", TAUGHT),
        coordinator: none(),
        principal: none(),
        institution_admin: none(),
      },
    },
    delete: {
      target: 'id = {achievement}',
      rules: {
        student: none(),
        parent: none(),
        teacher: rows("their students' unverified ones", 'true'),
        coordinator: none(),
        principal: none(),
        institution_admin: none(),
      },
    },
  },
  {
    table: 'hpc_reflections',
    scope: 'institution_id = {institution}',
    select: {
      student: rows('their own', 'student_id = {me} or author_id = {me}'),
      parent: rows('what they wrote', 'author_id = {me}'),
      teacher: rows("their students'", TAUGHT),
      ...LEADERS,
    },
    insert: {
      columns: 'institution_id, student_id, cycle_id, kind, author_id, author_role',
      values: {
        student: `{institution}, {student}, {cycle_open}, 'all_about_me', {me}, 'self'`,
        parent: `{institution}, {student}, {cycle_open}, 'all_about_me', {me}, 'parent'`,
        teacher: `{institution}, {student}, {cycle_open}, 'all_about_me', {me}, 'parent'`,
        coordinator: `{institution}, {student}, {cycle_open}, 'all_about_me', {me}, 'parent'`,
        principal: `{institution}, {student}, {cycle_open}, 'all_about_me', {me}, 'parent'`,
        institution_admin: `{institution}, {student}, {cycle_open}, 'all_about_me', {me}, 'parent'`,
        anon: `{institution}, {student}, {cycle_open}, 'all_about_me', {student}, 'self'`,
        service_role: `{institution}, {student}, {cycle_open}, 'all_about_me', {student}, 'self'`,
      },
      rules: {
        student: accepted('their reflections while the cycle is open'),
        parent: accepted('parent input for their child while the cycle is open'),
        teacher: denied('refused by policy'),
        coordinator: denied('refused by policy'),
        principal: denied('refused by policy'),
        institution_admin: denied('refused by policy'),
      },
    },
    update: {
      set: 'body = body',
      rules: {
        student: rows('what they wrote, while the cycle is open', 'author_id = {me}'),
        parent: rows('what they wrote, while the cycle is open', 'author_id = {me}'),
        teacher: none(),
        coordinator: none(),
        principal: none(),
        institution_admin: none(),
      },
    },
    delete: {
      target: `status = 'draft'`,
      rules: {
        student: rows('their drafts, while the cycle is open', 'author_id = {me}'),
        parent: rows('their drafts, while the cycle is open', 'author_id = {me}'),
        teacher: none(),
        coordinator: none(),
        principal: none(),
        institution_admin: none(),
      },
    },
  },
  {
    table: 'hpc_conversations',
    scope: 'institution_id = {institution}',
    select: {
      student: rows('threads about themselves', 'student_id = {me}'),
      parent: rows('threads about their children', 'student_id = {student}'),
      teacher: rows('threads about their students', TAUGHT),
      ...LEADERS,
    },
    insert: {
      columns: 'institution_id, student_id, author_id, author_role, subject, body',
      values: {
        student: `{institution}, {student}, {me}, 'student', 'Question', 'Hello'`,
        parent: `{institution}, {student}, {me}, 'parent', 'Question', 'Hello'`,
        teacher: `{institution}, {student}, {me}, 'teacher', 'Question', 'Hello'`,
        coordinator: `{institution}, {student}, {me}, 'coordinator', 'Question', 'Hello'`,
        principal: `{institution}, {student}, {me}, 'principal', 'Question', 'Hello'`,
        institution_admin: `{institution}, {student}, {me}, 'principal', 'Question', 'Hello'`,
        anon: `{institution}, {student}, {teacher}, 'teacher', 'Question', 'Hello'`,
        service_role: `{institution}, {student}, {teacher}, 'teacher', 'Question', 'Hello'`,
      },
      rules: {
        student: accepted('about themselves'),
        parent: accepted('about their children'),
        teacher: accepted('about their students'),
        coordinator: accepted('as coordinator'),
        principal: accepted('as principal'),
        institution_admin: denied('refused: an admin is not in the conversation circle'),
      },
    },
    update: {
      set: 'body = body',
      rules: {
        student: none(),
        parent: none(),
        teacher: rows('their own messages', 'author_id = {me}'),
        coordinator: none(),
        principal: none(),
        institution_admin: none(),
      },
    },
    delete: { target: 'id = {conversation_other}', rules: NO_GRANT },
  },
];
