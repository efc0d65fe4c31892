#!/usr/bin/env python3
"""Real-world schema corpus: round-trips published PostgreSQL schemas through migrator.

Run it through `scripts/corpus` (which builds the binary and starts PostgreSQL 15); see
docs/CORPUS.md. Standard library only; talks to PostgreSQL through `psql` and `pg_dump`.

For every schema:
  fetch     the package is downloaded from its registry (apt-get download / pip download)
            into the cache and unpacked; nothing is vendored.
  reference the original SQL is loaded into an empty database with `psql -f` (as its
            project loads it); its catalog is the expected one.
  generate  `migrator generate --schema <files> --migrations <dir>` (offline).
  up        each up file is sent as ONE simple-query Exec (golang-migrate's way), via psql's
            \\gexec of the whole file text, into an empty database.
  compare   normalised `pg_dump -s` (tests/src/lib.rs::normalise_dump, column order
            insensitive) of that database equals the reference.
  again     a second offline generate prints `no changes`.
  down      the down files, in reverse order, bring the database back to empty.

Upgrade pairs (two versions of one schema): the older is loaded directly, the newer is
generated against it with --dsn, applied, compared with the newer's reference, generated
again (no changes), and the down files must restore the older catalog.

Exit status: 0 unless a schema listed as `pass` in scripts/corpus-expected.tsv did not
round-trip (a regression), or the runner itself broke.
"""

import argparse
import concurrent.futures as cf
import contextlib
import glob
import gzip
import os
import re
import shutil
import subprocess
import tempfile
import sys
import threading
import time
import zipfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.environ.get("MIGRATOR_CORPUS_CACHE", os.path.expanduser("~/.cache/migrator-corpus"))
EXPECTED = os.path.join(REPO, "scripts", "corpus-expected.tsv")

# name -> [(source, package, [file globs inside the package])], loaded in this order.
# source: "deb" (Debian, apt-get download) or "pypi:<version>" (pip download --no-deps).
def deb(package, *globs):
    return ("deb", package, list(globs))


def pypi(package, version, *globs):
    return (f"pypi:{version}", package, list(globs))


CORPUS = {
    "zabbix": [deb("zabbix-server-pgsql", "usr/share/zabbix-server-pgsql/schema.sql.gz")],
    "icinga2-ido": [deb("icinga2-ido-pgsql", "usr/share/icinga2-ido-pgsql/schema/pgsql.sql")],
    "icingadb": [deb("icingadb", "usr/share/icingadb/schema/pgsql/schema.sql")],
    "roundcube": [deb("roundcube-core", "usr/share/roundcube/SQL/postgres.initial.sql")],
    "tt-rss": [deb("tt-rss", "usr/share/tt-rss/schema/ttrss_schema_pgsql.sql")],
    "mediawiki": [deb("mediawiki", "usr/share/mediawiki/maintenance/postgres/tables-generated.sql")],
    "powerdns": [deb("pdns-backend-pgsql", "usr/share/pdns-backend-pgsql/schema/schema.pgsql.sql")],
    # standard-create.sql (the `version` table) first, then every module's tables
    "kamailio": [deb("kamailio-postgres-modules",
                     "usr/share/kamailio/postgres/standard-create.sql",
                     "usr/share/kamailio/postgres/*-create.sql")],
    "ledgersmb": [deb("ledgersmb", "usr/share/ledgersmb/sql/Pg-database.sql")],
    # davical.sql builds on the AWL library's tables (dba/create-database.sh loads them first)
    "davical": [deb("libawl-php", "usr/share/awl/dba/awl-tables.sql",
                    "usr/share/awl/dba/schema-management.sql"),
                deb("davical", "usr/share/davical/dba/davical.sql")],
    "sql-ledger": [deb("sql-ledger", "usr/share/sql-ledger/sql/Pg-tables.sql",
                       "usr/share/sql-ledger/sql/Pg-indices.sql",
                       "usr/share/sql-ledger/sql/Pg-functions.sql")],
    "oar": [deb("oar-server", "usr/lib/oar/database/pg_structure.sql")],
    "procrastinate": [pypi("procrastinate", "3.10.0", "procrastinate/sql/schema.sql")],
    "synapse": [pypi("matrix-synapse", "1.163.2",
                     "synapse/storage/schema/main/full_schemas/72/full.sql.postgres")],
}
# name -> (older, newer): an upgrade between two versions of one schema
UPGRADES = {
    "procrastinate-2.0.0-to-3.10.0": (
        [pypi("procrastinate", "2.0.0", "procrastinate/sql/schema.sql")],
        [pypi("procrastinate", "3.10.0", "procrastinate/sql/schema.sql")],
    ),
}

