// System packages the stack needs beyond the machine image: pgTAP, pg_cron, pgextwlist
// (lets `postgres` create the extensions hosted Supabase allows it) and pg_prove.
// Checked on every run (fast when present); installed with apt when missing.
import { run, isRoot, CommandError } from './shell.ts';

const DEBIAN_PACKAGES = [
  'postgresql-15-pgtap',
  'postgresql-15-cron',
  'postgresql-15-pgextwlist',
  'libtap-parser-sourcehandler-pgtap-perl',
  // the printable report card is tested in headless Chromium, with Noto Sans Devanagari (Hindi)
  // and Noto Sans Tamil (both in fonts-noto-core)
  'chromium',
  'fonts-noto-core',
];

async function isInstalled(pkg: string): Promise<boolean> {
  try {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own field syntax, not a template.
    const status = await run('dpkg-query', ['-W', '-f=${Status}', pkg]);
    return status.includes('install ok installed');
  } catch (error) {
    if (error instanceof CommandError) return false;
    throw error;
  }
}

export async function ensureSystemPackages(log: (line: string) => void): Promise<void> {
  const missing: string[] = [];
  for (const pkg of DEBIAN_PACKAGES) if (!(await isInstalled(pkg))) missing.push(pkg);
  if (missing.length === 0) return;

  const sudo = isRoot() ? [] : ['sudo', '-n'];
  log(`Installing Debian packages: ${missing.join(', ')}…`);
  const apt = (args: string[]) => {
    const [cmd, ...rest] = [...sudo, 'apt-get', ...args];
    return run(cmd!, rest, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  try {
    await apt(['update', '-qq']);
    await apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  } catch (error) {
    const hint = isRoot() ? '' : ' (as an ordinary user this needs password-less sudo, or install them once as root)';
    throw new Error(`Could not install ${missing.join(', ')}${hint}.\n${(error as Error).message}`);
  }
}
