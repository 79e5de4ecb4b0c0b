// The given/when/then helper must fail when events or error codes differ, or specs built on it prove nothing.
import { memberDecider } from '../member/decider';
import type { MemberCommand } from '../member/commands';
import { ADMIN, as, memberRegistered } from './fixtures';
import { deciderSpec, SpecFailure, stableJson } from './given-when-then';

const spec = deciderSpec(memberDecider);
const register: MemberCommand = { type: 'RegisterMember', data: { memberId: 'semarang', name: 'Kota Semarang', country: 'ID', cohort: 2020, partners: ['PATTIRO Semarang'] } };

describe('given/when/then', () => {
  it('fails when the events differ', () => {
    expect(() => spec.given([]).when(register, as(ADMIN)).then([])).toThrow(SpecFailure);
  });
  it('fails when an accepted command was expected to fail, or failed with another code', () => {
    expect(() => spec.given([]).when(register, as(ADMIN)).thenFails('member.not-found')).toThrow(SpecFailure);
    expect(() => spec.given([memberRegistered]).when(register, as(ADMIN)).thenFails('member.not-found')).toThrow(SpecFailure);
    expect(() => spec.given([memberRegistered]).when(register, as(ADMIN)).thenAccepted()).toThrow(SpecFailure);
  });
  it('compares JSON regardless of key order', () => {
    expect(stableJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe(stableJson({ a: [{ c: 2, d: 1 }], b: 1 }));
  });
});
