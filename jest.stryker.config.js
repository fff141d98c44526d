// The jest configuration `npm run mutate` (Stryker) uses: the in-process unit tests of the Kafka
// knowledge and of both back ends' constructs and bad input (docs/mutation.md). Left out: tests
// that spawn java, bash, synth, kubectl, Maven or containers, and the whole-flavour snapshot
// tests. They reach the same lib/kafka code, but every surviving mutant re-runs every test that
// covers it, and with them a run on the 2 shared cores took hours instead of minutes.
const base = require('./jest.config');

const TESTS = [
  'cluster-model', 'cluster-props', 'config-model', 'pod-placement-bad-input', 'raw-bad-input',
  'raw-constructs', 'raw-rack-bad-input', 'strimzi-bad-input', 'strimzi-constructs',
  'strimzi-optional-bad-input', 'strimzi-versions', 'topic-settings',
];

const { reporters: _reporters, ...rest } = base;
module.exports = {
  ...rest,
  testMatch: TESTS.map(t => `<rootDir>/test/${t}.test.ts`),
};
