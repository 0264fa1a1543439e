import { randomUUID } from 'node:crypto';
import { type PrismaClient, recordAudit, type SafetyCaseEntry } from '@mm/db';
import { badInput, fromGlobalId, requireRole, toGlobalId, type Viewer } from '@mm/graphql-kit';
import { z } from 'zod';
import type { CasesRepository } from './cases.repository.ts';

/** What an admin can take on: booking's alerts and incidents, and care's red-flag alerts. */
export const CASE_SUBJECT_TYPES = ['SafetyAlert', 'OverPressureIncident', 'CareAlert'] as const;
type SubjectType = (typeof CASE_SUBJECT_TYPES)[number];

export interface SafetyCaseView {
  subjectId: string;
  assigneeId: string | null;
  assignedAt: Date | null;
  notes: { id: string; authorId: string; body: string; at: Date }[];
}

/** The subject's type and uuid from its GraphQL ID; BAD_USER_INPUT for anything else. */
export function parseSubject(globalId: string): { type: SubjectType; id: string } {
  const prefix = Buffer.from(globalId, 'base64url').toString('utf8').split(':')[0];
  const type = CASE_SUBJECT_TYPES.find((t) => t === prefix);
  if (!type) {
    throw badInput('subjectId is not an alert or incident ID.', [
      { path: 'subjectId', message: `expected one of ${CASE_SUBJECT_TYPES.join(', ')}` },
    ]);
  }
  return { type, id: fromGlobalId(type, globalId, 'subjectId') };
}

/** Folds a subject's entries (oldest first) into its case. */
export function foldCase(subjectId: string, entries: readonly SafetyCaseEntry[]): SafetyCaseView {
  const view: SafetyCaseView = { subjectId, assigneeId: null, assignedAt: null, notes: [] };
  for (const e of entries) {
    if (e.kind === 'ASSIGN') {
      view.assigneeId = e.assigneeId;
      view.assignedAt = e.assigneeId ? e.createdAt : null;
    } else if (e.kind === 'NOTE' && e.body) {
      view.notes.push({ id: e.id, authorId: e.authorId, body: e.body, at: e.createdAt });
    }
  }
  return view;
}

const noteBody = z.string().trim().min(1, 'is required').max(2000);

export class SafetyCasesService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly repo: CasesRepository,
    private readonly now: () => Date,
  ) {}

  async cases(viewer: Viewer | null, subjectIds: string[]): Promise<SafetyCaseView[]> {
    requireRole(viewer, 'ADMIN');
    if (subjectIds.length > 200) throw badInput('Ask for at most 200 cases at once.');
    const subjects = subjectIds.map((g) => ({ g, ...parseSubject(g) }));
    const entries = await this.repo.entries(subjects);
    return subjects.map((s) =>
      foldCase(
        s.g,
        entries.filter((e) => e.subjectType === s.type && e.subjectId === s.id),
      ),
    );
  }

  async assign(viewer: Viewer | null, input: { subjectId: string; assigneeId?: string | null }) {
    const admin = requireRole(viewer, 'ADMIN');
    const subject = parseSubject(input.subjectId);
    const assigneeId = input.assigneeId ? fromGlobalId('User', input.assigneeId, 'assigneeId') : null;
    return this.append(admin, input.subjectId, subject, { kind: 'ASSIGN', assigneeId });
  }

  async addNote(viewer: Viewer | null, input: { subjectId: string; body: string }) {
    const admin = requireRole(viewer, 'ADMIN');
    const subject = parseSubject(input.subjectId);
    const body = noteBody.parse(input.body);
    return this.append(admin, input.subjectId, subject, { kind: 'NOTE', body });
  }

  private async append(
    admin: Viewer,
    globalId: string,
    subject: { type: SubjectType; id: string },
    entry: { kind: 'ASSIGN'; assigneeId: string | null } | { kind: 'NOTE'; body: string },
  ): Promise<SafetyCaseView> {
    await this.prisma.$transaction(async (tx) => {
      await this.repo.append(tx, {
        id: randomUUID(),
        subjectType: subject.type,
        subjectId: subject.id,
        kind: entry.kind,
        assigneeId: entry.kind === 'ASSIGN' ? entry.assigneeId : null,
        body: entry.kind === 'NOTE' ? entry.body : null,
        authorId: admin.userId,
        createdAt: this.now(),
      });
      await recordAudit(tx, {
        actorId: admin.userId,
        actorRole: admin.role,
        action: entry.kind === 'ASSIGN' ? 'safety_case.assign' : 'safety_case.note',
        entityType: subject.type,
        entityId: subject.id,
        after:
          entry.kind === 'ASSIGN'
            ? { assigneeId: entry.assigneeId ? toGlobalId('User', entry.assigneeId) : null }
            : { body: entry.body },
      });
    });
    const [view] = await this.cases(admin, [globalId]);
    if (!view) throw new Error('the case vanished');
    return view;
  }
}
