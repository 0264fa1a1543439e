#!/bin/sh
# One image, one role per container: `<service>` (API and its workers, or
# RUN_MODE=api / RUN_MODE=workers), `workers <service>`, `relay`, `migrate`.
set -e
role="${1:-gateway}"
[ "$#" -gt 0 ] && shift
case "$role" in
  gateway | identity | screening | booking | payments | care)
    exec node --enable-source-maps "services/$role/dist/server.mjs" "$@" ;;
  workers)
    [ -n "$1" ] || { echo "usage: workers <identity|screening|booking|payments|care>" >&2; exit 64; }
    RUN_MODE=workers exec node --enable-source-maps "services/$1/dist/server.mjs" ;;
  relay)
    exec node --enable-source-maps packages/queue/dist/relay.mjs ;;
  migrate)
    exec node --experimental-wasm-modules packages/db/dist/migrate.mjs deploy ;;
  *)
    echo "unknown role '$role': gateway identity screening booking payments care | workers <service> | relay | migrate" >&2
    exit 64 ;;
esac
