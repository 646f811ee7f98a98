import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type AdvisoryTable,
  describeFinding,
  findingsFor,
  installedPackages,
  isBlocking,
  type PackageLock,
  readAuditReport,
  readTable,
  runNpmAudit,
  tableProblems,
} from '../security/dependency-advisories.js';

/**
 * The dependency check: every installed copy in package-lock.json against the committed advisory
 * table (test/security/advisories.json), and `npm audit` on top where the registry answers.
 */
const root = resolve(import.meta.dirname, '../..');
const table = readTable(join(root, 'test/security/advisories.json'));

/** A lockfile with the given copies, as npm writes it (the root project entry first). */
function lockOf(copies: Record<string, string>): PackageLock {
  return {
    packages: {
      '': { name: 'icc-hub', version: '1.0.0' },
      ...Object.fromEntries(Object.entries(copies).map(([path, version]) => [path, { version }])),
    },
  };
}

const blockingIn = (lock: PackageLock, advisories: AdvisoryTable = table) =>
  findingsFor(installedPackages(lock), advisories).filter(isBlocking);

describe('the advisory table', () => {
  it('covers the live and mail packages and is well formed', () => {
    const packages = new Set(table.advisories.map((advisory) => advisory.package));
    for (const name of ['ws', 'engine.io', 'socket.io-parser', 'nodemailer']) {
      expect(packages).toContain(name);
    }
    expect(tableProblems(table)).toEqual([]);
  });

  it('notices its own mistakes', () => {
    expect(
      tableProblems({
        reviewed: 'test',
        advisories: [
          {
            package: 'ws',
            id: 'GHSA-0000-0000-0000',
            aliases: [],
            severity: 'high',
            vulnerable: ['>=8.0.0 <8.17.1', 'not a range'],
            fixed: ['8.17.0'],
            summary: 'broken row',
            source: 'https://example.invalid',
          },
        ],
      }),
    ).toEqual([
      'ws GHSA-0000-0000-0000: id is neither a GHSA nor a CVE id',
      'ws GHSA-0000-0000-0000: "not a range" is not a semver range',
      'ws GHSA-0000-0000-0000: fixed 8.17.0 is inside a vulnerable range',
    ]);
  });
});

