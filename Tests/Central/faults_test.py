#!/usr/bin/env python3
"""Twenty kiosks feeding one central PostgreSQL through a network that drops and delays
connections at random, with the server restarted mid-run (issue 17). Real everything: each kiosk
is `intake kiosk` taking whole intakes over a pipe into its own data folder, each forwarder is
`intake forward` in its own process, the server is the throwaway cluster `scripts/postgres run`
started, and the network is a TCP proxy here that cuts connections and holds data back.

Passes when every record every kiosk stored reached the central store exactly once (lost 0,
duplicated 0) and every alert arrived; prints the figures. Run by `make test` inside
`scripts/postgres run` (which sets INTAKE_TEST_POSTGRES_*)."""
import importlib.machinery
import importlib.util
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INTAKE = os.environ.get("INTAKE") or os.path.join(ROOT, ".build", "debug", "intake")
SHIPPED = os.path.join(ROOT, "Dialogs", "ketamine-intake")
KIOSKS = 20
INTAKES_PER_KIOSK = 2
# One journey with no alert, one whose tier-2 escalations raise staff alerts.
JOURNEYS = ["01-trd-two-trials-prn-lorazepam.transcript", "06-tier2-method-rideshare-alone.transcript"]
DROP_CHANCE = 0.05  # per chunk relayed: the connection is cut
DELAY_CHANCE = 0.2  # per chunk: held back up to 30 ms
SEED = int(os.environ.get("FAULTS_SEED", "1717"))


