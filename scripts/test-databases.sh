#!/usr/bin/env bash
# Provision the databases used by the integration tests.
#
#   * PostgreSQL: a DEDICATED cluster "veiltest" (highest installed major
#     version) on 127.0.0.1:55432, trust auth on loopback only, with database
#     "veil_test"; and a second one, "veiltls" on 127.0.0.1:55433, for the TLS
#     tests (TLS required but for the fixture's postgres login; roles veil_app
#     and veil_mtls). The machine's other clusters (e.g. "15 main") are never
#     touched.
#   * MariaDB: make sure a server answers on 127.0.0.1:3306, that root can log
#     in over TCP with an empty password and that database "test" exists.
#     Failures here are fatal only when CI=true.
#   * SoftHSM2: the PKCS#11 test token, through scripts/softhsm-setup.sh (its
#     own directory, never the system-wide token store). Failures here are
#     fatal only when CI=true.
#
# Idempotent; a no-op (well under a second or two) when everything is in place.
# Needs root for the first run (installs packages, creates the cluster); uses
# `sudo -n` when not run as root.
#
# Usage:
#   scripts/test-databases.sh            # prints the VEIL_IT_* settings
#   source scripts/test-databases.sh     # same, and exports them
#
# Only the VEIL_IT_* lines go to stdout; progress/diagnostics go to stderr.

VEIL_IT_PG_URL=jdbc:postgresql://127.0.0.1:55432/veil_test
VEIL_IT_PG_USER=postgres
VEIL_IT_MARIADB_URL=jdbc:mariadb://127.0.0.1:3306/test
VEIL_IT_PG_TLS_URL=jdbc:postgresql://127.0.0.1:55433/veil_test
VEIL_IT_MARIADB_TLS_URL=jdbc:mariadb://127.0.0.1:3307/test

if [[ ${BASH_SOURCE[0]} != "$0" ]]; then
    # Sourced: do the work in a child bash (so `set -e`, traps, helper
    # functions and `cd` never leak into the caller's shell), then export.
    if bash "${BASH_SOURCE[0]}"; then
        export VEIL_IT_PG_URL VEIL_IT_PG_USER VEIL_IT_MARIADB_URL VEIL_IT_PG_TLS_URL VEIL_IT_MARIADB_TLS_URL
        return 0
    else
        unset VEIL_IT_PG_URL VEIL_IT_PG_USER VEIL_IT_MARIADB_URL VEIL_IT_PG_TLS_URL VEIL_IT_MARIADB_TLS_URL
        return 1
    fi
fi

# Executed.
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SCRIPT_DIR