_lock = threading.Lock()
_apt_updated = False


def log(msg):
    with _lock:
        print(msg, file=sys.stderr, flush=True)


def run(cmd, cwd=None, input=None, timeout=900):
    p = subprocess.run(cmd, cwd=cwd, input=input, capture_output=True, text=True,
                       timeout=timeout, errors="replace")
    return p.returncode, p.stdout, p.stderr


class Skip(Exception):
    pass


class Fail(Exception):
    def __init__(self, stage, message):
        super().__init__(f"{stage}: {message}")
        self.stage = stage
        self.message = message


# ---------------------------------------------------------------------------------------
# fetching
# ---------------------------------------------------------------------------------------
def unpack(xdir, extract):
    """Unpacks into `xdir` once, through a temporary directory of its own: two corpus runs on
    one machine (two checkouts testing at once) share the cache and must not unpack into one
    place."""
    if os.path.isdir(xdir):
        return
    os.makedirs(os.path.dirname(xdir), exist_ok=True)
    tmp = tempfile.mkdtemp(dir=os.path.dirname(xdir), prefix=os.path.basename(xdir) + ".")
    os.chmod(tmp, 0o755)
    try:
        extract(tmp)
        os.rename(tmp, xdir)
    except OSError:
        if not os.path.isdir(xdir):
            raise
        # Another run finished first: its copy is the same.
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def fetch(source, package):
    """Downloads (once) and unpacks a package; returns the directory it was unpacked to."""
    global _apt_updated
    if source == "deb":
        ddir = os.path.join(CACHE, "deb")
        os.makedirs(ddir, exist_ok=True)
        with _lock:
            debs = glob.glob(os.path.join(ddir, f"{package}_*.deb"))
            if not debs:
                rc, out, err = run(["apt-get", "download", package], cwd=ddir)
                if rc != 0 and not _apt_updated:
                    run(["apt-get", "update", "-qq"])
                    _apt_updated = True
                    rc, out, err = run(["apt-get", "download", package], cwd=ddir)
                if rc != 0:
                    raise Skip(f"apt-get download {package} failed: {last_line(err)}")
                debs = glob.glob(os.path.join(ddir, f"{package}_*.deb"))
        deb = sorted(debs)[-1]
        version = os.path.basename(deb).split("_")[1].replace("%3a", ":")
        xdir = os.path.join(CACHE, "x", os.path.basename(deb)[:-4])
        def extract(tmp):
            rc, _, err = run(["dpkg-deb", "-x", deb, tmp])
            if rc != 0:
                raise Skip(f"dpkg-deb -x {deb} failed: {last_line(err)}")

        unpack(xdir, extract)
        return xdir, version
    if source.startswith("pypi:"):
        version = source.split(":", 1)[1]
        pdir = os.path.join(CACHE, "pypi", f"{package}-{version}")
        os.makedirs(pdir, exist_ok=True)
        with _lock:
            whls = glob.glob(os.path.join(pdir, "*.whl"))
            if not whls:
                rc, out, err = run([sys.executable, "-m", "pip", "download", "--no-deps",
                                    "--only-binary=:all:", "-q", "-d", pdir,
                                    f"{package}=={version}"])
                if rc != 0:
                    raise Skip(f"pip download {package}=={version} failed: {last_line(err)}")
                whls = glob.glob(os.path.join(pdir, "*.whl"))
        whl = sorted(whls)[-1]
        xdir = os.path.join(CACHE, "x", os.path.basename(whl)[:-4])
        def extract(tmp):
            with zipfile.ZipFile(whl) as z:
                z.extractall(tmp)

        unpack(xdir, extract)
        return xdir, version
    raise ValueError(source)


def schema_files(parts, workdir):
    """Copies the schema files of `parts` into workdir/schema/ (NN_<name>: lexical order is
    the load order) and returns (paths, "package version, ...")."""
    sdir = os.path.join(workdir, "schema")
    shutil.rmtree(sdir, ignore_errors=True)
    os.makedirs(sdir)
    seen, versions = [], []
    for source, package, globs in parts:
        xdir, version = fetch(source, package)
        versions.append(f"{package} {version}")
        for g in globs:
            matches = sorted(glob.glob(os.path.join(xdir, g)))
            if not matches:
                raise Skip(f"{g} not found in {package} {version}")
            for m in matches:
                if m not in seen:
                    seen.append(m)
    out = []
    for i, m in enumerate(seen):
        base = os.path.basename(m)
        if base.endswith(".gz"):
            base = base[:-3]
        if not base.endswith(".sql"):
            base += ".sql"
        dest = os.path.join(sdir, f"{i:02d}_{base}")
        if m.endswith(".gz"):
            with gzip.open(m, "rb") as f, open(dest, "wb") as g:
                shutil.copyfileobj(f, g)
        else:
            shutil.copyfile(m, dest)
        out.append(dest)
    return out, ", ".join(versions)


