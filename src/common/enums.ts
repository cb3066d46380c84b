import { registerEnumType } from 'type-graphql';

/** Direction of trade, seen from the subject. Internal values are the data file's codes. */
export enum Flow {
  TOTAL = 'total',
  IMPORT = 'import',
  EXPORT = 'export',
}
registerEnumType(Flow, { name: 'Flow', description: 'Direction of trade, seen from the subject (reporter).' });

/** Unit of an observation's value. */
export enum Unit {
  CNY_MN = 'CNY_MN',
  USD_MN = 'USD_MN',
  NPR_MN = 'NPR_MN',
  TONNES = 'TONNES',
  COUNT = 'COUNT',
  VEHICLE_TRIPS = 'VEHICLE_TRIPS',
  PERSON_CROSSINGS = 'PERSON_CROSSINGS',
  PERSONS_PER_DAY = 'PERSONS_PER_DAY',
}
registerEnumType(Unit, {
  name: 'Unit',
  description: 'Unit of a value.',
  valuesConfig: {
    CNY_MN: { description: 'million yuan (renminbi)' },
    USD_MN: { description: 'million US dollars' },
    NPR_MN: { description: 'million Nepalese rupees' },
    TONNES: { description: 'metric tonnes' },
    COUNT: { description: 'a count (e.g. of trading partners)' },
    VEHICLE_TRIPS: { description: 'vehicle crossings, inbound plus outbound' },
    PERSON_CROSSINGS: { description: 'person crossings; each entry or exit counts once' },
    PERSONS_PER_DAY: { description: 'persons per day' },
  },
});

/** Currencies with stored exchange rates. */
export enum Currency {
  CNY = 'CNY',
  USD = 'USD',
  NPR = 'NPR',
}
registerEnumType(Currency, { name: 'Currency' });

/** How a source published its year-on-year growth. */
export enum GrowthBasis {
  PERCENT = 'PERCENT',
  MULTIPLE_ROUNDED = 'MULTIPLE_ROUNDED',
}
registerEnumType(GrowthBasis, {
  name: 'GrowthBasis',
  valuesConfig: {
    PERCENT: { description: 'growth published in percent' },
    MULTIPLE_ROUNDED: { description: 'Chinese "增长N倍" (up N×100%), N usually rounded to one decimal: the percent may be several points off' },
  },
});

/** SDMX-style observation status. */
export enum ObservationStatus {
  REPORTED = 'REPORTED',
  PROVISIONAL = 'PROVISIONAL',
  ESTIMATED = 'ESTIMATED',
  LOWER_BOUND = 'LOWER_BOUND',
  DERIVED = 'DERIVED',
}
registerEnumType(ObservationStatus, {
  name: 'ObservationStatus',
  valuesConfig: {
    REPORTED: { description: 'as published' },
    PROVISIONAL: { description: 'published as provisional' },
    ESTIMATED: { description: 'estimated' },
    LOWER_BOUND: { description: 'the source says "more than" / "exceeded": the true value is at least this' },
    DERIVED: { description: 'computed here from reported figures' },
  },
});

/** Why a computed year-on-year growth is null. */
export enum GrowthNullReason {
  NO_CURRENT_VALUE = 'NO_CURRENT_VALUE',
  NO_PRIOR_OBSERVATION = 'NO_PRIOR_OBSERVATION',
  PRIOR_VALUE_MISSING = 'PRIOR_VALUE_MISSING',
  PRIOR_VALUE_ZERO = 'PRIOR_VALUE_ZERO',
}
registerEnumType(GrowthNullReason, {
  name: 'GrowthNullReason',
  valuesConfig: {
    NO_CURRENT_VALUE: { description: 'the source gave the growth but not the value' },
    NO_PRIOR_OBSERVATION: { description: 'no figure is stored for the same key and the same span one year earlier' },
    PRIOR_VALUE_MISSING: { description: 'the prior figure was published without a value' },
    PRIOR_VALUE_ZERO: { description: 'the prior value is 0: growth is undefined' },
  },
});

/** Kind of a period (see src/stats/period.ts). */
export enum PeriodKind {
  DAY = 'DAY',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  HALF = 'HALF',
  YEAR = 'YEAR',
  YEAR_TO_DATE = 'YEAR_TO_DATE',
  NEPALI_FISCAL_YEAR = 'NEPALI_FISCAL_YEAR',
  SPAN = 'SPAN',
}
registerEnumType(PeriodKind, { name: 'PeriodKind' });

/** Kind of a subject. */
export enum SubjectKind {
  REGION = 'REGION',
  PREFECTURE = 'PREFECTURE',
  COUNTY = 'COUNTY',
  PORT = 'PORT',
  PORT_GROUP = 'PORT_GROUP',
  CUSTOMS_DISTRICT = 'CUSTOMS_DISTRICT',
  COUNTRY = 'COUNTRY',
  CUSTOMS_OFFICE = 'CUSTOMS_OFFICE',
}
registerEnumType(SubjectKind, { name: 'SubjectKind' });

/** The statistical basis a subject's figures are counted on. Figures on different bases never combine. */
export enum StatisticalBasis {
  PORT_OF_CLEARANCE = 'PORT_OF_CLEARANCE',
  REGIONAL_CONSIGNEE = 'REGIONAL_CONSIGNEE',
  CUSTOMS_DISTRICT = 'CUSTOMS_DISTRICT',
  PARTNER_NATIONAL = 'PARTNER_NATIONAL',
}
registerEnumType(StatisticalBasis, {
  name: 'StatisticalBasis',
  valuesConfig: {
    PORT_OF_CLEARANCE: { description: 'goods cleared at a port, whoever the trader is' },
    REGIONAL_CONSIGNEE: { description: 'trade by firms located in Xizang (or the city/county)' },
    CUSTOMS_DISTRICT: { description: 'what a customs district supervises' },
    PARTNER_NATIONAL: { description: "Nepal's own statistics" },
  },
});

/** Kind of partner. */
export enum PartnerKind {
  COUNTRY = 'COUNTRY',
  GROUP = 'GROUP',
  WORLD = 'WORLD',
}
registerEnumType(PartnerKind, { name: 'PartnerKind' });

/** A dated change of a port's status. */
export enum PortEventKind {
  OPENED = 'OPENED',
  CLOSED = 'CLOSED',
  REOPENED = 'REOPENED',
}
registerEnumType(PortEventKind, { name: 'PortEventKind' });

/** A port's status on a date, from its events. */
export enum PortStatusKind {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  NOT_YET_OPENED = 'NOT_YET_OPENED',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(PortStatusKind, {
  name: 'PortStatusKind',
  valuesConfig: {
    OPEN: { description: 'the latest event on or before the date opened or reopened the port (the event detail says for what)' },
    CLOSED: { description: 'the latest event on or before the date closed it' },
    NOT_YET_OPENED: { description: "the date is before the port's recorded opening" },
    UNKNOWN: { description: 'no event is recorded on or before the date' },
  },
});
