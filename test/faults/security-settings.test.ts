// Security, settings: the settings that name a project, a dataset or a location end up inside
// identifiers (the job's project, `<dataset>.<object>`, INFORMATION_SCHEMA's `region-<location>`),
// so each is checked against a strict pattern: at save (the dialog), at every load (a run), and
// once more where the dataset is substituted (qualify). A bad value stops the run before any job.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createBigQueryStandIn } from '../../local/runtime/bigquery/index';
import { createRuntime, LocalSpreadsheet } from '../../local/runtime/index';
import { DATASET_PATTERN, qualify } from '../../src/core/run/qualify';
import { LOCATION_PATTERN, PROJECT_PATTERN, SETTING_KEYS, parseSettings } from '../../src/core/run/settings';
import { createSettingsServer } from '../../src/gas/ui/settings-dialog';

const VALID = {
  project: ['of-scheduler-proj', 'acme-sched-01', 'a12345', 'example.com:agency-prod', 'a'.repeat(30)],
  dataset: ['eros_scheduling_brain', '_private', 'EROS_Prod_2', 'a'.repeat(1024)],
  location: ['US', 'EU', 'us', 'eu', 'us-central1', 'europe-west12', 'northamerica-northeast2', 'asia-southeast1', 'me-central2', 'africa-south1'],
};

// Injection attempts first, then merely wrong shapes.
const INVALID = {
  project: [
    'of-scheduler-proj`; DROP TABLE x; --', "of-scheduler-proj' OR '1'='1", 'proj.dataset', 'of-scheduler-proj\n', 'оf-scheduler-proj',
    'Of-Scheduler-Proj', 'abc12', '-abcdef', 'abcdef-', 'a'.repeat(31), 'of_scheduler_proj', 'of scheduler', '',
  ],
  dataset: [
    'eros`.x; DROP TABLE y; --', 'eros.brain', 'eros-brain', '1eros', 'eros brain', 'eros\nbrain', 'éros', 'a'.repeat(1025), '*',
  ],
  location: [
    'us`; DROP TABLE x; --', 'region-us', 'US; SELECT 1', 'us-central1`', 'u', 'us central1', 'US-CENTRAL1', 'us-central', 'us--central1',
    'Us', 'us-central1.', '../us', '',
  ],
};

type Field = keyof typeof VALID;
const FIELDS: Field[] = ['project', 'dataset', 'location'];

describe('settings that name a project, dataset or location', () => {
  it.each(FIELDS)('%s: accepts the real shapes', (field) => {
    for (const value of VALID[field]) expect(parseSettings({ [field]: value })[field]).toBe(value);
  });

  it.each(FIELDS)('%s: refuses injections and wrong shapes, naming the setting and its property', (field) => {
    for (const value of INVALID[field]) {
      expect(() => parseSettings({ [field]: value })).toThrow(new RegExp(`${field} \\(property ${SETTING_KEYS[field]}\\)`));
    }
  });

  it('the dialog refuses them too, on the field, and stores nothing', () => {
    const stored = new Map<string, string>();
    const server = createSettingsServer(() => ({ get: (k) => stored.get(k) ?? null, set: (k, v) => void stored.set(k, v), delete: (k) => void stored.delete(k) }));
    const good = { project: 'of-scheduler-proj', dataset: 'eros_scheduling_brain', location: 'US', maximumBytesBilled: 10e9, weekStart: 'MONDAY' };
    for (const field of FIELDS) {
      for (const value of INVALID[field]) {
        const r = server.saveSettingsFromDialog({ ...good, [field]: value });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.errors.map((e) => e.field)).toContain(field);
      }
    }
    expect(stored.size).toBe(0);
  });

  it('qualify() checks the dataset again where it becomes an identifier', () => {
    for (const value of INVALID.dataset) expect(() => qualify('SELECT 1 FROM eros_scheduling_brain.t', value)).toThrow(/dataset id/);
  });

  it('the settings dialog page uses the same patterns as the server', () => {
    const html = fs.readFileSync(path.resolve(__dirname, '../../src/html/Settings.html'), 'utf8');
    const pattern = (name: string) => html.match(new RegExp(`var ${name} = /(.*)/;`))?.[1];
    expect(pattern('PROJECT')).toBe(PROJECT_PATTERN.source);
    expect(pattern('DATASET')).toBe(DATASET_PATTERN.source);
    expect(pattern('LOCATION')).toBe(LOCATION_PATTERN.source);
  });

  it('a bad stored value stops every run before any BigQuery call, with a message naming the property', () => {
    const bq = createBigQueryStandIn();
    try {
      for (const [field, value] of [['project', INVALID.project[0]], ['dataset', INVALID.dataset[0]], ['location', INVALID.location[0]]] as const) {
        const book = LocalSpreadsheet.create('settings.xlsx');
        const calls: string[] = [];
        const rt = createRuntime({ spreadsheet: book, globals: { BigQuery: bq.service }, onServiceCall: (n) => void calls.push(n) });
        rt.services.properties.store(`document:${book.id}`)[SETTING_KEYS[field]] = value as string;
        for (const fn of ['runDailyAutomation', 'generateAllSchedules', 'runHealthCheck', 'runPerformanceUpdate', 'runLockSweep']) {
          expect(() => rt.call(fn)).toThrow(new RegExp(`${field} \\(property ${SETTING_KEYS[field]}\\)`));
        }
        expect(calls.filter((c) => c.startsWith('BigQuery.'))).toEqual([]);
      }
      expect(bq.jobs).toEqual([]);
    } finally {
      bq.close();
    }
  });
});
