const Database = require('better-sqlite3');
const fs = require('fs');
const log = (o) => fs.appendFileSync(`/tmp/busy-${process.pid}.log`, JSON.stringify(o) + '\n');
const proto = Object.getPrototypeOf(new Database(':memory:').prepare('select 1'));
for (const m of ['run', 'all', 'get', 'iterate']) {
  const orig = proto[m];
  proto[m] = function (...args) {
    const t = process.hrtime.bigint();
    try { const r = orig.apply(this, args); const ms = Number(process.hrtime.bigint() - t) / 1e6; if (ms > 50) log({ slow: ms, sql: this.source.slice(0, 120), inTx: this.database.inTransaction }); return r; }
    catch (e) { log({ err: e.code, ms: Number(process.hrtime.bigint() - t) / 1e6, sql: this.source.slice(0, 160), inTx: this.database.inTransaction }); throw e; }
  };
}
const dbProto = Database.prototype; const origExec = dbProto.exec;
dbProto.exec = function (sql) { const t = process.hrtime.bigint(); try { return origExec.call(this, sql); } catch (e) { log({ err: e.code, ms: Number(process.hrtime.bigint() - t) / 1e6, exec: sql.slice(0, 100), inTx: this.inTransaction }); throw e; } };
log({ start: process.argv[1] });
