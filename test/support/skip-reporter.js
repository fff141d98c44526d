// Jest reporter: lists every skipped test by file and name at the end of the run, so that a
// test skipped for a missing tool (`… (skipped: busybox not on the PATH)`, see tools.ts) is seen,
// not only counted. Under CI those tests fail instead of skipping (toolTest).
'use strict';
const path = require('path');

class SkipReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const skipped = [];
    for (const file of results.testResults) {
      for (const t of file.testResults) {
        if (t.status === 'pending' || t.status === 'skipped' || t.status === 'todo') {
          skipped.push(`  ${path.relative(this.rootDir, file.testFilePath)} › ${t.fullName}`);
        }
      }
    }
    if (skipped.length === 0) return;
    process.stderr.write(`\nSkipped tests (${skipped.length}):\n${skipped.join('\n')}\n` +
      (process.env.CI ? '' : 'Install the tools they name to run them; CI requires them.\n'));
  }
}

module.exports = SkipReporter;
