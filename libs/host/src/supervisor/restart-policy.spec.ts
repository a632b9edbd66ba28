import { RestartPolicy } from './restart-policy';

const limits = { maxRestarts: 3, restartWindowMs: 10_000, restartBackoffMs: 100, restartBackoffMaxMs: 250 };

describe('RestartPolicy', () => {
  it('doubles the delay with each recent restart, up to the maximum', () => {
    const policy = new RestartPolicy(limits, () => 0.5); // no jitter at the midpoint
    expect([policy.next(0), policy.next(1), policy.next(2)]).toEqual([100, 200, 250]);
  });

  it('scales each delay by 0.8 to 1.2 for jitter', () => {
    expect(new RestartPolicy(limits, () => 0).next(0)).toBe(80);
    expect(new RestartPolicy(limits, () => 0.999999).next(0)).toBe(120);
  });

  it('gives up (null) past the ceiling within the window', () => {
    const policy = new RestartPolicy(limits, () => 0.5);
    policy.next(0);
    policy.next(1000);
    policy.next(2000);
    expect(policy.next(3000)).toBeNull();
  });

  it('forgets restarts older than the window, so a plugin that ran well restarts fast again', () => {
    const policy = new RestartPolicy(limits, () => 0.5);
    policy.next(0);
    policy.next(1000);
    policy.next(2000);
    expect(policy.recent(12_500)).toBe(0);
    expect(policy.next(12_500)).toBe(100);
  });

  it('starts over after reset (a manual restart)', () => {
    const policy = new RestartPolicy(limits, () => 0.5);
    policy.next(0);
    policy.next(1);
    policy.next(2);
    policy.reset();
    expect(policy.next(3)).toBe(100);
  });
});