main() {
    cd /
    export LC_ALL=C.UTF-8 LANG=C.UTF-8
    unset LANGUAGE
    export DEBIAN_FRONTEND=noninteractive

    readonly PG_DB=veil_test
    readonly MARIADB_PORT=3306
    readonly MARIADB_DB=test
    readonly WAIT_SECONDS=30
    readonly MDB_TLS_DIR=/var/lib/veil-mariadb-tls

    log()  { printf '[test-databases] %s\n' "$*" >&2; }
    warn() { printf '[test-databases] WARNING: %s\n' "$*" >&2; }
    die()  { printf '[test-databases] ERROR: %s\n' "$*" >&2; exit 1; }

    # Run a command as root. fd 9 (our lock) is closed for it, so that daemons
    # it starts (postgres, mariadbd, services started by apt) do not inherit
    # the lock and keep it held forever.
    asroot() {
        if [[ $EUID -eq 0 ]]; then
            "$@" 9>&-
        elif command -v sudo >/dev/null 2>&1; then
            sudo -n -- "$@" 9>&-
        else
            die "need root (or passwordless sudo) to run: $*"
        fi
    }

    # Serialise concurrent runs (best effort).
    local lock=/run/lock/veil-test-databases.lock
    [[ -d /run/lock ]] || lock=/tmp/veil-test-databases.lock
    if ( : >>"$lock" ) 2>/dev/null; then
        exec 9>>"$lock"
        chmod 666 "$lock" 2>/dev/null || true
        flock -w 120 9 || die "timed out waiting for lock $lock"
    fi

    # ------------------------------------------------------------------ apt
    local apt_updated=0 work_log
    work_log=$(mktemp /tmp/veil-test-databases-log.XXXXXX)
    trap "rm -f '$work_log'" EXIT
    apt_install() {
        # Returns non-zero on failure (caller decides whether that is fatal).
        command -v apt-get >/dev/null 2>&1 || { warn "apt-get not available"; return 1; }
        if [[ $apt_updated -eq 0 ]]; then
            log "apt-get update"
            if ! asroot env DEBIAN_FRONTEND=noninteractive apt-get update -q >"$work_log" 2>&1; then
                tail -n 20 "$work_log" >&2; return 1
            fi
            apt_updated=1
        fi
        log "apt-get install $*"
        if ! asroot env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
                -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
                "$@" >"$work_log" 2>&1; then
            tail -n 30 "$work_log" >&2; return 1
        fi
    }

    # Wait (bounded) until "$@" succeeds.
    wait_for() {
        local deadline=$((SECONDS + WAIT_SECONDS))
        until "$@" >/dev/null 2>&1; do
            ((SECONDS < deadline)) || return 1
            sleep 0.2
        done
    }

    # ----------------------------------------------------------- PostgreSQL
    # setup_postgres CLUSTER PORT HBA CONF: one dedicated cluster, its pg_hba.conf and a
    # conf.d drop-in given as text.
    setup_postgres() {
        local PG_CLUSTER=$1 PG_PORT=$2 hba=$3 conf=$4
        local ver bin
        highest_pg_version() {
            local d v best=
            for d in /usr/lib/postgresql/*/bin/postgres; do
                [[ -x $d ]] || continue
                v=${d#/usr/lib/postgresql/}; v=${v%%/*}
                [[ -z $best ]] || [[ $(printf '%s\n%s\n' "$best" "$v" | sort -V | tail -n1) == "$v" ]] && best=$v
            done
            printf '%s' "$best"
        }

        ver=$(highest_pg_version)
        if [[ -z $ver ]] || ! command -v pg_createcluster >/dev/null 2>&1 \
                || ! command -v pg_ctlcluster >/dev/null 2>&1; then
            apt_install postgresql || die "could not install PostgreSQL (apt-get install postgresql failed)"
            ver=$(highest_pg_version)
            [[ -n $ver ]] || die "PostgreSQL installed but no server binaries found under /usr/lib/postgresql"
        fi
        bin=/usr/lib/postgresql/$ver/bin
        PG_BIN=$bin
        local confdir=/etc/postgresql/$ver/$PG_CLUSTER
        local logfile=/var/log/postgresql/postgresql-$ver-$PG_CLUSTER.log

        pg_ready() { "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; }
        pg_running() { pg_ctlcluster "$ver" "$PG_CLUSTER" status >/dev/null 2>&1; }
        psql_pg() { "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }

        # Fast path: our cluster is up, configured as asked, and the database exists.
        if [[ -f $confdir/postgresql.conf ]] && pg_ready && pg_running \
                && [[ $(printf '%s\n' "$hba") == "$(asroot cat "$confdir/pg_hba.conf")" ]] \
                && [[ $(psql_pg -d "$PG_DB" -Atc 'select 1' 2>/dev/null) == 1 ]]; then
            return 0
        fi

        # A "veiltest" cluster of another major version would fight over the
        # port; it is a throwaway test cluster, so drop it.
        local d oldver
        for d in /etc/postgresql/*/"$PG_CLUSTER"; do
            [[ -d $d ]] || continue
            oldver=${d#/etc/postgresql/}; oldver=${oldver%%/*}
            [[ $oldver == "$ver" ]] && continue
            log "dropping obsolete test cluster $oldver/$PG_CLUSTER"
            asroot pg_dropcluster --stop "$oldver" "$PG_CLUSTER" >&2 || die "could not drop $oldver/$PG_CLUSTER"
        done

        # Half-created cluster (config without data directory): recreate.
        if [[ -d $confdir ]] && ! asroot test -f "/var/lib/postgresql/$ver/$PG_CLUSTER/PG_VERSION"; then
            log "cluster $ver/$PG_CLUSTER is incomplete; recreating it"
            asroot pg_dropcluster --stop "$ver" "$PG_CLUSTER" >&2 2>/dev/null || true
            asroot rm -rf "$confdir"
        fi

        if [[ ! -d $confdir ]]; then
            log "creating PostgreSQL $ver cluster '$PG_CLUSTER' on port $PG_PORT"
            if ! asroot pg_createcluster --port "$PG_PORT" --start-conf manual \
                    --locale C.UTF-8 --encoding UTF8 \
                    "$ver" "$PG_CLUSTER" -- --auth-local=trust --auth-host=trust \
                    >"$work_log" 2>&1; then
                cat "$work_log" >&2
                die "pg_createcluster $ver $PG_CLUSTER failed"
            fi
        fi

        # Configure ONLY this cluster (everything below is under $confdir).
        # ensure_file <path> <mode>  (content on stdin); returns 0 if changed.
        ensure_file() {
            local want rc=1
            want=$(mktemp /tmp/veil-test-databases-conf.XXXXXX)
            cat >"$want"
            if ! asroot cmp -s "$want" "$1"; then
                log "writing $1"
                asroot install -o postgres -g postgres -m "$2" "$want" "$1" || die "could not write $1"
                rc=0
            fi
            rm -f "$want"
            return $rc
        }
        local restart=0 reload=0 cur
        cur=$(asroot pg_conftool -s "$ver" "$PG_CLUSTER" show port 2>/dev/null || true)
        if [[ $cur != "$PG_PORT" ]]; then
            asroot pg_conftool "$ver" "$PG_CLUSTER" set port "$PG_PORT"
            restart=1
        fi
        # listen_addresses goes into a conf.d drop-in (include_dir is the last
        # directive of Debian's postgresql.conf, so it wins). Note: pg_conftool
        # cannot be used for it, it writes 127.0.0.1 unquoted (a syntax error).
        if ! grep -Eq "^[[:space:]]*include_dir[[:space:]]*=?[[:space:]]*'conf\.d'" "$confdir/postgresql.conf"; then
            printf "\ninclude_dir = 'conf.d'\n" | asroot tee -a "$confdir/postgresql.conf" >/dev/null
            restart=1
        fi
        asroot install -d -o postgres -g postgres -m 755 "$confdir/conf.d"
        if printf '%s\n' "$conf" | ensure_file "$confdir/conf.d/veiltest.conf" 644; then
            restart=1
        fi

        if printf '%s\n' "$hba" | ensure_file "$confdir/pg_hba.conf" 640; then
            reload=1
        fi

        if pg_running; then
            if [[ $restart -eq 1 ]]; then
                log "restarting $ver/$PG_CLUSTER (configuration changed)"
                asroot pg_ctlcluster --skip-systemctl-redirect "$ver" "$PG_CLUSTER" restart >&2 \
                    || die "could not restart $ver/$PG_CLUSTER (see $logfile)"
            elif [[ $reload -eq 1 ]]; then
                asroot pg_ctlcluster --skip-systemctl-redirect "$ver" "$PG_CLUSTER" reload >&2 \
                    || die "could not reload $ver/$PG_CLUSTER"
            fi
        else
            if pg_ready; then
                die "something else is already listening on 127.0.0.1:$PG_PORT (not cluster $ver/$PG_CLUSTER)"
            fi
            log "starting PostgreSQL cluster $ver/$PG_CLUSTER"
            if ! asroot pg_ctlcluster --skip-systemctl-redirect "$ver" "$PG_CLUSTER" start >&2; then
                asroot tail -n 20 "$logfile" >&2 2>/dev/null || true
                die "could not start PostgreSQL cluster $ver/$PG_CLUSTER (see $logfile)"
            fi
        fi

        if ! wait_for pg_ready; then
            asroot tail -n 20 "$logfile" >&2 2>/dev/null || true
            die "PostgreSQL $ver/$PG_CLUSTER not accepting connections on 127.0.0.1:$PG_PORT after ${WAIT_SECONDS}s (see $logfile)"
        fi

        if [[ $(psql_pg -d postgres -Atc "select 1 from pg_database where datname = '$PG_DB'") != 1 ]]; then
            log "creating database $PG_DB"
            psql_pg -d postgres -c "CREATE DATABASE $PG_DB OWNER postgres" >/dev/null \
                || die "could not create database $PG_DB"
        fi
        [[ $(psql_pg -d "$PG_DB" -Atc 'select 1') == 1 ]] \
            || die "cannot connect to $PG_DB on 127.0.0.1:$PG_PORT as postgres"
    }

    # -------------------------------------------------------------- MariaDB
    # Runs in its own subshell (with set -e); returns non-zero on any problem.
    setup_mariadb() {
        local mariadbd=/usr/sbin/mariadbd
        mdb_tcp() {
            mariadb --no-defaults --protocol=TCP -h 127.0.0.1 -P "$MARIADB_PORT" \
                -uroot --password= --connect-timeout=3 --batch --skip-column-names "$@"
        }
        mdb_ping() {
            mariadb-admin --no-defaults --protocol=TCP -h 127.0.0.1 -P "$MARIADB_PORT" \
                -uroot --password= --connect-timeout=2 ping
        }
        # "Something answers": ping succeeds, or at least the port accepts TCP
        # connections (ping fails e.g. with "Host '127.0.0.1' is not allowed",
        # which is exactly what we fix further down).
        mdb_alive() {
            mdb_ping >/dev/null 2>&1 \
                || timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$MARIADB_PORT" 2>/dev/null
        }
        mdb_fail() { printf '[test-databases] MariaDB: %s\n' "$*" >&2; exit 1; }

        # Fast path.
        if command -v mariadb >/dev/null 2>&1 \
                && [[ $(mdb_tcp -e "CREATE DATABASE IF NOT EXISTS \`$MARIADB_DB\`; SELECT 1" 2>/dev/null) == 1 ]]; then
            return 0
        fi

        if [[ ! -x $mariadbd ]] || ! command -v mariadb >/dev/null 2>&1 \
                || ! command -v mariadb-admin >/dev/null 2>&1; then
            apt_install mariadb-server mariadb-client || mdb_fail "apt-get install mariadb-server failed"
            [[ -x $mariadbd ]] || mdb_fail "$mariadbd missing after installing mariadb-server"
        fi

        if ! mdb_alive; then
            local datadir
            datadir=$(my_print_defaults --mysqld 2>/dev/null | sed -n 's/^--datadir=//p' | tail -n1)
            datadir=${datadir:-/var/lib/mysql}
            asroot install -d -o mysql -g mysql -m 755 /run/mysqld
            asroot install -d -o mysql -g mysql -m 750 "$datadir"
            [[ -d /var/log/mysql ]] || asroot install -d -o mysql -g adm -m 2750 /var/log/mysql
            if ! asroot test -d "$datadir/mysql"; then
                log "initialising MariaDB data directory $datadir"
                asroot mariadb-install-db --user=mysql --datadir="$datadir" --skip-test-db \
                    >"$work_log" 2>&1 || { tail -n 20 "$work_log" >&2; mdb_fail "mariadb-install-db failed"; }
            fi
            log "starting MariaDB"
            asroot start-stop-daemon --start --quiet --oknodo --background \
                --output /var/log/mysql/veil-mariadbd-console.log \
                --exec "$mariadbd" -- --user=mysql >&2 \
                || mdb_fail "start-stop-daemon could not start $mariadbd"
            local deadline=$((SECONDS + WAIT_SECONDS))
            until mdb_alive; do
                if ((SECONDS >= deadline)) \
                        || ! asroot start-stop-daemon --status --exec "$mariadbd"; then
                    asroot tail -n 20 /var/log/mysql/veil-mariadbd-console.log >&2 2>/dev/null || true
                    mdb_fail "mariadbd exited, or nothing answered on 127.0.0.1:$MARIADB_PORT within ${WAIT_SECONDS}s"
                fi
                sleep 0.2
            done
        fi

        # Root must be able to log in over TCP with an empty password.
        if ! mdb_tcp -e 'SELECT 1' >/dev/null 2>&1; then
            log "enabling password-less TCP login for MariaDB root (via the unix socket)"
            asroot mariadb -uroot --batch -e \
                "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket; FLUSH PRIVILEGES;" \
                || mdb_fail "could not fix root authentication via the unix socket"
            if ! mdb_tcp -e 'SELECT 1' >/dev/null 2>&1; then
                # e.g. with skip-name-resolve 127.0.0.1 does not match 'root'@'localhost'.
                asroot mariadb -uroot --batch -e \
                    "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED VIA mysql_native_password USING PASSWORD('');
                     GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;" \
                    || mdb_fail "could not create 'root'@'127.0.0.1'"
            fi
            mdb_tcp -e 'SELECT 1' >/dev/null || mdb_fail "root still cannot log in over TCP with an empty password"
        fi
        mdb_tcp -e "CREATE DATABASE IF NOT EXISTS \`$MARIADB_DB\`" \
            || mdb_fail "could not create database $MARIADB_DB"
    }

    # --------------------------------------------------- MariaDB with TLS
    # A second, dedicated mariadbd on 127.0.0.1:3307 under $MDB_TLS_DIR, with its own
    # my.cnf, data directory, socket and pid file; the machine's own server is not touched.
    # tls/ belongs to the account that runs the tests, which writes that run's certificates
    # there and runs FLUSH SSL; its files are world-readable throwaway test keys so that
    # mysqld can read them. Bootstrap certificates are made with openssl only when none exist.
    setup_mariadb_tls() {
        local dir=$MDB_TLS_DIR port=3307 owner=${VEIL_TLS_OWNER:-${SUDO_USER:-$(id -un)}}
        local sock=$dir/mysqld.sock
        mtls() {
            mariadb --no-defaults --protocol=TCP -h 127.0.0.1 -P "$port" -uroot --password= \
                --connect-timeout=3 --batch --skip-column-names "$@"
        }
        if [[ $(mtls -e "SELECT count(*) FROM mysql.global_priv WHERE User IN ('veil_app','veil_x509')" 2>/dev/null) == 2 ]] \
                && [[ $(stat -c %U "$dir/tls") == "$owner" ]]; then
            return 0
        fi
        [[ -x /usr/sbin/mariadbd ]] && command -v mariadb-install-db >/dev/null 2>&1 \
            || apt_install mariadb-server mariadb-client || exit 1
        command -v openssl >/dev/null 2>&1 || apt_install openssl || exit 1
        asroot install -d -o mysql -g mysql -m 755 "$dir"
        asroot install -d -o mysql -g mysql -m 750 "$dir/data"
        asroot install -d -o "$owner" -m 755 "$dir/tls"
        if [[ ! -f $dir/tls/ca.crt ]]; then
            log "making bootstrap certificates in $dir/tls"
            local t
            t=$(mktemp -d /tmp/veil-mariadb-tls.XXXXXX)
            openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Veil bootstrap CA" \
                -keyout "$t/ca.key" -out "$t/ca.crt" >/dev/null 2>&1
            openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
                -keyout "$t/server.key" -out "$t/server.csr" >/dev/null 2>&1
            printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$t/ext"
            openssl x509 -req -in "$t/server.csr" -CA "$t/ca.crt" -CAkey "$t/ca.key" \
                -CAcreateserial -days 30 -extfile "$t/ext" -out "$t/server.crt" >/dev/null 2>&1
            asroot install -o "$owner" -m 644 "$t/ca.crt" "$t/server.crt" "$t/server.key" "$dir/tls/"
            rm -rf "$t"
        fi
        printf '%s\n' "# Managed by scripts/test-databases.sh -- throwaway TLS test server." \
            "[mysqld]" "user=mysql" "datadir=$dir/data" "socket=$sock" "pid-file=$dir/mysqld.pid" \
            "port=$port" "bind-address=127.0.0.1" "skip-name-resolve" "log-error=$dir/error.log" \
            "ssl-ca=$dir/tls/ca.crt" "ssl-cert=$dir/tls/server.crt" "ssl-key=$dir/tls/server.key" \
            | asroot tee "$dir/my.cnf" >/dev/null
        asroot chmod 644 "$dir/my.cnf"
        if ! asroot test -d "$dir/data/mysql"; then
            log "initialising the MariaDB TLS data directory $dir/data"
            asroot mariadb-install-db --defaults-file="$dir/my.cnf" --user=mysql \
                --auth-root-authentication-method=normal --skip-test-db >"$work_log" 2>&1 \
                || { tail -n 20 "$work_log" >&2; exit 1; }
        fi
        if ! asroot test -S "$sock" || ! asroot mariadb --no-defaults -S "$sock" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
            log "starting the MariaDB TLS server on 127.0.0.1:$port"
            asroot start-stop-daemon --start --quiet --oknodo --background \
                --pidfile "$dir/mysqld.pid" --exec /usr/sbin/mariadbd -- --defaults-file="$dir/my.cnf" >&2
            local deadline=$((SECONDS + WAIT_SECONDS))
            until asroot mariadb --no-defaults -S "$sock" -uroot -e 'SELECT 1' >/dev/null 2>&1; do
                if ((SECONDS >= deadline)); then
                    asroot tail -n 20 "$dir/error.log" >&2 2>/dev/null || true
                    exit 1
                fi
                sleep 0.2
            done
        fi
        asroot mariadb --no-defaults -S "$sock" -uroot --batch -e "
            CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
            GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
            CREATE DATABASE IF NOT EXISTS test;
            CREATE USER IF NOT EXISTS 'veil_app'@'127.0.0.1' IDENTIFIED BY '' REQUIRE SSL;
            CREATE USER IF NOT EXISTS 'veil_x509'@'127.0.0.1' IDENTIFIED BY '' REQUIRE X509;
            GRANT ALL ON test.* TO 'veil_app'@'127.0.0.1';
            GRANT ALL ON test.* TO 'veil_x509'@'127.0.0.1';
            FLUSH PRIVILEGES;" || exit 1
        [[ $(mtls -e 'SELECT 1') == 1 ]] || exit 1
    }


    local header="# Managed by scripts/test-databases.sh -- throwaway integration-test cluster."
    setup_postgres veiltest 55432 "$header
# Trust authentication; the server only listens on 127.0.0.1.
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   trust
host    all       all   ::1/128        trust" "$header
listen_addresses = '127.0.0.1'"

    # The TLS cluster starts with ssl = off: the TLS tests generate this run's certificates,
    # install them over the plaintext postgres login (the fixture's setup connection) and
    # turn TLS on with ALTER SYSTEM, which lives in postgresql.auto.conf and is left alone here.
    # veil_mtls must present a client certificate whose CN is veil_mtls; everyone else but
    # postgres must use TLS.
    setup_postgres veiltls 55433 "$header
# TYPE    DATABASE USER       ADDRESS        METHOD
local     all      all                       trust
hostnossl all      postgres   127.0.0.1/32   trust
hostssl   all      veil_mtls  127.0.0.1/32   cert
hostssl   all      all        127.0.0.1/32   trust
hostnossl all      all        127.0.0.1/32   reject" "$header
listen_addresses = '127.0.0.1'
ssl = off"
    local role
    for role in veil_app veil_mtls; do
        "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 55433 -U postgres -d "$PG_DB" -c "
            DO \$\$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') THEN
                CREATE ROLE $role LOGIN;
              END IF;
            END \$\$;
            GRANT ALL ON DATABASE $PG_DB TO $role;
            GRANT ALL ON SCHEMA public TO $role;" >/dev/null \
            || die "could not create role $role on the TLS cluster"
    done

    local rc=0
    set +e
    (set -e; setup_mariadb)
    rc=$?
    set -e
    if [[ $rc -ne 0 ]]; then
        if [[ ${CI:-} == true ]]; then
            die "MariaDB setup failed (fatal because CI=true)"
        fi
        warn "MariaDB setup failed; MariaDB-based integration tests will not work"
    fi

    set +e
    asroot env VEIL_SOFTHSM_OWNER="$(id -un)" \
        VEIL_SOFTHSM_DIR="${VEIL_SOFTHSM_DIR:-/var/lib/veil-softhsm}" \
        bash "$SCRIPT_DIR/softhsm-setup.sh"
    rc=$?
    set -e
    if [[ $rc -ne 0 ]]; then
        if [[ ${CI:-} == true ]]; then
            die "SoftHSM2 setup failed (fatal because CI=true)"
        fi
        warn "SoftHSM2 setup failed; the PKCS#11 KEK tests will be aborted"
    fi

    set +e
    (set -e; setup_mariadb_tls)
    rc=$?
    set -e
    if [[ $rc -ne 0 ]]; then
        if [[ ${CI:-} == true ]]; then
            die "MariaDB TLS server setup failed (fatal because CI=true)"
        fi
        warn "MariaDB TLS server setup failed; its TLS tests will be aborted"
    fi

    printf 'VEIL_IT_PG_URL=%s\nVEIL_IT_PG_USER=%s\nVEIL_IT_MARIADB_URL=%s\nVEIL_IT_PG_TLS_URL=%s\nVEIL_IT_MARIADB_TLS_URL=%s\nVEIL_IT_MARIADB_TLS_DIR=%s\n' \
        "$VEIL_IT_PG_URL" "$VEIL_IT_PG_USER" "$VEIL_IT_MARIADB_URL" "$VEIL_IT_PG_TLS_URL" \
        "$VEIL_IT_MARIADB_TLS_URL" "$MDB_TLS_DIR/tls"
}

main "$@"
