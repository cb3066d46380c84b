import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed change to the port table, by any writer (the import command, the server's
 * mutation, psql), notifies channel `landports_reference` with the table's name as payload, so
 * that serving processes drop their cached copy (src/db/change-feed.ts,
 * src/subjects/reference.cache.ts). Statement-level triggers: one notification per statement,
 * delivered at commit, none after a rollback (PostgreSQL folds equal notifications of one
 * transaction into one). The feed checks that both exist and are enabled before it trusts them.
 */
export class ReferenceChanges1767312000000 implements MigrationInterface {
  name = 'ReferenceChanges1767312000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION landports_notify_reference() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('landports_reference', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER port_changed AFTER INSERT OR UPDATE OR DELETE ON port
      FOR EACH STATEMENT EXECUTE FUNCTION landports_notify_reference()`);
    await q.query(`CREATE TRIGGER port_truncated AFTER TRUNCATE ON port
      FOR EACH STATEMENT EXECUTE FUNCTION landports_notify_reference()`);
    // ALWAYS: they fire under session_replication_role = replica too (a logical-replication
    // subscriber's apply worker, pg_restore's data load), where ordinary triggers do not.
    await q.query('ALTER TABLE port ENABLE ALWAYS TRIGGER port_changed');
    await q.query('ALTER TABLE port ENABLE ALWAYS TRIGGER port_truncated');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS port_truncated ON port');
    await q.query('DROP TRIGGER IF EXISTS port_changed ON port');
    await q.query('DROP FUNCTION IF EXISTS landports_notify_reference()');
  }
}
