/**
 * Fuzzes the whole HTTP api from its own OpenAPI document and asserts that no request, however
 * malformed, gets a 5xx or an answer that leaks internals (stack frames, source paths, error class
 * names, SQL).
 *
 * What is generated, deterministically from {@link SEED}: for every operation of the document (all
 * methods, all paths) a valid-ish request built from the schemas, then mutations of it — each body
 * field with a wrong type, null, an array or a deeply nested object; each required field left out;
 * unknown extra fields (`__proto__`, `constructor`, `prototype` among them); hostile strings in each
 * string field (XSS, SQL injection, NUL and control characters, lone surrogates, RTL overrides, path
 * traversal, huge numbers, NaN/Infinity, invalid dates); 100 kB strings and bodies over 1 MB; whole
 * bodies that are not objects; malformed JSON, wrong content types and invalid UTF-8; path parameters
 * that are not ids (huge, encoded slashes, unicode, invalid percent-encoding) and bad, repeated and
 * unknown query parameters; forged bearer tokens and session cookies. Each request goes out as one of
 * an anonymous caller, an attendee, an organiser of the seeded event and a programme organiser (who
 * may do everything), so that the handlers behind the access rules see the inputs too; path
 * parameters are mostly ids of real rows (of one event where the path names one) so that requests
 * get past "not found". Each path is also tried with the methods it does not declare. The document
 * is the api's own (SwaggerModule.createDocument on the app under test), so a new route or DTO field
 * is fuzzed without touching this file.
 *
 * Over 10,000 requests, 12 in flight, to the app listening on a port (fetch, a real HTTP client).
 * Rate-limit counters (`icc:rl:*`) are cleared and tokens renewed every {@link BATCH} requests, so
 * that limits do not hide the handlers (a 429 is a fine answer all the same). A failure is printed
 * grouped by operation, status and mutation, with an example request to replay.
 *
 * Why: the api's contract is that every refusal is a 4xx `{ statusCode, error, message }`. A 5xx
 * means an input reached a place that does not check it (a database constraint, a parser, a
 * recursion), and an echoed stack trace tells an attacker what runs where.
 */
import {
  AuthSessionEntity,
  CityEntity,
  EventDayEntity,
  EventEntity,
  EventRoleEntity,
  findOrCreateAccount,
  grantRole,
  KeyLearningFileEntity,
  OutgoingMailEntity,
  QuestionEntity,
  SessionEntity,
  SpeakerEntity,
  StreamEntity,
  TrackEntity,
  TransactionRunner,
} from '@app/persistence';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Redis } from 'ioredis';
import type { ObjectLiteral } from 'typeorm';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import { testRedisUrl } from '../support/environment.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The run is a function of this seed; FUZZ_SEED explores other inputs (a failure prints the seed and
 * the case, so that it can be reproduced and fixed).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 0x1cc_f022);
const MIN_REQUESTS = 10_000;
/**
 * Twelve requests in flight on both databases. On SQLite (one connection shared by every request)
 * this found a 500: an api token saved with TypeORM's own transaction beside the transaction queue
 * crossed another request's transaction (test/e2e/shared-connection.e2e-spec.ts keeps it fixed).
 */
const IN_FLIGHT = 12;
/** Rate-limit counters are cleared and tokens renewed between batches of this many requests. */
const BATCH = 200;

// ----- a seeded PRNG -------------------------------------------------------------------------

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32: a uniform float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ----- the OpenAPI document ----------------------------------------------------------------

interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  example?: unknown;
  pattern?: string;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  method: string;
  /** The path as the document names it, with `{param}` placeholders. */
  template: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body: Schema | undefined;
}

interface Document {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown }>>;
  components?: { schemas?: Record<string, Schema> };
}

function operationsOf(document: Document): Operation[] {
  const schemas = document.components?.schemas ?? {};
  const resolve = (schema: Schema | undefined, depth = 0): Schema | undefined => {
    if (!schema || depth > 8) return schema;
    if (schema.$ref) return resolve(schemas[schema.$ref.split('/').pop() ?? ''], depth + 1);
    if (schema.allOf?.length) {
      const merged: Schema = { type: 'object', properties: {}, required: [] };
      for (const part of schema.allOf.map((s) => resolve(s, depth + 1))) {
        Object.assign(merged.properties ?? {}, part?.properties ?? {});
        merged.required?.push(...(part?.required ?? []));
      }
      return merged;
    }
    const properties = schema.properties
      ? Object.fromEntries(
          Object.entries(schema.properties).map(([k, v]) => [k, resolve(v, depth + 1) ?? {}]),
        )
      : undefined;
    const items = schema.items ? resolve(schema.items, depth + 1) : undefined;
    return { ...schema, ...(properties ? { properties } : {}), ...(items ? { items } : {}) };
  };
  return Object.entries(document.paths).flatMap(([template, item]) =>
    Object.entries(item).map(([method, op]) => {
      const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> })
        ?.content;
      return {
        method: method.toUpperCase(),
        template,
        pathParams: (op.parameters ?? []).filter((p) => p.in === 'path'),
        queryParams: (op.parameters ?? []).filter((p) => p.in === 'query'),
        body: resolve(content?.['application/json']?.schema),
      };
    }),
  );
}

