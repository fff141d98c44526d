// The jest configuration `npm run mutate` (Stryker) uses: the unit tests that exercise the
// constructs in-process. Tests that spawn synth, kubectl, Maven, the package build or containers
// are left out: in-process tests reach the same code in lib/kafka, and each spawned run costs
// seconds per mutant on the 2 shared cores.
const base = require('./jest.config');

const TESTS = [
  'cluster-model', 'cluster-props', 'config-model', 'flavours', 'operator-strimzi',
  'pod-placement-bad-input', 'properties-escaping', 'raw-bad-input', 'raw-constructs',
  'raw-flavours', 'raw-logging', 'raw-rack-bad-input', 'raw-rack', 'raw-scripts',
  'sample-app-clusters', 'sample-app', 'strimzi-bad-input', 'strimzi-constructs',
  'strimzi-crd-upgrade-job', 'strimzi-flavours', 'strimzi-kraft-migration',
  'strimzi-optional-bad-input', 'strimzi-optional', 'strimzi-versions', 'topic-settings',
  'topics-script',
];

const { reporters: _reporters, ...rest } = base;
module.exports = {
  ...rest,
  testMatch: TESTS.map(t => `<rootDir>/test/${t}.test.ts`),
};
