/** The session: loading through the services, evaluating off the render path, reloading on change. */
import { describe, expect, it } from 'vitest';
import type { DataAction } from '../src/app/actions.js';
import { Session, testCaseRecords } from '../src/session/session.js';
import { memoryServices, SUBJECTS, V1, V2 } from './fixtures.js';

/** Resolves once `pred` holds, checking after each turn of the event loop (no fixed sleeps). */
async function until(pred: () => boolean, what: string, turns = 5000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (pred()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function recorder() {
  const actions: DataAction[] = [];
  return { actions, dispatch: (a: DataAction) => void actions.push(a), of: <T extends DataAction['type']>(t: T) => actions.filter((a): a is Extract<DataAction, { type: T }> => a.type === t) };
}

const many = (n: number): Record<string, unknown>[] => Array.from({ length: n }, (_, i) => ({ ...SUBJECTS[i % SUBJECTS.length]!, id: `s${i}` }));

describe('session', () => {
  it('loads every version and evaluates the last one first, each as of its own date', async () => {
    const r = recorder();
    const services = memoryServices({ 'v1.yaml': V1, 'v2.yaml': V2 }, { name: 'd.jsonl', subjects: SUBJECTS });
    const session = new Session(services, r.dispatch);
    await session.start();
    expect(r.of('versionLoaded').map((a) => a.slot).sort()).toEqual([0, 1]);
    const done = r.of('evalDone');
    expect(done.map((a) => a.slot)).toEqual([1, 0]);
    expect(done.map((a) => a.asOf)).toEqual(['2022-07-01', '2022-01-01']);
    expect(done[0]!.rows.map((row) => `${row.id} ${row.outcome}`)).toContain('b-edge fail');
    expect(done[1]!.rows.map((row) => `${row.id} ${row.outcome}`)).toContain('b-edge pass');
    session.stop();
  });

  it('evaluates as of one date for every version when asked', async () => {
    const r = recorder();
    const session = new Session(memoryServices({ 'v1.yaml': V1 }, { name: 'd.jsonl', subjects: SUBJECTS }), r.dispatch, { asOf: '2022-03-01' });
    await session.start();
    expect(r.of('evalDone')[0]!.asOf).toBe('2022-03-01');
  });

  it('scores in slices, yielding to the event loop, with progress and the rows so far on the first load', async () => {
    const r = recorder();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const session = new Session(memoryServices({ 'v1.yaml': V1 }, { name: 'd.jsonl', subjects: many(3000) }), r.dispatch, { sliceMs: 1, progressMs: 0 });
    await session.start();
    clearInterval(timer);
    const progress = r.of('evalProgress');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p.rows && p.rows.length === p.done)).toBe(true);
    expect(r.of('evalDone')[0]!.rows).toHaveLength(3000);
    // Timers ran while it scored: the render path was not blocked.
    expect(ticks).toBeGreaterThan(0);
  });

  it('reloads a changed rubric; a broken edit is reported and not evaluated (the last good results stay)', async () => {
    const r = recorder();
    const services = memoryServices({ 'v1.yaml': V1 }, { name: 'd.jsonl', subjects: SUBJECTS });
    const session = new Session(services, r.dispatch);
    await session.start();
    services.change('v1.yaml', V1.replace('value: 15', 'value: 14'));
    await until(() => r.of('evalDone').length === 2, 'the re-evaluation');
    expect(r.of('fileChanged')).toEqual([{ type: 'fileChanged', file: 'v1.yaml' }]);
    expect(r.of('evalDone')[1]!.rows.find((x) => x.id === 'c-below')?.outcome).toBe('pass');
    services.change('v1.yaml', 'rubric: [');
    await until(() => r.of('versionLoaded').length === 3, 'the broken reload');
    const broken = r.of('versionLoaded')[2]!.loaded;
    expect(broken.rubric).toBeUndefined();
    expect(broken.diagnostics[0]?.severity).toBe('error');
    // Let any evaluation the reload would start begin: none does.
    for (let i = 0; i < 50; i++) await new Promise((res) => setImmediate(res));
    expect(r.of('evalStarted')).toHaveLength(2);
    session.stop();
  });

  it('re-evaluates every version when the dataset changes, with the last good rubric', async () => {
    const r = recorder();
    const services = memoryServices({ 'v1.yaml': V1, 'v2.yaml': V2 }, { name: 'd.jsonl', subjects: SUBJECTS });
    const session = new Session(services, r.dispatch);
    await session.start();
    services.change('d.jsonl', SUBJECTS.slice(0, 3));
    await until(() => r.of('evalDone').length === 4, 'both re-evaluations');
    expect(r.of('evalDone').slice(2).map((a) => a.rows.length)).toEqual([3, 3]);
    session.stop();
  });

  it('reports a dataset that cannot be read', async () => {
    const r = recorder();
    const services = memoryServices({ 'v1.yaml': V1 }, { name: 'd.jsonl', subjects: SUBJECTS });
    const session = new Session(services, r.dispatch);
    await session.start();
    (services as { change: (f: string, t: unknown) => void }).change('d.jsonl', undefined as never);
    await until(() => r.of('evalFailed').length === 1, 'the failure');
    expect(r.of('evalFailed')[0]!.message).toBe('cannot read the data file d.jsonl: no such file');
    session.stop();
  });

  it('a newer evaluation of a version cancels the one running', async () => {
    const r = recorder();
    const services = memoryServices({ 'v1.yaml': V1 }, { name: 'd.jsonl', subjects: many(4000) });
    const session = new Session(services, r.dispatch, { sliceMs: 1 });
    const started = session.start();
    await until(() => r.of('evalStarted').length === 1, 'the first job');
    services.change('d.jsonl', SUBJECTS);
    await started;
    await until(() => r.of('evalDone').length === 1, 'the second job');
    const done = r.of('evalDone');
    expect(done).toHaveLength(1);
    expect(done[0]!.job).toBe(r.of('evalStarted')[1]!.job);
    expect(done[0]!.rows).toHaveLength(SUBJECTS.length);
    session.stop();
  });

  it('without a dataset, the rubrics’ own test cases are the subjects (named after the case when they have no id)', async () => {
    const r = recorder();
    await new Session(memoryServices({ 'v1.yaml': V1 }), r.dispatch).start();
    expect(r.of('evalDone')[0]!.rows.map((x) => `${x.id} ${x.outcome}`)).toEqual(['t1 pass']);
    const unnamed = [...testCaseRecords({ tests: [{ name: 'n', subject: { rate: 1 }, expect: {} }] } as never)];
    expect(unnamed[0]!.record).toEqual({ rate: 1, id: 'n' });
  });

  it('reports a rubric file that cannot be read, and stops listening when stopped', async () => {
    const r = recorder();
    const services = memoryServices({ 'v1.yaml': V1 }, { name: 'd.jsonl', subjects: SUBJECTS });
    services.files.delete('v1.yaml');
    const session = new Session(services, r.dispatch);
    await session.start();
    expect(r.of('versionLoaded')[0]!.loaded.diagnostics[0]?.code).toBe('io/unreadable');
    expect(r.of('evalStarted')).toHaveLength(0);
    session.stop();
    services.change('v1.yaml', V1);
    expect(r.of('fileChanged')).toHaveLength(0);
  });

  it('turns a service that throws into a diagnostic', async () => {
    const r = recorder();
    const services = memoryServices({ 'v1.yaml': V1 });
    services.loadVersion = () => Promise.reject(new Error('disk on fire'));
    await new Session(services, r.dispatch).start();
    expect(r.of('versionLoaded')[0]!.loaded.diagnostics[0]).toMatchObject({ code: 'internal/load-failed', message: 'the rubric could not be loaded: disk on fire' });
  });
});
