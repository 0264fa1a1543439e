import { forbidden, type Viewer } from '@mm/graphql-kit';
import type { RelationshipsRepository } from './relationships.repository.ts';

export type TherapistPreference = 'PRIORITIZE' | 'NEVER' | 'NONE';

/**
 * Who is offered to whom, beyond eligibility: the client's prioritized list
 * (offered first, in the order marked) and never-list, and the therapist's
 * blocks. Matching reads these in SQL.
 */
export class RelationshipsService {
  constructor(private readonly repo: RelationshipsRepository) {}

  async setPreference(viewer: Viewer, therapistId: string, preference: TherapistPreference) {
    if (viewer.role !== 'CLIENT') throw forbidden('Only clients keep a list of therapists.');
    const clientId = viewer.userId;
    if (preference === 'NONE') {
      await this.repo.clearPreference(clientId, therapistId);
      return preference;
    }
    const rank = preference === 'PRIORITIZE' ? await this.repo.prioritizedOthers(clientId, therapistId) : 0;
    await this.repo.setPreference({ clientId, therapistId, kind: preference, rank });
    return preference;
  }

  async setBlocked(viewer: Viewer, clientId: string, blocked: boolean): Promise<boolean> {
    if (viewer.role !== 'THERAPIST') throw forbidden('Only therapists block clients.');
    if (blocked) await this.repo.block(viewer.userId, clientId);
    else await this.repo.unblock(viewer.userId, clientId);
    return blocked;
  }
}
