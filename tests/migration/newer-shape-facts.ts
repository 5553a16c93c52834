// What the fact sheet of the real BIG DAY database (domain/bigday-real-schema.md) lists for
// its schema, as the newer-shape fixture tests expect it: policies, foreign keys, secondary
// indexes and triggers, under their names.

export const policies: [string, string, string][] = [
  ['user_profiles', 'Admins can manage all user profiles', 'ALL'],
  ['user_profiles', 'Users can view their own profile', 'SELECT'],
  ['user_profiles', 'Teachers can view student profiles in their groups', 'SELECT'],
  ['audit_logs', 'Admins can view all audit logs', 'SELECT'],
  ['audit_logs', 'System can insert audit logs', 'INSERT'],
  ['system_reports', 'Admins can manage all reports', 'ALL'],
  ['user_groups', 'Authenticated users can view groups', 'SELECT'],
  ['user_groups', 'Admins can manage groups', 'ALL'],
  ['user_permissions', 'Users can view their own permissions', 'SELECT'],
  ['user_permissions', 'Admins can manage all permissions', 'ALL'],
  ['academic_terms', 'Admins can manage academic terms', 'ALL'],
  ['cohorts', 'Admins can manage cohorts', 'ALL'],
  ['sections', 'Admins can manage sections', 'ALL'],
  ['section_students', 'Admins can manage section students', 'ALL'],
  ['courses', 'Admins can manage courses', 'ALL'],
  ['courses', 'Teachers can view courses', 'SELECT'],
  ['section_courses', 'Admins can manage section courses', 'ALL'],
  ['teacher_subject_eligibility', 'Admins can manage teacher subject eligibility', 'ALL'],
  ['teacher_grade_eligibility', 'Admins can manage teacher grade eligibility', 'ALL'],
  ['teacher_load_rules', 'Admins can manage teacher load rules', 'ALL'],
  ['slot_templates', 'Admins can manage slot templates', 'ALL'],
  ['slot_template_assignments', 'Admins can manage slot template assignments', 'ALL'],
  ['timetables', 'Admins can manage timetables', 'ALL'],
  ['timetable_sessions', 'Admins can manage timetable sessions', 'ALL'],
  ['timetable_conflicts', 'Admins can manage timetable conflicts', 'ALL'],
  ['allocation_settings', 'Admins can manage allocation settings', 'ALL'],
  ['system_settings', 'Admins can read all settings', 'SELECT'],
  ['system_settings', 'Admins can update settings', 'UPDATE'],
  ['system_settings', 'All authenticated users can read public settings', 'SELECT'],
];

// Every foreign key: table.column → referenced table, ON DELETE (a: no action, c: cascade, n: set null).
export const foreignKeys: Record<string, string> = {
  'user_profiles.group_id': 'user_groups a', 'audit_logs.user_id': 'auth.users a', 'audit_logs.performed_by': 'auth.users a',
  'system_reports.generated_by': 'auth.users a', 'user_groups.parent_group_id': 'user_groups a',
  'user_permissions.user_id': 'user_profiles c', 'user_permissions.granted_by': 'auth.users a',
  'cohorts.academic_term_id': 'academic_terms c', 'sections.cohort_id': 'cohorts c',
  'section_students.section_id': 'sections c', 'section_students.student_id': 'user_profiles c',
  'section_courses.section_id': 'sections c', 'section_courses.course_id': 'courses c', 'section_courses.teacher_id': 'user_profiles n',
  'teacher_subject_eligibility.teacher_id': 'user_profiles c', 'teacher_subject_eligibility.course_id': 'courses c',
  'teacher_grade_eligibility.teacher_id': 'user_profiles c', 'teacher_load_rules.teacher_id': 'user_profiles c',
  'slot_template_assignments.slot_template_id': 'slot_templates c', 'slot_template_assignments.cohort_id': 'cohorts c',
  'slot_template_assignments.section_id': 'sections c',
  'timetables.section_id': 'sections c', 'timetables.academic_term_id': 'academic_terms c',
  'timetables.generated_by': 'user_profiles n', 'timetables.published_by': 'user_profiles n',
  'timetable_sessions.timetable_id': 'timetables c', 'timetable_sessions.section_id': 'sections c',
  'timetable_sessions.course_id': 'courses c', 'timetable_sessions.teacher_id': 'user_profiles n',
  'timetable_conflicts.teacher_id': 'user_profiles c', 'timetable_conflicts.section_id': 'sections c',
  'timetable_conflicts.course_id': 'courses c', 'system_settings.updated_by': 'auth.users a',
};

export const indexes = [
  ...['role', 'status', 'peer_group', 'department', 'admission_number', 'employee_id', 'email', 'full_name', 'created_at', 'search']
    .map((c) => `idx_user_profiles_${c}`),
  ...['user_id', 'table_name', 'performed_at', 'action'].map((c) => `idx_audit_logs_${c}`),
  ...['type', 'status', 'generated_by', 'generated_at'].map((c) => `idx_system_reports_${c}`),
  'idx_academic_terms_institution', 'idx_academic_terms_dates', 'idx_cohorts_academic_term', 'idx_cohorts_grade', 'idx_sections_cohort',
  'idx_section_students_section', 'idx_section_students_student', 'idx_courses_institution', 'idx_courses_active',
  'idx_section_courses_section', 'idx_section_courses_teacher', 'idx_teacher_subject_eligibility_teacher',
  'idx_teacher_grade_eligibility_teacher', 'idx_slot_templates_institution', 'idx_timetables_section', 'idx_timetables_academic_term',
  'idx_timetables_status', 'idx_timetable_sessions_timetable', 'idx_timetable_sessions_section', 'idx_timetable_sessions_teacher',
  'idx_timetable_sessions_schedule', 'idx_timetable_conflicts_teacher', 'idx_timetable_conflicts_section',
  'idx_timetable_conflicts_resolved', 'idx_system_settings_category', 'idx_system_settings_key',
];

export const triggers = [
  'user_profiles update_user_profiles_updated_at BEFORE UPDATE update_updated_at_column',
  'user_profiles audit_user_profiles_changes AFTER INSERT OR DELETE OR UPDATE log_user_changes',
  ...['academic_terms', 'cohorts', 'sections', 'courses', 'section_courses', 'teacher_load_rules', 'slot_templates', 'timetables',
    'timetable_sessions', 'allocation_settings'].map((t) => `${t} update_${t}_updated_at BEFORE UPDATE update_updated_at_column`),
];
