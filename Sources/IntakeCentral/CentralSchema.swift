/// The central store's schema, as numbered migrations `intake db migrate` applies in order, each
/// in one transaction with its row in `intake_migration`. A migration is never edited once
/// released: a change is a new one.
///
/// Roles (least privilege): `intake_kiosk` may only call `intake_forward`, which stamps the
/// caller's role on the record and reports whether it arrived; it cannot select, update or delete
/// anything. `intake_console` reads the records and writes review data. The owner (who runs the
/// migrations) owns the tables and the function. Each kiosk logs in as a role of its own that is
/// a member of `intake_kiosk`, so a record names the kiosk that sent it and one kiosk's
/// credentials cannot pass for another's. See README, "Several sites".
public enum CentralSchema {
  public struct Migration: Sendable {
    public let version: Int
    public let name: String
    /// Statements run one by one (a function body may hold semicolons of its own).
    public let statements: [String]
  }

  /// The table that records which migrations ran.
  static let ledger = """
    CREATE TABLE IF NOT EXISTS intake_migration (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )
    """

  public static let migrations: [Migration] = [
    Migration(
      version: 1, name: "forwarded records, least-privilege roles, each kiosk's audit trail checked",
      statements: [
        // The group roles, made when missing (the owner needs CREATEROLE for that; an
        // administrator may make them beforehand instead, as the README shows). Roles belong to
        // the whole server, so another database's migration may make them at the same moment.
        """
        DO $$
        DECLARE
          wanted text;
        BEGIN
          FOREACH wanted IN ARRAY ARRAY['intake_kiosk', 'intake_console'] LOOP
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = wanted) THEN
              BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', wanted);
              EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
              END;
            END IF;
          END LOOP;
        END
        $$
        """,
        // Every record a kiosk forwards: sealed bytes and what is not patient data (ids, the site
        // and kiosk it came from, its place in the kiosk's outbox, times).
        """
        CREATE TABLE forwarded_record (
          id uuid PRIMARY KEY,
          kiosk_role name NOT NULL,
          site text NOT NULL CHECK (site <> '' AND length(site) <= 64),
          kiosk text NOT NULL CHECK (kiosk <> '' AND length(kiosk) <= 64),
          kind text NOT NULL CHECK (kind IN ('alert', 'submission', 'audit')),
          kiosk_sequence bigint NOT NULL CHECK (kiosk_sequence >= 0),
          payload bytea NOT NULL,
          digest bytea NOT NULL,
          received_at timestamptz NOT NULL DEFAULT now(),
          -- The order records arrived in, across every kiosk.
          arrival bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
          -- An audit entry's place and hashes, read from it as it arrives: what its checks compare.
          audit_sequence bigint,
          audit_hash text,
          audit_previous_hash text,
          -- A sealed submission is a few kilobytes: a kiosk's role cannot fill the server.
          CONSTRAINT forwarded_record_size CHECK (octet_length(payload) <= 4194304)
        )
        """,
        "CREATE INDEX forwarded_record_site ON forwarded_record (site, kind, received_at)",
        // Which site and kiosk each kiosk role is (`intake db add-kiosk`, as the owner): a record
        // is taken only from the role registered for the site and kiosk it names, so one kiosk's
        // credentials cannot file records as another's.
        """
        CREATE TABLE kiosk (
          role name PRIMARY KEY,
          site text NOT NULL CHECK (site <> '' AND length(site) <= 64),
          kiosk text NOT NULL CHECK (kiosk <> '' AND length(kiosk) <= 64),
          registered_at timestamptz NOT NULL DEFAULT now(),
          UNIQUE (site, kiosk)
        )
        """,
        "REVOKE ALL ON TABLE kiosk FROM PUBLIC",
        "GRANT SELECT ON TABLE kiosk TO intake_console",
        """
        CREATE INDEX forwarded_record_audit ON forwarded_record (kiosk_role, audit_sequence)
          WHERE kind = 'audit'
        """,
        // What the checks found: a kiosk's trail cut off or rewritten after its entries left it.
        // The console reads it; nobody but the owner changes it.
        """
        CREATE TABLE audit_break (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          kiosk_role name NOT NULL,
          site text NOT NULL,
          kiosk text NOT NULL,
          audit_sequence bigint NOT NULL,
          found text NOT NULL,
          detected_at timestamptz NOT NULL DEFAULT now()
        )
        """,
        "REVOKE ALL ON TABLE audit_break FROM PUBLIC",
        "GRANT SELECT ON TABLE audit_break TO intake_console",
        // The only way in for a kiosk: insert once; a retry of the same record is 'duplicate'
        // (it arrived: the kiosk may forget it); other content under its id is 'rejected'.
        // SECURITY DEFINER, so the kiosk needs no privilege on the table itself; the caller's
        // role is recorded from session_user, not trusted from the arguments. Audit entries are
        // checked as they arrive: one at a place this kiosk already forwarded with another hash,
        // or one that does not follow the entry forwarded before it (its previous hash), means
        // the kiosk's trail was rewritten or cut off and grown again; it is recorded in
        // audit_break and refused, so the kiosk's staff monitor says so too.
        """
        CREATE FUNCTION intake_forward(
          p_id uuid, p_site text, p_kiosk text, p_kind text, p_sequence bigint, p_payload bytea
        ) RETURNS text
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
        DECLARE
          earlier bytea;
          entry jsonb;
          place bigint;
          known_hash text;
          before_hash text;
          registered record;
        BEGIN
          -- Refused as a failure (the kiosk keeps the record and its staff hear of it), not as
          -- 'rejected': a kiosk set up with the wrong names must not lose its records.
          SELECT site, kiosk INTO registered FROM public.kiosk WHERE role = session_user;
          IF NOT FOUND THEN
            RAISE EXCEPTION 'the role % is not registered as a kiosk: run intake db add-kiosk', session_user
              USING ERRCODE = '42501';
          END IF;
          IF registered.site <> p_site OR registered.kiosk <> p_kiosk THEN
            RAISE EXCEPTION 'the role % is registered as kiosk % at site %, not kiosk % at site %',
              session_user, registered.kiosk, registered.site, p_kiosk, p_site
              USING ERRCODE = '42501';
          END IF;
          IF p_kind = 'audit' THEN
            BEGIN
              entry := convert_from(p_payload, 'UTF8')::jsonb;
              place := (entry->>'sequence')::bigint;
            EXCEPTION WHEN others THEN
              RETURN 'rejected';
            END;
            IF place IS NULL OR entry->>'hash' IS NULL OR entry->>'previousHash' IS NULL THEN
              RETURN 'rejected';
            END IF;
            SELECT audit_hash INTO known_hash FROM public.forwarded_record
              WHERE kiosk_role = session_user AND kind = 'audit' AND audit_sequence = place AND id <> p_id
              LIMIT 1;
            IF known_hash IS NOT NULL AND known_hash <> entry->>'hash' THEN
              INSERT INTO public.audit_break (kiosk_role, site, kiosk, audit_sequence, found)
              VALUES (session_user, p_site, p_kiosk, place,
                'entry ' || place || ' differs from the one this kiosk forwarded before: its trail was rewritten or cut off');
              RETURN 'rejected';
            END IF;
            SELECT audit_hash INTO before_hash FROM public.forwarded_record
              WHERE kiosk_role = session_user AND kind = 'audit' AND audit_sequence = place - 1
              LIMIT 1;
            IF before_hash IS NOT NULL AND before_hash <> entry->>'previousHash' THEN
              INSERT INTO public.audit_break (kiosk_role, site, kiosk, audit_sequence, found)
              VALUES (session_user, p_site, p_kiosk, place,
                'entry ' || place || ' does not follow entry ' || (place - 1) || ' as this kiosk forwarded it');
              RETURN 'rejected';
            END IF;
          END IF;
          INSERT INTO public.forwarded_record
            (id, kiosk_role, site, kiosk, kind, kiosk_sequence, payload, digest, audit_sequence, audit_hash,
             audit_previous_hash)
          VALUES (p_id, session_user, p_site, p_kiosk, p_kind, p_sequence, p_payload, sha256(p_payload),
            place, entry->>'hash', entry->>'previousHash')
          ON CONFLICT DO NOTHING;
          IF FOUND THEN
            RETURN 'accepted';
          END IF;
          SELECT digest INTO earlier FROM public.forwarded_record
            WHERE id = p_id AND kiosk_role = session_user AND kiosk_sequence = p_sequence AND kind = p_kind
              AND site = p_site AND kiosk = p_kiosk;
          IF earlier IS NOT NULL AND earlier = sha256(p_payload) THEN
            RETURN 'duplicate';
          END IF;
          RETURN 'rejected';
        END
        $$
        """,
        "REVOKE ALL ON FUNCTION intake_forward(uuid, text, text, text, bigint, bytea) FROM PUBLIC",
        "GRANT EXECUTE ON FUNCTION intake_forward(uuid, text, text, text, bigint, bytea) TO intake_kiosk",
        "REVOKE ALL ON TABLE forwarded_record FROM PUBLIC",
        "GRANT SELECT ON TABLE forwarded_record TO intake_console",
      ]),
    Migration(
      version: 2, name: "the consoles' review work, accounts and audit trail",
      statements: [
        // Staff accounts: each one's key slot is the clinic's private key wrapped with their
        // passphrase, as in a kiosk's store. Removed accounts stay, so names stay on past work.
        """
        CREATE TABLE console_account (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          name text NOT NULL,
          role text NOT NULL,
          key_slot bytea NOT NULL,
          created_at text NOT NULL,
          removed_at text,
          locked_until text,
          failures integer NOT NULL DEFAULT 0
        )
        """,
        "CREATE UNIQUE INDEX console_account_name ON console_account (name) WHERE removed_at IS NULL",
        // Review marks and case work (statuses, assignments, notes sealed to the clinic's key).
        """
        CREATE TABLE console_review (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          session_id text NOT NULL,
          reviewer text NOT NULL,
          sealed_note bytea,
          reviewed_at text NOT NULL
        )
        """,
        """
        CREATE TABLE console_case_event (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          session_id text NOT NULL,
          kind text NOT NULL,
          value text,
          sealed_note bytea,
          account text NOT NULL,
          at text NOT NULL
        )
        """,
        // Who went to a forwarded alert's patient, once per alert.
        """
        CREATE TABLE console_acknowledgement (
          record_id uuid PRIMARY KEY REFERENCES forwarded_record (id),
          acknowledged_by text NOT NULL,
          acknowledged_at text NOT NULL
        )
        """,
        "CREATE TABLE console_monitor_beat (name text PRIMARY KEY, at text NOT NULL)",
        // The consoles' own audit trail (views, exports, sign-ins, case work): a hash chain in
        // the kiosk's format, appended under an advisory lock in the transaction of the change.
        """
        CREATE TABLE console_audit (
          sequence bigint PRIMARY KEY CHECK (sequence > 0),
          at text NOT NULL,
          event text NOT NULL,
          session_id text,
          detail text,
          previous_hash text NOT NULL,
          hash text NOT NULL
        )
        """,
        """
        REVOKE ALL ON TABLE console_account, console_review, console_case_event, console_acknowledgement,
          console_monitor_beat, console_audit FROM PUBLIC
        """,
        // Review data is added, never changed or taken away; accounts and beats change in place.
        """
        GRANT SELECT, INSERT ON TABLE console_review, console_case_event, console_acknowledgement, console_audit
          TO intake_console
        """,
        "GRANT SELECT, INSERT, UPDATE ON TABLE console_account, console_monitor_beat TO intake_console",
        // A console checks the database is migrated to its version before it serves.
        "GRANT SELECT ON TABLE intake_migration TO intake_console",
      ]),
    Migration(
      version: 3, name: "unfinished intakes forwarded",
      statements: [
        // An intake that stopped before the end, as it stood: its sealed data key and inputs.
        "ALTER TABLE forwarded_record DROP CONSTRAINT forwarded_record_kind_check",
        """
        ALTER TABLE forwarded_record ADD CONSTRAINT forwarded_record_kind_check
          CHECK (kind IN ('alert', 'submission', 'audit', 'unfinished'))
        """,
      ]),
    Migration(
      version: 4, name: "what the consoles did, back to the kiosk that raised the alert",
      statements: [
        // The acknowledgements of the calling kiosk's own alerts (by the alert's number at the
        // kiosk), so its held screen can tell the patient someone is coming; nothing of any
        // other kiosk's. SECURITY DEFINER: the kiosk's role still reads no table.
        """
        CREATE FUNCTION intake_acknowledgements()
        RETURNS TABLE (alert_id bigint, acknowledged_by text, acknowledged_at text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
          SELECT (convert_from(f.payload, 'UTF8')::jsonb->>'id')::bigint, a.acknowledged_by, a.acknowledged_at
          FROM public.forwarded_record f JOIN public.console_acknowledgement a ON a.record_id = f.id
          WHERE f.kind = 'alert' AND f.kiosk_role = session_user AND f.received_at > now() - interval '7 days'
        $$
        """,
        // When a console last watched the alerts: the kiosk counts it as its staff monitor.
        """
        CREATE FUNCTION intake_console_seen() RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
          SELECT max(at) FROM public.console_monitor_beat
        $$
        """,
        "REVOKE ALL ON FUNCTION intake_acknowledgements(), intake_console_seen() FROM PUBLIC",
        "GRANT EXECUTE ON FUNCTION intake_acknowledgements(), intake_console_seen() TO intake_kiosk",
      ]),
  ]
}
