import {
  type DocumentExpiry,
  type HomeworkAlert,
  NOTIFICATION_TEMPLATES,
  type NotificationTemplate,
  type NotificationTemplates,
  type QuestionnaireDue,
} from '@mm/queue';
import { Formatter, type Recipient } from './notifications.format.ts';
import { layout, type MessageContent, type RenderedMessage } from './notifications.layout.ts';

type Render<P> = (p: P, f: Formatter) => MessageContent;

const painCapLine = (cap: number | null): string | null => {
  if (cap === null) return null;
  if (cap === 0) return 'This one must be pain-free: stop if it hurts at all.';
  return `Keep discomfort at or below ${cap} out of 10 (0 is none, 10 the worst you can imagine). Ease off if it goes higher.`;
};

const ALERT_REASON: Record<HomeworkAlert['reason'], string> = {
  RED_FLAG_SYMPTOM: 'reported a warning sign that needs urgent medical review',
  PAIN_ABOVE_CAP: 'reported more discomfort than their plan allows',
  STOP_CONDITION: 'reported a reason this exercise says to stop',
  DONE_DURING_ATTACK: 'did this exercise during a migraine attack, which the plan advises against',
  SYMPTOM_REPORTED: 'reported a symptom worth a check-in',
  FREE_TEXT_REVIEW: 'wrote something in their log that needs your reading',
};

const homeworkAlert =
  (urgent: boolean): Render<HomeworkAlert> =>
  (p, f) => ({
    subject: urgent
      ? `Urgent: a client's homework log needs your review (${p.title})`
      : `A client's homework log: please check in (${p.title})`,
    intro: [
      `One of your clients ${ALERT_REASON[p.reason]} after "${p.title}".`,
      urgent
        ? 'Please review the log in the app as soon as you can. Their homework plan may have been paused.'
        : 'Please review the log in the app and check in with them before their next session.',
    ],
    facts: [
      ['Exercise', p.title],
      ['Logged', f.dateTime(p.loggedAt)],
      ['Priority', urgent ? 'Urgent' : 'Routine'],
    ],
    outro: ['For privacy this email names no client and no symptom; the details are in the app.'],
  });

const QUESTIONNAIRE = {
  HIT6: {
    name: 'HIT-6',
    what: 'six questions on how headaches affected your life in the past 4 weeks',
    minutes: 2,
    every: 'every 4 weeks',
  },
  MIDAS: {
    name: 'MIDAS',
    what: 'five questions on the days headaches cost you at work, at home and socially in the past 3 months',
    minutes: 5,
    every: 'every 12 weeks',
  },
} as const;

const questionnaireDue: Render<QuestionnaireDue> = (p, f) => {
  const q = QUESTIONNAIRE[p.kind];
  return {
    subject: `Your ${q.name} check-in is due (about ${q.minutes} minutes)`,
    intro: [
      `It is time for your ${q.name} questionnaire: ${q.what}. It takes about ${q.minutes} minutes.`,
      'Your answers show you and your therapist whether your sessions and homework are helping.',
    ],
    facts: [
      ['Questionnaire', q.name],
      ['How long', `About ${q.minutes} minutes`],
      ['How often', q.every],
      ['Last answered', p.lastTakenAt ? f.dateTime(p.lastTakenAt) : 'Never: this is your first one'],
    ],
    outro: ['Open the app and choose "Outcomes" to answer.'],
  };
};

const expiryWhen = (p: DocumentExpiry, f: Formatter) =>
  `${f.date(p.expiresOn)} (${p.daysLeft === 0 ? 'today' : f.days(p.daysLeft)})`;

