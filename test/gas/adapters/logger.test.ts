import { consoleLogger } from '../../../src/gas/adapters/logger';

describe('consoleLogger', () => {
  it('logs one line per event with JSON data', () => {
    const out: string[] = [];
    const log = consoleLogger({ info: (m) => out.push(`I ${m}`), warn: (m) => out.push(`W ${m}`), error: (m) => out.push(`E ${m}`) });
    log.info('run done', { pages: 3 });
    log.error('boom');
    expect(out).toEqual(['I [EROS] run done {"pages":3}', 'E [EROS] boom']);
  });
});
