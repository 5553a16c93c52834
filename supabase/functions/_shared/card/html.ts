// Small helpers for writing the card's HTML safely: every value from the card is escaped.

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Structured answers as one line of text: lists joined by commas, objects as "prompt: value"
 * (a prompt named by `prompts` in the card's language, else its key as words). */
export function plainText(value: unknown, prompts: Record<string, string> = {}): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => plainText(v, prompts)).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${prompts[k] ?? k.replace(/_/g, ' ')}: ${plainText(v, prompts)}`).join('; ');
  }
  return String(value);
}

/** The level icons many schools use (Stream, Mountain, Sky), as inline SVG; others a numbered circle. */
export function levelIcon(name: string | null | undefined, ordinal: number | null | undefined): string {
  const svg = (body: string) => `<svg class="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">${body}</svg>`;
  switch (name) {
    case 'stream':
      return svg('<path d="M1 5c2-2 4 2 7 0s4-2 7 0M1 10c2-2 4 2 7 0s4-2 7 0" fill="none" stroke="#2b7bb9" stroke-width="1.6"/>');
    case 'mountain':
      return svg('<path d="M1 14 6 5l3 5 2-3 4 7z" fill="#7a8b3c"/>');
    case 'sky':
      return svg(
        '<circle cx="11" cy="5" r="3" fill="#f2b705"/><path d="M2 12a3 3 0 0 1 3-3 4 4 0 0 1 7 1 2 2 0 0 1 0 4H4a2 2 0 0 1-2-2z" fill="#9ec9e8"/>',
      );
    default:
      return svg(
        `<circle cx="8" cy="8" r="6.5" fill="none" stroke="#555"/><text x="8" y="11" font-size="8" text-anchor="middle">${
          escapeHtml(ordinal ?? '')
        }</text>`,
      );
  }
}
