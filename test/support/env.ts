/** Names of the variables through which globalSetup hands the chosen databases to the test files. */
export const TEST_ENV = {
  /** URL of the test database: migrated and loaded with the shipped real data. */
  url: 'LANDPORTS_TEST_DB_URL',
  /** URL of the scratch database, which tests reset at will (import tests). */
  scratchUrl: 'LANDPORTS_TEST_SCRATCH_URL',
  /**
   * URL of the database the dashboard's browser tests serve (migrated, holding the shipped real
   * data): the test database on a server; with the embedded database, a third instance of its own,
   * since one embedded instance admits only TEST_POOL_SIZE connections from all suites together.
   */
  dashboardUrl: 'LANDPORTS_TEST_DASHBOARD_DB_URL',
  /** Which database was chosen: "url", "testcontainers" or "embedded". */
  kind: 'LANDPORTS_TEST_DB_KIND',
} as const;

/** Pool size of every test DataSource; the embedded server admits exactly this many connections. */
export const TEST_POOL_SIZE = 4;
