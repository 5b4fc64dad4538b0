-- Run once by the postgres image when it initializes an empty data directory
-- (/docker-entrypoint-initdb.d, see docker-compose.yml); on an existing volume, run it by hand:
--   docker compose exec -T postgres psql -U waypoint -d waypoint < docker/postgres-init.sql
--
-- The application role: the API and the worker connect as it (DATABASE_URL), and row-level
-- security applies to it (not superuser, not BYPASSRLS, owns no table). Migrations create it
-- NOLOGIN when it is missing and grant it row privileges; here it gets LOGIN and a password.
-- Change the password (here and in DATABASE_URL) for anything beyond a local stack.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'waypoint_app') THEN
    CREATE ROLE waypoint_app LOGIN PASSWORD 'waypoint_app' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  ELSE
    ALTER ROLE waypoint_app LOGIN PASSWORD 'waypoint_app' NOSUPERUSER NOBYPASSRLS;
  END IF;
END
$$;