// ----- hostile values ------------------------------------------------------------------------

const HOSTILE_STRINGS: readonly string[] = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(document.cookie)',
  "' OR '1'='1' --",
  "'; DROP TABLE accounts; --",
  '1; SELECT pg_sleep(5) --',
  '" UNION SELECT password FROM accounts --',
  'nul\u0000byte',
  '\u0000',
  'ctrl\u0001\u0002\u0007\u001b[31m\u007f',
  'lone \ud800 surrogate',
  'lone \udfff low',
  '\u202eevil\u202c rtl override',
  '\ufeffbom',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2f',
  '__proto__',
  'constructor',
  'prototype',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '9'.repeat(400),
  '-9'.repeat(200),
  '1e309',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x7fffffff',
  '2020-02-30',
  '2020-13-45T25:61:61Z',
  '0000-00-00T00:00:00Z',
  '275760-09-13T00:00:00.001Z',
  '\r\nSet-Cookie: injected=1',
  '𝕳𝖊𝖑𝖑𝖔 👨‍👩‍👧‍👦 日本語 عربى',
  ' ',
  '',
];

/** Values tried against a schema's `pattern`, for a valid-ish string that matches it. */
const PATTERN_CANDIDATES: readonly string[] = [
  'fuzz-client-1',
  'fuzz',
  'abc123',
  '2031-05-01',
  '09:30',
  '#1a2b3c',
  'https://example.org/',
];

const HUGE_STRING = 'A'.repeat(100 * 1024);
/** Over the 1 MiB body limit once serialised. */
const OVERSIZED_STRING = 'B'.repeat(1024 * 1024 + 512);

