import { describe, expect, it } from 'vitest';
import { createProviderLock } from '../../src/sync/provider-lock.js';

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
});
