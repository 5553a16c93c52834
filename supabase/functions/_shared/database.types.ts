
export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]

export type Database = {
  
  "public": {
          Tables: {
            "academic_terms": {
                  Row: {
                    "created_at": string | null,"end_date": string,"frozen": boolean | null,"id": string,"institution_id": string,"name": string,"start_date": string,"updated_at": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string | null,"end_date": string,"frozen"?: boolean | null,"id"?: string,"institution_id"?: string,"name": string,"start_date": string,"updated_at"?: string | null
                  }
                  Update: {
                    "created_at"?: string | null,"end_date"?: string,"frozen"?: boolean | null,"id"?: string,"institution_id"?: string,"name"?: string,"start_date"?: string,"updated_at"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "academic_terms_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    }
                  ]
                },"allocation_settings": {
                  Row: {
                    "class_periods_per_day": number | null,"created_at": string | null,"days_per_week": number | null,"id": string,"institution_id": string,"teacher_max_periods_per_day": number | null,"updated_at": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "class_periods_per_day"?: number | null,"created_at"?: string | null,"days_per_week"?: number | null,"id"?: string,"institution_id": string,"teacher_max_periods_per_day"?: number | null,"updated_at"?: string | null
                  }
                  Update: {
                    "class_periods_per_day"?: number | null,"created_at"?: string | null,"days_per_week"?: number | null,"id"?: string,"institution_id"?: string,"teacher_max_periods_per_day"?: number | null,"updated_at"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "allocation_settings_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    }
                  ]
                },"audit_events": {
                  Row: {
                    "actor_id": string | null,"actor_role": string | null,"changed_columns": (string)[] | null,"id": string,"institution_id": string,"new_values": Json | null,"occurred_at": string,"old_values": Json | null,"operation": Database["public"]['Enums']["audit_operation"],"record_key": NonNullable<Json>,"table_name": string,"table_schema": string,"transaction_id": number
                  }
                  ComputedFields: never
                  Insert: {
                    "actor_id"?: string | null,"actor_role"?: string | null,"changed_columns"?: (string)[] | null,"id"?: string,"institution_id": string,"new_values"?: Json | null,"occurred_at"?: string,"old_values"?: Json | null,"operation": Database["public"]['Enums']["audit_operation"],"record_key": NonNullable<Json>,"table_name": string,"table_schema": string,"transaction_id"?: number
                  }
                  Update: {
                    "actor_id"?: string | null,"actor_role"?: string | null,"changed_columns"?: (string)[] | null,"id"?: string,"institution_id"?: string,"new_values"?: Json | null,"occurred_at"?: string,"old_values"?: Json | null,"operation"?: Database["public"]['Enums']["audit_operation"],"record_key"?: NonNullable<Json>,"table_name"?: string,"table_schema"?: string,"transaction_id"?: number
                  }
                  Relationships: [
                    
                  ]
                },"audit_logs": {
                  Row: {
                    "action": string,"id": string,"ip_address": unknown,"new_values": Json | null,"old_values": Json | null,"performed_at": string | null,"performed_by": string | null,"record_id": string,"table_name": string,"user_agent": string | null,"user_id": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "action": string,"id"?: string,"ip_address"?: unknown,"new_values"?: Json | null,"old_values"?: Json | null,"performed_at"?: string | null,"performed_by"?: string | null,"record_id": string,"table_name": string,"user_agent"?: string | null,"user_id"?: string | null
                  }
                  Update: {
                    "action"?: string,"id"?: string,"ip_address"?: unknown,"new_values"?: Json | null,"old_values"?: Json | null,"performed_at"?: string | null,"performed_by"?: string | null,"record_id"?: string,"table_name"?: string,"user_agent"?: string | null,"user_id"?: string | null
                  }
                  Relationships: [
                    
                  ]
                },"cohorts": {
                  Row: {
                    "academic_term_id": string,"boarding_type": string | null,"created_at": string | null,"days_per_week": number | null,"grade": string,"id": string,"institution_id": string,"periods_per_day": number | null,"stream": string,"updated_at": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "academic_term_id": string,"boarding_type"?: string | null,"created_at"?: string | null,"days_per_week"?: number | null,"grade": string,"id"?: string,"institution_id"?: string,"periods_per_day"?: number | null,"stream": string,"updated_at"?: string | null
                  }
                  Update: {
                    "academic_term_id"?: string,"boarding_type"?: string | null,"created_at"?: string | null,"days_per_week"?: number | null,"grade"?: string,"id"?: string,"institution_id"?: string,"periods_per_day"?: number | null,"stream"?: string,"updated_at"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "cohorts_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "cohorts_tenant_term_fkey"
      columns: ["institution_id","academic_term_id"]
isOneToOne: false
      referencedRelation: "academic_terms"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"comment_bank_phrases": {
                  Row: {
                    "created_at": string,"created_by": string | null,"id": string,"institution_id": string,"language": string,"level_ordinal": number,"parameter_id": string,"phrase": string,"retired_at": string | null,"stage": Database["public"]['Enums']["hpc_stage"] | null,"updated_at": string,"updated_by": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"created_by"?: string | null,"id"?: string,"institution_id"?: string,"language"?: string,"level_ordinal": number,"parameter_id": string,"phrase": string,"retired_at"?: string | null,"stage"?: Database["public"]['Enums']["hpc_stage"] | null,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Update: {
                    "created_at"?: string,"created_by"?: string | null,"id"?: string,"institution_id"?: string,"language"?: string,"level_ordinal"?: number,"parameter_id"?: string,"phrase"?: string,"retired_at"?: string | null,"stage"?: Database["public"]['Enums']["hpc_stage"] | null,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "comment_bank_phrases_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "comment_bank_phrases_parameter_fkey"
      columns: ["institution_id","parameter_id"]
isOneToOne: false
      referencedRelation: "hpc_parameters"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"courses": {
                  Row: {
                    "active": boolean | null,"code": string,"created_at": string | null,"description": string | null,"id": string,"institution_id": string,"title": string,"updated_at": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "active"?: boolean | null,"code": string,"created_at"?: string | null,"description"?: string | null,"id"?: string,"institution_id"?: string,"title": string,"updated_at"?: string | null
                  }
                  Update: {
                    "active"?: boolean | null,"code"?: string,"created_at"?: string | null,"description"?: string | null,"id"?: string,"institution_id"?: string,"title"?: string,"updated_at"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "courses_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    }
                  ]
                },"cycle_translations": {
                  Row: {
                    "created_at": string,"created_by": string | null,"cycle_id": string,"institution_id": string,"language": Database["public"]['Enums']["hpc_language"],"name": string,"updated_at": string,"updated_by": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"created_by"?: string | null,"cycle_id": string,"institution_id"?: string,"language": Database["public"]['Enums']["hpc_language"],"name": string,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Update: {
                    "created_at"?: string,"created_by"?: string | null,"cycle_id"?: string,"institution_id"?: string,"language"?: Database["public"]['Enums']["hpc_language"],"name"?: string,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "cycle_translations_cycle_fkey"
      columns: ["institution_id","cycle_id"]
isOneToOne: false
      referencedRelation: "hpc_evaluation_cycles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "cycle_translations_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    }
                  ]
                },"hpc_achievements": {
                  Row: {
                    "achieved_on": string | null,"category": Database["public"]['Enums']["hpc_achievement_category"],"created_at": string,"created_by": string | null,"cycle_id": string | null,"description": string | null,"evidence_paths": (string)[],"id": string,"institution_id": string,"level": Database["public"]['Enums']["hpc_achievement_level"] | null,"student_id": string,"title": string,"updated_at": string,"updated_by": string | null,"verified_at": string | null,"verified_by": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "achieved_on"?: string | null,"category": Database["public"]['Enums']["hpc_achievement_category"],"created_at"?: string,"created_by"?: string | null,"cycle_id"?: string | null,"description"?: string | null,"evidence_paths"?: (string)[],"id"?: string,"institution_id"?: string,"level"?: Database["public"]['Enums']["hpc_achievement_level"] | null,"student_id": string,"title": string,"updated_at"?: string,"updated_by"?: string | null,"verified_at"?: string | null,"verified_by"?: string | null
                  }
                  Update: {
                    "achieved_on"?: string | null,"category"?: Database["public"]['Enums']["hpc_achievement_category"],"created_at"?: string,"created_by"?: string | null,"cycle_id"?: string | null,"description"?: string | null,"evidence_paths"?: (string)[],"id"?: string,"institution_id"?: string,"level"?: Database["public"]['Enums']["hpc_achievement_level"] | null,"student_id"?: string,"title"?: string,"updated_at"?: string,"updated_by"?: string | null,"verified_at"?: string | null,"verified_by"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "hpc_achievements_cycle_fkey"
      columns: ["institution_id","cycle_id"]
isOneToOne: false
      referencedRelation: "hpc_evaluation_cycles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_achievements_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "hpc_achievements_student_fkey"
      columns: ["institution_id","student_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_achievements_verified_by_fkey"
      columns: ["institution_id","verified_by"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"hpc_analytics": {
                  Row: {
                    "computed_at": string,"created_at": string,"created_by": string | null,"cycle_id": string,"id": string,"institution_id": string,"metric": string,"parameter_id": string | null,"sample_size": number | null,"scope": Database["public"]['Enums']["hpc_analytics_scope"],"scope_key": string,"section_id": string | null,"updated_at": string,"updated_by": string | null,"value": NonNullable<Json>
                  }
                  ComputedFields: never
                  Insert: {
                    "computed_at"?: string,"created_at"?: string,"created_by"?: string | null,"cycle_id": string,"id"?: string,"institution_id"?: string,"metric": string,"parameter_id"?: string | null,"sample_size"?: number | null,"scope": Database["public"]['Enums']["hpc_analytics_scope"],"scope_key"?: string,"section_id"?: string | null,"updated_at"?: string,"updated_by"?: string | null,"value": NonNullable<Json>
                  }
                  Update: {
                    "computed_at"?: string,"created_at"?: string,"created_by"?: string | null,"cycle_id"?: string,"id"?: string,"institution_id"?: string,"metric"?: string,"parameter_id"?: string | null,"sample_size"?: number | null,"scope"?: Database["public"]['Enums']["hpc_analytics_scope"],"scope_key"?: string,"section_id"?: string | null,"updated_at"?: string,"updated_by"?: string | null,"value"?: NonNullable<Json>
                  }
                  Relationships: [
                    {
      foreignKeyName: "hpc_analytics_cycle_fkey"
      columns: ["institution_id","cycle_id"]
isOneToOne: false
      referencedRelation: "hpc_evaluation_cycles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_analytics_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "hpc_analytics_parameter_fkey"
      columns: ["institution_id","parameter_id"]
isOneToOne: false
      referencedRelation: "hpc_parameters"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_analytics_section_fkey"
      columns: ["institution_id","section_id"]
isOneToOne: false
      referencedRelation: "sections"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"hpc_approval_workflows": {
                  Row: {
                    "active": boolean,"approver_duty": Database["public"]['Enums']["hpc_staff_duty"],"chain_step_id": string | null,"comment": string | null,"created_at": string,"created_by": string | null,"decided_at": string | null,"decided_by": string | null,"decided_role": string | null,"decision": Database["public"]['Enums']["hpc_approval_decision"] | null,"id": string,"institution_id": string,"kind": Database["public"]['Enums']["hpc_approval_kind"],"name": string | null,"report_id": string | null,"round": number | null,"stage": Database["public"]['Enums']["hpc_stage"] | null,"step_order": number,"student_id": string | null,"updated_at": string,"updated_by": string | null,"version": number
                  }
                  ComputedFields: never
                  Insert: {
                    "active"?: boolean,"approver_duty": Database["public"]['Enums']["hpc_staff_duty"],"chain_step_id"?: string | null,"comment"?: string | null,"created_at"?: string,"created_by"?: string | null,"decided_at"?: string | null,"decided_by"?: string | null,"decided_role"?: string | null,"decision"?: Database["public"]['Enums']["hpc_approval_decision"] | null,"id"?: string,"institution_id"?: string,"kind": Database["public"]['Enums']["hpc_approval_kind"],"name"?: string | null,"report_id"?: string | null,"round"?: number | null,"stage"?: Database["public"]['Enums']["hpc_stage"] | null,"step_order": number,"student_id"?: string | null,"updated_at"?: string,"updated_by"?: string | null,"version"?: number
                  }
                  Update: {
                    "active"?: boolean,"approver_duty"?: Database["public"]['Enums']["hpc_staff_duty"],"chain_step_id"?: string | null,"comment"?: string | null,"created_at"?: string,"created_by"?: string | null,"decided_at"?: string | null,"decided_by"?: string | null,"decided_role"?: string | null,"decision"?: Database["public"]['Enums']["hpc_approval_decision"] | null,"id"?: string,"institution_id"?: string,"kind"?: Database["public"]['Enums']["hpc_approval_kind"],"name"?: string | null,"report_id"?: string | null,"round"?: number | null,"stage"?: Database["public"]['Enums']["hpc_stage"] | null,"step_order"?: number,"student_id"?: string | null,"updated_at"?: string,"updated_by"?: string | null,"version"?: number
                  }
                  Relationships: [
                    {
      foreignKeyName: "hpc_approval_workflows_chain_step_fkey"
      columns: ["institution_id","chain_step_id"]
isOneToOne: false
      referencedRelation: "hpc_approval_workflows"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_approval_workflows_decided_by_fkey"
      columns: ["institution_id","decided_by"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_approval_workflows_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "hpc_approval_workflows_report_fkey"
      columns: ["institution_id","report_id","student_id"]
isOneToOne: false
      referencedRelation: "hpc_published_reports"
      referencedColumns: ["institution_id","id","student_id"]
    },{
      foreignKeyName: "hpc_approval_workflows_report_fkey"
      columns: ["institution_id","report_id","student_id"]
isOneToOne: false
      referencedRelation: "hpc_reports"
      referencedColumns: ["institution_id","id","student_id"]
    }
                  ]
                },"hpc_conversations": {
                  Row: {
                    "author_id": string,"author_role": Database["public"]['Enums']["hpc_conversation_author_role"],"body": string,"created_at": string,"created_by": string | null,"id": string,"institution_id": string,"report_id": string | null,"student_id": string,"subject": string | null,"thread_id": string,"updated_at": string,"updated_by": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "author_id": string,"author_role": Database["public"]['Enums']["hpc_conversation_author_role"],"body": string,"created_at"?: string,"created_by"?: string | null,"id"?: string,"institution_id"?: string,"report_id"?: string | null,"student_id": string,"subject"?: string | null,"thread_id": string,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Update: {
                    "author_id"?: string,"author_role"?: Database["public"]['Enums']["hpc_conversation_author_role"],"body"?: string,"created_at"?: string,"created_by"?: string | null,"id"?: string,"institution_id"?: string,"report_id"?: string | null,"student_id"?: string,"subject"?: string | null,"thread_id"?: string,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "hpc_conversations_author_fkey"
      columns: ["institution_id","author_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_conversations_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "hpc_conversations_report_fkey"
      columns: ["institution_id","report_id"]
isOneToOne: false
      referencedRelation: "hpc_published_reports"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_conversations_report_fkey"
      columns: ["institution_id","report_id"]
isOneToOne: false
      referencedRelation: "hpc_reports"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_conversations_student_fkey"
      columns: ["institution_id","student_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_conversations_thread_fkey"
      columns: ["institution_id","thread_id"]
isOneToOne: false
      referencedRelation: "hpc_conversations"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"hpc_evaluation_cycles": {
                  Row: {
                    "academic_term_id": string,"closes_on": string,"created_at": string,"created_by": string | null,"id": string,"institution_id": string,"name": string,"opens_on": string,"status": Database["public"]['Enums']["hpc_cycle_status"],"term_number": number,"updated_at": string,"updated_by": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "academic_term_id": string,"closes_on": string,"created_at"?: string,"created_by"?: string | null,"id"?: string,"institution_id"?: string,"name": string,"opens_on": string,"status"?: Database["public"]['Enums']["hpc_cycle_status"],"term_number": number,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Update: {
                    "academic_term_id"?: string,"closes_on"?: string,"created_at"?: string,"created_by"?: string | null,"id"?: string,"institution_id"?: string,"name"?: string,"opens_on"?: string,"status"?: Database["public"]['Enums']["hpc_cycle_status"],"term_number"?: number,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "hpc_evaluation_cycles_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "hpc_evaluation_cycles_term_fkey"
      columns: ["institution_id","academic_term_id"]
isOneToOne: false
      referencedRelation: "academic_terms"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"hpc_evaluations": {
                  Row: {
                    "assignment_id": string | null,"created_at": string,"created_by": string | null,"cycle_id": string,"evidence_paths": (string)[],"id": string,"institution_id": string,"level_ordinal": number | null,"observation": string | null,"parameter_id": string,"rater_id": string,"rater_role": Database["public"]['Enums']["hpc_rater_role"],"rubric_id": string | null,"statements_circled": number | null,"status": Database["public"]['Enums']["hpc_entry_status"],"student_id": string,"submitted_at": string | null,"updated_at": string,"updated_by": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "assignment_id"?: string | null,"created_at"?: string,"created_by"?: string | null,"cycle_id": string,"evidence_paths"?: (string)[],"id"?: string,"institution_id"?: string,"level_ordinal"?: number | null,"observation"?: string | null,"parameter_id": string,"rater_id": string,"rater_role": Database["public"]['Enums']["hpc_rater_role"],"rubric_id"?: string | null,"statements_circled"?: number | null,"status"?: Database["public"]['Enums']["hpc_entry_status"],"student_id": string,"submitted_at"?: string | null,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Update: {
                    "assignment_id"?: string | null,"created_at"?: string,"created_by"?: string | null,"cycle_id"?: string,"evidence_paths"?: (string)[],"id"?: string,"institution_id"?: string,"level_ordinal"?: number | null,"observation"?: string | null,"parameter_id"?: string,"rater_id"?: string,"rater_role"?: Database["public"]['Enums']["hpc_rater_role"],"rubric_id"?: string | null,"statements_circled"?: number | null,"status"?: Database["public"]['Enums']["hpc_entry_status"],"student_id"?: string,"submitted_at"?: string | null,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "hpc_evaluations_assignment_fkey"
      columns: ["institution_id","assignment_id"]
isOneToOne: false
      referencedRelation: "hpc_parameter_assignments"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_evaluations_cycle_fkey"
      columns: ["institution_id","cycle_id"]
isOneToOne: false
      referencedRelation: "hpc_evaluation_cycles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_evaluations_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "hpc_evaluations_level_fkey"
      columns: ["institution_id","rubric_id","level_ordinal"]
isOneToOne: false
      referencedRelation: "hpc_rubrics"
      referencedColumns: ["institution_id","id","ordinal"]
    },{
      foreignKeyName: "hpc_evaluations_parameter_fkey"
      columns: ["institution_id","parameter_id"]
isOneToOne: false
      referencedRelation: "hpc_parameters"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_evaluations_rater_fkey"
      columns: ["institution_id","rater_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_evaluations_student_fkey"
      columns: ["institution_id","student_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"hpc_parameter_assignments": {
                  Row: {
                    "active": boolean,"course_id": string | null,"created_at": string,"created_by": string | null,"cycle_id": string,"id": string,"institution_id": string,"parameter_id": string | null,"peer_reviewer_id": string | null,"rater_roles": (Database["public"]['Enums']["hpc_rater_role"])[],"section_id": string,"student_id": string | null,"teacher_id": string | null,"updated_at": string,"updated_by": string | null,"weight": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "active"?: boolean,"course_id"?: string | null,"created_at"?: string,"created_by"?: string | null,"cycle_id": string,"id"?: string,"institution_id"?: string,"parameter_id"?: string | null,"peer_reviewer_id"?: string | null,"rater_roles"?: (Database["public"]['Enums']["hpc_rater_role"])[],"section_id": string,"student_id"?: string | null,"teacher_id"?: string | null,"updated_at"?: string,"updated_by"?: string | null,"weight"?: number | null
                  }
                  Update: {
                    "active"?: boolean,"course_id"?: string | null,"created_at"?: string,"created_by"?: string | null,"cycle_id"?: string,"id"?: string,"institution_id"?: string,"parameter_id"?: string | null,"peer_reviewer_id"?: string | null,"rater_roles"?: (Database["public"]['Enums']["hpc_rater_role"])[],"section_id"?: string,"student_id"?: string | null,"teacher_id"?: string | null,"updated_at"?: string,"updated_by"?: string | null,"weight"?: number | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "hpc_parameter_assignments_course_fkey"
      columns: ["institution_id","course_id"]
isOneToOne: false
      referencedRelation: "courses"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_parameter_assignments_cycle_fkey"
      columns: ["institution_id","cycle_id"]
isOneToOne: false
      referencedRelation: "hpc_evaluation_cycles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_parameter_assignments_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "hpc_parameter_assignments_parameter_fkey"
      columns: ["institution_id","parameter_id"]
isOneToOne: false
      referencedRelation: "hpc_parameters"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_parameter_assignments_peer_reviewer_fkey"
      columns: ["institution_id","peer_reviewer_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_parameter_assignments_section_fkey"
      columns: ["institution_id","section_id"]
isOneToOne: false
      referencedRelation: "sections"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_parameter_assignments_student_fkey"
      columns: ["institution_id","student_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_parameter_assignments_teacher_fkey"
      columns: ["institution_id","teacher_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"hpc_parameters": {
                  Row: {
                    "ability": string | null,"active": boolean,"activity": string | null,"area": string,"area_code": string,"code": string,"created_at": string,"created_by": string | null,"curricular_goal": string | null,"description": string | null,"grade_band": string,"grades": (string)[],"id": string,"institution_id": string,"name": string,"scale_code": string,"sort_order": number,"stage": Database["public"]['Enums']["hpc_stage"],"updated_at": string,"updated_by": string | null,"version": number
                  }
                  ComputedFields: never
                  Insert: {
                    "ability"?: string | null,"active"?: boolean,"activity"?: string | null,"area": string,"area_code": string,"code": string,"created_at"?: string,"created_by"?: string | null,"curricular_goal"?: string | null,"description"?: string | null,"grade_band": string,"grades": (string)[],"id"?: string,"institution_id"?: string,"name": string,"scale_code": string,"sort_order"?: number,"stage": Database["public"]['Enums']["hpc_stage"],"updated_at"?: string,"updated_by"?: string | null,"version"?: number
                  }
                  Update: {
                    "ability"?: string | null,"active"?: boolean,"activity"?: string | null,"area"?: string,"area_code"?: string,"code"?: string,"created_at"?: string,"created_by"?: string | null,"curricular_goal"?: string | null,"description"?: string | null,"grade_band"?: string,"grades"?: (string)[],"id"?: string,"institution_id"?: string,"name"?: string,"scale_code"?: string,"sort_order"?: number,"stage"?: Database["public"]['Enums']["hpc_stage"],"updated_at"?: string,"updated_by"?: string | null,"version"?: number
                  }
                  Relationships: [
                    {
      foreignKeyName: "hpc_parameters_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    }
                  ]
                },"hpc_reflections": {
                  Row: {
                    "author_id": string,"author_role": Database["public"]['Enums']["hpc_reflection_author_role"],"body": string | null,"content": NonNullable<Json>,"created_at": string,"created_by": string | null,"cycle_id": string,"entry_key": string | null,"goal_id": string | null,"id": string,"institution_id": string,"kind": Database["public"]['Enums']["hpc_reflection_kind"],"status": Database["public"]['Enums']["hpc_entry_status"],"student_id": string,"submitted_at": string | null,"updated_at": string,"updated_by": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "author_id": string,"author_role": Database["public"]['Enums']["hpc_reflection_author_role"],"body"?: string | null,"content"?: NonNullable<Json>,"created_at"?: string,"created_by"?: string | null,"cycle_id": string,"entry_key"?: never,"goal_id"?: string | null,"id"?: string,"institution_id"?: string,"kind": Database["public"]['Enums']["hpc_reflection_kind"],"status"?: Database["public"]['Enums']["hpc_entry_status"],"student_id": string,"submitted_at"?: string | null,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Update: {
                    "author_id"?: string,"author_role"?: Database["public"]['Enums']["hpc_reflection_author_role"],"body"?: string | null,"content"?: NonNullable<Json>,"created_at"?: string,"created_by"?: string | null,"cycle_id"?: string,"entry_key"?: never,"goal_id"?: string | null,"id"?: string,"institution_id"?: string,"kind"?: Database["public"]['Enums']["hpc_reflection_kind"],"status"?: Database["public"]['Enums']["hpc_entry_status"],"student_id"?: string,"submitted_at"?: string | null,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "hpc_reflections_author_fkey"
      columns: ["institution_id","author_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_reflections_cycle_fkey"
      columns: ["institution_id","cycle_id"]
isOneToOne: false
      referencedRelation: "hpc_evaluation_cycles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_reflections_goal_fkey"
      columns: ["institution_id","goal_id"]
isOneToOne: false
      referencedRelation: "hpc_reflections"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_reflections_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "hpc_reflections_student_fkey"
      columns: ["institution_id","student_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"hpc_reports": {
                  Row: {
                    "content": NonNullable<Json>,"content_hash": string | null,"created_at": string,"created_by": string | null,"cycle_id": string,"id": string,"institution_id": string,"is_current": boolean,"language": string,"lock_version": number,"published_at": string | null,"published_by": string | null,"release_at": string | null,"reopen_reason": string | null,"status": Database["public"]['Enums']["hpc_report_status"],"student_id": string,"supersedes_id": string | null,"updated_at": string,"updated_by": string | null,"version": number,"previous_version": {
              "content": NonNullable<Json>,
"content_hash": string | null,
"created_at": string,
"created_by": string | null,
"cycle_id": string,
"id": string,
"institution_id": string,
"is_current": boolean,
"language": string,
"lock_version": number,
"published_at": string | null,
"published_by": string | null,
"release_at": string | null,
"reopen_reason": string | null,
"status": Database["public"]['Enums']["hpc_report_status"],
"student_id": string,
"supersedes_id": string | null,
"updated_at": string,
"updated_by": string | null,
"version": number
            } | null
                  }
                  ComputedFields: "previous_version"
                  Insert: {
                    "content"?: NonNullable<Json>,"content_hash"?: string | null,"created_at"?: string,"created_by"?: string | null,"cycle_id": string,"id"?: string,"institution_id"?: string,"is_current"?: boolean,"language"?: string,"lock_version"?: number,"published_at"?: string | null,"published_by"?: string | null,"release_at"?: string | null,"reopen_reason"?: string | null,"status"?: Database["public"]['Enums']["hpc_report_status"],"student_id": string,"supersedes_id"?: string | null,"updated_at"?: string,"updated_by"?: string | null,"version"?: number
                  }
                  Update: {
                    "content"?: NonNullable<Json>,"content_hash"?: string | null,"created_at"?: string,"created_by"?: string | null,"cycle_id"?: string,"id"?: string,"institution_id"?: string,"is_current"?: boolean,"language"?: string,"lock_version"?: number,"published_at"?: string | null,"published_by"?: string | null,"release_at"?: string | null,"reopen_reason"?: string | null,"status"?: Database["public"]['Enums']["hpc_report_status"],"student_id"?: string,"supersedes_id"?: string | null,"updated_at"?: string,"updated_by"?: string | null,"version"?: number
                  }
                  Relationships: [
                    {
      foreignKeyName: "hpc_reports_cycle_fkey"
      columns: ["institution_id","cycle_id"]
isOneToOne: false
      referencedRelation: "hpc_evaluation_cycles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_reports_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "hpc_reports_published_by_fkey"
      columns: ["institution_id","published_by"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_reports_student_fkey"
      columns: ["institution_id","student_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_reports_supersedes_fkey"
      columns: ["institution_id","supersedes_id"]
isOneToOne: false
      referencedRelation: "hpc_published_reports"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_reports_supersedes_fkey"
      columns: ["institution_id","supersedes_id"]
isOneToOne: false
      referencedRelation: "hpc_reports"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"hpc_rubrics": {
                  Row: {
                    "active": boolean,"created_at": string,"created_by": string | null,"descriptor": string | null,"icon": string | null,"id": string,"institution_id": string,"label": string,"ordinal": number,"parameter_id": string | null,"scale_code": string,"self_statements_max": number | null,"self_statements_min": number | null,"stage": Database["public"]['Enums']["hpc_stage"],"updated_at": string,"updated_by": string | null,"version": number
                  }
                  ComputedFields: never
                  Insert: {
                    "active"?: boolean,"created_at"?: string,"created_by"?: string | null,"descriptor"?: string | null,"icon"?: string | null,"id"?: string,"institution_id"?: string,"label": string,"ordinal": number,"parameter_id"?: string | null,"scale_code": string,"self_statements_max"?: number | null,"self_statements_min"?: number | null,"stage": Database["public"]['Enums']["hpc_stage"],"updated_at"?: string,"updated_by"?: string | null,"version"?: number
                  }
                  Update: {
                    "active"?: boolean,"created_at"?: string,"created_by"?: string | null,"descriptor"?: string | null,"icon"?: string | null,"id"?: string,"institution_id"?: string,"label"?: string,"ordinal"?: number,"parameter_id"?: string | null,"scale_code"?: string,"self_statements_max"?: number | null,"self_statements_min"?: number | null,"stage"?: Database["public"]['Enums']["hpc_stage"],"updated_at"?: string,"updated_by"?: string | null,"version"?: number
                  }
                  Relationships: [
                    {
      foreignKeyName: "hpc_rubrics_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "hpc_rubrics_parameter_fkey"
      columns: ["institution_id","parameter_id"]
isOneToOne: false
      referencedRelation: "hpc_parameters"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"institution_feature_flags": {
                  Row: {
                    "changed_at": string,"changed_by": string | null,"enabled": boolean,"feature": string,"institution_id": string,"note": string | null,"pilot_cohort": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "changed_at"?: string,"changed_by"?: string | null,"enabled"?: boolean,"feature": string,"institution_id": string,"note"?: string | null,"pilot_cohort"?: string | null
                  }
                  Update: {
                    "changed_at"?: string,"changed_by"?: string | null,"enabled"?: boolean,"feature"?: string,"institution_id"?: string,"note"?: string | null,"pilot_cohort"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "institution_feature_flags_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    }
                  ]
                },"institutions": {
                  Row: {
                    "created_at": string,"default_language": Database["public"]['Enums']["hpc_language"],"id": string,"name": string,"settings": NonNullable<Json>,"slug": string,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"default_language"?: Database["public"]['Enums']["hpc_language"],"id"?: string,"name": string,"settings"?: NonNullable<Json>,"slug": string,"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"default_language"?: Database["public"]['Enums']["hpc_language"],"id"?: string,"name"?: string,"settings"?: NonNullable<Json>,"slug"?: string,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"parameter_translations": {
                  Row: {
                    "activity": string | null,"area": string | null,"created_at": string,"created_by": string | null,"curricular_goal": string | null,"description": string | null,"institution_id": string,"language": Database["public"]['Enums']["hpc_language"],"name": string,"parameter_id": string,"updated_at": string,"updated_by": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "activity"?: string | null,"area"?: string | null,"created_at"?: string,"created_by"?: string | null,"curricular_goal"?: string | null,"description"?: string | null,"institution_id"?: string,"language": Database["public"]['Enums']["hpc_language"],"name": string,"parameter_id": string,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Update: {
                    "activity"?: string | null,"area"?: string | null,"created_at"?: string,"created_by"?: string | null,"curricular_goal"?: string | null,"description"?: string | null,"institution_id"?: string,"language"?: Database["public"]['Enums']["hpc_language"],"name"?: string,"parameter_id"?: string,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "parameter_translations_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "parameter_translations_parameter_fkey"
      columns: ["institution_id","parameter_id"]
isOneToOne: false
      referencedRelation: "hpc_parameters"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"report_jobs": {
                  Row: {
                    "action": Database["public"]['Enums']["hpc_report_action"] | null,"comment": string | null,"created_at": string,"created_by": string | null,"cycle_id": string,"errors": NonNullable<Json>,"failed": number,"finished_at": string | null,"id": string,"institution_id": string,"kind": Database["public"]['Enums']["hpc_batch_kind"],"last_student_id": string | null,"processed": number,"release_at": string | null,"requested_by": string,"section_id": string | null,"skipped": number,"started_at": string | null,"status": Database["public"]['Enums']["hpc_batch_status"],"succeeded": number,"total": number,"unchanged": number,"updated_at": string,"updated_by": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "action"?: Database["public"]['Enums']["hpc_report_action"] | null,"comment"?: string | null,"created_at"?: string,"created_by"?: string | null,"cycle_id": string,"errors"?: NonNullable<Json>,"failed"?: number,"finished_at"?: string | null,"id"?: string,"institution_id": string,"kind": Database["public"]['Enums']["hpc_batch_kind"],"last_student_id"?: string | null,"processed"?: number,"release_at"?: string | null,"requested_by": string,"section_id"?: string | null,"skipped"?: number,"started_at"?: string | null,"status"?: Database["public"]['Enums']["hpc_batch_status"],"succeeded"?: number,"total"?: number,"unchanged"?: number,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Update: {
                    "action"?: Database["public"]['Enums']["hpc_report_action"] | null,"comment"?: string | null,"created_at"?: string,"created_by"?: string | null,"cycle_id"?: string,"errors"?: NonNullable<Json>,"failed"?: number,"finished_at"?: string | null,"id"?: string,"institution_id"?: string,"kind"?: Database["public"]['Enums']["hpc_batch_kind"],"last_student_id"?: string | null,"processed"?: number,"release_at"?: string | null,"requested_by"?: string,"section_id"?: string | null,"skipped"?: number,"started_at"?: string | null,"status"?: Database["public"]['Enums']["hpc_batch_status"],"succeeded"?: number,"total"?: number,"unchanged"?: number,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "report_jobs_cycle_fkey"
      columns: ["institution_id","cycle_id"]
isOneToOne: false
      referencedRelation: "hpc_evaluation_cycles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "report_jobs_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "report_jobs_requested_by_fkey"
      columns: ["institution_id","requested_by"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "report_jobs_section_fkey"
      columns: ["institution_id","section_id"]
isOneToOne: false
      referencedRelation: "sections"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"report_narratives": {
                  Row: {
                    "author_id": string,"barriers": string | null,"created_at": string,"created_by": string | null,"cycle_id": string,"id": string,"institution_id": string,"source_phrase_id": string | null,"source_phrase_text": string | null,"strengths": string | null,"student_id": string,"summary": string,"updated_at": string,"updated_by": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "author_id": string,"barriers"?: string | null,"created_at"?: string,"created_by"?: string | null,"cycle_id": string,"id"?: string,"institution_id": string,"source_phrase_id"?: string | null,"source_phrase_text"?: string | null,"strengths"?: string | null,"student_id": string,"summary": string,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Update: {
                    "author_id"?: string,"barriers"?: string | null,"created_at"?: string,"created_by"?: string | null,"cycle_id"?: string,"id"?: string,"institution_id"?: string,"source_phrase_id"?: string | null,"source_phrase_text"?: string | null,"strengths"?: string | null,"student_id"?: string,"summary"?: string,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "report_narratives_author_fkey"
      columns: ["institution_id","author_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "report_narratives_cycle_fkey"
      columns: ["institution_id","cycle_id"]
isOneToOne: false
      referencedRelation: "hpc_evaluation_cycles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "report_narratives_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "report_narratives_source_phrase_fkey"
      columns: ["institution_id","source_phrase_id"]
isOneToOne: false
      referencedRelation: "comment_bank_phrases"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "report_narratives_student_fkey"
      columns: ["institution_id","student_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"report_share_link_opens": {
                  Row: {
                    "id": string,"institution_id": string,"link_id": string,"opened_at": string,"student_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "id"?: string,"institution_id": string,"link_id": string,"opened_at"?: string,"student_id": string
                  }
                  Update: {
                    "id"?: string,"institution_id"?: string,"link_id"?: string,"opened_at"?: string,"student_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "report_share_link_opens_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "report_share_link_opens_link_fkey"
      columns: ["institution_id","link_id","student_id"]
isOneToOne: false
      referencedRelation: "report_share_links"
      referencedColumns: ["institution_id","id","student_id"]
    }
                  ]
                },"report_share_links": {
                  Row: {
                    "expires_at": string,"guardian_id": string,"id": string,"institution_id": string,"issued_at": string,"issued_by": string,"language": string,"report_id": string,"revoked_at": string | null,"revoked_by": string | null,"student_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "expires_at": string,"guardian_id": string,"id"?: string,"institution_id": string,"issued_at"?: string,"issued_by": string,"language": string,"report_id": string,"revoked_at"?: string | null,"revoked_by"?: string | null,"student_id": string
                  }
                  Update: {
                    "expires_at"?: string,"guardian_id"?: string,"id"?: string,"institution_id"?: string,"issued_at"?: string,"issued_by"?: string,"language"?: string,"report_id"?: string,"revoked_at"?: string | null,"revoked_by"?: string | null,"student_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "report_share_links_guardian_fkey"
      columns: ["institution_id","student_id","guardian_id"]
isOneToOne: false
      referencedRelation: "student_guardians"
      referencedColumns: ["institution_id","student_id","guardian_id"]
    },{
      foreignKeyName: "report_share_links_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "report_share_links_report_fkey"
      columns: ["institution_id","report_id"]
isOneToOne: false
      referencedRelation: "hpc_published_reports"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "report_share_links_report_fkey"
      columns: ["institution_id","report_id"]
isOneToOne: false
      referencedRelation: "hpc_reports"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"rubric_translations": {
                  Row: {
                    "created_at": string,"created_by": string | null,"descriptor": string | null,"institution_id": string,"label": string,"language": Database["public"]['Enums']["hpc_language"],"rubric_id": string,"updated_at": string,"updated_by": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"created_by"?: string | null,"descriptor"?: string | null,"institution_id"?: string,"label": string,"language": Database["public"]['Enums']["hpc_language"],"rubric_id": string,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Update: {
                    "created_at"?: string,"created_by"?: string | null,"descriptor"?: string | null,"institution_id"?: string,"label"?: string,"language"?: Database["public"]['Enums']["hpc_language"],"rubric_id"?: string,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "rubric_translations_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "rubric_translations_rubric_fkey"
      columns: ["institution_id","rubric_id"]
isOneToOne: false
      referencedRelation: "hpc_rubrics"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"section_courses": {
                  Row: {
                    "course_id": string,"created_at": string | null,"id": string,"institution_id": string,"lab_block_size": number | null,"priority": number | null,"section_id": string,"teacher_id": string | null,"updated_at": string | null,"weekly_lab_periods": number | null,"weekly_theory_periods": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "course_id": string,"created_at"?: string | null,"id"?: string,"institution_id"?: string,"lab_block_size"?: number | null,"priority"?: number | null,"section_id": string,"teacher_id"?: string | null,"updated_at"?: string | null,"weekly_lab_periods"?: number | null,"weekly_theory_periods"?: number | null
                  }
                  Update: {
                    "course_id"?: string,"created_at"?: string | null,"id"?: string,"institution_id"?: string,"lab_block_size"?: number | null,"priority"?: number | null,"section_id"?: string,"teacher_id"?: string | null,"updated_at"?: string | null,"weekly_lab_periods"?: number | null,"weekly_theory_periods"?: number | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "section_courses_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "section_courses_tenant_course_fkey"
      columns: ["institution_id","course_id"]
isOneToOne: false
      referencedRelation: "courses"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "section_courses_tenant_section_fkey"
      columns: ["institution_id","section_id"]
isOneToOne: false
      referencedRelation: "sections"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "section_courses_tenant_teacher_fkey"
      columns: ["institution_id","teacher_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"section_students": {
                  Row: {
                    "created_at": string | null,"id": string,"institution_id": string,"section_id": string,"student_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string | null,"id"?: string,"institution_id"?: string,"section_id": string,"student_id": string
                  }
                  Update: {
                    "created_at"?: string | null,"id"?: string,"institution_id"?: string,"section_id"?: string,"student_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "section_students_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "section_students_tenant_section_fkey"
      columns: ["institution_id","section_id"]
isOneToOne: false
      referencedRelation: "sections"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "section_students_tenant_student_fkey"
      columns: ["institution_id","student_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"sections": {
                  Row: {
                    "cohort_id": string,"created_at": string | null,"id": string,"institution_id": string,"name": string,"updated_at": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "cohort_id": string,"created_at"?: string | null,"id"?: string,"institution_id"?: string,"name": string,"updated_at"?: string | null
                  }
                  Update: {
                    "cohort_id"?: string,"created_at"?: string | null,"id"?: string,"institution_id"?: string,"name"?: string,"updated_at"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "sections_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "sections_tenant_cohort_fkey"
      columns: ["institution_id","cohort_id"]
isOneToOne: false
      referencedRelation: "cohorts"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"slot_template_assignments": {
                  Row: {
                    "cohort_id": string | null,"created_at": string | null,"id": string,"institution_id": string,"section_id": string | null,"slot_template_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "cohort_id"?: string | null,"created_at"?: string | null,"id"?: string,"institution_id": string,"section_id"?: string | null,"slot_template_id": string
                  }
                  Update: {
                    "cohort_id"?: string | null,"created_at"?: string | null,"id"?: string,"institution_id"?: string,"section_id"?: string | null,"slot_template_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "slot_template_assignments_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "slot_template_assignments_tenant_cohort_fkey"
      columns: ["institution_id","cohort_id"]
isOneToOne: false
      referencedRelation: "cohorts"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "slot_template_assignments_tenant_section_fkey"
      columns: ["institution_id","section_id"]
isOneToOne: false
      referencedRelation: "sections"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "slot_template_assignments_tenant_slot_template_fkey"
      columns: ["institution_id","slot_template_id"]
isOneToOne: false
      referencedRelation: "slot_templates"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"slot_templates": {
                  Row: {
                    "bells": Json | null,"created_at": string | null,"days_per_week": number | null,"id": string,"institution_id": string,"name": string,"periods_per_day": number | null,"updated_at": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "bells"?: Json | null,"created_at"?: string | null,"days_per_week"?: number | null,"id"?: string,"institution_id": string,"name": string,"periods_per_day"?: number | null,"updated_at"?: string | null
                  }
                  Update: {
                    "bells"?: Json | null,"created_at"?: string | null,"days_per_week"?: number | null,"id"?: string,"institution_id"?: string,"name"?: string,"periods_per_day"?: number | null,"updated_at"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "slot_templates_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    }
                  ]
                },"staff_duties": {
                  Row: {
                    "active": boolean,"course_id": string | null,"created_at": string,"created_by": string | null,"duty": string,"id": string,"institution_id": string,"section_id": string | null,"stage": string | null,"updated_at": string,"updated_by": string | null,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "active"?: boolean,"course_id"?: string | null,"created_at"?: string,"created_by"?: string | null,"duty": string,"id"?: string,"institution_id": string,"section_id"?: string | null,"stage"?: string | null,"updated_at"?: string,"updated_by"?: string | null,"user_id": string
                  }
                  Update: {
                    "active"?: boolean,"course_id"?: string | null,"created_at"?: string,"created_by"?: string | null,"duty"?: string,"id"?: string,"institution_id"?: string,"section_id"?: string | null,"stage"?: string | null,"updated_at"?: string,"updated_by"?: string | null,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "staff_duties_course_fkey"
      columns: ["institution_id","course_id"]
isOneToOne: false
      referencedRelation: "courses"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "staff_duties_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "staff_duties_section_fkey"
      columns: ["institution_id","section_id"]
isOneToOne: false
      referencedRelation: "sections"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "staff_duties_user_fkey"
      columns: ["institution_id","user_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"student_guardians": {
                  Row: {
                    "created_at": string,"created_by": string | null,"guardian_id": string,"institution_id": string,"is_primary": boolean,"relationship": string,"student_id": string,"updated_at": string,"updated_by": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"created_by"?: string | null,"guardian_id": string,"institution_id": string,"is_primary"?: boolean,"relationship": string,"student_id": string,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Update: {
                    "created_at"?: string,"created_by"?: string | null,"guardian_id"?: string,"institution_id"?: string,"is_primary"?: boolean,"relationship"?: string,"student_id"?: string,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "student_guardians_guardian_fkey"
      columns: ["institution_id","guardian_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "student_guardians_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "student_guardians_student_fkey"
      columns: ["institution_id","student_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"system_reports": {
                  Row: {
                    "download_count": number | null,"file_path": string | null,"file_size": number | null,"filters": Json | null,"generated_at": string | null,"generated_by": string | null,"id": string,"institution_id": string | null,"name": string,"status": string | null,"type": string
                  }
                  ComputedFields: never
                  Insert: {
                    "download_count"?: number | null,"file_path"?: string | null,"file_size"?: number | null,"filters"?: Json | null,"generated_at"?: string | null,"generated_by"?: string | null,"id"?: string,"institution_id"?: string | null,"name": string,"status"?: string | null,"type": string
                  }
                  Update: {
                    "download_count"?: number | null,"file_path"?: string | null,"file_size"?: number | null,"filters"?: Json | null,"generated_at"?: string | null,"generated_by"?: string | null,"id"?: string,"institution_id"?: string | null,"name"?: string,"status"?: string | null,"type"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "system_reports_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    }
                  ]
                },"system_settings": {
                  Row: {
                    "category": string,"description": string | null,"id": string,"institution_id": string | null,"key": string,"updated_at": string | null,"updated_by": string | null,"value": string
                  }
                  ComputedFields: never
                  Insert: {
                    "category": string,"description"?: string | null,"id"?: string,"institution_id"?: string | null,"key": string,"updated_at"?: string | null,"updated_by"?: string | null,"value": string
                  }
                  Update: {
                    "category"?: string,"description"?: string | null,"id"?: string,"institution_id"?: string | null,"key"?: string,"updated_at"?: string | null,"updated_by"?: string | null,"value"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "system_settings_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    }
                  ]
                },"teacher_grade_eligibility": {
                  Row: {
                    "created_at": string | null,"grade": string,"id": string,"institution_id": string,"teacher_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string | null,"grade": string,"id"?: string,"institution_id": string,"teacher_id": string
                  }
                  Update: {
                    "created_at"?: string | null,"grade"?: string,"id"?: string,"institution_id"?: string,"teacher_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "teacher_grade_eligibility_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "teacher_grade_eligibility_tenant_teacher_fkey"
      columns: ["institution_id","teacher_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"teacher_load_rules": {
                  Row: {
                    "availability": Json | null,"created_at": string | null,"id": string,"institution_id": string,"max_periods_per_day": number | null,"max_periods_per_week": number | null,"teacher_id": string,"updated_at": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "availability"?: Json | null,"created_at"?: string | null,"id"?: string,"institution_id": string,"max_periods_per_day"?: number | null,"max_periods_per_week"?: number | null,"teacher_id": string,"updated_at"?: string | null
                  }
                  Update: {
                    "availability"?: Json | null,"created_at"?: string | null,"id"?: string,"institution_id"?: string,"max_periods_per_day"?: number | null,"max_periods_per_week"?: number | null,"teacher_id"?: string,"updated_at"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "teacher_load_rules_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "teacher_load_rules_tenant_teacher_fkey"
      columns: ["institution_id","teacher_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"teacher_subject_eligibility": {
                  Row: {
                    "course_id": string,"created_at": string | null,"id": string,"institution_id": string,"teacher_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "course_id": string,"created_at"?: string | null,"id"?: string,"institution_id": string,"teacher_id": string
                  }
                  Update: {
                    "course_id"?: string,"created_at"?: string | null,"id"?: string,"institution_id"?: string,"teacher_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "teacher_subject_eligibility_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "teacher_subject_eligibility_tenant_course_fkey"
      columns: ["institution_id","course_id"]
isOneToOne: false
      referencedRelation: "courses"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "teacher_subject_eligibility_tenant_teacher_fkey"
      columns: ["institution_id","teacher_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"timetable_conflicts": {
                  Row: {
                    "conflict_type": string,"course_id": string | null,"created_at": string | null,"day_of_week": number,"details": Json | null,"id": string,"institution_id": string,"period_index": number,"resolved": boolean | null,"section_id": string | null,"teacher_id": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "conflict_type": string,"course_id"?: string | null,"created_at"?: string | null,"day_of_week": number,"details"?: Json | null,"id"?: string,"institution_id": string,"period_index": number,"resolved"?: boolean | null,"section_id"?: string | null,"teacher_id"?: string | null
                  }
                  Update: {
                    "conflict_type"?: string,"course_id"?: string | null,"created_at"?: string | null,"day_of_week"?: number,"details"?: Json | null,"id"?: string,"institution_id"?: string,"period_index"?: number,"resolved"?: boolean | null,"section_id"?: string | null,"teacher_id"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "timetable_conflicts_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "timetable_conflicts_tenant_course_fkey"
      columns: ["institution_id","course_id"]
isOneToOne: false
      referencedRelation: "courses"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "timetable_conflicts_tenant_section_fkey"
      columns: ["institution_id","section_id"]
isOneToOne: false
      referencedRelation: "sections"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "timetable_conflicts_tenant_teacher_fkey"
      columns: ["institution_id","teacher_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"timetable_sessions": {
                  Row: {
                    "course_id": string,"created_at": string | null,"day_of_week": number,"duration_periods": number | null,"id": string,"institution_id": string,"locked": boolean | null,"period_index": number,"section_id": string,"session_type": string | null,"teacher_id": string | null,"timetable_id": string,"updated_at": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "course_id": string,"created_at"?: string | null,"day_of_week": number,"duration_periods"?: number | null,"id"?: string,"institution_id": string,"locked"?: boolean | null,"period_index": number,"section_id": string,"session_type"?: string | null,"teacher_id"?: string | null,"timetable_id": string,"updated_at"?: string | null
                  }
                  Update: {
                    "course_id"?: string,"created_at"?: string | null,"day_of_week"?: number,"duration_periods"?: number | null,"id"?: string,"institution_id"?: string,"locked"?: boolean | null,"period_index"?: number,"section_id"?: string,"session_type"?: string | null,"teacher_id"?: string | null,"timetable_id"?: string,"updated_at"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "timetable_sessions_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "timetable_sessions_tenant_course_fkey"
      columns: ["institution_id","course_id"]
isOneToOne: false
      referencedRelation: "courses"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "timetable_sessions_tenant_section_fkey"
      columns: ["institution_id","section_id"]
isOneToOne: false
      referencedRelation: "sections"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "timetable_sessions_tenant_teacher_fkey"
      columns: ["institution_id","teacher_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "timetable_sessions_tenant_timetable_fkey"
      columns: ["institution_id","timetable_id"]
isOneToOne: false
      referencedRelation: "timetables"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"timetables": {
                  Row: {
                    "academic_term_id": string,"created_at": string | null,"generated_at": string | null,"generated_by": string | null,"id": string,"institution_id": string,"published_at": string | null,"published_by": string | null,"section_id": string,"status": string | null,"updated_at": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "academic_term_id": string,"created_at"?: string | null,"generated_at"?: string | null,"generated_by"?: string | null,"id"?: string,"institution_id": string,"published_at"?: string | null,"published_by"?: string | null,"section_id": string,"status"?: string | null,"updated_at"?: string | null
                  }
                  Update: {
                    "academic_term_id"?: string,"created_at"?: string | null,"generated_at"?: string | null,"generated_by"?: string | null,"id"?: string,"institution_id"?: string,"published_at"?: string | null,"published_by"?: string | null,"section_id"?: string,"status"?: string | null,"updated_at"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "timetables_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "timetables_tenant_generated_by_fkey"
      columns: ["institution_id","generated_by"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "timetables_tenant_published_by_fkey"
      columns: ["institution_id","published_by"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "timetables_tenant_section_fkey"
      columns: ["institution_id","section_id"]
isOneToOne: false
      referencedRelation: "sections"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "timetables_tenant_term_fkey"
      columns: ["institution_id","academic_term_id"]
isOneToOne: false
      referencedRelation: "academic_terms"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"user_groups": {
                  Row: {
                    "created_at": string | null,"description": string | null,"id": string,"institution_id": string | null,"name": string,"parent_group_id": string | null,"type": string,"updated_at": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string | null,"description"?: string | null,"id"?: string,"institution_id"?: string | null,"name": string,"parent_group_id"?: string | null,"type": string,"updated_at"?: string | null
                  }
                  Update: {
                    "created_at"?: string | null,"description"?: string | null,"id"?: string,"institution_id"?: string | null,"name"?: string,"parent_group_id"?: string | null,"type"?: string,"updated_at"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "user_groups_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "user_groups_parent_group_id_fkey"
      columns: ["parent_group_id"]
isOneToOne: false
      referencedRelation: "user_groups"
      referencedColumns: ["id"]
    }
                  ]
                },"user_permissions": {
                  Row: {
                    "expires_at": string | null,"granted_at": string | null,"granted_by": string | null,"id": string,"institution_id": string,"permission": string,"resource": string | null,"user_id": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "expires_at"?: string | null,"granted_at"?: string | null,"granted_by"?: string | null,"id"?: string,"institution_id": string,"permission": string,"resource"?: string | null,"user_id"?: string | null
                  }
                  Update: {
                    "expires_at"?: string | null,"granted_at"?: string | null,"granted_by"?: string | null,"id"?: string,"institution_id"?: string,"permission"?: string,"resource"?: string | null,"user_id"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "user_permissions_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "user_permissions_tenant_user_fkey"
      columns: ["institution_id","user_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                },"user_profiles": {
                  Row: {
                    "accommodation_type": string | null,"admission_number": string | null,"blood_group": string | null,"caste_category": string | null,"contact_number": string | null,"created_at": string | null,"created_by": string | null,"current_standard": string | null,"date_of_admission": string | null,"date_of_birth": string | null,"date_of_joining": string | null,"department": string | null,"designation": string | null,"email": string,"emergency_contact": string | null,"employee_id": string | null,"full_name": string,"gender": string | null,"group_id": string | null,"id": string,"institution_id": string,"nationality": string | null,"parent_contact_number": string | null,"parent_guardian_name": string | null,"peer_group": string | null,"profile_data": Json | null,"religion": string | null,"residential_address": string | null,"role": string,"section": string | null,"status": string | null,"updated_at": string | null,"updated_by": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "accommodation_type"?: string | null,"admission_number"?: string | null,"blood_group"?: string | null,"caste_category"?: string | null,"contact_number"?: string | null,"created_at"?: string | null,"created_by"?: string | null,"current_standard"?: string | null,"date_of_admission"?: string | null,"date_of_birth"?: string | null,"date_of_joining"?: string | null,"department"?: string | null,"designation"?: string | null,"email": string,"emergency_contact"?: string | null,"employee_id"?: string | null,"full_name": string,"gender"?: string | null,"group_id"?: string | null,"id"?: string,"institution_id"?: string,"nationality"?: string | null,"parent_contact_number"?: string | null,"parent_guardian_name"?: string | null,"peer_group"?: string | null,"profile_data"?: Json | null,"religion"?: string | null,"residential_address"?: string | null,"role"?: string,"section"?: string | null,"status"?: string | null,"updated_at"?: string | null,"updated_by"?: string | null
                  }
                  Update: {
                    "accommodation_type"?: string | null,"admission_number"?: string | null,"blood_group"?: string | null,"caste_category"?: string | null,"contact_number"?: string | null,"created_at"?: string | null,"created_by"?: string | null,"current_standard"?: string | null,"date_of_admission"?: string | null,"date_of_birth"?: string | null,"date_of_joining"?: string | null,"department"?: string | null,"designation"?: string | null,"email"?: string,"emergency_contact"?: string | null,"employee_id"?: string | null,"full_name"?: string,"gender"?: string | null,"group_id"?: string | null,"id"?: string,"institution_id"?: string,"nationality"?: string | null,"parent_contact_number"?: string | null,"parent_guardian_name"?: string | null,"peer_group"?: string | null,"profile_data"?: Json | null,"religion"?: string | null,"residential_address"?: string | null,"role"?: string,"section"?: string | null,"status"?: string | null,"updated_at"?: string | null,"updated_by"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "fk_user_profiles_group_id"
      columns: ["group_id"]
isOneToOne: false
      referencedRelation: "user_groups"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "user_profiles_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    }
                  ]
                }
          }
          Views: {
            "hpc_published_reports": {
                  Row: {
                    "content": NonNullable<Json>,"content_hash": string | null,"created_at": string,"created_by": string | null,"cycle_id": string,"id": string,"institution_id": string,"is_current": boolean,"language": string,"lock_version": number,"published_at": string | null,"published_by": string | null,"release_at": string | null,"reopen_reason": string | null,"status": Database["public"]['Enums']["hpc_report_status"],"student_id": string,"supersedes_id": string | null,"updated_at": string,"updated_by": string | null,"version": number
                  }
                  ComputedFields: never
                  Relationships: [
                    {
      foreignKeyName: "hpc_reports_cycle_fkey"
      columns: ["institution_id","cycle_id"]
isOneToOne: false
      referencedRelation: "hpc_evaluation_cycles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_reports_institution_id_fkey"
      columns: ["institution_id"]
isOneToOne: false
      referencedRelation: "institutions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "hpc_reports_published_by_fkey"
      columns: ["institution_id","published_by"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_reports_student_fkey"
      columns: ["institution_id","student_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_reports_supersedes_fkey"
      columns: ["institution_id","supersedes_id"]
isOneToOne: false
      referencedRelation: "hpc_published_reports"
      referencedColumns: ["institution_id","id"]
    },{
      foreignKeyName: "hpc_reports_supersedes_fkey"
      columns: ["institution_id","supersedes_id"]
isOneToOne: false
      referencedRelation: "hpc_reports"
      referencedColumns: ["institution_id","id"]
    }
                  ]
                }
          }
          Functions: {
            "hpc_analytics_completion":
{ Args: { "p_cycle_id": string,"p_section_id"?: string }; Returns: {
              "drafts": number,"expected": number,"missing": number,"parameter_code": string,"parameter_id": string,"rater_role": Database["public"]['Enums']["hpc_rater_role"],"section_id": string,"submitted": number,"teacher_id": string
            }[]
                           },
"hpc_analytics_level_distribution":
{ Args: { "p_cycle_id": string,"p_section_id"?: string }; Returns: {
              "ability": string,"area_code": string,"level_ordinal": number,"parameter_code": string,"parameter_id": string,"rater_role": Database["public"]['Enums']["hpc_rater_role"],"ratings": number,"section_id": string,"stage": Database["public"]['Enums']["hpc_stage"]
            }[]
                           },
"hpc_analytics_overview":
{ Args: { "p_cycle_id"?: string }; Returns: {
              "completion_pct": number,"cycle_id": string,"cycle_name": string,"cycle_status": Database["public"]['Enums']["hpc_cycle_status"],"ratings_draft": number,"ratings_expected": number,"ratings_submitted": number,"reports": number,"reports_in_workflow": number,"reports_published": number,"sections": number,"students": number,"students_rated": number,"teacher_level_1": number,"teacher_level_2": number,"teacher_level_3": number,"teacher_level_4_plus": number,"term_number": number
            }[]
                           },
"hpc_analytics_student_progress":
{ Args: { "p_student_id": string }; Returns: {
              "ability": string,"area_code": string,"cycle_id": string,"parent_level": number,"peer_level": number,"ratings": number,"self_level": number,"stage": Database["public"]['Enums']["hpc_stage"],"teacher_level": number,"term_number": number
            }[]
                           },
"hpc_batch_run":
{ Args: { "p_job_id": string,"p_max_items"?: number,"p_max_ms"?: number }; Returns: Database["public"]['CompositeTypes']["hpc_batch_progress"]
                          SetofOptions: {
        from: "*"
        to: "hpc_batch_progress"
        isOneToOne: true
        isSetofReturn: false
      } },
"hpc_batch_start":
{ Args: { "p_action"?: Database["public"]['Enums']["hpc_report_action"],"p_comment"?: string,"p_cycle_id": string,"p_kind": Database["public"]['Enums']["hpc_batch_kind"],"p_release_at"?: string,"p_section_id"?: string }; Returns: Database["public"]['CompositeTypes']["hpc_batch_progress"]
                          SetofOptions: {
        from: "*"
        to: "hpc_batch_progress"
        isOneToOne: true
        isSetofReturn: false
      } },
"hpc_class_sheet":
{ Args: { "p_cycle_id": string,"p_section_id": string }; Returns: Json
                           },
"hpc_class_teachers":
{ Args: Record<PropertyKey, never>; Returns: {
              "class_teacher_id": string,"class_teacher_name": string,"section_id": string,"section_name": string,"student_id": string,"student_name": string
            }[]
                           },
"hpc_consents":
{ Args: { "p_student_id": string }; Returns: Json
                           },
"hpc_erase_student":
{ Args: { "p_dry_run"?: boolean,"p_student_id": string }; Returns: Json
                           },
"hpc_fill_comment_phrases":
{ Args: { "p_language"?: string,"p_level_ordinal"?: number,"p_parameter_id"?: string,"p_student_id": string }; Returns: {
              "filled": string,"language": string,"level_ordinal": number,"parameter_code": string,"parameter_id": string,"phrase": string,"phrase_id": string
            }[]
                           },
"hpc_generate_report":
{ Args: { "p_cycle_id": string,"p_student_id": string }; Returns: Database["public"]['CompositeTypes']["hpc_generated_report"]
                          SetofOptions: {
        from: "*"
        to: "hpc_generated_report"
        isOneToOne: true
        isSetofReturn: false
      } },
"hpc_issue_section_share_links":
{ Args: { "p_cycle_id": string,"p_expires_in"?: string,"p_language"?: string,"p_section_id": string }; Returns: Json
                           },
"hpc_issue_share_link":
{ Args: { "p_expires_in"?: string,"p_guardian_id": string,"p_language"?: string,"p_report_id": string }; Returns: Json
                           },
"hpc_record_consent":
{ Args: { "p_given_at"?: string,"p_guardian_id": string,"p_part": Database["public"]['Enums']["hpc_consent_part"],"p_student_id": string }; Returns: string
                           },
"hpc_reports_awaiting_me":
{ Args: { "p_limit"?: number }; Returns: {
              "action": Database["public"]['Enums']["hpc_awaited_move"],"approver_duty": Database["public"]['Enums']["hpc_staff_duty"],"cycle_id": string,"lock_version": number,"report_id": string,"round": number,"since": string,"status": Database["public"]['Enums']["hpc_report_status"],"student_id": string,"student_name": string,"version": number
            }[]
                           },
"hpc_retention_status":
{ Args: Record<PropertyKey, never>; Returns: Json
                           },
"hpc_revoke_share_link":
{ Args: { "p_link_id": string }; Returns: boolean
                           },
"hpc_save_class_sheet":
{ Args: { "p_cells": Json,"p_cycle_id": string,"p_dry_run"?: boolean,"p_section_id": string }; Returns: Database["public"]['CompositeTypes']["hpc_class_sheet_result"]
                          SetofOptions: {
        from: "*"
        to: "hpc_class_sheet_result"
        isOneToOne: true
        isSetofReturn: false
      } },
"hpc_save_narrative":
{ Args: { "p_barriers"?: string,"p_cycle_id": string,"p_source_phrase_id"?: string,"p_strengths"?: string,"p_student_id": string,"p_summary": string }; Returns: string
                           },
"hpc_section_share_receipts":
{ Args: { "p_cycle_id": string,"p_section_id": string }; Returns: Json
                           },
"hpc_set_consent_required":
{ Args: { "p_required": boolean }; Returns: boolean
                           },
"hpc_set_cycle_status":
{ Args: { "p_cycle_id": string,"p_status": Database["public"]['Enums']["hpc_cycle_status"] }; Returns: {
              "academic_term_id": string,
"closes_on": string,
"created_at": string,
"created_by": string | null,
"id": string,
"institution_id": string,
"name": string,
"opens_on": string,
"status": Database["public"]['Enums']["hpc_cycle_status"],
"term_number": number,
"updated_at": string,
"updated_by": string | null
            }
                          SetofOptions: {
        from: "*"
        to: "hpc_evaluation_cycles"
        isOneToOne: true
        isSetofReturn: false
      } },
"hpc_set_retention_period":
{ Args: { "p_years": number }; Returns: Json
                           },
"hpc_share_receipts":
{ Args: { "p_report_id": string }; Returns: Json
                           },
"hpc_student_record":
{ Args: { "p_student_id": string }; Returns: Json
                           },
"hpc_transition_report":
{ Args: { "p_action": Database["public"]['Enums']["hpc_report_action"],"p_comment"?: string,"p_expected_version": number,"p_release_at"?: string,"p_report_id": string }; Returns: Database["public"]['CompositeTypes']["hpc_report_transition"]
                          SetofOptions: {
        from: "*"
        to: "hpc_report_transition"
        isOneToOne: true
        isSetofReturn: false
      } },
"hpc_withdraw_consent":
{ Args: { "p_part": Database["public"]['Enums']["hpc_consent_part"],"p_student_id": string }; Returns: boolean
                           },
"previous_version":
{ Args: { "": Database["public"]['Tables']["hpc_reports"]['Row'] }; Returns: { error: true } & "the function public.previous_version with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
                          SetofOptions: {
        from: "hpc_reports"
        to: "hpc_reports"
        isOneToOne: true
        isSetofReturn: true
      } } |
{ Args: { "p_report": Record<string, unknown> }; Returns: {
              "content": NonNullable<Json>,
"content_hash": string | null,
"created_at": string,
"created_by": string | null,
"cycle_id": string,
"id": string,
"institution_id": string,
"is_current": boolean,
"language": string,
"lock_version": number,
"published_at": string | null,
"published_by": string | null,
"release_at": string | null,
"reopen_reason": string | null,
"status": Database["public"]['Enums']["hpc_report_status"],
"student_id": string,
"supersedes_id": string | null,
"updated_at": string,
"updated_by": string | null,
"version": number
            }
                          SetofOptions: {
        from: "*"
        to: "hpc_reports"
        isOneToOne: true
        isSetofReturn: true
      } },
"search_users":
{ Args: { "filter_department"?: (string)[],"filter_peer_group"?: (string)[],"filter_role"?: (string)[],"filter_status"?: (string)[],"limit_count"?: number,"offset_count"?: number,"search_term"?: string }; Returns: {
              "admission_number": string,"contact_number": string,"created_at": string,"department": string,"email": string,"employee_id": string,"full_name": string,"id": string,"peer_group": string,"role": string,"status": string,"total_count": number
            }[]
                           }
          }
          Enums: {
            "audit_operation": "INSERT"|"UPDATE"|"DELETE","hpc_achievement_category": "academic"|"sports"|"arts"|"cultural"|"community_service"|"leadership"|"other","hpc_achievement_level": "class"|"school"|"inter_school"|"district"|"state"|"national"|"international","hpc_analytics_scope": "institution"|"stage"|"grade"|"section"|"area"|"parameter","hpc_approval_decision": "pending"|"approved"|"changes_requested","hpc_approval_kind": "chain"|"step","hpc_awaited_move": "submit"|"review"|"publish","hpc_batch_kind": "generate"|"transition","hpc_batch_status": "queued"|"running"|"completed"|"cancelled","hpc_consent_part": "parent"|"peer","hpc_conversation_author_role": "teacher"|"parent"|"student"|"coordinator"|"principal","hpc_cycle_status": "planned"|"open"|"closed"|"locked"|"archived","hpc_entry_status": "draft"|"submitted","hpc_generate_outcome": "created"|"updated"|"unchanged","hpc_language": "en"|"hi"|"ta","hpc_rater_role": "teacher"|"self"|"peer"|"parent","hpc_reflection_author_role": "self"|"parent"|"teacher","hpc_reflection_kind": "all_about_me"|"self_reflection"|"ambition_goal"|"ambition_review"|"parent_partnership","hpc_report_action": "submit"|"approve"|"request_changes"|"publish"|"reopen","hpc_report_status": "draft"|"submitted"|"in_review"|"changes_requested"|"approved"|"published","hpc_staff_duty": "class_teacher"|"subject_teacher"|"coordinator"|"principal"|"institution_admin","hpc_stage": "foundational"|"preparatory"|"middle"|"secondary"
          }
          CompositeTypes: {
            "hpc_batch_progress": {
                        "job_id": string | null,"kind": Database["public"]['Enums']["hpc_batch_kind"] | null,"action": Database["public"]['Enums']["hpc_report_action"] | null,"cycle_id": string | null,"section_id": string | null,"status": Database["public"]['Enums']["hpc_batch_status"] | null,"total": number | null,"processed": number | null,"succeeded": number | null,"unchanged": number | null,"skipped": number | null,"failed": number | null,"errors": Json | null,"started_at": string | null,"finished_at": string | null,"done": boolean | null,"busy": boolean | null
                      },"hpc_class_sheet_result": {
                        "cells": number | null,"inserted": number | null,"updated": number | null,"unchanged": number | null,"dry_run": boolean | null,"problems": Json | null
                      },"hpc_generated_report": {
                        "report_id": string | null,"cycle_id": string | null,"student_id": string | null,"version": number | null,"status": Database["public"]['Enums']["hpc_report_status"] | null,"lock_version": number | null,"content_hash": string | null,"outcome": Database["public"]['Enums']["hpc_generate_outcome"] | null
                      },"hpc_report_transition": {
                        "report_id": string | null,"version": number | null,"status": Database["public"]['Enums']["hpc_report_status"] | null,"lock_version": number | null,"is_current": boolean | null,"release_at": string | null,"published_at": string | null,"action": Database["public"]['Enums']["hpc_report_action"] | null,"step_id": string | null,"previous_report_id": string | null
                      }
          }
        }
}

type DatabaseWithoutInternals = Omit<Database, '__InternalSupabase'>

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
  ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
      Row: infer R
    }
    ? R
    : never
  : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
  ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
      Insert: infer I
    }
    ? I
    : never
  : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
  ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
      Update: infer U
    }
    ? U
    : never
  : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
  ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
  : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
  ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
  : never

export const Constants = {
  "public": {
          Enums: {
            "audit_operation": ["INSERT", "UPDATE", "DELETE"],"hpc_achievement_category": ["academic", "sports", "arts", "cultural", "community_service", "leadership", "other"],"hpc_achievement_level": ["class", "school", "inter_school", "district", "state", "national", "international"],"hpc_analytics_scope": ["institution", "stage", "grade", "section", "area", "parameter"],"hpc_approval_decision": ["pending", "approved", "changes_requested"],"hpc_approval_kind": ["chain", "step"],"hpc_awaited_move": ["submit", "review", "publish"],"hpc_batch_kind": ["generate", "transition"],"hpc_batch_status": ["queued", "running", "completed", "cancelled"],"hpc_consent_part": ["parent", "peer"],"hpc_conversation_author_role": ["teacher", "parent", "student", "coordinator", "principal"],"hpc_cycle_status": ["planned", "open", "closed", "locked", "archived"],"hpc_entry_status": ["draft", "submitted"],"hpc_generate_outcome": ["created", "updated", "unchanged"],"hpc_language": ["en", "hi", "ta"],"hpc_rater_role": ["teacher", "self", "peer", "parent"],"hpc_reflection_author_role": ["self", "parent", "teacher"],"hpc_reflection_kind": ["all_about_me", "self_reflection", "ambition_goal", "ambition_review", "parent_partnership"],"hpc_report_action": ["submit", "approve", "request_changes", "publish", "reopen"],"hpc_report_status": ["draft", "submitted", "in_review", "changes_requested", "approved", "published"],"hpc_staff_duty": ["class_teacher", "subject_teacher", "coordinator", "principal", "institution_admin"],"hpc_stage": ["foundational", "preparatory", "middle", "secondary"]
          }
        }
} as const