/** Nested objects as JSON text: `JSON.stringify` itself runs out of stack on deep values. */
function deeplyNested(depth: number): string {
  return `${'{"a":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`;
}
function deeplyNestedArray(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

const WRONG_TYPES: ReadonlyArray<[string, () => unknown]> = [
  ['string', () => 'not-the-right-type'],
  ['number', () => 12_345],
  ['negative', () => -1],
  ['float', () => 1.5],
  ['huge-int', () => Number.MAX_SAFE_INTEGER * 1024],
  ['boolean', () => true],
  ['null', () => null],
  ['empty-array', () => []],
  ['array', () => ['a', 1, null, {}]],
  ['object', () => ({ nested: { value: 1 } })],
  ['proto-object', () => JSON.parse('{"__proto__":{"isAdmin":true}}') as unknown],
  ['deep-object', () => JSON.parse(deeplyNested(200)) as unknown],
  ['huge-string', () => HUGE_STRING],
];

const BAD_PATH_VALUES: readonly string[] = [
  'not-a-uuid',
  '0',
  '-1',
  '1.5',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '00000000-0000-4000-8000-0000000000000',
  'x'.repeat(4000),
  '9'.repeat(400),
  '1e309',
  'NaN',
  'Infinity',
  '%2F..%2F..%2Fetc%2Fpasswd',
  '..%2F..%2F',
  '%2e%2e',
  '%00',
  'a%00b',
  '%0d%0aSet-Cookie:%20x=1',
  '%E2%80%AE',
  '%F0%9F%92%A9',
  encodeURIComponent('événement-日本'),
  '%zz',
  '%E0%A4%A',
  '%ED%A0%80',
  '%C0%AF',
  "'%20OR%201=1--",
  '%3Cscript%3E',
  '__proto__',
  'constructor',
  '2020-02-30',
  '9999-99-99',
];

const BAD_QUERY_VALUES: readonly string[] = [
  'not-valid',
  '-1',
  '0',
  '1e309',
  'NaN',
  '9'.repeat(400),
  'x'.repeat(5000),
  '%00',
  '%zz',
  '%E0%A4%A',
  '%3Cscript%3E',
  "'%20OR%201=1--",
  '2020-02-30',
  '',
  '__proto__',
];

// ----- requests ----------------------------------------------------------------------------

type Caller = 'anonymous' | 'attendee' | 'organiser' | 'admin' | 'forged';

interface FuzzRequest {
  method: string;
  /** The operation as the document names it. */
  operation: string;
  /** The concrete, encoded path and query. */
  url: string;
  caller: Caller;
  contentType?: string;
  body?: string | Uint8Array;
  /** Replaces the caller's credentials (forged tokens and cookies). */
  headers?: Record<string, string>;
  /** What was mutated, readable enough to rebuild the request. */
  description: string;
}

const FORGED_CREDENTIALS: ReadonlyArray<Record<string, string>> = [
  { authorization: 'Bearer ' },
  { authorization: 'Bearer not-a-token' },
  { authorization: `Bearer ${'x'.repeat(8000)}` },
  { authorization: 'Basic YWRtaW46YWRtaW4=' },
  { authorization: 'Bearer ../../etc/passwd' },
  { authorization: "Bearer ' OR 1=1 --" },
  { authorization: 'bearer\tlowercase' },
  { cookie: 'icc_session=%zz' },
  { cookie: 'icc_session=%E0%A4%A' },
  { cookie: 'icc_session=' },
  { cookie: `icc_session=${'y'.repeat(4000)}` },
  { cookie: 'icc_session=abc; icc_session=def' },
  { cookie: '=;;;=;icc_session' },
  { cookie: 'icc_session=%00' },
];

/** Real values for each path parameter name, so that mutated bodies get past "not found". */
type Pools = Record<string, string[]>;

class Generator {
  private readonly rng: Rng;
  constructor(
    seed: number,
    private readonly pools: Pools,
    /** The same for each event alone: a day, track or stream in the path belongs to its slug. */
    private readonly events: Pools[],
  ) {
    this.rng = new Rng(seed);
  }

  private caller(): Caller {
    const roll = this.rng.next();
    // Mostly callers who get past the access rules, so that the inputs reach the handlers.
    if (roll < 0.55) return 'admin';
    if (roll < 0.7) return 'organiser';
    if (roll < 0.85) return 'attendee';
    return 'anonymous';
  }

  /** A value that fits the schema, mostly. */
  valid(schema: Schema | undefined, depth = 0, key = ''): unknown {
    if (!schema) return 'x';
    if (schema.example !== undefined && this.rng.chance(0.5)) return schema.example;
    if (schema.enum?.length) return this.rng.pick(schema.enum);
    const alternatives = schema.oneOf ?? schema.anyOf;
    if (alternatives?.length) return this.valid(this.rng.pick(alternatives), depth);
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    switch (type) {
      case 'integer':
      case 'number': {
        // Small values, the minimum often: a first revision, a first position, a small capacity.
        const min = schema.minimum ?? 0;
        const max = Math.min(schema.maximum ?? min + 100, min + 100);
        const n = this.rng.chance(0.3) ? min : min + this.rng.next() * (max - min);
        // Most `number` fields are integers that class-validator checks with @IsInt.
        return type === 'integer' || this.rng.chance(0.8) ? Math.round(n) : n;
      }
      case 'boolean':
        return this.rng.chance(0.5);
      case 'array': {
        if (depth > 4) return [];
        const count = Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 1));
        return Array.from({ length: count }, () => this.valid(schema.items, depth + 1));
      }
      case 'object': {
        if (depth > 4) return {};
        const out: Record<string, unknown> = {};
        for (const [key, property] of Object.entries(schema.properties ?? {})) {
          if (schema.required?.includes(key) || this.rng.chance(0.7)) {
            out[key] = this.valid(property, depth + 1, key);
          }
        }
        return out;
      }
      default:
        return this.validString(schema, key);
    }
  }

  private validString(schema: Schema, key: string): string {
    switch (schema.format) {
      case 'uuid':
        return this.rng.pick([...(this.pools[key] ?? []), '3fa85f64-5717-4562-b3fc-2c963f66afa6']);
      case 'date':
        return this.rng.pick(['2031-05-01', '2020-11-18', '2024-02-29']);
      case 'date-time':
        return this.rng.pick(['2031-05-01T09:00:00Z', '2031-05-01T10:30:00+02:00']);
      case 'email':
        return `fuzz-${this.rng.int(1000)}@city.example`;
      case 'uri':
      case 'url':
        return 'https://example.org/path';
      default: {
        if (schema.pattern) {
          const pattern = new RegExp(schema.pattern);
          const fits = PATTERN_CANDIDATES.filter((c) => pattern.test(c));
          if (fits.length) return this.rng.pick(fits);
        }
        const min = schema.minLength ?? 1;
        const max = Math.min(schema.maxLength ?? 40, 40);
        const length = Math.max(min, Math.min(max, 8 + this.rng.int(12)));
        return 'Fuzz text '.repeat(8).slice(0, length).padEnd(length, 'x');
      }
    }
  }

  private pathValue(name: string, schema: Schema | undefined, scope: Pools): [string, string] {
    const pool = scope[name]?.length ? scope[name] : (this.pools[name] ?? []);
    if (pool.length && this.rng.chance(0.85)) {
      const value = this.rng.pick(pool);
      return [encodeURIComponent(value), `${name}=<real ${name}>`];
    }
    if (schema?.format === 'date' || name === 'date') return ['2031-05-01', `${name}=2031-05-01`];
    if (name === 'number') return ['1', `${name}=1`];
    return ['3fa85f64-5717-4562-b3fc-2c963f66afa6', `${name}=<unknown uuid>`];
  }

  private url(op: Operation, badParam?: { name: string; value: string }): [string, string[]] {
    const notes: string[] = [];
    let path = op.template;
    const scoped = op.pathParams.some((p) => p.name === 'slug') && this.rng.chance(0.85);
    const scope = scoped && this.events.length ? this.rng.pick(this.events) : this.pools;
    for (const param of op.pathParams) {
      let value: string;
      if (badParam?.name === param.name) {
        value = badParam.value;
        notes.push(`${param.name}=${JSON.stringify(value.slice(0, 60))}`);
      } else {
        const [real, note] = this.pathValue(param.name, param.schema, scope);
        value = real;
        notes.push(note);
      }
      path = path.replace(`{${param.name}}`, value);
    }
    const query: string[] = [];
    for (const param of op.queryParams) {
      if (param.required || this.rng.chance(0.5)) {
        const value = this.valid(param.schema);
        query.push(`${encodeURIComponent(param.name)}=${encodeURIComponent(String(value))}`);
      }
    }
    return [query.length ? `${path}?${query.join('&')}` : path, notes];
  }

  private request(
    op: Operation,
    description: string,
    extra: Partial<FuzzRequest> & { json?: unknown } = {},
  ): FuzzRequest {
    const { json, ...rest } = extra;
    const [url, notes] = this.url(op);
    const request: FuzzRequest = {
      method: op.method,
      operation: `${op.method} ${op.template}`,
      url,
      caller: this.caller(),
      description: [description, ...notes].join('; '),
      ...rest,
    };
    if (json !== undefined && op.method !== 'GET') {
      request.contentType ??= 'application/json';
      request.body = JSON.stringify(json);
    }
    return request;
  }

  /** Every mutation of one operation. */
  casesOf(op: Operation): FuzzRequest[] {
    const cases: FuzzRequest[] = [];
    const hasBody = op.body !== undefined;
    const base = () => (hasBody ? this.valid(op.body) : undefined);

    // Valid-ish, as each kind of caller.
    for (const caller of ['anonymous', 'attendee', 'organiser', 'admin'] as const) {
      for (let i = 0; i < 3; i += 1) {
        cases.push({ ...this.request(op, 'valid-ish', { json: base() }), caller });
      }
    }

    // Body fields: wrong types, hostile strings, left out, extra.
    const properties = Object.entries(op.body?.properties ?? {});
    for (const [key, property] of properties) {
      for (const [kind, make] of WRONG_TYPES) {
        const body = { ...(base() as Record<string, unknown>), [key]: make() };
        cases.push(this.request(op, `body.${key} := ${kind}`, { json: body }));
      }
      const isString = (Array.isArray(property.type) ? property.type : [property.type]).includes(
        'string',
      );
      const strings = isString ? HOSTILE_STRINGS : HOSTILE_STRINGS.filter((_, i) => i % 3 === 0);
      for (const hostile of strings) {
        const body = { ...(base() as Record<string, unknown>), [key]: hostile };
        cases.push(
          this.request(op, `body.${key} := ${JSON.stringify(hostile.slice(0, 60))}`, {
            json: body,
          }),
        );
      }
      if (property.type === 'array') {
        const body = {
          ...(base() as Record<string, unknown>),
          [key]: Array.from({ length: 5000 }, () => this.valid(property.items)),
        };
        cases.push(this.request(op, `body.${key} := 5000 items`, { json: body }));
        const hostileItems = {
          ...(base() as Record<string, unknown>),
          [key]: [null, 1, 'x', {}, [], HUGE_STRING.slice(0, 5000)],
        };
        cases.push(this.request(op, `body.${key} := mixed items`, { json: hostileItems }));
      }
    }
    for (const key of op.body?.required ?? []) {
      const body = { ...(base() as Record<string, unknown>) };
      delete body[key];
      cases.push(this.request(op, `body without required ${key}`, { json: body }));
    }
    if (hasBody) {
      cases.push(this.request(op, 'body {}', { json: {} }));
      const extras: Array<[string, string]> = [
        ['unknownField', '"x"'],
        ['__proto__', '{"isAdmin":true,"role":"organiser"}'],
        ['constructor', '{"prototype":{"polluted":true}}'],
        ['prototype', '{"polluted":true}'],
        ['id', '"3fa85f64-5717-4562-b3fc-2c963f66afa6"'],
        ['createdAt', '"1970-01-01T00:00:00Z"'],
      ];
      for (const [key, raw] of extras) {
        const valid = JSON.stringify(base());
        const body =
          valid === '{}' ? `{"${key}":${raw}}` : `${valid.slice(0, -1)},"${key}":${raw}}`;
        cases.push(
          this.request(op, `body + extra ${key}`, { body, contentType: 'application/json' }),
        );
      }
      for (const [kind, value] of [
        ['null', null],
        ['array', []],
        ['array of body', [base()]],
        ['string', 'a string'],
        ['number', 42],
        ['boolean', false],
      ] as Array<[string, unknown]>) {
        cases.push(this.request(op, `body := ${kind}`, { json: value }));
      }
      const huge = Object.fromEntries(
        Object.keys(op.body?.properties ?? { field: {} }).map((k) => [k, HUGE_STRING]),
      );
      cases.push(this.request(op, 'every field 100 kB', { json: huge }));
      cases.push(
        this.request(op, 'body := 5000 nested objects', {
          body: deeplyNested(5000),
          contentType: 'application/json',
        }),
      );
      cases.push(
        this.request(op, 'body over 1 MB', {
          json: { ...(base() as Record<string, unknown>), padding: OVERSIZED_STRING },
        }),
      );
    }

    // Transport: content types, malformed JSON, invalid UTF-8 (not for GET, which has no body).
    if (op.method !== 'GET') {
      const valid = JSON.stringify(base() ?? {});
      const raw: Array<[string, string | undefined, string | Uint8Array]> = [
        ['text/plain', 'text/plain', valid],
        ['xml', 'application/xml', '<?xml version="1.0"?><a>1</a>'],
        ['form', 'application/x-www-form-urlencoded', 'a=1&b=2&__proto__[x]=1'],
        [
          'multipart',
          'multipart/form-data; boundary=xyz',
          '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--',
        ],
        ['no content type', undefined, valid],
        ['json utf-16', 'application/json; charset=utf-16', valid],
        ['json weird params', 'application/json;;;charset==;x', valid],
        ['garbage content type', 'x/y+z; q="', valid],
        ['wildcard content type', '*/*', valid],
        ['unclosed', 'application/json', '{'],
        ['truncated', 'application/json', valid.slice(0, Math.max(1, valid.length - 1))],
        ['trailing junk', 'application/json', `${valid}}garbage`],
        ['missing value', 'application/json', '{"a":}'],
        ['single quotes', 'application/json', "{'a':1}"],
        ['NaN literal', 'application/json', '{"a":NaN}'],
        ['huge exponent', 'application/json', '{"a":1e999999}'],
        ['bom', 'application/json', `\ufeff${valid}`],
        ['empty', 'application/json', ''],
        ['whitespace', 'application/json', '   '],
        ['literal null', 'application/json', 'null'],
        ['deep array', 'application/json', deeplyNestedArray(100_000)],
        [
          'invalid utf-8',
          'application/json',
          new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
        ],
        ['escaped nul', 'application/json', valid.replace(/"([^"]*)"(?=[,}])/, '"$1\\u0000"')],
        [
          'escaped lone surrogate',
          'application/json',
          valid.replace(/"([^"]*)"(?=[,}])/, '"$1\\ud800"'),
        ],
        [
          'duplicate keys',
          'application/json',
          valid === '{}' ? '{"a":1,"a":2}' : `${valid.slice(0, -1)},${valid.slice(1)}`,
        ],
      ];
      for (const [kind, contentType, body] of raw) {
        cases.push(this.request(op, `raw body: ${kind}`, { body, contentType }));
      }
    }

    // Path parameters that are not what the route expects.
    for (const param of op.pathParams) {
      for (const value of BAD_PATH_VALUES) {
        const [url, notes] = this.url(op, { name: param.name, value });
        cases.push({
          method: op.method,
          operation: `${op.method} ${op.template}`,
          url,
          caller: this.caller(),
          description: ['bad path parameter', ...notes].join('; '),
          ...(op.body ? { contentType: 'application/json', body: JSON.stringify(base()) } : {}),
        });
      }
    }

    // Query parameters: bad values, repeated, unknown.
    for (const param of op.queryParams) {
      for (const value of BAD_QUERY_VALUES) {
        const [path] = this.url(op);
        const url = `${path.split('?')[0]}?${encodeURIComponent(param.name)}=${value}`;
        cases.push(
          this.queryCase(op, url, `query ${param.name}=${JSON.stringify(value.slice(0, 60))}`),
        );
      }
      const [path] = this.url(op);
      const repeated = `${path.split('?')[0]}?${param.name}=a&${param.name}=b&${param.name}[]=c`;
      cases.push(this.queryCase(op, repeated, `query ${param.name} repeated and bracketed`));
    }
    {
      const [path] = this.url(op);
      const sep = path.includes('?') ? '&' : '?';
      for (const extra of [
        'unknown=1',
        '__proto__[admin]=1',
        'constructor[prototype][x]=1',
        `q=${'z'.repeat(6000)}`,
        '%zz=%zz',
        'a[b][c][d][e][f]=1',
      ]) {
        cases.push(this.queryCase(op, `${path}${sep}${extra}`, `query + ${extra.slice(0, 40)}`));
      }
    }

    // Forged credentials.
    for (const headers of FORGED_CREDENTIALS) {
      cases.push({
        ...this.request(op, `forged credentials ${JSON.stringify(headers).slice(0, 60)}`, {
          json: base(),
        }),
        caller: 'forged',
        headers,
      });
    }
    return cases;
  }

  private queryCase(op: Operation, url: string, description: string): FuzzRequest {
    return {
      method: op.method,
      operation: `${op.method} ${op.template}`,
      url,
      caller: this.caller(),
      description,
      ...(op.body
        ? { contentType: 'application/json', body: JSON.stringify(this.valid(op.body)) }
        : {}),
    };
  }

  /**
   * At least `count` requests: every case of every operation, then random ones up to `count`, in a
   * shuffled order so that reads and writes of different routes interleave.
   */
  all(operations: Operation[], count: number): FuzzRequest[] {
    const requests = operations.flatMap((op) => this.casesOf(op));
    // Methods a path does not declare (HEAD and OPTIONS included).
    for (const op of operations) {
      const declared = operations.filter((o) => o.template === op.template).map((o) => o.method);
      if (declared[0] !== op.method) continue;
      for (const method of ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        if (declared.includes(method)) continue;
        const [url, notes] = this.url(op);
        requests.push({
          method,
          operation: `${method} ${op.template}`,
          url,
          caller: this.caller(),
          description: ['undeclared method', ...notes].join('; '),
          ...(['GET', 'HEAD'].includes(method)
            ? {}
            : { body: '{}', contentType: 'application/json' }),
        });
      }
    }
    while (requests.length < count) {
      const op = this.rng.pick(operations);
      const cases = this.casesOf(op);
      requests.push(...cases.filter(() => this.rng.chance(0.25)));
    }
    for (let i = requests.length - 1; i > 0; i -= 1) {
      const j = this.rng.int(i + 1);
      [requests[i], requests[j]] = [requests[j], requests[i]];
    }
    return requests;
  }
}

