import { App, Chart } from 'cdk8s';
import { KafkaBrokers, KafkaBrokersProps } from '../lib/raw';

function chart(): Chart {
  return new Chart(new App({ outdir: '/tmp/cdk8s-kafka-raw-rack-bad' }), 'c', { namespace: 'kafka' });
}
const brokers = (props: KafkaBrokersProps) => () => new KafkaBrokers(chart(), 'kafka', props);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The message names the construct path, the field, the value given, what is allowed, and the fix. */
const msg = (path: string, field: string, given: string, allowed: string, fix: string) =>
  new RegExp(`^${esc(path)}: invalid ${esc(field)}: got ${esc(given)}; allowed: ${esc(allowed)}.*\\. Fix: ${esc(fix)}`);

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

/**
 * Rack-awareness rows of the raw bad-input catalogue (docs/errors.md).
 * Each row: description, the throwing synth, the expected message.
 */
const CASES: [string, () => unknown, RegExp][] = [
  ['no zones', brokers({ zones: [] }),
    msg('c/kafka', 'zones', '[]', 'a list of at least 2 zones (values of the node label topology.kubernetes.io/zone)', 'list the zones your nodes run in, e.g. ["eu-west-1a", "eu-west-1b", "eu-west-1c"], or remove zones')],
  ['a single zone', brokers({ zones: ['eu-west-1a'] }),
    msg('c/kafka', 'zones', '["eu-west-1a"]', 'a list of at least 2 zones', 'list the zones your nodes run in, e.g. ["eu-west-1a", "eu-west-1b", "eu-west-1c"], or remove zones (nodeSelector pins pods to one zone)')],
  ['zone that is not a label value', brokers({ zones: ['eu-west-1a', 'eu west 1b', 'eu-west-1c'] }),
    msg('c/kafka', 'zones[1]', '"eu west 1b"', 'a node label value: 1 to 63 letters, digits', 'use the zone as your nodes carry it (kubectl get nodes -L topology.kubernetes.io/zone), e.g. "eu-west-1a"')],
  ['zone longer than 63 characters', brokers({ zones: ['a', 'b'.repeat(64), 'c'] }),
    msg('c/kafka', 'zones[1]', `"${'b'.repeat(64)}"`, 'a node label value', 'use the zone as your nodes carry it')],
  ['duplicate zone', brokers({ zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1a'] }),
    msg('c/kafka', 'zones[2]', '"eu-west-1a"', 'each zone once (zones[0] has it)', 'remove the duplicate zone')],
  ['zones together with spreadAcrossZones', brokers({ zones: ZONES, spreadAcrossZones: true }),
    msg('c/kafka', 'spreadAcrossZones', 'true', 'not together with zones', 'remove spreadAcrossZones')],
  ['zones together with the zone key in nodeSelector', brokers({ zones: ZONES, nodeSelector: { 'topology.kubernetes.io/zone': 'eu-west-1a' } }),
    msg('c/kafka', 'nodeSelector["topology.kubernetes.io/zone"]', '"eu-west-1a"', 'no topology.kubernetes.io/zone in nodeSelector together with zones', 'remove topology.kubernetes.io/zone from nodeSelector')],
  ['zones together with broker.rack in config', brokers({ zones: ZONES, config: { 'broker.rack': 'eu-west-1a' } }),
    msg('c/kafka', 'config["broker.rack"]', '"broker.rack"', "no broker.rack together with zones (each broker's rack is its zone)", 'remove broker.rack from config')],
];

describe('rack awareness refuses bad input with a message naming path, field, value, what is allowed and the fix', () => {
  test.each(CASES)('%s', (_description, build, expected) => {
    expect(build).toThrow(expected);
  });

  test('a custom zoneTopologyKey is named in the messages', () => {
    expect(brokers({ zones: ['a'], zoneTopologyKey: 'example.com/rack' })).toThrow(
      msg('c/kafka', 'zones', '["a"]', 'a list of at least 2 zones (values of the node label example.com/rack)', 'list the zones'));
  });
});
