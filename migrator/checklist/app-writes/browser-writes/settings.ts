// The admin's settings screens: users (Settings → Users), branding, and groups.
import { randomUUID } from 'node:crypto';
import { browser, insert, now, remove, tag, update, type Write } from '../statements.ts';

export const SETTINGS_WRITES: Write[] = [
  // User management (Settings → Users)
  {
    name: 'user management: add a profile (28 columns)',
    client: 'browser',
    table: 'user_profiles',
    op: 'INSERT',
    steps: (s) => {
      const t = tag();
      return [
        browser(
          insert('user_profiles', {
            full_name: 'Replay Teacher',
            email: `replay.${t}@${s.domain}`,
            contact_number: '+91-9000000000',
            date_of_birth: '1990-05-01',
            residential_address: '1 Replay Road',
            role: 'teacher',
            peer_group: 'staff',
            status: 'active',
            admission_number: null,
            date_of_admission: null,
            current_standard: null,
            section: null,
            accommodation_type: 'day_boarder',
            employee_id: `E-replay-${t}`,
            date_of_joining: '2026-04-01',
            department: 'Science',
            designation: 'TGT',
            parent_guardian_name: null,
            parent_contact_number: null,
            emergency_contact: '+91-9000000001',
            blood_group: 'O+',
            gender: 'female',
            nationality: 'Indian',
            religion: null,
            caste_category: null,
            created_at: now(),
            updated_at: now(),
            created_by: s.adminId,
          }),
        ),
      ];
    },
  },
  {
    name: 'user management: edit a profile (full row sent back)',
    client: 'browser',
    table: 'user_profiles',
    op: 'UPDATE',
    steps: async (s, load) => [
      browser(
        update(
          'user_profiles',
          {
            ...(await load('user_profiles', s.studentIds[0]!)),
            contact_number: '+91-9111111111',
            updated_at: now(),
            updated_by: s.adminId,
          },
          't.id = $1',
          [s.studentIds[0]],
        ),
      ),
    ],
  },
  {
    name: 'user management: delete a profile',
    client: 'browser',
    table: 'user_profiles',
    op: 'DELETE',
    steps: (s) => [browser(remove('user_profiles', 't.id = any($1::uuid[])', [[s.studentIds[1]]]))],
  },
  // Settings → branding
  {
    name: 'settings: rename the institution',
    client: 'browser',
    table: 'system_settings',
    op: 'UPDATE',
    steps: (s) => [
      browser(
        update('system_settings', { value: 'Replay Public School', updated_at: now(), updated_by: s.adminId }, 't.key = $1', [
          'institution_name',
        ]),
      ),
    ],
  },
  // Groups (only the delete can reach the database; the group is one without members)
  {
    name: 'groups: delete a group',
    client: 'browser',
    table: 'user_groups',
    op: 'DELETE',
    steps: (s) => {
      const id = randomUUID();
      return [
        // A group of the admin's own school: where groups carry institution_id (after the HPC
        // migration), the school's; BIG DAY's seeded groups are every school's and no school
        // admin's to delete.
        { sql: `insert into public.user_groups (id, name, type) values ($1, $2, 'custom')`, params: [id, `Replay group ${tag()}`] },
        {
          sql: `do $$ begin
                  if exists (select 1 from pg_attribute where attrelid = 'public.user_groups'::regclass and attname = 'institution_id') then
                    execute 'update public.user_groups set institution_id = $1 where id = $2' using '${s.institutionId}'::uuid, '${id}'::uuid;
                  end if;
                end $$`,
        },
        browser(remove('user_groups', 't.id = $1', [id])),
      ];
    },
  },
];