/**
 * Operations that end the caller's session or account: they get a throwaway account with the
 * caller's role, so that the rest of the batch keeps its credentials.
 */
const SESSION_ENDING = new Set([
  'POST /api/auth/sign-out',
  'DELETE /api/me',
  'DELETE /api/me/tokens/{id}',
]);

// ----- what counts as a leak -----------------------------------------------------------------

/**
 * What an answer must not contain. SQL is looked for in refusals only: a 2xx carries what people
 * stored, and the fuzz stores SQL-injection strings, trimmed, escaped and quoted in many ways.
 */
const LEAKS: ReadonlyArray<[string, RegExp, 'errors-only'?]> = [
  ['stack frame', /\n\s+at |\s{4}at [\w.<>]+ \(/],
  ['source path', /\/apps\/|\/libs\/|\/node_modules\/|\/work\/|\/home\//],
  ['source location', /\.(ts|js|mjs|cjs):\d+/],
  [
    'error class',
    /\b(QueryFailedError|TypeError|ReferenceError|RangeError|SyntaxError|EntityNotFound\w*|EntityPropertyNotFound\w*|CannotCreateEntityIdMap\w*|DriverException|SqliteError)\b/,
  ],
  [
    'sql',
    /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\s|SQLITE_|duplicate key value|violates (?:unique|foreign key|not-null|check) constraint|relation "|syntax error at/i,
    'errors-only',
  ],
];

/** The body with every string we sent removed: echoing our own input back is not a leak. */
function withoutEchoes(text: string): string {
  let out = text;
  for (const s of HOSTILE_STRINGS) {
    if (s.length < 3) continue;
    const html = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    for (const echo of [s, html, html.replace(/"/g, '&quot;').replace(/'/g, '&#39;')]) {
      out = out.split(echo).join('');
      out = out.split(JSON.stringify(echo).slice(1, -1)).join('');
    }
  }
  return out;
}

function leaksIn(status: number, text: string): string[] {
  const cleaned = withoutEchoes(text);
  return LEAKS.filter(([, pattern, only]) => (!only || status >= 400) && pattern.test(cleaned)).map(
    ([name]) => name,
  );
}

// ----- the run -------------------------------------------------------------------------------

interface Outcome {
  request: FuzzRequest;
  status: number;
  text: string;
  leaks: string[];
}

describe('fuzzing the api from its OpenAPI document', () => {
  let hub: TestApp;
  let redis: Redis;
  let operations: Operation[];
  let pools: Pools;
  let eventPools: Pools[];
  const credentials: Record<Caller, Record<string, string>> = {
    anonymous: {},
    attendee: {},
    organiser: {},
    admin: {},
    forged: {},
  };

  let cityLabId: string | null = null;
  let throwaways = 0;

  /** A bearer header for the account `email` with the caller's role (made again if erased). */
  async function tokenFor(caller: Caller, email: string): Promise<Record<string, string>> {
    if (caller === 'anonymous' || caller === 'forged') return {};
    const eventId = caller === 'admin' ? null : cityLabId;
    const role = caller === 'attendee' ? 'attendee' : 'organiser';
    const account = await hub.app.get(TransactionRunner).run(async (manager) => {
      const found = await findOrCreateAccount(manager, email);
      await grantRole(manager, { actorId: null, accountId: found.id, eventId, role });
      return found;
    });
    const { secret } = await hub.app.get(AuthService).issue(account.id, 'api', 'fuzz');
    return { authorization: `Bearer ${secret}` };
  }

  /** Fresh tokens (and the roles again): the fuzz may revoke them or erase the accounts. */
  async function signIn(): Promise<void> {
    for (const caller of ['attendee', 'organiser', 'admin'] as const) {
      credentials[caller] = await tokenFor(caller, `fuzz-${caller}@city.example`);
    }
  }

  /** The rate limiter's counters: the fuzz is many requests from one address and few people. */
  async function clearRateLimits(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'icc:rl:*', 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  }

  /** Up to 20 values of `column`, of the rows of one event when `eventId` is given. */
  async function idsOf<T extends ObjectLiteral>(
    entity: new () => T,
    column: keyof T & string,
    eventId?: string,
  ): Promise<string[]> {
    const query = hub.dataSource
      .getRepository(entity)
      .createQueryBuilder('row')
      .select(`row.${column}`, 'value');
    if (eventId) query.where('row.eventId = :eventId', { eventId });
    const rows = await query.limit(20).getRawMany<{ value: unknown }>();
    return [...new Set(rows.map((r) => String(r.value)))];
  }

  async function send(request: FuzzRequest): Promise<Outcome> {
    const own = SESSION_ENDING.has(request.operation)
      ? await tokenFor(request.caller, `fuzz-throwaway-${(throwaways += 1)}@city.example`)
      : credentials[request.caller];
    const headers: Record<string, string> = {
      ...(request.headers ?? own),
      ...(request.contentType !== undefined ? { 'content-type': request.contentType } : {}),
    };
    try {
      const response = await fetch(`${hub.baseUrl}${request.url}`, {
        method: request.method,
        headers,
        body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
        redirect: 'manual',
      });
      const text = await response.text();
      return { request, status: response.status, text, leaks: leaksIn(response.status, text) };
    } catch (error) {
      // No answer at all (the connection dropped): as bad as a 5xx.
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      return { request, status: 0, text: String(cause), leaks: ['no answer'] };
    }
  }

  beforeAll(async () => {
    hub = await createTestApp();
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 2 });
    const document = SwaggerModule.createDocument(
      hub.app,
      new DocumentBuilder().setTitle('ICC Hub API').setVersion('1').build(),
    ) as unknown as Document;
    operations = operationsOf(document);

    const cityLab = await hub.dataSource
      .getRepository(EventEntity)
      .findOneByOrFail({ slug: 'icc-city-lab-2020' });
    cityLabId = cityLab.id;
    await signIn();
    // Ids of real rows of each kind, so that requests get past "not found"; questions asked first.
    const sessions = await idsOf(SessionEntity, 'id');
    for (const sessionId of sessions.slice(0, 10)) {
      await fetch(`${hub.baseUrl}/api/sessions/${sessionId}/questions`, {
        method: 'POST',
        headers: { ...credentials.admin, 'content-type': 'application/json' },
        body: JSON.stringify({ body: 'How will the fuzz end?', clientId: 'fuzz-setup' }),
      });
    }
    pools = {
      slug: await idsOf(EventEntity, 'slug'),
      id: [
        ...sessions,
        ...(await idsOf(AuthSessionEntity, 'id')),
        ...(await idsOf(OutgoingMailEntity, 'id')),
      ],
      sessionId: sessions,
      dayId: await idsOf(EventDayEntity, 'id'),
      date: await idsOf(EventDayEntity, 'date'),
      trackId: await idsOf(TrackEntity, 'id'),
      trackSlug: await idsOf(TrackEntity, 'slug'),
      streamId: await idsOf(StreamEntity, 'id'),
      speakerId: await idsOf(SpeakerEntity, 'id'),
      questionId: await idsOf(QuestionEntity, 'id'),
      roleId: await idsOf(EventRoleEntity, 'id'),
      fileId: await idsOf(KeyLearningFileEntity, 'id'),
      cityId: await idsOf(CityEntity, 'id'),
      purpose: ['programme-updates'],
      number: ['1', '2'],
    };
    eventPools = [];
    for (const event of await hub.dataSource.getRepository(EventEntity).find()) {
      eventPools.push({
        slug: [event.slug],
        sessionId: await idsOf(SessionEntity, 'id', event.id),
        dayId: await idsOf(EventDayEntity, 'id', event.id),
        date: await idsOf(EventDayEntity, 'date', event.id),
        trackId: await idsOf(TrackEntity, 'id', event.id),
        trackSlug: await idsOf(TrackEntity, 'slug', event.id),
        streamId: await idsOf(StreamEntity, 'id', event.id),
        roleId: await idsOf(EventRoleEntity, 'id', event.id),
      });
    }
  });

  afterAll(async () => {
    if (redis) {
      await clearRateLimits();
      await redis.quit();
    }
    await hub?.close();
  });

  it('reads every operation of the api from the document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(90);
    expect(operations.filter((op) => op.body).length).toBeGreaterThanOrEqual(30);
  });

  /** Inputs that were 500s before their fix (some on PostgreSQL only), as they are answered now. */
  it.each([
    ['a session cookie that is not percent-encoding', 'GET', '/api/me', 'forged', undefined, 401],
    ['a body nested 5000 deep', 'PATCH', '/api/me', 'attendee', deeplyNested(5000), 400],
    [
      'a lone surrogate in an e-mail address',
      'POST',
      '/api/auth/sign-in',
      'anonymous',
      '{"email":"a\\ud800@city.example"}',
      400,
    ],
    [
      'a NUL character in a slug checked by the access rule',
      'GET',
      '/api/events/a%00b/roles',
      'attendee',
      undefined,
      403,
    ],
    [
      'null for a profile field that has no null',
      'PATCH',
      '/api/me',
      'attendee',
      '{"name":null}',
      400,
    ],
    [
      'null for the Q&A settings',
      'PATCH',
      '/api/sessions/{session}/qa-settings',
      'admin',
      '{"qaClosed":null}',
      400,
    ],
    [
      'a revision beyond the integer column',
      'PUT',
      '/api/sessions/{session}/key-learnings/draft',
      'admin',
      '{"notes":"n","digest":"d","revision":9223372036854775000}',
      400,
    ],
    [
      'a NUL character in a path parameter',
      'DELETE',
      '/api/events/%00/roles/3fa85f64-5717-4562-b3fc-2c963f66afa6',
      'admin',
      undefined,
      400,
    ],
    [
      'a NUL character in profile text (removed)',
      'PATCH',
      '/api/me',
      'attendee',
      '{"name":"A\\u0000na"}',
      200,
    ],
    [
      "an unknown event's Atom feed",
      'GET',
      '/api/events/no-such-event/schedule/releases.atom',
      'anonymous',
      undefined,
      404,
    ],
  ] as Array<[string, string, string, Caller, string | undefined, number]>)(
    'answers %s with the status it should',
    async (_name, method, path, caller, body, expected) => {
      const response = await send({
        method,
        operation: path,
        url: path.replace('{session}', pools.sessionId?.[0] ?? ''),
        caller,
        description: _name,
        ...(caller === 'forged' ? { headers: { cookie: 'icc_session=%E0%A4%A' } } : {}),
        ...(body !== undefined ? { body, contentType: 'application/json' } : {}),
      });
      expect({ status: response.status, leaks: response.leaks }).toEqual({
        status: expected,
        leaks: [],
      });
    },
  );

  it(`answers ${MIN_REQUESTS}+ generated requests without a 5xx or a leak`, async () => {
    const requests = new Generator(SEED, pools, eventPools).all(operations, MIN_REQUESTS);
    const histogram = new Map<number, number>();
    /** Operations that accepted at least one request: the fuzz got through to their handlers. */
    const accepted = new Set<string>();
    const failures: Outcome[] = [];
    const started = Date.now();

    for (let start = 0; start < requests.length; start += BATCH) {
      await clearRateLimits();
      await signIn();
      const batch = requests.slice(start, start + BATCH);
      let next = 0;
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next < batch.length) {
            const request = batch[next++];
            const outcome = await send(request);
            histogram.set(outcome.status, (histogram.get(outcome.status) ?? 0) + 1);
            if (outcome.status < 300) accepted.add(request.operation);
            if (outcome.status >= 500 || outcome.leaks.length) failures.push(outcome);
          }
        }),
      );
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const never = operations
      .map((op) => `${op.method} ${op.template}`)
      .filter((name) => !accepted.has(name));
    // eslint-disable-next-line no-console -- the run's size and status histogram belong in its log
    console.log(
      `api fuzz (seed ${SEED}): ${requests.length} requests over ${operations.length} operations in ${seconds} s; statuses ${JSON.stringify(
        Object.fromEntries([...histogram].sort(([a], [b]) => a - b)),
      )}; ${operations.length - never.length} of the documented operations accepted some request, these none: ${never.join(', ')}`,
    );
    // One entry per kind of failure (operation, status, mutation), with a count and an example.
    const groups = new Map<string, { count: number; example: Outcome }>();
    for (const outcome of failures) {
      const kind = outcome.request.description.split(';')[0]?.replace(/ := .*/, ' := …');
      const key = `${outcome.request.operation} -> ${outcome.status} ${outcome.leaks.join(',')} (${kind})`;
      const group = groups.get(key);
      if (group) group.count += 1;
      else groups.set(key, { count: 1, example: outcome });
    }
    const report = [...groups].map(([key, { count, example }]) => {
      const { request, text } = example;
      const sent = typeof request.body === 'string' ? request.body : request.body ? '<bytes>' : '';
      return (
        `${count} × ${key}\n` +
        `    e.g. ${request.method} ${request.url.slice(0, 200)} as ${request.caller}: ${request.description.slice(0, 200)}\n` +
        `    sent ${request.contentType ?? '(no content type)'} ${sent.slice(0, 200)}\n` +
        `    got ${text.slice(0, 200)}`
      );
    });
    // eslint-disable-next-line no-console -- what to fix, readable without the diff below
    if (report.length) console.log(`${failures.length} failures:\n${report.join('\n')}`);
    expect(requests.length).toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(report).toEqual([]);
  }, 170_000);
});
