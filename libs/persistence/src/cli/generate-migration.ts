import { loadConfig } from '@app/config';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataSourceOptions, openDataSource } from '../data-source.js';

/**
 * Writes a migration for the configured driver with the statements that bring a database at the
 * latest committed migration in line with the entities, and lists it in that driver's index.
 * Usage (from the built tree): node dist/libs/persistence/src/cli/generate-migration.js <Name>
 */
const here = dirname(fileURLToPath(import.meta.url));
const sourceRoot = resolve(here, '../../../../../libs/persistence/src/migrations');

function quote(sql: string): string {
  return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new Error('usage: generate-migration <PascalCaseName>');
  }
  const config = loadConfig();
  const driver = config.database.driver;
  const dataSource = await openDataSource(dataSourceOptions(config));
  const sql = await dataSource.driver.createSchemaBuilder().log();
  await dataSource.destroy();
  if (sql.upQueries.length === 0) {
    process.stdout.write(`${driver}: entities and migrations agree, nothing to write\n`);
    return;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const up = sql.upQueries.map((q) => `    await runner.query(${quote(q.query)});`).join('\n');
  const down = [...sql.downQueries]
    .reverse()
    .map((q) => `    await runner.query(${quote(q.query)});`)
    .join('\n');
  const dir = join(sourceRoot, driver);
  mkdirSync(dir, { recursive: true });
  const file = `${timestamp}-${name}`;
  writeFileSync(
    join(dir, `${file}.ts`),
    `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
      `export class ${className} implements MigrationInterface {\n` +
      `  name = '${className}';\n\n` +
      `  async up(runner: QueryRunner): Promise<void> {\n${up}\n  }\n\n` +
      `  async down(runner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
  );
  const files = readdirSync(dir)
    .filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f))
    .sort();
  const constant = driver === 'postgres' ? 'POSTGRES_MIGRATIONS' : 'SQLITE_MIGRATIONS';
  const imports = files.map((f) => {
    const [ts, n] = f.replace(/\.ts$/, '').split('-');
    return { name: `${n}${ts}`, path: `./${f.replace(/\.ts$/, '.js')}` };
  });
  writeFileSync(
    join(dir, 'index.ts'),
    imports.map((i) => `import { ${i.name} } from '${i.path}';`).join('\n') +
      `\n\nexport const ${constant} = [${imports.map((i) => i.name).join(', ')}];\n`,
  );
  process.stdout.write(`${driver}: wrote ${join(dir, `${file}.ts`)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
