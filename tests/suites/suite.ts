// What every suite of `npm test` reports back to the runner.
export interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Lines worth showing when the suite failed (what failed and why). */
  failures: string[];
}

export function result(name: string, cases: { ok: boolean; label: string; detail?: string }[]): SuiteResult {
  const failed = cases.filter((c) => !c.ok);
  return {
    name,
    passed: cases.length - failed.length,
    failed: failed.length,
    skipped: 0,
    failures: failed.map((c) => (c.detail ? `${c.label}\n${c.detail}` : c.label)),
  };
}
