#!/usr/bin/env bash
# Migrates the database before the new version of the application is rolled out:
# status, a backup, deploy, status. Exit code 0 when the database is ready for the new version.
# Needs java, pg_dump, slipway.jar (SLIPWAY_JAR) and DATABASE_URL=postgresql://user:password@host:5432/db
set -euo pipefail
slipway() { java -jar "${SLIPWAY_JAR:-slipway.jar}" "$@"; }

status=0
slipway status || status=$?
case "$status" in
    0) echo "The database is up to date: nothing to deploy."; exit 0 ;;
    2) ;; # migrations to apply: go on
    *) echo "A migration failed or a file changed (see above): fix it, then 'slipway resolve'." >&2; exit 1 ;;
esac

backup="${BACKUP_DIR:-.}/before-deploy-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump --format=custom --file="$backup" "${DATABASE_URL%%\?*}" # pg_dump does not know ?schema=
echo "Backup written to $backup"

slipway deploy
slipway status || [ $? -eq 2 ] # 2 here: contract migrations wait for the old version to be gone
