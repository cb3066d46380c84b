/** Statistics core of Landports: pure functions over exact decimals and ISO-date periods.
 * Re-exports every public name of src/stats. */
export * from './decimal';
export * from './period';
export * from './growth';
export * from './status';
export * from './derive';
export * from './share';
export * from './conflict';
export * from './reconcile';
export * from './series';
