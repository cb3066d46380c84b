import type DataLoader from 'dataloader';
import { manyLoader, oneLoader } from '../common/loader';
import type { SubjectEntity } from './subject.entity';
import type { PortEntity } from './port.entity';
import type { PartnerEntity } from '../partners/partner.entity';
import type { MeasureEntity } from '../observations/measure.entity';
import type { PortEventRecord, ReferenceRepository, ReferenceTable } from './subject.repository';

/** Per-request loaders over reference data, by code. */
export interface ReferenceLoaders {
  subject: DataLoader<string, SubjectEntity | null, string>;
  port: DataLoader<string, PortEntity | null, string>;
  portEvents: DataLoader<string, PortEventRecord[], string>;
  children: DataLoader<string, SubjectEntity[], string>;
  partner: DataLoader<string, PartnerEntity | null, string>;
  measure: DataLoader<string, MeasureEntity | null, string>;
  /** A subject, measure or partner code as stored, or null when it is not: all three tables in one statement per batch. */
  storedCode: DataLoader<StoredCodeKey, StoredCodeKey | null, string>;
}

/** A code of one of the reference tables a series names. */
export interface StoredCodeKey {
  table: ReferenceTable;
  code: string;
}

const storedCodeKey = (k: StoredCodeKey) => `${k.table}:${k.code}`;

/** Creates the reference loaders of one request (one statement per batch). */
export function createReferenceLoaders(repo: ReferenceRepository): ReferenceLoaders {
  const byCode = <R extends { code: string }>(fetch: (codes: readonly string[]) => Promise<readonly R[]>) =>
    oneLoader(async (codes: readonly string[]) => (await fetch(codes)).map((r) => [r.code, r] as const));
  return {
    subject: byCode((c) => repo.findSubjects(c)),
    port: byCode((c) => repo.findPorts(c)),
    partner: byCode((c) => repo.findPartners(c)),
    measure: byCode((c) => repo.findMeasures(c)),
    portEvents: manyLoader(async (codes: readonly string[]) => (await repo.findPortEvents(codes)).map((e) => [e.portCode, e] as const)),
    storedCode: oneLoader(async (keys: readonly StoredCodeKey[]) => {
      const of = (t: ReferenceTable) => [...new Set(keys.filter((k) => k.table === t).map((k) => k.code))];
      return (await repo.storedCodes(of('subject'), of('measure'), of('partner'))).map((r) => [storedCodeKey(r), r] as const);
    }, storedCodeKey),
    children: manyLoader(async (codes: readonly string[]) => (await repo.findChildren(codes)).map((s) => [s.parentCode as string, s] as const)),
  };
}