const TEMPLATES: { [T in NotificationTemplate]: Render<NotificationTemplates[T]> } = {
  'welcome-client': () => ({
    subject: 'Welcome to Migraine Massage',
    intro: [
      'Before your first booking we will ask a few questions about your headaches. They keep every session safe for you.',
    ],
    outro: ['Add a card and your home address, then book a therapist when you are ready.'],
  }),

  'welcome-therapist': () => ({
    subject: 'Welcome: your therapist application',
    intro: [
      'Complete your application (license, insurance, credentials, service area) and submit it for review.',
    ],
    outro: ['We review every application by hand; you will hear from us when the review is done.'],
  }),

  'sign-in-locked': (p, f) => ({
    subject: 'Sign-in to your account was paused',
    intro: [
      `Someone entered a wrong password for your account ${p.failedAttempts} times in a row, so signing in is paused for a while.`,
      'If this was you, wait until the time below and try again.',
    ],
    facts: [['Signing in works again', f.dateTime(p.lockedUntil)]],
    outro: [
      'If it was not you, your password kept your account safe. Consider changing it to a new, unique one after you sign in.',
    ],
  }),

  'homework-reminder': (p, f) => ({
    subject: `Homework reminder: ${p.title} at ${f.time(p.fireAt)}`,
    intro: [`It is time for "${p.title}", from the home care plan your therapist wrote for you.`],
    facts: [
      ['Exercise', p.title],
      ['When', f.dateTime(p.fireAt)],
      ...(p.dose.length > 0 ? [['How long', p.dose.join(' ')] as [string, string]] : []),
      ...(p.painCap !== null ? ([['Pain cap', painCapLine(p.painCap) ?? '']] as [string, string][]) : []),
    ],
    lists: [
      { title: 'How to do it', items: [p.instructions] },
      { title: 'Limits', items: p.limits },
    ],
    outro: ['When you are done, log it in the app: whether you did it and the most discomfort you felt.'],
  }),

  'homework-red-flag': homeworkAlert(true),
  'homework-check-in': homeworkAlert(false),
  'questionnaire-hit6-due': questionnaireDue,
  'questionnaire-midas-due': questionnaireDue,

  'license-expiry-reminder': (p, f) => ({
    subject: `Your ${p.jurisdiction} license expires ${p.daysLeft === 0 ? 'today' : f.days(p.daysLeft)}`,
    intro: [
      `Your ${p.licenseType} license ${p.licenseNumber} in ${p.jurisdiction} expires on ${expiryWhen(p, f)}.`,
      'Upload the renewed license in the app before then. Without a valid license you receive no job offers in that jurisdiction, and with no valid license left your account is suspended until one is verified.',
    ],
    facts: [
      ['Document', `${p.licenseType} license ${p.licenseNumber}`],
      ['Jurisdiction', p.jurisdiction],
      ['Expires', expiryWhen(p, f)],
    ],
  }),

  'insurance-expiry-reminder': (p, f) => ({
    subject: `Your liability insurance expires ${p.daysLeft === 0 ? 'today' : f.days(p.daysLeft)}`,
    intro: [
      `Your liability insurance with ${p.carrier} (policy ${p.policyNumber}) expires on ${expiryWhen(p, f)}.`,
      'Upload the renewed policy in the app before then; without valid insurance your account is suspended until a new policy is verified.',
    ],
    facts: [
      ['Document', `${p.carrier} policy ${p.policyNumber}`],
      ['Expires', expiryWhen(p, f)],
    ],
  }),

  // profiles (issue 18)
  'credential-expiry-reminder': (p, f) => {
    const what = `${p.credentialKind.toLowerCase().replaceAll('_', ' ')}${p.issuer ? ` (${p.issuer})` : ''}`;
    return {
      subject: `Your ${what} expires ${p.daysLeft === 0 ? 'today' : f.days(p.daysLeft)}`,
      intro: [
        `Your ${what} expires on ${expiryWhen(p, f)}.`,
        'Upload the renewal in the app before then; after that day your profile no longer shows it as verified.',
      ],
      facts: [
        ['Credential', what],
        ['Expires', expiryWhen(p, f)],
      ],
    };
  },

  'payment-hold-failed': (p, f) => ({
    subject: `We could not hold the payment for your ${f.dateTime(p.startsAt)} booking`,
    intro: [
      `We tried to place a hold of ${f.money(p.amount)} on your card for your session on ${f.dateTime(p.startsAt)}, and it did not go through.`,
      p.reason,
      'No therapist has been sent to you and nothing was charged. Update your card in the app, then book again.',
    ],
    facts: [
      ['Session', f.dateTime(p.startsAt)],
      ['Amount', f.money(p.amount)],
    ],
  }),

  'payment-charge-failed': (p, f) => ({
    subject: `We could not charge your card for your ${f.dateTime(p.startsAt)} booking`,
    intro: [
      `We tried to charge ${f.money(p.amount)} to your card for your session on ${f.dateTime(p.startsAt)}, and it did not go through.`,
      p.reason,
      'Our support team has been told and will contact you; you do not need to pay twice.',
    ],
    facts: [
      ['Session', f.dateTime(p.startsAt)],
      ['Amount', f.money(p.amount)],
    ],
  }),

  'job-offer': (p, f) => {
    const tz = new Formatter({ timeZone: p.timeZone, locale: f.locale });
    return {
      subject: `Job offer: ${f.duration(p.durationMinutes)} in ${p.area}, ${tz.dateTime(p.startsAt)}`,
      intro: [
        `A client near ${p.area} asks for a ${f.duration(p.durationMinutes)} session. Accept it in the app before ${f.dateTime(p.expiresAt)}; the first therapist to accept gets it.`,
      ],
      facts: [
        [
          'Where',
          p.distanceKm === null ? p.area : `${p.area} (about ${Math.round(p.distanceKm)} km from you)`,
        ],
        ['When', tz.dateTime(p.startsAt)],
        ['How long', f.duration(p.durationMinutes)],
        ['Offer open until', f.dateTime(p.expiresAt)],
      ],
      lists: [
        {
          title: 'Modifications from the safety screening',
          items: p.modifications.length > 0 ? p.modifications : ['None: a standard session.'],
        },
      ],
      outro: ['The exact address is shown once you accept.'],
    };
  },

  // choose (issue 18)
  'direct-request-unanswered': (p, f) => ({
    subject: `Your chosen therapist cannot take your ${f.dateTime(p.startsAt)} session`,
    intro: [
      p.reason === 'DECLINED'
        ? 'The therapist you asked for declined this session.'
        : p.reason === 'EXPIRED'
          ? 'The therapist you asked for did not answer in time.'
          : 'The therapist you asked for is not available for this session.',
      `Choose in the app before ${f.dateTime(p.chooseBy)}: wait for them, ask another therapist, or let us find one for you.`,
    ],
    facts: [
      ['Session', f.dateTime(p.startsAt)],
      ['Choose by', f.dateTime(p.chooseBy)],
    ],
    outro: ['If you do not choose, the request ends and nothing is charged.'],
  }),

  'booking-message': (p, f) => ({
    subject: `New message about your ${f.dateTime(p.startsAt)} session`,
    intro: [
      `Your ${p.senderRole === 'CLIENT' ? 'client' : 'therapist'} sent you a message about the session on ${f.dateTime(p.startsAt)}.`,
      'Read and answer it in the app.',
    ],
    facts: [
      ['Session', f.dateTime(p.startsAt)],
      ['Sent', f.dateTime(p.sentAt)],
    ],
    outro: ['For privacy this email does not include the message.'],
  }),
};

export class UnknownTemplateError extends Error {
  constructor(template: string) {
    super(`no notification template named "${template}"`);
  }
}

export const isTemplate = (t: string): t is NotificationTemplate =>
  (NOTIFICATION_TEMPLATES as readonly string[]).includes(t);

/** Renders a stored notification for its recipient: subject, plain text and HTML. */
export function renderNotification(
  template: string,
  payload: unknown,
  recipient: Recipient,
): RenderedMessage {
  if (!isTemplate(template)) throw new UnknownTemplateError(template);
  const f = new Formatter(recipient);
  const render = TEMPLATES[template] as Render<unknown>;
  return layout(render(payload, f), `Hi ${recipient.name},`, f.language);
}