# Statements of kinds docs/SUPPORTED.md lists as not supported yet, counted by a rough
# regular expression over the text (comments and dollar-quoted bodies removed): which
# constructs dominate, beyond the first error.
CENSUS = [
    ("functions", r"\bCREATE\s+(OR\s+REPLACE\s+)?(FUNCTION|PROCEDURE)\b"),
    ("triggers", r"\bCREATE\s+(OR\s+REPLACE\s+)?(CONSTRAINT\s+)?TRIGGER\b"),
    ("views", r"\bCREATE\s+(OR\s+REPLACE\s+)?(TEMP(ORARY)?\s+|RECURSIVE\s+)?VIEW\b"),
    ("materialized views", r"\bCREATE\s+MATERIALIZED\s+VIEW\b"),
    ("domains", r"\bCREATE\s+DOMAIN\b"),
    ("composite types", r"\bCREATE\s+TYPE\s+[^;]*?\bAS\s*\("),
    ("range types", r"\bCREATE\s+TYPE\s+[^;]*?\bAS\s+RANGE\b"),
    ("partitioning", r"\bPARTITION\s+(BY|OF)\b"),
    ("inheritance", r"\bINHERITS\s*\("),
    ("rules", r"\bCREATE\s+(OR\s+REPLACE\s+)?RULE\b"),
    ("policies", r"\bCREATE\s+POLICY\b"),
    ("aggregates", r"\bCREATE\s+(OR\s+REPLACE\s+)?AGGREGATE\b"),
    ("operators/casts", r"\bCREATE\s+(OPERATOR|CAST)\b"),
    ("unlogged tables", r"\bCREATE\s+UNLOGGED\s+TABLE\b"),
    ("COPY FROM stdin", r"\bCOPY\s+[^;]*?\bFROM\s+stdin\b"),
    ("DROP of unsupported kinds", r"\bDROP\s+(FUNCTION|PROCEDURE|TRIGGER|VIEW|MATERIALIZED\s+VIEW|DOMAIN|RULE|AGGREGATE)\b"),
]


