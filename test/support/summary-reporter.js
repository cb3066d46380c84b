/** Prints one plain closing line, "jest: N passed, N failed, N skipped", after the run. */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests: p, numFailedTests: f, numPendingTests: s, numRuntimeErrorTestSuites: e } = results;
    process.stderr.write(`\njest: ${p} passed, ${f + e} failed, ${s} skipped\n`);
  }
}
module.exports = SummaryReporter;
