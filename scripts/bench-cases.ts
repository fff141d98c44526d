// One in-process synth benchmark case, run in a fresh node process by scripts/bench.js:
//   node .build/bench-cases.js <case> <n>
// Prints one JSON line: { case, n, objects, ms, maxRssMiB }.
// Cost measured: constructing the constructs + rendering every chart to YAML (app.synthYaml),
// i.e. all of synth but the file writes.
import { App, Chart } from 'cdk8s';
import { KafkaBrokers, KafkaTopicsJob } from '../lib/raw';
import { KafkaTopic, StrimziCluster } from '../lib/strimzi';

const [, , name, nArg] = process.argv;
const n = Number(nArg);

const cases: { [name: string]: (chart: Chart) => void } = {
  'raw-clusters': chart => {
    for (let i = 0; i < n; i++) new KafkaBrokers(chart, `kafka${i}`, { clusterName: `c${i}` });
  },
  'strimzi-clusters': chart => {
    for (let i = 0; i < n; i++) new StrimziCluster(chart, `kafka${i}`, { clusterName: `c${i}`, nodePoolNames: { dualRole: `c${i}` } });
  },
  'strimzi-topics': chart => {
    const cluster = new StrimziCluster(chart, 'kafka', {});
    for (let i = 0; i < n; i++) new KafkaTopic(chart, `t${i}`, { cluster, topicName: `topic-${i}`, partitions: 3 });
  },
  'raw-topics': chart => {
    const cluster = new KafkaBrokers(chart, 'kafka', {});
    new KafkaTopicsJob(chart, 'topics', { cluster, topics: Array.from({ length: n }, (_, i) => ({ name: `topic-${i}`, partitions: 3 })) });
  },
};

const build = cases[name];
if (!build || !Number.isInteger(n)) {
  throw new Error(`usage: bench-cases <${Object.keys(cases).join('|')}> <n>`);
}
const started = process.hrtime.bigint();
const app = new App({ outdir: '/tmp/cdk8s-kafka-bench' });
build(new Chart(app, 'bench', { namespace: 'kafka' }));
const yaml = app.synthYaml();
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const objects = (yaml.match(/^kind: /gm) ?? []).length;
console.log(JSON.stringify({ case: name, n, objects, ms: Math.round(ms * 10) / 10, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
