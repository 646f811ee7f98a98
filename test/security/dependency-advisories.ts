import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The part of `semver` (a transitive dependency without its own types here) the checker uses. */
interface Semver {
  satisfies(version: string, range: string, options?: { includePrerelease?: boolean }): boolean;
  valid(version: string): string | null;
  validRange(range: string): string | null;
  minVersion(range: string): { version: string } | null;
}

const semver = createRequire(import.meta.url)('semver') as Semver;

export type Severity = 'low' | 'moderate' | 'high' | 'critical';

export interface Advisory {
  package: string;
  /** GHSA id, or the CVE where no GHSA id is known. */
  id: string;
  aliases: string[];
  severity: Severity;
  /** npm semver ranges of the affected versions. */
  vulnerable: string[];
  fixed: string[];
  summary: string;
  source: string;
  note?: string;
}

export interface AdvisoryTable {
  reviewed: string;
  advisories: Advisory[];
}

/** One installed copy of a package, as package-lock.json lists it. */
export interface InstalledPackage {
  name: string;
  version: string;
  /** Where it sits in node_modules: nested copies have a path of their own. */
  path: string;
}

export interface Finding {
  installed: InstalledPackage;
  advisory: Advisory;
}

interface LockEntry {
  version?: string;
  name?: string;
  link?: boolean;
}

export interface PackageLock {
  packages?: Record<string, LockEntry>;
}

/**
 * The packages whose every advisory fails the suite, whatever its severity: they carry the live
 * connections (ws, engine.io, socket.io-parser) and the mail (nodemailer) of the hub.
 */
export const ALWAYS_BLOCKING = new Set(['ws', 'engine.io', 'socket.io-parser', 'nodemailer']);

const SEVERE = new Set<Severity>(['high', 'critical']);

export function readTable(path: string): AdvisoryTable {
  return JSON.parse(readFileSync(path, 'utf8')) as AdvisoryTable;
}

/** Every installed copy in a lockfile (v2/v3 `packages`), nested ones included; links skipped. */
export function installedPackages(lock: PackageLock): InstalledPackage[] {
  const installed: InstalledPackage[] = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (!path.includes('node_modules/') || entry.link || !entry.version) continue;
    // An alias (`npm:real@x`) keeps the real name in `name`; otherwise the last path segment is it.
    const name =
      entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    installed.push({ name, version: entry.version, path });
  }
  return installed;
}

/** Whether `version` is in one of the advisory's vulnerable ranges. */
export function isAffected(version: string, advisory: Advisory): boolean {
  return advisory.vulnerable.some((range) =>
    semver.satisfies(version, range, { includePrerelease: true }),
  );
}

export function findingsFor(installed: InstalledPackage[], table: AdvisoryTable): Finding[] {
  const byPackage = new Map<string, Advisory[]>();
  for (const advisory of table.advisories) {
    byPackage.set(advisory.package, [...(byPackage.get(advisory.package) ?? []), advisory]);
  }
  return installed.flatMap((copy) =>
    (byPackage.get(copy.name) ?? [])
      .filter((advisory) => isAffected(copy.version, advisory))
      .map((advisory) => ({ installed: copy, advisory })),
  );
}

/** Fails the suite: any advisory of the live and mail packages, a high or critical one of any. */
export function isBlocking(finding: Finding): boolean {
  return ALWAYS_BLOCKING.has(finding.advisory.package) || SEVERE.has(finding.advisory.severity);
}

export function describeFinding({ installed, advisory }: Finding): string {
  return (
    `${installed.name}@${installed.version} (${installed.path}): ${advisory.id} ` +
    `[${advisory.severity}] ${advisory.summary}; fixed in ${advisory.fixed.join(', ')}`
  );
}

/** What is wrong with a table row itself: bad ranges, or a fixed version inside its own ranges. */
export function tableProblems(table: AdvisoryTable): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const advisory of table.advisories) {
    const key = `${advisory.package} ${advisory.id}`;
    if (ids.has(key)) problems.push(`${key}: listed twice`);
    ids.add(key);
    if (!/^(GHSA(-[23456789cfghjmpqrvwx]{4}){3}|CVE-\d{4}-\d{4,})$/.test(advisory.id)) {
      problems.push(`${key}: id is neither a GHSA nor a CVE id`);
    }
    if (!SEVERE.has(advisory.severity) && !['low', 'moderate'].includes(advisory.severity)) {
      problems.push(`${key}: unknown severity ${advisory.severity}`);
    }
    if (advisory.vulnerable.length === 0) problems.push(`${key}: no vulnerable range`);
    for (const range of advisory.vulnerable) {
      const lowest = semver.validRange(range) ? semver.minVersion(range) : null;
      if (!lowest) problems.push(`${key}: "${range}" is not a semver range`);
      else if (!isAffected(lowest.version, advisory)) {
        problems.push(`${key}: "${range}" matches nothing`);
      }
    }
    for (const version of advisory.fixed) {
      if (!semver.valid(version)) problems.push(`${key}: fixed "${version}" is not a version`);
      else if (isAffected(version, advisory)) {
        problems.push(`${key}: fixed ${version} is inside a vulnerable range`);
      }
    }
  }
  return problems;
}

export type AuditOutcome =
  { kind: 'unavailable'; reason: string } | { kind: 'ran'; severe: string[] };

interface AuditReport {
  vulnerabilities?: Record<string, { severity?: string; range?: string }>;
  message?: string;
  error?: { summary?: string };
}

/** Reads `npm audit --json` output: the high and critical packages, or why there is no report. */
export function readAuditReport(stdout: string): AuditOutcome {
  let report: AuditReport;
  try {
    report = JSON.parse(stdout) as AuditReport;
  } catch {
    return { kind: 'unavailable', reason: 'npm audit printed no JSON report' };
  }
  if (!report.vulnerabilities) {
    const reason = report.message ?? report.error?.summary ?? 'no vulnerabilities section';
    return { kind: 'unavailable', reason: reason || 'the audit endpoint answered with an error' };
  }
  const severe = Object.entries(report.vulnerabilities)
    .filter(([, entry]) => entry.severity === 'high' || entry.severity === 'critical')
    .map(([name, entry]) => `${name} ${entry.range ?? ''} [${entry.severity ?? ''}]`.trim());
  return { kind: 'ran', severe };
}

/**
 * Asks the registry through `npm audit` (lockfile only, one short attempt). Where the registry
 * cannot be reached or has no advisory endpoint (offline CI, mirrors answering 405), the outcome
 * says so and the committed table stands alone.
 */
export function runNpmAudit(cwd: string, timeoutMs: number): AuditOutcome {
  const result = spawnSync(
    'npm',
    ['audit', '--json', '--package-lock-only', '--fetch-retries=0', `--fetch-timeout=${timeoutMs}`],
    { cwd, encoding: 'utf8', timeout: timeoutMs + 5_000, env: { ...process.env, NO_COLOR: '1' } },
  );
  if (result.error) return { kind: 'unavailable', reason: result.error.message };
  return readAuditReport(result.stdout);
}