def census(files):
    text = ""
    for f in files:
        with open(f, errors="replace") as fh:
            text += fh.read() + "\n"
    text = re.sub(r"\$([A-Za-z_]*)\$.*?\$\1\$", "''", text, flags=re.S)
    text = re.sub(r"--[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    out = []
    for what, rx in CENSUS:
        n = len(re.findall(rx, text, flags=re.I | re.S))
        if n:
            out.append(f"{n} {what}")
    return ", ".join(out) or "none"


# ---------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------
def with_database(dsn, db):
    base, _, query = dsn.partition("?")
    server = base.rsplit("/", 1)[0]
    return f"{server}/{db}" + (f"?{query}" if query else "")


def first_error(text):
    """The first ERROR/error line of psql's or migrator's stderr, else its last line."""
    for l in text.splitlines():
        s = l.strip()
        if "ERROR:" in s or s.startswith("error:") or s.startswith("FATAL:"):
            s = re.sub(r"^psql:[^ ]*: ", "", s)
            return s
    return last_line(text)


def last_line(text):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return lines[-1].strip() if lines else "(no output)"


class Db:
    counter = 0

    def __init__(self, admin, label):
        with _lock:
            Db.counter += 1
            n = Db.counter
        self.admin = admin
        self.name = f"corpus_{os.getpid()}_{n}_" + re.sub(r"[^a-z0-9]", "_", label.lower())[:30]
        self.dsn = with_database(admin, self.name)
        psql_c(admin, f'DROP DATABASE IF EXISTS "{self.name}"')
        psql_c(admin, f'CREATE DATABASE "{self.name}" TEMPLATE template0')

    def drop(self):
        psql_c(self.admin, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)', check=False)

    def load_files(self, files):
        """psql -f, stopping at the first error (how the projects load their schema)."""
        for f in files:
            rc, out, err = run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.dsn,
                                "-f", f])
            if rc != 0:
                return first_error(err).replace(os.path.dirname(f) + "/", "")
        return None

    def exec_file(self, path):
        """The whole file as ONE simple-query Exec (golang-migrate's postgres driver)."""
        script = f"\\set q `cat '{path}'`\nSELECT :'q' \\gexec\n"
        rc, out, err = run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.dsn],
                           input=script)
        if rc != 0:
            return first_error(err)
        return None

    def dump(self):
        rc, out, err = run(["pg_dump", "--schema-only", "--no-owner", "--no-privileges",
                            "--dbname", self.dsn])
        if rc != 0:
            raise RuntimeError(f"pg_dump failed: {err}")
        return normalise_dump(out)

    def counts(self):
        q = """
        WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname NOT IN
                    ('pg_catalog','information_schema','pg_toast') AND nspname NOT LIKE 'pg_temp%'
                    AND nspname NOT LIKE 'pg_toast_temp%'),
             ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e')
        SELECT
          (SELECT count(*) FROM pg_class WHERE relnamespace IN (SELECT oid FROM ns) AND relkind IN ('r','p') AND oid NOT IN (SELECT objid FROM ext)),
          (SELECT count(*) FROM pg_class WHERE relnamespace IN (SELECT oid FROM ns) AND relkind IN ('i','I') AND oid NOT IN (SELECT objid FROM ext)),
          (SELECT count(*) FROM pg_class WHERE relnamespace IN (SELECT oid FROM ns) AND relkind = 'S' AND oid NOT IN (SELECT objid FROM ext)),
          (SELECT count(*) FROM pg_class WHERE relnamespace IN (SELECT oid FROM ns) AND relkind IN ('v','m') AND oid NOT IN (SELECT objid FROM ext)),
          (SELECT count(*) FROM pg_proc WHERE pronamespace IN (SELECT oid FROM ns) AND oid NOT IN (SELECT objid FROM ext)),
          (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal),
          (SELECT count(*) FROM pg_type t WHERE typnamespace IN (SELECT oid FROM ns) AND typtype IN ('e','d') AND oid NOT IN (SELECT objid FROM ext)),
          (SELECT count(*) FROM pg_constraint WHERE connamespace IN (SELECT oid FROM ns) AND contype = 'f')
        """
        rc, out, err = run(["psql", "-X", "-At", "-F", " ", "-d", self.dsn, "-c", q])
        if rc != 0:
            return "?"
        t, i, s, v, f, tr, ty, fk = out.split()
        parts = [f"{t} tables", f"{i} indexes", f"{fk} FKs", f"{s} sequences"]
        for n, w in ((v, "views"), (f, "functions"), (tr, "triggers"), (ty, "enum/domain types")):
            if n != "0":
                parts.append(f"{n} {w}")
        return ", ".join(parts)


def psql_c(dsn, sql, check=True):
    rc, out, err = run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn, "-c", sql])
    if check and rc != 0:
        raise RuntimeError(f"psql -c {sql!r} failed: {err}")
    return rc == 0


def normalise_dump(dump):
    """tests/src/lib.rs::normalise_dump, line for line."""
    out = []
    columns = None
    for l in dump.splitlines():
        if (l.startswith("--") or l.startswith("SET ")
                or l.startswith("SELECT pg_catalog.set_config")
                or l.startswith("\\restrict") or l.startswith("\\unrestrict")
                or l.strip() == ""):
            continue
        if columns is not None:
            if l.startswith(")"):
                columns.sort()
                out.extend(columns)
                columns = None
                out.append(l)
            else:
                columns.append(l.rstrip(","))
            continue
        if l.startswith("CREATE TABLE ") and l.endswith("("):
            columns = []
        out.append(l)
    return "\n".join(out)


def catalog_diff(actual, expected, limit=3):
    a, e = actual.splitlines(), expected.splitlines()
    sa, se = set(a), set(e)
    d = [f"-{l.strip()}" for l in e if l not in sa] + [f"+{l.strip()}" for l in a if l not in se]
    if not d:
        return "same lines, different order"
    more = f" (+{len(d) - limit} more)" if len(d) > limit else ""
    return "; ".join(d[:limit]) + more


# ---------------------------------------------------------------------------------------
# the round trips
# ---------------------------------------------------------------------------------------
def migrator(binary, args, cwd):
    return run([binary] + args, cwd=cwd)


def migration_files(mdir, direction):
    fs = sorted(glob.glob(os.path.join(mdir, f"*.{direction}.sql")))
    return fs[::-1] if direction == "down" else fs