describe('the checker', () => {
  it('flags the known vulnerable versions of ws, engine.io, socket.io-parser and nodemailer', () => {
    const found = blockingIn(
      lockOf({
        'node_modules/ws': '8.17.0',
        'node_modules/engine.io': '6.2.0',
        'node_modules/socket.io-parser': '4.2.2',
        'node_modules/nodemailer': '6.9.8',
      }),
    );
    const ids = (name: string) =>
      found.filter((f) => f.installed.name === name).map((f) => f.advisory.id);
    expect(ids('ws')).toEqual(expect.arrayContaining(['GHSA-3h5v-q93c-6h6q']));
    expect(ids('engine.io')).toEqual(expect.arrayContaining(['GHSA-r7qp-cfhv-p84w']));
    expect(ids('socket.io-parser')).toEqual(expect.arrayContaining(['GHSA-cqmj-92xf-r6r9']));
    expect(ids('nodemailer')).toEqual(expect.arrayContaining(['GHSA-9h6g-pr28-7cqp']));
    expect(describeFinding(found.find((f) => f.advisory.id === 'GHSA-3h5v-q93c-6h6q')!)).toBe(
      'ws@8.17.0 (node_modules/ws): GHSA-3h5v-q93c-6h6q [high] DoS when handling a request ' +
        'with many HTTP headers; fixed in 5.2.4, 6.2.3, 7.5.10, 8.17.1',
    );
  });

  it('passes the fixed versions', () => {
    expect(
      blockingIn(
        lockOf({
          'node_modules/ws': '8.21.1',
          'node_modules/engine.io': '6.6.7',
          'node_modules/socket.io-parser': '4.2.7',
          'node_modules/nodemailer': '9.1.1',
          'node_modules/fastify': '5.12.1',
        }),
      ).map(describeFinding),
    ).toEqual([]);
  });

  it('reads nested copies and aliases, and skips workspace links', () => {
    const lock: PackageLock = {
      packages: {
        '': { name: 'icc-hub', version: '1.0.0' },
        'node_modules/ws': { version: '8.23.0' },
        'node_modules/engine.io/node_modules/ws': { version: '8.11.0' },
        'node_modules/legacy-mailer': { name: 'nodemailer', version: '6.4.15' },
        'node_modules/@app/web': { link: true },
        'apps/web': { version: '1.0.0' },
      },
    };
    expect(installedPackages(lock)).toEqual([
      { name: 'ws', version: '8.23.0', path: 'node_modules/ws' },
      { name: 'ws', version: '8.11.0', path: 'node_modules/engine.io/node_modules/ws' },
      { name: 'nodemailer', version: '6.4.15', path: 'node_modules/legacy-mailer' },
    ]);
    const found = blockingIn(lock).map((f) => `${f.installed.path} ${f.advisory.id}`);
    expect(found).toContain('node_modules/engine.io/node_modules/ws GHSA-3h5v-q93c-6h6q');
    expect(found).toContain('node_modules/legacy-mailer GHSA-48ww-j4fc-435p');
    expect(found.filter((f) => f.startsWith('node_modules/ws '))).toEqual([]);
  });

  it('fails on every high or critical advisory, of any package, and only warns on lesser ones elsewhere', () => {
    const found = findingsFor(
      installedPackages(
        lockOf({
          'node_modules/minimist': '1.2.5',
          'node_modules/cookie': '0.6.0',
          'node_modules/socket.io': '4.6.1',
        }),
      ),
      table,
    );
    expect(found.filter(isBlocking).map((f) => f.advisory.id)).toEqual(['GHSA-xvch-5gv4-984h']);
    expect(
      found
        .filter((f) => !isBlocking(f))
        .map((f) => f.advisory.id)
        .sort(),
    ).toEqual(['GHSA-25hc-qcg6-38wj', 'GHSA-pxg6-pf52-xh8x']);
  });

  it('reads npm audit reports and tells an unreachable advisory endpoint apart', () => {
    expect(
      readAuditReport(
        JSON.stringify({
          auditReportVersion: 2,
          vulnerabilities: {
            ws: { severity: 'high', range: '8.0.0 - 8.17.0' },
            cookie: { severity: 'low', range: '<0.7.0' },
          },
        }),
      ),
    ).toEqual({ kind: 'ran', severe: ['ws 8.0.0 - 8.17.0 [high]'] });
    expect(
      readAuditReport(
        JSON.stringify({
          message:
            '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk',
          statusCode: 405,
          error: { summary: '', detail: '' },
        }),
      ),
    ).toEqual({
      kind: 'unavailable',
      reason:
        '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk',
    });
    expect(readAuditReport('')).toMatchObject({ kind: 'unavailable' });
  });
});

describe('the installed dependencies', () => {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as PackageLock;
  const installed = installedPackages(lock);
  const found = findingsFor(installed, table);

  it('reads every installed copy of the lockfile', () => {
    expect(installed.length).toBeGreaterThan(100);
    expect(installed.map((copy) => copy.name)).toEqual(
      expect.arrayContaining(['ws', 'engine.io', 'socket.io-parser', 'nodemailer']),
    );
  });

  it('have no version with a known advisory of the live and mail packages, nor a high or critical one', () => {
    const lesser = found.filter((f) => !isBlocking(f)).map(describeFinding);
    if (lesser.length > 0) {
      process.stderr.write(
        `Low and moderate advisories in installed packages:\n${lesser.join('\n')}\n`,
      );
    }
    expect(found.filter(isBlocking).map(describeFinding)).toEqual([]);
  });

  it('have no high or critical finding from npm audit, where the registry answers', () => {
    const audit = runNpmAudit(root, 10_000);
    if (audit.kind === 'unavailable') {
      process.stdout.write(
        `npm audit unavailable (${audit.reason}); checked against the offline table only ` +
          `(${table.advisories.length} advisories, reviewed ${table.reviewed})\n`,
      );
      return;
    }
    expect(audit.severe).toEqual([]);
  }, 30_000);
});
