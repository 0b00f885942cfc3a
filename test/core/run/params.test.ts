import fc from 'fast-check';
import { param } from '../../../src/core/run/params';
import { qualify, assertDatasetId } from '../../../src/core/run/qualify';
import { MESSAGE_FIELDS } from '../../../src/core/run/jobs';
import { plain } from './fakes';

describe('param builders', () => {
  it('produce the Advanced Service queryParameters shape', () => {
    expect(param.string('page', 'anna')).toEqual({ name: 'page', parameterType: { type: 'STRING' }, parameterValue: { value: 'anna' } });
    expect(param.int64('n', 42).parameterValue).toEqual({ value: '42' });
    expect(param.int64('n', BigInt('1152921504606846976')).parameterValue).toEqual({ value: '1152921504606846976' });
    expect(param.float64('x', 0.25).parameterValue).toEqual({ value: '0.25' });
    expect(param.bool('b', false).parameterValue).toEqual({ value: 'false' });
    expect(param.date('d', '2026-11-30')).toMatchObject({ parameterType: { type: 'DATE' }, parameterValue: { value: '2026-11-30' } });
    expect(param.timestamp('t', new Date('2026-11-30T03:05:00Z')).parameterValue).toEqual({ value: '2026-11-30T03:05:00.000Z' });
    expect(param.string('s', null).parameterValue).toEqual({});
    expect(param.array('names', 'STRING', [])).toEqual({
      name: 'names', parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } }, parameterValue: { arrayValues: [] },
    });
  });

  it('builds ARRAY<STRUCT> with fields in declared order and NULLs as absent values', () => {
    const p = param.structArray('rows', { id: 'STRING', n: 'INT64', tags: { array: 'STRING' } }, [{ id: 'a', n: null, tags: ['x'] }]);
    expect(p.parameterType).toEqual({
      type: 'ARRAY',
      arrayType: {
        type: 'STRUCT',
        structTypes: [
          { name: 'id', type: { type: 'STRING' } },
          { name: 'n', type: { type: 'INT64' } },
          { name: 'tags', type: { type: 'ARRAY', arrayType: { type: 'STRING' } } },
        ],
      },
    });
    expect(p.parameterValue).toEqual({ arrayValues: [{ structValues: { id: { value: 'a' }, n: {}, tags: { arrayValues: [{ value: 'x' }] } } }] });
    expect(param.struct('run', { id: 'STRING' }, { id: 'r1' }).parameterValue).toEqual({ structValues: { id: { value: 'r1' } } });
  });

  it('rejects bad values naming the parameter, row and field', () => {
    expect(() => param.int64('n', 1.5)).toThrow('query parameter @n: must be a whole number');
    expect(() => param.float64('x', Number.NaN)).toThrow('@x: must be a finite number');
    expect(() => param.date('d', '2026-13-01')).toThrow('@d: must be a date');
    expect(() => param.timestamp('t', new Date('nope'))).toThrow('@t: must be a valid Date');
    expect(() => param.string('bad name', 'x')).toThrow('name must be a SQL identifier');
    expect(() => param.structArray('messages', MESSAGE_FIELDS, [{ schedule_id: 's', slot_index: 'one' }])).toThrow('@messages[0].slot_index: must be a whole number');
    expect(() => param.structArray('rows', { a: 'STRING' }, [{ a: 'x', b: 1 }])).toThrow('@rows[0].b: is not a field of the struct');
    expect(() => param.array('ids', 'STRING', ['a', 3 as unknown as string])).toThrow('@ids[1]: must be a string');
  });

  it('round-trips any struct rows (property)', () => {
    const row = fc.record({ s: fc.option(fc.string(), { nil: null }), i: fc.option(fc.integer(), { nil: null }), f: fc.double({ noNaN: true, noDefaultInfinity: true }), b: fc.boolean() });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const p = param.structArray('rows', { s: 'STRING', i: 'INT64', f: 'FLOAT64', b: 'BOOL' }, rows);
        const back = plain(p.parameterValue) as Array<Record<string, string | null>>;
        expect(back).toEqual(rows.map((r) => ({ s: r.s, i: r.i === null ? null : String(r.i), f: String(r.f), b: String(r.b) })));
        back.forEach((b, k) => expect(Number(b.f)).toBe(rows[k]!.f === 0 ? 0 : rows[k]!.f));
      }),
    );
  });
});

describe('qualify', () => {
  const sql = 'SELECT * FROM eros_scheduling_brain.creators c JOIN `eros_scheduling_brain.caption_bank` b USING (x) WHERE y = @y -- my_eros_scheduling_brain.t';
  it('replaces only the exact dataset qualifier', () => {
    expect(qualify(sql, 'eros_prod')).toBe(
      'SELECT * FROM eros_prod.creators c JOIN `eros_prod.caption_bank` b USING (x) WHERE y = @y -- my_eros_scheduling_brain.t',
    );
    expect(qualify(sql, 'eros_scheduling_brain')).toBe(sql);
  });
  it('refuses anything but a plain dataset id', () => {
    for (const bad of ['', '1abc', 'a-b', 'a.b', 'x; DROP TABLE y', 'a`b', 'a'.repeat(1025), 'ds ']) {
      expect(() => qualify(sql, bad)).toThrow(/dataset id .* is not valid/);
    }
    expect(() => assertDatasetId('_ok_1')).not.toThrow();
  });
  it('never lets a non-identifier character through (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (ds) => {
        let out: string;
        try {
          out = qualify('FROM eros_scheduling_brain.t', ds);
        } catch {
          return;
        }
        expect(out).toBe(`FROM ${ds}.t`);
        expect(ds).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      }),
    );
  });
});
