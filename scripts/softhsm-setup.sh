#!/usr/bin/env bash
# Provision the SoftHSM2 token that Veil's PKCS#11 tests use.
#
#   * Installs Debian's softhsm2 when softhsm2-util or the module is missing
#     (apt-get update once, then apt-get install -y softhsm2).
#   * Keeps everything in ONE dedicated directory, ${VEIL_SOFTHSM_DIR:-/var/lib/veil-softhsm}:
#       softhsm2.conf   SoftHSM's configuration (use it with SOFTHSM2_CONF=...)
#       tokens/         the token store
#       pkcs11.cfg      a SunPKCS11 configuration naming the module and the token's slot
#     The system-wide /etc/softhsm2.conf and its tokens are never read or written.
#   * Initialises a token labelled "veil-test" with FIXED TEST PINs (user 1234-veil-test,
#     SO 5678-veil-test). They protect nothing but throwaway test keys; never reuse them.
#
# The directory is handed to ${VEIL_SOFTHSM_OWNER:-$SUDO_USER or root}, so that tests
# run by that account can open read-write sessions on the token.
#
# Idempotent; a no-op (well under a second) when the token and files are in place.
# Needs root (installs packages, writes under /var/lib); uses `sudo -n` when not root.
# Progress goes to stderr; nothing is printed to stdout.
#
# The driver's tests find this directory without any export (driver/pom.xml points
# SOFTHSM2_CONF and veil.softhsm.dir at it); pass -Dveil.softhsm.dir=... to Maven, or set
# VEIL_SOFTHSM_DIR for both this script and Maven, to use another one.

set -euo pipefail

readonly DIR=${VEIL_SOFTHSM_DIR:-/var/lib/veil-softhsm}
readonly LABEL=veil-test
readonly PIN=1234-veil-test
readonly SO_PIN=5678-veil-test

log() { printf '[softhsm-setup] %s\n' "$*" >&2; }
die() { printf '[softhsm-setup] ERROR: %s\n' "$*" >&2; exit 1; }

if [[ $EUID -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "needs root (or passwordless sudo)"
    exec sudo -n -- env VEIL_SOFTHSM_DIR="$DIR" \
        VEIL_SOFTHSM_OWNER="${VEIL_SOFTHSM_OWNER:-$(id -un)}" bash "$0" "$@"
fi
readonly OWNER=${VEIL_SOFTHSM_OWNER:-${SUDO_USER:-root}}
export SOFTHSM2_CONF=$DIR/softhsm2.conf

find_module() {
    local candidate
    for candidate in /usr/lib/softhsm/libsofthsm2.so \
            /usr/lib/*-linux-gnu/softhsm/libsofthsm2.so /usr/local/lib/softhsm/libsofthsm2.so; do
        if [[ -f $candidate ]]; then
            printf '%s' "$candidate"
            return 0
        fi
    done
    return 1
}

# The slot id SoftHSM gave the token labelled $LABEL, or nothing.
token_slot() {
    softhsm2-util --show-slots 2>/dev/null | awk -v label="$LABEL" '
        /^Slot [0-9]+/ { slot = $2 }
        /^[[:space:]]*Label:/ { sub(/^[[:space:]]*Label:[[:space:]]*/, ""); sub(/[[:space:]]+$/, "");
                                if ($0 == label) { print slot; exit } }'
}

sunpkcs11_config() {
    printf '%s\n' \
        "# Managed by scripts/softhsm-setup.sh: the Veil test token (label $LABEL)." \
        "name = VeilSoftHSM" \
        "library = $1" \
        "slot = $2"
}

conf_content() {
    printf '%s\n' \
        "# Managed by scripts/softhsm-setup.sh: Veil's test token store only." \
        "directories.tokendir = $DIR/tokens" \
        "objectstore.backend = file" \
        "log.level = ERROR" \
        "slots.removable = false"
}

# Fast path: module, configuration, token and SunPKCS11 config all in place.
if module=$(find_module) && command -v softhsm2-util >/dev/null 2>&1 \
        && [[ -f $SOFTHSM2_CONF && $(cat "$SOFTHSM2_CONF") == "$(conf_content)" ]] \
        && slot=$(token_slot) && [[ -n $slot ]] \
        && [[ -f $DIR/pkcs11.cfg && $(cat "$DIR/pkcs11.cfg") == "$(sunpkcs11_config "$module" "$slot")" ]] \
        && [[ $(stat -c %U "$DIR/tokens") == "$OWNER" ]]; then
    exit 0
fi

if ! find_module >/dev/null || ! command -v softhsm2-util >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 || die "softhsm2 is missing and apt-get is not available"
    export DEBIAN_FRONTEND=noninteractive
    log "apt-get update"
    apt-get update -q >&2 || die "apt-get update failed"
    log "apt-get install -y softhsm2"
    apt-get install -y -q softhsm2 >&2 || die "apt-get install softhsm2 failed"
fi
module=$(find_module) || die "softhsm2 is installed but libsofthsm2.so was not found"

install -d -m 700 "$DIR" "$DIR/tokens"
if [[ ! -f $SOFTHSM2_CONF || $(cat "$SOFTHSM2_CONF") != "$(conf_content)" ]]; then
    log "writing $SOFTHSM2_CONF"
    conf_content >"$SOFTHSM2_CONF"
fi

slot=$(token_slot)
if [[ -z $slot ]]; then
    log "initialising token '$LABEL' in $DIR/tokens"
    softhsm2-util --init-token --free --label "$LABEL" --pin "$PIN" --so-pin "$SO_PIN" >&2 \
        || die "softhsm2-util --init-token failed"
    slot=$(token_slot)
    [[ -n $slot ]] || die "token '$LABEL' not found after initialising it"
fi

sunpkcs11_config "$module" "$slot" >"$DIR/pkcs11.cfg"
chmod 600 "$SOFTHSM2_CONF" "$DIR/pkcs11.cfg"
chown -R "$OWNER:" "$DIR"
log "token '$LABEL' is in slot $slot; SOFTHSM2_CONF=$SOFTHSM2_CONF, SunPKCS11 config $DIR/pkcs11.cfg"
