// The handler of hpc-shared-card: the token and the client's address in, the card or one of
// two fixed refusals out.
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../_shared/auth.ts';
import { CardContent } from '../_shared/card/contract.ts';
import { type Language, LANGUAGES } from '../_shared/card/i18n/index.ts';
import { renderCard } from '../_shared/card/render.ts';
import * as db from './queries.ts';
import type * as routes from './routes.ts';

// A share link's page must not be cached by a shared cache nor leak its URL to another site.
const PRIVATE = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

// Fixed bodies, without the request id, so that every refusal is the same bytes whatever its
// reason (the request id is still in the x-request-id header).
const UNAVAILABLE = {
  error: {
    code: 'link_unavailable',
    message: 'This link cannot be opened. It may have expired or been withdrawn: ask the school for a new one.',
    requestId: null,
  },
};
const RATE_LIMITED = {
  error: { code: 'rate_limited', message: 'Too many requests. Try again after the time in Retry-After.', requestId: null },
};

/** The client as the platform's proxy passes it: the first address of x-forwarded-for. */
function clientAddress(forwardedFor: string | undefined): string {
  return (forwardedFor ?? '').split(',')[0]!.trim().slice(0, 100);
}

/** The link's language if the card prints in it; English otherwise. */
function printLanguage(language: string): Language {
  return (LANGUAGES as readonly string[]).includes(language) ? language as Language : 'en';
}

export const openSharedCard: RouteHandler<typeof routes.openSharedCard, AppEnv> = async (c) => {
  const { token } = c.req.valid('param');
  const answer = await db.openSharedCard(token, clientAddress(c.req.header('x-forwarded-for')));
  if (answer.outcome === 'rate_limited') {
    return c.json(RATE_LIMITED, 429, { ...PRIVATE, 'retry-after': String(answer.retry_after) });
  }
  if (answer.outcome !== 'open') return c.json(UNAVAILABLE, 404, PRIVATE);
  const { report } = answer;
  const lang = printLanguage(answer.language);
  const content = CardContent.parse(report.content);
  const html = renderCard(content, {
    reportId: report.id,
    version: report.version,
    status: report.status,
    contentHash: report.content_hash,
    publishedAt: report.published_at,
  }, lang);
  const student = String(content.student?.admission_number ?? report.student_id).replace(/[^A-Za-z0-9_-]/g, '_');
  return c.json(
    {
      version: report.version,
      language: lang,
      filename: `hpc-${student}-v${report.version}-${lang}.html`,
      content_type: 'text/html; charset=utf-8' as const,
      html,
    },
    200,
    PRIVATE,
  );
};
