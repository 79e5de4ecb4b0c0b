// KeyedMutex: holders of one key run one after another, holders of different keys do not wait for each other.
import { KeyedMutex } from './keyed-mutex';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('KeyedMutex', () => {
  it('lets the next holder of a key in only once the one before has released, in the order they asked', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    const first = await mutex.acquire('plans-of:semarang');
    const second = mutex.acquire('plans-of:semarang').then((release) => (order.push('second'), release));
    const third = mutex.acquire('plans-of:semarang').then((release) => (order.push('third'), release));
    await tick();
    expect(order).toEqual([]);
    first();
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
  });

  it('does not hold one key up for another', async () => {
    const mutex = new KeyedMutex();
    await mutex.acquire('plans-of:semarang');
    let other = false;
    void mutex.acquire('plans-of:salatiga').then(() => (other = true));
    await tick();
    expect(other).toBe(true);
  });

  it('keeps nothing for a key once its last holder has released', async () => {
    const mutex = new KeyedMutex();
    const release = await mutex.acquire('commitments-of:plan-1');
    expect(mutex.size).toBe(1);
    release();
    release(); // a second call changes nothing
    await tick();
    expect(mutex.size).toBe(0);
  });
});
