
export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]

export type Database = {
  
  "public": {
          Tables: {
            "academic_terms": {
                  Row: {
                    "created_at": string,"end_date": string,"frozen": boolean,"id": string,"name": string,"start_date": string,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"end_date": string,"frozen"?: boolean,"id"?: string,"name": string,"start_date": string,"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"end_date"?: string,"frozen"?: boolean,"id"?: string,"name"?: string,"start_date"?: string,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"audit_logs": {
                  Row: {
                    "action": string,"id": string,"ip_address": unknown,"new_values": Json | null,"old_values": Json | null,"performed_at": string,"performed_by": string | null,"record_id": string | null,"table_name": string,"user_agent": string | null,"user_id": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "action": string,"id"?: string,"ip_address"?: unknown,"new_values"?: Json | null,"old_values"?: Json | null,"performed_at"?: string,"performed_by"?: string | null,"record_id"?: string | null,"table_name": string,"user_agent"?: string | null,"user_id"?: string | null
                  }
                  Update: {
                    "action"?: string,"id"?: string,"ip_address"?: unknown,"new_values"?: Json | null,"old_values"?: Json | null,"performed_at"?: string,"performed_by"?: string | null,"record_id"?: string | null,"table_name"?: string,"user_agent"?: string | null,"user_id"?: string | null
                  }
                  Relationships: [
                    
                  ]
                },"cohorts": {
                  Row: {
                    "academic_term_id": string,"boarding_type": string | null,"created_at": string,"grade": string,"id": string,"institution_id": string,"stream": string | null,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "academic_term_id": string,"boarding_type"?: string | null,"created_at"?: string,"grade": string,"id"?: string,"institution_id": string,"stream"?: string | null,"updated_at"?: string
                  }
                  Update: {
                    "academic_term_id"?: string,"boarding_type"?: string | null,"created_at"?: string,"grade"?: string,"id"?: string,"institution_id"?: string,"stream"?: string | null,"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "cohorts_academic_term_id_fkey"
      columns: ["academic_term_id"]
isOneToOne: false
      referencedRelation: "academic_terms"
      referencedColumns: ["id"]
    }
                  ]
                },"courses": {
                  Row: {
                    "active": boolean,"code": string,"created_at": string,"description": string | null,"id": string,"title": string,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "active"?: boolean,"code": string,"created_at"?: string,"description"?: string | null,"id"?: string,"title": string,"updated_at"?: string
                  }
                  Update: {
                    "active"?: boolean,"code"?: string,"created_at"?: string,"description"?: string | null,"id"?: string,"title"?: string,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"section_courses": {
                  Row: {
                    "course_id": string,"created_at": string,"id": string,"section_id": string,"teacher_id": string | null,"updated_at": string,"weekly_periods": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "course_id": string,"created_at"?: string,"id"?: string,"section_id": string,"teacher_id"?: string | null,"updated_at"?: string,"weekly_periods"?: number | null
                  }
                  Update: {
                    "course_id"?: string,"created_at"?: string,"id"?: string,"section_id"?: string,"teacher_id"?: string | null,"updated_at"?: string,"weekly_periods"?: number | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "section_courses_course_id_fkey"
      columns: ["course_id"]
isOneToOne: false
      referencedRelation: "courses"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "section_courses_section_id_fkey"
      columns: ["section_id"]
isOneToOne: false
      referencedRelation: "sections"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "section_courses_teacher_id_fkey"
      columns: ["teacher_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["id"]
    }
                  ]
                },"section_students": {
                  Row: {
                    "created_at": string,"id": string,"section_id": string,"student_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"id"?: string,"section_id": string,"student_id": string
                  }
                  Update: {
                    "created_at"?: string,"id"?: string,"section_id"?: string,"student_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "section_students_section_id_fkey"
      columns: ["section_id"]
isOneToOne: false
      referencedRelation: "sections"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "section_students_student_id_fkey"
      columns: ["student_id"]
isOneToOne: false
      referencedRelation: "user_profiles"
      referencedColumns: ["id"]
    }
                  ]
                },"sections": {
                  Row: {
                    "cohort_id": string,"created_at": string,"id": string,"name": string,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "cohort_id": string,"created_at"?: string,"id"?: string,"name": string,"updated_at"?: string
                  }
                  Update: {
                    "cohort_id"?: string,"created_at"?: string,"id"?: string,"name"?: string,"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "sections_cohort_id_fkey"
      columns: ["cohort_id"]
isOneToOne: false
      referencedRelation: "cohorts"
      referencedColumns: ["id"]
    }
                  ]
                },"user_groups": {
                  Row: {
                    "created_at": string,"description": string | null,"id": string,"name": string,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"description"?: string | null,"id"?: string,"name": string,"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"description"?: string | null,"id"?: string,"name"?: string,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"user_profiles": {
                  Row: {
                    "accommodation_type": string | null,"admission_number": string | null,"blood_group": string | null,"caste_category": string | null,"contact_number": string | null,"created_at": string,"created_by": string | null,"current_standard": string | null,"date_of_admission": string | null,"date_of_birth": string | null,"date_of_joining": string | null,"department": string | null,"designation": string | null,"email": string,"emergency_contact": string | null,"employee_id": string | null,"full_name": string,"gender": string | null,"group_id": string | null,"id": string,"nationality": string | null,"parent_contact_number": string | null,"parent_guardian_name": string | null,"peer_group": string | null,"profile_data": Json | null,"religion": string | null,"residential_address": string | null,"role": string,"section": string | null,"status": string,"updated_at": string,"updated_by": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "accommodation_type"?: string | null,"admission_number"?: string | null,"blood_group"?: string | null,"caste_category"?: string | null,"contact_number"?: string | null,"created_at"?: string,"created_by"?: string | null,"current_standard"?: string | null,"date_of_admission"?: string | null,"date_of_birth"?: string | null,"date_of_joining"?: string | null,"department"?: string | null,"designation"?: string | null,"email": string,"emergency_contact"?: string | null,"employee_id"?: string | null,"full_name": string,"gender"?: string | null,"group_id"?: string | null,"id"?: string,"nationality"?: string | null,"parent_contact_number"?: string | null,"parent_guardian_name"?: string | null,"peer_group"?: string | null,"profile_data"?: Json | null,"religion"?: string | null,"residential_address"?: string | null,"role"?: string,"section"?: string | null,"status"?: string,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Update: {
                    "accommodation_type"?: string | null,"admission_number"?: string | null,"blood_group"?: string | null,"caste_category"?: string | null,"contact_number"?: string | null,"created_at"?: string,"created_by"?: string | null,"current_standard"?: string | null,"date_of_admission"?: string | null,"date_of_birth"?: string | null,"date_of_joining"?: string | null,"department"?: string | null,"designation"?: string | null,"email"?: string,"emergency_contact"?: string | null,"employee_id"?: string | null,"full_name"?: string,"gender"?: string | null,"group_id"?: string | null,"id"?: string,"nationality"?: string | null,"parent_contact_number"?: string | null,"parent_guardian_name"?: string | null,"peer_group"?: string | null,"profile_data"?: Json | null,"religion"?: string | null,"residential_address"?: string | null,"role"?: string,"section"?: string | null,"status"?: string,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "user_profiles_group_id_fkey"
      columns: ["group_id"]
isOneToOne: false
      referencedRelation: "user_groups"
      referencedColumns: ["id"]
    }
                  ]
                }
          }
          Views: {
            [_ in never]: never
          }
          Functions: {
            "is_admin":
{ Args: Record<PropertyKey, never>; Returns: boolean
                           }
          }
          Enums: {
            [_ in never]: never
          }
          CompositeTypes: {
            [_ in never]: never
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
            
          }
        }
} as const
