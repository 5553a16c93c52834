// The answers of hpc-shared-card.
import { z } from '@hono/zod-openapi';
import { LANGUAGES } from '../_shared/card/i18n/index.ts';

export const SharedCard = z
  .object({
    version: z.number(),
    language: z.enum(LANGUAGES),
    filename: z.string(),
    content_type: z.literal('text/html; charset=utf-8'),
    html: z.string(),
  })
  .openapi('SharedCard');

/** What private.report_share_open answers. */
export type OpenAnswer =
  | { outcome: 'refused' }
  | { outcome: 'rate_limited'; retry_after: number }
  | {
    outcome: 'open';
    link_id: string;
    language: string;
    report: {
      id: string;
      student_id: string;
      version: number;
      status: string;
      content: unknown;
      content_hash: string | null;
      published_at: string | null;
    };
  };
