import { openDemo, tabRecords } from './local/harness/demo';
(async () => {
  const sizes = JSON.parse(process.argv[2]!);
  const t0 = Date.now();
  const demo = await openDemo({ preset: 'demo', sizes });
  console.log('build', Date.now() - t0);
  const t1 = Date.now();
  demo.runtime.call('runDailyAutomation');
  const ov = tabRecords(demo.runtime, 'Overview');
  const gen = ov.filter((r) => r.Status === 'GENERATED').length;
  console.log('run', Date.now() - t1, demo.runtime.services.counter.total('SpreadsheetApp'), 'gen', gen, 'of', ov.length, tabRecords(demo.runtime, 'Runs').at(-1)?.Status);
  demo.close();
})();
