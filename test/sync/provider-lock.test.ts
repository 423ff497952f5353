import { describe, expect, it } from 'vitest';
import { createProviderLock, type CrossProcessLock, type LockHolder } from '../../src/sync/provider-lock.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createProviderLock', () => {
  it('never overlaps two tasks of one provider, but lets providers run side by side', async () => {
    const lock = createProviderLock();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name}:start`);
      await tick();
      log.push(`${name}:end`);
      return name;
    };
    await Promise.all([lock.run('oura', task('a')), lock.run('oura', task('b')), lock.run('whoop', task('c'))]);
    expect(log.indexOf('a:end')).toBeLessThan(log.indexOf('b:start'));
    expect(log.indexOf('c:start')).toBeLessThan(log.indexOf('a:end'));
  });

  it('joins a pending task with the same key and keeps going after a failure', async () => {
    const lock = createProviderLock();
    let runs = 0;
    const task = async () => {
      runs++;
      await tick();
      return runs;
    };
    const [first, second] = await Promise.all([lock.run('oura', task, { joinKey: 'k' }), lock.run('oura', task, { joinKey: 'k' })]);
    expect([first, second, runs]).toEqual([1, 1, 1]);
    await expect(lock.run('oura', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lock.run('oura', task, { joinKey: 'k' })).toBe(2);
    expect(lock.busy('oura')).toBe(false);
  });

  it('hands the task a signal that aborts when the cross-process lock is lost, and releases it after', async () => {
    const lost = new AbortController();
    let released = 0;
    const crossProcess: CrossProcessLock = async () => ({ signal: lost.signal, release: async () => void released++ });
    const lock = createProviderLock(crossProcess);
    const caller = new AbortController();
    const seen = await lock.run(
      'oura',
      async (signal) => {
        expect(signal?.aborted).toBe(false);
        lost.abort(new Error('taken over'));
        return signal;
      },
      { signal: caller.signal },
    );
    expect(seen?.aborted).toBe(true);
    expect(caller.signal.aborted).toBe(false);
    expect(released).toBe(1);
  });

  it('tells every caller joining a waiting task whom it waits for, late joiners included', async () => {
    let acquire!: () => void;
    const crossProcess: CrossProcessLock = async (_provider, options) => {
      options?.onWait?.({ pid: 4242, description: 'pid 4242' });
      await new Promise<void>((resolve) => (acquire = resolve));
      return { signal: new AbortController().signal, release: async () => undefined };
    };
    const lock = createProviderLock(crossProcess);
    const heard: Array<[string, LockHolder]> = [];
    const first = lock.run('whoop', async () => 'done', { joinKey: 'k', onWait: (holder) => heard.push(['first', holder]) });
    await tick();
    const second = lock.run('whoop', async () => 'never runs', { joinKey: 'k', onWait: (holder) => heard.push(['second', holder]) });
    acquire();
    expect(await Promise.all([first, second])).toEqual(['done', 'done']);
    expect(heard.map(([who, holder]) => `${who}:${holder.pid}`)).toEqual(['first:4242', 'second:4242']);
  });
});
