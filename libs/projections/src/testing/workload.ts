// Seeded random workloads of plausible events over member/plan/commitment streams, for specs and the benchmark.
import type { EventStore, JsonObject, NewEvent } from '@ogp/event-store';

/** mulberry32: small, fast, seeded; Math.random would make failures unrepeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let counter = 0;

export function toyEvent(type: string, data: JsonObject, recordedAt: string, reason: string | null = null): NewEvent {
  counter++;
  const id = `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
  return {
    id,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      actorId: counter % 3 === 0 ? 'reviewer-1' : 'admin-1',
      actorRole: counter % 3 === 0 ? 'reviewer' : 'admin',
      commandId: `cmd-${counter}`,
      correlationId: `corr-${counter}`,
      causationId: null,
      reason,
      recordedAt,
    },
  };
}

/**
 * Appends `count` toy events over a few members, plans and commitments, one minute apart from `start`; some claims
 * are new versions of earlier ones (see claimOf).
 */
export async function appendToyWorkload(store: EventStore, count: number, seed: number, start = Date.UTC(2022, 0, 1)): Promise<void> {
  const rnd = seededRandom(seed);
  const members = ['SMG', 'TBL'];
  const claimsOf = new Map<string, string[]>();
  /** Every third claim on a commitment that has claims is a new version of its first one (replaced in place). */
  const claimOf = (commitment: string, i: number): JsonObject => {
    const held = claimsOf.get(commitment) ?? [];
    if (held.length > 0 && i % 3 === 0) return { claimId: held[0]!, milestoneId: `M${i}`, completion: 'Substantial' };
    claimsOf.set(commitment, [...held, `K${i}`]);
    return { claimId: `K${i}`, milestoneId: `M${i}`, completion: 'Limited' };
  };
  for (let i = 0; i < count; i++) {
    const member = members[Math.floor(rnd() * members.length)]!;
    const recordedAt = new Date(start + i * 60_000).toISOString();
    const effectiveAt = recordedAt.slice(0, 10);
    const pick = rnd();
    if (pick < 0.2) {
      await store.append(`member-${member}`, [toyEvent('MemberUpdated', { memberId: member, status: 'Active', effectiveAt }, recordedAt)], { expectedRevision: 'any' });
    } else if (pick < 0.4) {
      const plan = `${member}-P${Math.floor(rnd() * 2)}`;
      await store.append(`plan-${plan}`, [toyEvent('PlanRevised', { memberId: member, planId: plan, title: `Plan ${i}`, effectiveAt }, recordedAt, 'revision')], { expectedRevision: 'any' });
    } else {
      const c = `${member}000${Math.floor(rnd() * 3)}`;
      const plan = `${member}-P0`;
      const roll = rnd();
      const data: JsonObject =
        roll < 0.3
          ? { memberId: member, planId: plan, milestoneId: `M${i}`, title: `Milestone ${i}`, dueDate: '2023-06-30', effectiveAt }
          : roll < 0.6
            ? { memberId: member, planId: plan, ...claimOf(c, i), effectiveAt }
            : { memberId: member, planId: plan, status: roll < 0.8 ? 'Ongoing' : 'Revised', effectiveAt };
      const type = roll < 0.3 ? 'MilestoneAdded' : roll < 0.6 ? 'ProgressClaimed' : 'CommitmentRevised';
      await store.append(`commitment-${c}`, [toyEvent(type, data, recordedAt)], { expectedRevision: 'any' });
    }
  }
}