def bench_module():
    loader = importlib.machinery.SourceFileLoader("bench", os.path.join(ROOT, "scripts", "bench", "run"))
    spec = importlib.util.spec_from_loader("bench", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def env(name):
    value = os.environ.get(name)
    if not value:
        sys.exit(f"faults: {name} is not set; run inside scripts/postgres run (make test does)")
    return value


HOST, PORT = env("INTAKE_TEST_POSTGRES_HOST"), int(env("INTAKE_TEST_POSTGRES_PORT"))
OWNER, OWNER_PASSWORD_FILE = env("INTAKE_TEST_POSTGRES_OWNER"), env("INTAKE_TEST_POSTGRES_OWNER_PASSWORD_FILE")
PG_BIN, PG_DATA = env("INTAKE_TEST_POSTGRES_BIN"), env("INTAKE_TEST_POSTGRES_DATA")


def psql(database, sql, role=OWNER, password_file=OWNER_PASSWORD_FILE):
    with open(password_file) as f:
        password = f.readline().rstrip("\n")
    done = subprocess.run(
        ["psql", "-h", HOST, "-p", str(PORT), "-U", role, "-d", database, "-v", "ON_ERROR_STOP=1", "-tA", "-c", sql],
        env=dict(os.environ, PGPASSWORD=password), capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"psql: {done.stderr.strip()}")
    return done.stdout.strip()


class FaultyProxy:
    """127.0.0.1:<port> -> the server, cutting connections and holding data back at random."""

    def __init__(self, target_port):
        self.target = target_port
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(256)
        self.port = self.listener.getsockname()[1]
        self.random = random.Random(SEED)
        self.lock = threading.Lock()
        self.connections = 0
        self.drops = 0
        self.delays = 0
        self.stopped = False
        threading.Thread(target=self.accept, daemon=True).start()

    def chance(self, p):
        with self.lock:
            return self.random.random() < p

    def accept(self):
        while not self.stopped:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(("127.0.0.1", self.target), timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += 1
            pair = [client, server]
            threading.Thread(target=self.relay, args=(client, server, pair), daemon=True).start()
            threading.Thread(target=self.relay, args=(server, client, pair), daemon=True).start()

    def relay(self, source, sink, pair):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if self.chance(DELAY_CHANCE):
                    with self.lock:
                        self.delays += 1
                    time.sleep(self.random.random() * 0.03)
                if self.chance(DROP_CHANCE):
                    with self.lock:
                        self.drops += 1
                    # Sometimes after part of the data: a reply lost on the way.
                    if self.chance(0.5):
                        sink.sendall(data[: len(data) // 2])
                    break
                sink.sendall(data)
        except OSError:
            pass
        for end in pair:
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            end.close()

    def stop(self):
        self.stopped = True
        self.listener.close()


def restart_server():
    # The restarted server writes to the cluster's log, not to pipes this script would wait on.
    log = os.path.join(os.path.dirname(os.path.dirname(PG_DATA)), "server.log")
    argv = [os.path.join(PG_BIN, "pg_ctl"), "-D", PG_DATA, "-l", log, "-m", "fast", "-w", "restart"]
    if os.geteuid() == 0:
        argv = ["runuser", "-u", "postgres", "--"] + argv
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


def main():
    bench = bench_module()
    journeys = [bench.typed_lines(os.path.join(SHIPPED, "transcripts", name)) for name in JOURNEYS]
    for lines in journeys:
        if any(kind != "answer" for kind, _ in lines):
            sys.exit("faults: a journey needs staff at a held screen; pick one that does not")
    work = tempfile.mkdtemp(prefix="intake-faults-")
    database = "faults_" + str(os.getpid())
    forwarders = []
    proxy = None
    try:
        psql("postgres", f"CREATE DATABASE {database}")
        migrated = subprocess.run(
            [INTAKE, "db", "migrate", "--url", f"postgres://{OWNER}@{HOST}:{PORT}/{database}?sslmode=disable",
             "--password-file", OWNER_PASSWORD_FILE], capture_output=True, text=True, timeout=60)
        if migrated.returncode != 0:
            sys.exit(f"faults: intake db migrate failed: {migrated.stdout}{migrated.stderr}")
        proxy = FaultyProxy(PORT)
        kiosks = []
        for index in range(KIOSKS):
            role = f"{database}_kiosk_{index:02d}"
            password = f"pw-{index}-{random.Random(SEED + index).getrandbits(64):x}"
            psql(database, f"CREATE ROLE {role} LOGIN PASSWORD '{password}' IN ROLE intake_kiosk")
            added = subprocess.run(
                [INTAKE, "db", "add-kiosk", "--url", f"postgres://{OWNER}@{HOST}:{PORT}/{database}?sslmode=disable",
                 "--password-file", OWNER_PASSWORD_FILE, "--role", role, "--site", f"site-{index % 3}",
                 "--kiosk", f"kiosk-{index:02d}"], capture_output=True, text=True, timeout=60)
            if added.returncode != 0:
                sys.exit(f"faults: intake db add-kiosk failed: {added.stdout}{added.stderr}")
            folder = os.path.join(work, f"kiosk{index:02d}")
            os.makedirs(folder)
            password_file = os.path.join(folder, "password")
            with open(os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
                f.write(password + "\n")
            kiosks.append({"role": role, "data": os.path.join(folder, "data"), "password": password_file,
                           "site": f"site-{index % 3}", "name": f"kiosk-{index:02d}"})

        def intakes(kiosk, index):
            for number in range(INTAKES_PER_KIOSK):
                lines = journeys[(index + number) % len(journeys)]
                typed = "".join(text + "\n" for _, text in lines)
                done = subprocess.run(
                    [INTAKE, "kiosk", "--dialog", SHIPPED, "--data", kiosk["data"], "--once",
                     "--kiosk-name", kiosk["name"], "--resume-kdf-rounds", "1024"],
                    input=typed, capture_output=True, text=True, timeout=300)
                if done.returncode != 0:
                    kiosk.setdefault("errors", []).append(done.stderr[-400:] or done.stdout[-400:])

        started = time.monotonic()
        # The kiosks take their intakes (20 at once) while the forwarders send through the proxy.
        takers = [threading.Thread(target=intakes, args=(kiosk, index)) for index, kiosk in enumerate(kiosks)]
        for taker in takers:
            taker.start()
        time.sleep(2)
        for kiosk in kiosks:
            url = f"postgres://{kiosk['role']}@127.0.0.1:{proxy.port}/{database}?sslmode=disable"
            while not os.path.exists(os.path.join(kiosk["data"], "intake.sqlite")):
                time.sleep(0.1)
            # The forwarder's log (no patient data): shown below for any kiosk left with records.
            log = open(os.path.join(work, kiosk["name"] + ".log"), "w")
            forwarders.append(subprocess.Popen(
                [INTAKE, "forward", "--data", kiosk["data"], "--url", url, "--password-file", kiosk["password"],
                 "--site", kiosk["site"], "--kiosk", kiosk["name"], "--maximum-retry-delay", "2"],
                stdout=log, stderr=subprocess.STDOUT))
        time.sleep(3)
        restart_server()
        restarts = 1
        for taker in takers:
            taker.join()
        failed = [kiosk["name"] for kiosk in kiosks if kiosk.get("errors")]
        if failed:
            sys.exit(f"faults: intakes failed at {failed}: {kiosks[0].get('errors')}")

        def waiting_at(kiosk):
            with sqlite3.connect(os.path.join(kiosk["data"], "intake.sqlite"), timeout=30) as db:
                return db.execute("SELECT count(*) FROM outbox WHERE forwarded_at IS NULL").fetchone()[0]

        def waiting():
            return sum(waiting_at(kiosk) for kiosk in kiosks)

        deadline = time.monotonic() + 120
        while waiting() and time.monotonic() < deadline:
            time.sleep(1)
        left = waiting()
        elapsed = time.monotonic() - started

        stored = sent_alerts = 0
        lost = duplicated = missing_alerts = 0
        for kiosk in kiosks:
            with sqlite3.connect(os.path.join(kiosk["data"], "intake.sqlite"), timeout=30) as db:
                # An unfinished state superseded by its submission is never sent.
                ids = {row[0].lower() for row in db.execute(
                    "SELECT id FROM outbox WHERE outcome IS NULL OR outcome <> 'superseded'")}
                alerts = db.execute("SELECT count(*) FROM alert").fetchone()[0]
            arrived = psql(database, f"SELECT id FROM forwarded_record WHERE kiosk_role = '{kiosk['role']}'").split()
            central_alerts = int(psql(
                database, f"SELECT count(*) FROM forwarded_record WHERE kiosk_role = '{kiosk['role']}' AND kind = 'alert'"))
            stored += len(ids)
            sent_alerts += alerts
            lost += len(ids - set(arrived))
            duplicated += len(arrived) - len(set(arrived))
            missing_alerts += max(0, alerts - central_alerts)
            # Nothing arrives that the kiosk did not store.
            duplicated += len(set(arrived) - ids)
        total = int(psql(database, "SELECT count(*) FROM forwarded_record"))
        distinct = int(psql(database, "SELECT count(DISTINCT (kiosk_role, kiosk_sequence)) FROM forwarded_record"))
        duplicated += total - distinct
        print(f"faults: {KIOSKS} kiosks, {KIOSKS * INTAKES_PER_KIOSK} intakes, {stored} records stored, {total} "
              f"arrived; {proxy.connections} connections, {proxy.drops} cut, {proxy.delays} delays, {restarts} server "
              f"restart; lost {lost}, duplicated {duplicated}, alerts {sent_alerts - missing_alerts} of {sent_alerts} "
              f"delivered; still waiting {left}; {elapsed:.0f} s")
        for kiosk, forwarder in zip(kiosks, forwarders):
            ended = forwarder.poll() is not None
            if ended or waiting_at(kiosk):
                state = f"ended ({forwarder.returncode})" if ended else f"left {waiting_at(kiosk)} records waiting"
                with open(os.path.join(work, kiosk["name"] + ".log")) as f:
                    print(f"faults: the forwarder of {kiosk['name']} {state}; its log:\n{f.read()[-3000:]}")
                if os.environ.get("FAULTS_STACKS") and not ended:
                    subprocess.run(["gdb", "-p", str(forwarder.pid), "-batch", "-ex", "thread apply all bt"])
        if lost or duplicated or missing_alerts or left or total != stored or sent_alerts == 0 or proxy.drops == 0:
            sys.exit("faults: FAILED")
    finally:
        for forwarder in forwarders:
            forwarder.terminate()
        for forwarder in forwarders:
            try:
                forwarder.wait(timeout=10)
            except subprocess.TimeoutExpired:
                forwarder.kill()
        if proxy:
            proxy.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
