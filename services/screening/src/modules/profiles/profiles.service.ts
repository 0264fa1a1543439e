import { toIsoDate } from '@mm/eligibility';
import type { Viewer } from '@mm/graphql-kit';
import type { ScreeningContext } from '../../context.ts';
import type { ApplicationsRepository, ApplicationWithItems } from '../applications/application.repository.ts';
import { displayNameOf } from '../applications/application.snapshot.ts';
import { offeredModalities, verifiedCredentials } from '../applications/profile.policy.ts';
import type { DocumentsRepository } from '../documents/document.repository.ts';

/** Who may read a therapist's public profile: clients only once APPROVED; the therapist and admins always. */
export const canReadProfile = (viewer: Viewer | null, app: { therapistId: string; status: string }) =>
  app.status === 'APPROVED' ||
  (viewer !== null && (viewer.role === 'ADMIN' || viewer.userId === app.therapistId));

export const photoPath = (therapistId: string) => `/therapist-photos/${therapistId}`;

/** The read side of the public profile; the therapist's edits go through ApplicationsService.updateProfile. */
export class ProfilesService {
  constructor(
    private readonly ctx: ScreeningContext,
    private readonly repo: ApplicationsRepository,
    private readonly documents: DocumentsRepository,
  ) {}

  /** The visible applications of these therapists, in order (null where hidden): one query per page. */
  async visibleMany(viewer: Viewer | null, therapistIds: readonly string[]) {
    const apps = await this.repo.findManyByTherapist([...new Set(therapistIds)]);
    const byTherapist = new Map(apps.map((a) => [a.therapistId, a]));
    return therapistIds.map((id) => {
      const app = byTherapist.get(id);
      return app && canReadProfile(viewer, app) ? app : null;
    });
  }

  /** The profile as clients read it (today's verified credentials, modalities still endorsed). */
  view(app: ApplicationWithItems) {
    const today = toIsoDate(this.ctx.now());
    return {
      displayName: displayNameOf(app.legalName),
      photoUrl: app.photoDocumentId ? photoPath(app.therapistId) : null,
      bio: app.bio,
      yearsOfPractice: app.practiceYears,
      migraineExperience: { years: app.migraineExperienceYears, sessions: app.migraineSessionsApprox },
      modalities: offeredModalities(app.modalities, app.credentials, today),
      languages: app.languages,
      credentials: verifiedCredentials(app, today).map((c) => ({ ...c, verified: true })),
    };
  }

  /** The profile photo's bytes, for whoever may read the profile; null when there is none to show. */
  async photo(viewer: Viewer | null, therapistId: string) {
    const [app] = await this.visibleMany(viewer, [therapistId]);
    if (!app?.photoDocumentId) return null;
    const doc = await this.documents.find(app.photoDocumentId);
    if (!doc?.storageKey || doc.uploadStatus !== 'UPLOADED' || doc.kind !== 'PHOTO') return null;
    const bytes = await this.ctx.storage.get(doc.storageKey);
    return bytes ? { bytes, contentType: doc.contentType ?? 'application/octet-stream' } : null;
  }
}
