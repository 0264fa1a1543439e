import type { Transporter } from 'nodemailer';

export interface OutgoingMessage {
  /** The notification's id: the same message re-sent after a crash carries the same id. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Where notifications go out; pluggable so SMS or push can be added beside email. */
export interface NotificationTransport {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
}

/** The default: writes a line per message (recipient and subject only, never the body). */
export class LogTransport implements NotificationTransport {
  readonly name = 'log';
  constructor(private readonly log: { info: (obj: object, msg: string) => void }) {}

  async send(message: OutgoingMessage): Promise<void> {
    this.log.info({ to: message.to, subject: message.subject }, 'notification delivered (log transport)');
  }
}

/** Email through any SMTP server, e.g. the mail catcher from docker-compose. */
export class SmtpTransport implements NotificationTransport {
  readonly name = 'smtp';
  // nodemailer loads on the first message: it costs a restart time otherwise.
  private mailer: Promise<Transporter> | undefined;

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
  ) {}

  private transport(): Promise<Transporter> {
    this.mailer ??= import('nodemailer').then((m) => m.default.createTransport(this.smtpUrl));
    return this.mailer;
  }

  async send(message: OutgoingMessage): Promise<void> {
    await (await this.transport()).sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      // A re-send after a crash keeps its Message-ID, so mail clients can fold duplicates.
      messageId: `<${message.id}@notifications.migraine-massage.local>`,
    });
  }
}
