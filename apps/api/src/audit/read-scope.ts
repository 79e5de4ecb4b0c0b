// What a key scoped to one member may read: that member's entities, their history, progress and exports, no more.
import { Injectable } from '@nestjs/common';
import type { EntityKind } from '@ogp/projections';
import { assertMemberScope, type Principal, ReadModels, waitForOwnWrite } from '@ogp/tracker';
import { ProblemException } from '../platform/problem.exception';

/**
 * Keys without a member scope read everything. A scoped key gets 404 for another member's entity (as for one that
 * does not exist: it learns nothing of it), 403 `access.outside-member-scope` for asking another member's slice (as
 * commands on another member get), and 403 `forbidden` for reads that span every member (the global feed).
 */
@Injectable()
export class ReadScope {
  constructor(private readonly readModels: ReadModels) {}

  /**
   * 404 unless the principal may read this member, plan or commitment. A read that waits for its own write
   * (`waitFor`) is checked once the read models reflect it: a scoped key reads the entity it has just created.
   */
  async entity(principal: Principal, kind: EntityKind, id: string, waitFor?: string): Promise<void> {
    if (principal.member === null) return;
    await waitForOwnWrite(this.readModels, waitFor);
    const memberId = kind === 'member' ? id : (this.readModels.currentEntity(`${kind}-${id}`)?.data.memberId ?? null);
    if (memberId !== principal.member) throw new ProblemException('not-found', `No ${kind} ${id}`);
  }

  /**
   * The member a read is confined to: the scoped key's own, else what was asked. Asking for another member is 403
   * `access.outside-member-scope`, the code a command on another member gets.
   */
  member(principal: Principal, requested: string | undefined): string | undefined {
    if (principal.member === null) return requested;
    if (requested !== undefined) assertMemberScope(principal, requested);
    return principal.member;
  }

  /** 403 for a scoped key: the read spans every member. */
  everyMember(principal: Principal, what: string): void {
    if (principal.member !== null) {
      throw new ProblemException('forbidden', `${what} spans every member; this key is scoped to member ${principal.member}`);
    }
  }
}