def apply_all(db, files, stage):
    for f in files:
        err = db.exec_file(f)
        if err:
            raise Fail(stage, f"{os.path.basename(f)}: {err}")


@contextlib.contextmanager
def checked(res):
    """The stages of one check: `res` records a pass, or the Skip or Fail that ended them;
    the scratch databases put in the yielded list are dropped either way."""
    dbs = []
    try:
        yield dbs
        res.update(result="pass", stage="-", error="")
    except Skip as e:
        res.update(result="skip", stage="-", error=str(e))
    except Fail as e:
        res.update(result="fail", stage=e.stage, error=e.message)
    finally:
        for d in dbs:
            d.drop()


def roundtrip(name, spec, ctx):
    work = os.path.join(ctx.work, name)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    files, version = schema_files(spec, work)
    res = {"name": name, "package": version, "objects": "?", "census": census(files)}
    with checked(res) as dbs:
        ref = Db(ctx.admin, f"{name}_ref")
        dbs.append(ref)
        err = ref.load_files(files)
        if err:
            raise Skip(f"the original SQL does not load with psql -f: {err}")
        res["objects"] = ref.counts()
        want = ref.dump()
        rc, out, err = migrator(ctx.binary, ["generate", "--schema", "schema",
                                             "--migrations", "migrations"], work)
        if rc != 0:
            raise Fail("generate", first_error(err))
        ups = migration_files(os.path.join(work, "migrations"), "up")
        db = Db(ctx.admin, f"{name}_up")
        dbs.append(db)
        apply_all(db, ups, "up")
        got = db.dump()
        if got != want:
            raise Fail("compare", catalog_diff(got, want))
        rc, out, err = migrator(ctx.binary, ["generate", "--schema", "schema",
                                             "--migrations", "migrations"], work)
        if rc != 0:
            raise Fail("again", first_error(err))
        if out.strip() != "no changes":
            extra = migration_files(os.path.join(work, "migrations"), "up")[len(ups):]
            first = ""
            if extra:
                with open(extra[0]) as f:
                    body = [l for l in f.read().splitlines()
                            if l.strip() and not l.startswith("--") and l.strip() not in ("BEGIN;", "COMMIT;")]
                first = body[0] if body else ""
            raise Fail("again", f"second generate is not empty: {first}")
        apply_all(db, migration_files(os.path.join(work, "migrations"), "down"), "down")
        if db.dump() != ctx.empty:
            raise Fail("down", "not empty after the downs: " + catalog_diff(db.dump(), ctx.empty))
    return res


def upgrade(name, specs, ctx):
    old_spec, new_spec = specs
    work = os.path.join(ctx.work, name)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, "old"))
    os.makedirs(os.path.join(work, "new"))
    old_files, old_v = schema_files(old_spec, os.path.join(work, "old"))
    new_files, new_v = schema_files(new_spec, os.path.join(work, "new"))
    res = {"name": name, "package": f"{old_v} → {new_v.split()[-1]}", "objects": "?",
           "census": census(old_files) + " → " + census(new_files)}
    with checked(res) as dbs:
        ref_old = Db(ctx.admin, f"{name}_old")
        ref_new = Db(ctx.admin, f"{name}_new")
        live = Db(ctx.admin, f"{name}_live")
        dbs += [ref_old, ref_new, live]
        for d, fs in ((ref_old, old_files), (ref_new, new_files), (live, old_files)):
            err = d.load_files(fs)
            if err:
                raise Skip(f"the original SQL does not load with psql -f: {err}")
        res["objects"] = ref_old.counts() + " → " + ref_new.counts()
        want_old, want_new = ref_old.dump(), ref_new.dump()
        args = ["generate", "--allow-destructive", "--schema", "new/schema",
                "--migrations", "migrations", "--dsn", live.dsn]
        rc, out, err = migrator(ctx.binary, args, work)
        if rc != 0:
            raise Fail("generate", first_error(err))
        ups = migration_files(os.path.join(work, "migrations"), "up")
        apply_all(live, ups, "up")
        if live.dump() != want_new:
            raise Fail("compare", catalog_diff(live.dump(), want_new))
        rc, out, err = migrator(ctx.binary, args, work)
        if rc != 0:
            raise Fail("again", first_error(err))
        if out.strip() != "no changes":
            raise Fail("again", "second generate is not empty")
        apply_all(live, migration_files(os.path.join(work, "migrations"), "down"), "down")
        if live.dump() != want_old:
            raise Fail("down", catalog_diff(live.dump(), want_old))
    return res


