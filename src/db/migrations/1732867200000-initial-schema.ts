import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema: reference tables (subject, port, port_event, partner, measure, source),
 * observations with vintages, exchange rates and import batches. Values are exact `numeric`.
 */
export class InitialSchema1732867200000 implements MigrationInterface {
  name = 'InitialSchema1732867200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subject (
        code text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('REGION','PREFECTURE','COUNTY','PORT','PORT_GROUP','CUSTOMS_DISTRICT','COUNTRY','CUSTOMS_OFFICE')),
        parent_code text REFERENCES subject(code),
        chinese_name text,
        note text
      )`);
    await q.query(`
      CREATE TABLE partner (
        code text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('COUNTRY','GROUP','WORLD'))
      )`);
    await q.query(`
      CREATE TABLE measure (
        code text PRIMARY KEY,
        name text NOT NULL,
        category text NOT NULL CHECK (category IN ('TOTAL','PRODUCT','PHYSICAL')),
        description text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE source (
        id serial PRIMARY KEY,
        publisher text NOT NULL,
        title text NOT NULL,
        url text,
        published_on text CHECK (published_on ~ '^\\d{4}(-\\d{2}(-\\d{2})?)?$'),
        natural_key text NOT NULL UNIQUE
      )`);
    await q.query(`
      CREATE TABLE port (
        code text PRIMARY KEY REFERENCES subject(code),
        name text NOT NULL,
        other_names text[] NOT NULL,
        chinese_name text NOT NULL,
        county text NOT NULL,
        prefecture_code text NOT NULL REFERENCES subject(code),
        region_code text NOT NULL REFERENCES subject(code),
        counterpart_country text NOT NULL REFERENCES partner(code),
        counterpart_crossing text NOT NULL,
        un_locode text,
        notes text
      )`);
    await q.query(`
      CREATE TABLE port_event (
        id serial PRIMARY KEY,
        port_code text NOT NULL REFERENCES port(code),
        event_date date NOT NULL,
        event text NOT NULL CHECK (event IN ('OPENED','CLOSED','REOPENED')),
        detail text NOT NULL,
        source_id integer NOT NULL REFERENCES source(id),
        UNIQUE (port_code, event_date, event, source_id)
      )`);
    await q.query(`
      CREATE TABLE import_batch (
        id serial PRIMARY KEY,
        file_name text NOT NULL,
        imported_by text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        rows_inserted integer NOT NULL DEFAULT 0,
        rows_unchanged integer NOT NULL DEFAULT 0,
        rows_superseded integer NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE observation (
        id bigserial PRIMARY KEY,
        measure_code text NOT NULL REFERENCES measure(code),
        subject_code text NOT NULL REFERENCES subject(code),
        partner_code text NOT NULL REFERENCES partner(code),
        flow text NOT NULL CHECK (flow IN ('total','import','export')),
        period_start date NOT NULL,
        period_end date NOT NULL,
        value numeric CHECK (value >= 0),
        unit text NOT NULL CHECK (unit IN ('CNY_MN','USD_MN','NPR_MN','TONNES','COUNT','VEHICLE_TRIPS','PERSON_CROSSINGS','PERSONS_PER_DAY')),
        reported_yoy_growth_pct numeric,
        growth_basis text CHECK (growth_basis IN ('PERCENT','MULTIPLE_ROUNDED')),
        status text NOT NULL CHECK (status IN ('REPORTED','PROVISIONAL','ESTIMATED','LOWER_BOUND','DERIVED')),
        note text,
        source_id integer NOT NULL REFERENCES source(id),
        import_batch_id integer NOT NULL REFERENCES import_batch(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        superseded_at timestamptz,
        CHECK (period_end >= period_start),
        CHECK ((growth_basis IS NULL) = (reported_yoy_growth_pct IS NULL)),
        CHECK (value IS NOT NULL OR reported_yoy_growth_pct IS NOT NULL)
      )`);
    // One current vintage per (key, source); older vintages keep superseded_at.
    await q.query(`
      CREATE UNIQUE INDEX observation_current_key ON observation
        (subject_code, measure_code, partner_code, flow, unit, period_start, period_end, source_id)
        WHERE superseded_at IS NULL`);
    await q.query(`
      CREATE INDEX observation_vintage_key ON observation
        (subject_code, measure_code, partner_code, flow, unit, period_start, period_end, recorded_at)`);
    await q.query(`CREATE INDEX observation_source ON observation (source_id)`);
    await q.query(`
      CREATE TABLE exchange_rate (
        id serial PRIMARY KEY,
        base_currency text NOT NULL,
        base_amount numeric NOT NULL CHECK (base_amount > 0),
        quote_currency text NOT NULL,
        quote_amount numeric NOT NULL CHECK (quote_amount > 0),
        period_start date NOT NULL,
        period_end date NOT NULL,
        source_id integer NOT NULL REFERENCES source(id),
        note text,
        CHECK (period_end >= period_start),
        UNIQUE (base_currency, quote_currency, period_start, period_end, source_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['exchange_rate', 'observation', 'import_batch', 'port_event', 'port', 'source', 'measure', 'partner', 'subject']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
