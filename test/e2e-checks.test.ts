// The e2e scenario checks can fail: lost acknowledged messages are counted, failed sends are not acknowledged.
import { parseVerifiableProducer, traffic } from '../e2e/scenarios/checks';

const line = (name: string, value: string) => JSON.stringify({ timestamp: 1, name, key: null, value, topic: 't', partition: 0, offset: 0 });

describe('acknowledged traffic', () => {
  test('an acknowledged value the consumer never read is lost; a send error is produced but not acknowledged', () => {
    const out = [
      'some log line', line('producer_send_success', '1'), line('producer_send_success', '2'),
      JSON.stringify({ name: 'producer_send_error', value: '3', exception: 'NotEnoughReplicasException' }),
      JSON.stringify({ name: 'tool_data', sent: 3, acked: 2 }), '{not json',
    ].join('\n');
    const p = parseVerifiableProducer(out);
    expect(p).toEqual({ sent: 3, acked: new Set(['1', '2']), errors: 1 });
    expect(traffic(p, new Set(['1', '3']))).toEqual({ produced: 3, acknowledged: 2, consumed: 1, lost: 1 });
    expect(traffic(p, new Set(['1', '2', '3']))).toEqual({ produced: 3, acknowledged: 2, consumed: 2, lost: 0 });
  });
});