# ---------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------
class Ctx:
    pass


def read_expected():
    exp = {}
    if os.path.exists(EXPECTED):
        for l in open(EXPECTED):
            l = l.strip()
            if not l or l.startswith("#"):
                continue
            name, want = l.split("\t")[:2]
            exp[name] = want.strip()
    return exp


def md_cell(s):
    return s.replace("|", "\\|").replace("\n", " ")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*", help="only these schemas (default: all)")
    ap.add_argument("--binary", required=True, help="the migrator binary")
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("MIGRATOR_CORPUS_JOBS", "3")))
    ap.add_argument("--markdown", help="write the results table (markdown) to this file")
    ap.add_argument("--list", action="store_true", help="list the schemas and exit")
    a = ap.parse_args()
    allnames = list(CORPUS) + list(UPGRADES)
    if a.list:
        print("\n".join(allnames))
        return 0
    names = a.names or allnames
    unknown = [n for n in names if n not in allnames]
    if unknown:
        print(f"unknown schema(s): {', '.join(unknown)} (known: {', '.join(allnames)})",
              file=sys.stderr)
        return 2
    ctx = Ctx()
    ctx.binary = os.path.abspath(a.binary)
    ctx.admin = os.environ["MIGRATOR_TEST_PG_DSN"]
    # A work directory per run (results.tsv and each schema's files), for the same reason.
    os.makedirs(os.path.join(CACHE, "work"), exist_ok=True)
    for old in glob.glob(os.path.join(CACHE, "work", "run.*")):
        if time.time() - os.path.getmtime(old) > 6 * 3600:
            shutil.rmtree(old, ignore_errors=True)
    ctx.work = tempfile.mkdtemp(dir=os.path.join(CACHE, "work"), prefix="run.")
    e = Db(ctx.admin, "empty")
    ctx.empty = e.dump()
    e.drop()

    def one(n):
        t0 = time.monotonic()
        try:
            r = upgrade(n, UPGRADES[n], ctx) if n in UPGRADES else roundtrip(n, CORPUS[n], ctx)
        except Skip as ex:
            r = {"name": n, "package": "?", "objects": "?", "census": "?", "result": "skip", "stage": "-",
                 "error": str(ex)}
        r["time"] = f"{time.monotonic() - t0:.1f}s"
        log(f"corpus: {n}: {r['result']} {r['stage'] if r['stage'] != '-' else ''} "
            f"{r['error']} ({r['time']})")
        return r

    t0 = time.monotonic()
    with cf.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        results = list(pool.map(one, names))
    total = time.monotonic() - t0

    tsv = os.path.join(ctx.work, "results.tsv")
    with open(tsv, "w") as f:
        for r in results:
            f.write("\t".join([r["name"], r["result"], r["stage"], r["error"], r["time"]]) + "\n")
    if a.markdown:
        with open(a.markdown, "w") as f:
            f.write("| schema | package | objects (reference catalog) | result | stage | first error / reason | unsupported statements (census) | time |\n")
            f.write("|---|---|---|---|---|---|---|---|\n")
            for r in results:
                f.write("| " + " | ".join(md_cell(x) for x in (
                    r["name"], r["package"], r["objects"],
                    {"pass": "**round-trips**", "fail": "fails", "skip": "skipped"}[r["result"]],
                    r["stage"], f"`{r['error']}`" if r["error"] else "", r["census"],
                    r["time"])) + " |\n")

    expected = read_expected()
    regressions, improved = [], []
    for r in results:
        want = expected.get(r["name"], "fail")
        if want == "pass" and r["result"] != "pass":
            regressions.append(r)
        if want != "pass" and r["result"] == "pass":
            improved.append(r["name"])
    npass = sum(r["result"] == "pass" for r in results)
    nskip = sum(r["result"] == "skip" for r in results)
    print(f"corpus: {len(results)} schemas in {total:.1f}s: {npass} round-trip, "
          f"{len(results) - npass - nskip} fail, {nskip} skipped (details: {tsv})")
    for n in improved:
        print(f"corpus: {n} now round-trips: mark it `pass` in scripts/corpus-expected.tsv")
    for r in regressions:
        print(f"corpus: REGRESSION: {r['name']} is expected to pass but {r['result']}s "
              f"at {r['stage']}: {r['error']}")
    return 1 if regressions else 0


if __name__ == "__main__":
    sys.exit(main())
