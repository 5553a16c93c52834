// The ids, enums and texts the functions' requests and answers share. Every list of words is
// the database's own enum type, as the generated types list it, never restated here.
import { z } from '@hono/zod-openapi';
import { Constants } from './database.types.ts';

const Enums = Constants.public.Enums;

export const Id = z.guid();
export const IdParam = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });

export const ReportStatus = z.enum(Enums.hpc_report_status);
export const ReportAction = z.enum(Enums.hpc_report_action);
export const GenerateOutcome = z.enum(Enums.hpc_generate_outcome);
export const BatchKind = z.enum(Enums.hpc_batch_kind);
export const BatchStatus = z.enum(Enums.hpc_batch_status);
export const StaffDuty = z.enum(Enums.hpc_staff_duty);
export const ApprovalDecision = z.enum(Enums.hpc_approval_decision);
export const AwaitedMove = z.enum(Enums.hpc_awaited_move);

/** Text without NUL characters (PostgreSQL text cannot hold them). */
export const text = (max: number) => z.string().max(max).refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

/** An ISO 8601 date and time with its offset. */
export const DateTime = z.iso.datetime({ offset: true });
