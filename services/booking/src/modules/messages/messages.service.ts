import { randomUUID } from 'node:crypto';
import type { Booking, BookingMessage } from '@mm/db';
import {
  forbidden,
  notFound,
  pageRequest,
  requireRole,
  requireViewer,
  toConnection,
  type Viewer,
} from '@mm/graphql-kit';
import { queueNotification } from '@mm/queue';
import { FREE_TEXT_URGENT_GUIDANCE, readFreeText } from '@mm/safety';
import type { BookingContext } from '../../context.ts';
import type { BookingsRepository } from '../bookings/bookings.repository.ts';
import type { Realtime } from '../realtime/realtime.ts';
import { MessageError } from './messages.errors.ts';
import { MAX_MESSAGE_LENGTH, maskContacts, messagingOpen } from './messages.policy.ts';
import type { MessagesRepository } from './messages.repository.ts';

/** A message as the API shows it: the opened text, and the client it concerns (the audit's subject). */
export interface MessageView {
  id: string;
  bookingId: string;
  clientId: string;
  senderRole: string;
  text: string;
  sentAt: Date;
}

export interface SentMessage {
  message: MessageView;
  /** Set when the words read as a possible red flag: what the sender should do now. */
  urgentGuidance: string | null;
}

const ALERT = {
  RED_FLAG: {
    kind: 'MESSAGE_RED_FLAG',
    message:
      'A booking message describes a possible red-flag symptom; the sender was told to seek medical care now.',
  },
  REVIEW: { kind: 'MESSAGE_NOTE_REVIEW', message: 'A booking message needs a clinical read.' },
} as const;

/**
 * Messages between a booking's client and its assigned therapist. The text is
 * health data: contacts are masked, then it is sealed with the row id; the
 * free-text reader runs on every message (a red flag gives the sender urgent
 * guidance and opens an admin safety alert, which names no symptom). Reads by
 * anyone but the client are audited by graphql-kit (BookingMessage is a
 * health-data type). Live notices carry no text.
 */
export class MessagesService {
  constructor(
    private readonly ctx: BookingContext,
    private readonly bookings: BookingsRepository,
    private readonly repo: MessagesRepository,
    private readonly realtime: Realtime,
  ) {}

  async send(viewer: Viewer | null, bookingId: string, raw: string): Promise<SentMessage> {
    const sender = requireViewer(viewer);
    const booking = await this.participantBooking(sender, bookingId);
    const now = this.ctx.now();
    if (!messagingOpen(booking, now)) throw new MessageError('MESSAGING_CLOSED');
    const trimmed = raw.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_MESSAGE_LENGTH)
      throw new MessageError('MESSAGE_INVALID');
    const { text } = maskContacts(trimmed);
    const reading = readFreeText(text);
    const senderRole = sender.userId === booking.clientId ? 'CLIENT' : 'THERAPIST';
    const id = randomUUID();
    const row = await this.ctx.prisma.$transaction(async (tx) => {
      const created = await this.repo.create(tx, {
        id,
        bookingId,
        clientId: booking.clientId,
        senderId: sender.userId,
        senderRole,
        textSealed: this.ctx.cipher.seal(text, id),
        verdict: reading.verdict,
        createdAt: now,
      });
      if (reading.verdict !== 'HARMLESS') {
        const alert = ALERT[reading.verdict];
        await this.repo.raiseAlert(tx, {
          bookingId,
          therapistId: booking.therapistId as string,
          kind: alert.kind,
          message: alert.message,
          raisedAt: now,
        });
      }
      await queueNotification(tx, {
        userId: senderRole === 'CLIENT' ? (booking.therapistId as string) : booking.clientId,
        template: 'booking-message',
        payload: {
          bookingId,
          messageId: id,
          senderRole,
          sentAt: now.toISOString(),
          startsAt: booking.startsAt.toISOString(),
        },
        dedupeKey: `booking-message-${id}`,
      });
      return created;
    });
    await this.realtime
      .publishMessage(bookingId, { bookingId, messageId: id, senderRole, sentAt: now.toISOString() })
      .catch((err) =>
        this.ctx.log.error({ err }, 'message notice after commit failed; the message is stored'),
      );
    return {
      message: this.view(row, text),
      urgentGuidance: reading.verdict === 'RED_FLAG' ? FREE_TEXT_URGENT_GUIDANCE : null,
    };
  }

  /** The booking's client or its assigned therapist, newest first. */
  async list(
    viewer: Viewer | null,
    bookingId: string,
    args: { first?: number | null; after?: string | null },
  ) {
    await this.participantBooking(requireViewer(viewer), bookingId);
    return this.page(bookingId, args);
  }

  /** Admins, on a report: every message of a booking (each read audited by graphql-kit). */
  async report(
    viewer: Viewer | null,
    bookingId: string,
    args: { first?: number | null; after?: string | null },
  ) {
    requireRole(viewer, 'ADMIN');
    if (!(await this.bookings.find(bookingId))) throw notFound('The booking');
    return this.page(bookingId, args);
  }

  /** Who may follow a booking's messages live: the same participants. */
  async assertParticipant(viewer: Viewer | null, bookingId: string): Promise<void> {
    await this.participantBooking(requireViewer(viewer), bookingId);
  }

  private async page(bookingId: string, args: { first?: number | null; after?: string | null }) {
    const page = pageRequest(args);
    const rows = await this.repo.page(bookingId, page.take, page.after);
    const views = rows.map((r) => this.view(r, this.ctx.cipher.open(r.textSealed, r.id)));
    return toConnection(views, page.size, (m) => [m.sentAt.toISOString(), m.id]);
  }

  private async participantBooking(viewer: Viewer, bookingId: string): Promise<Booking> {
    const booking = await this.bookings.find(bookingId);
    if (!booking) throw notFound('The booking');
    if (viewer.userId !== booking.clientId && viewer.userId !== booking.therapistId) {
      throw forbidden("Only the booking's client and its assigned therapist can message about it.");
    }
    return booking;
  }

  private view(row: BookingMessage, text: string): MessageView {
    return {
      id: row.id,
      bookingId: row.bookingId,
      clientId: row.clientId,
      senderRole: row.senderRole,
      text,
      sentAt: row.createdAt,
    };
  }
}
