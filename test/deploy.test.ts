/**
 * The files that run the supergraph, checked against the code (no Docker engine is needed):
 * docker-compose.yml against the configuration module (service names, ports, the variables
 * src/config.ts reads), supergraph.yaml and router.yaml against it and the committed
 * supergraph.graphql, the Dockerfile's stages, user and health check, and the README's
 * Configuration table against CONFIG_VARIABLES.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../src/config';

const root = path.resolve(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const compose = parseYaml(read('docker-compose.yml'));
const services = compose.services as Record<string, any>;
const landportsEnv = services.landports.environment as Record<string, string>;
const config = loadConfig(landportsEnv);

/** "host:container" port mappings of a service, as numbers. */
function portsOf(service: string): Array<{ host: number; container: number }> {
  return (services[service].ports as string[]).map((p) => {
    const [host, container] = p.split(':').map(Number);
    return { host, container };
  });
}

test('three services: postgres, landports and router', () => {
  expect(Object.keys(services).sort()).toEqual(['landports', 'postgres', 'router']);
});

test('postgres: the official image, a pg_isready health check and a named volume', () => {
  const pg = services.postgres;
  expect(pg.image).toMatch(/^postgres:\d+(\.\d+)?(-alpine)?$/);
  expect(pg.healthcheck.test.join(' ')).toMatch(/pg_isready -U landports -d landports/);
  const [volume, mount] = (pg.volumes[0] as string).split(':');
  expect(mount).toBe('/var/lib/postgresql/data');
  expect(Object.keys(compose.volumes)).toContain(volume);
});

test('landports: built from the Dockerfile, after a healthy database, with only variables the configuration reads', () => {
  const lp = services.landports;
  expect(lp.build).toBe('.');
  expect(lp.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  for (const name of Object.keys(landportsEnv)) expect([name, CONFIG_VARIABLES.includes(name as never)]).toEqual([name, true]);
  expect(config).toMatchObject({ migrateOnStart: true, seedOnStart: true, nodeEnv: 'production', introspection: false });
  const db = new URL(config.databaseUrl as string);
  const pgEnv = services.postgres.environment;
  expect([db.hostname, db.port, db.username, db.password, db.pathname]).toEqual(['postgres', '5432', pgEnv.POSTGRES_USER, pgEnv.POSTGRES_PASSWORD, `/${pgEnv.POSTGRES_DB}`]);
  expect(portsOf('landports').map((p) => p.container)).toEqual([config.port]);
});

test('router: after a healthy Landports, serving the committed supergraph with router.yaml, on the port router.yaml listens on', () => {
  const router = services.router;
  expect(router.image).toMatch(/^ghcr\.io\/apollographql\/router:v2\.\d+\.\d+$/);
  expect(router.depends_on).toEqual({ landports: { condition: 'service_healthy' } });
  const mounts = Object.fromEntries((router.volumes as string[]).map((v) => v.split(':').slice(0, 2).reverse()));
  const [, configPath, , supergraphPath] = router.command as string[];
  expect(mounts[configPath]).toBe('./router.yaml');
  expect(mounts[supergraphPath]).toBe('./supergraph.graphql');
  const routerConfig = parseYaml(read('router.yaml'));
  const listenPort = Number(String(routerConfig.supergraph.listen).split(':')[1]);
  expect(portsOf('router').map((p) => p.container)).toEqual([listenPort]);
  // The host ports do not collide.
  const hostPorts = [...portsOf('router'), ...portsOf('landports')].map((p) => p.host);
  expect(new Set(hostPorts).size).toBe(hostPorts.length);
});

test('supergraph.yaml (Rover) and supergraph.graphql route to the landports service on its configured port, composed from subgraph.graphql', () => {
  const rover = parseYaml(read('supergraph.yaml'));
  const pkg = JSON.parse(read('package.json'));
  expect(rover.federation_version).toBe(`=${pkg.devDependencies['@apollo/composition']}`);
  const url = `http://landports:${config.port}/graphql`;
  expect(rover.subgraphs).toEqual({ landports: { routing_url: url, schema: { file: './subgraph.graphql' } } });
  expect(read('supergraph.graphql')).toContain(`LANDPORTS @join__graph(name: "landports", url: "${url}")`);
});

test('Dockerfile: multi-stage, runs as a non-root user, health check on /health/ready', () => {
  const dockerfile = read('Dockerfile');
  expect(dockerfile.match(/^FROM \S+ AS \w+$/gm)?.length).toBeGreaterThanOrEqual(2);
  expect(dockerfile).toMatch(/^COPY --from=build /m);
  const user = /^USER (\S+)$/m.exec(dockerfile)?.[1];
  expect(user).toBeDefined();
  expect(['root', '0']).not.toContain(user);
  expect(dockerfile).toMatch(/^HEALTHCHECK [^\n]*\\\n\s+CMD [^\n]*http:\/\/127\.0\.0\.1:4000\/health\/ready/m);
  expect(dockerfile).toMatch(/^EXPOSE 4000$/m);
  expect(loadConfig({}).port).toBe(4000);
});

test("the README's Configuration table lists every variable the configuration reads", () => {
  const readme = read('README.md');
  const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
  for (const name of CONFIG_VARIABLES) expect([name, table.includes(`\`${name}\``)]).toEqual([name, true]);
});
