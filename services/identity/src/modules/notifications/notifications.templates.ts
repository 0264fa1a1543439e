import type { OutgoingMessage } from './notifications.transports.ts';

type Render = (payload: Record<string, unknown>, name: string) => Omit<OutgoingMessage, 'to'>;

const TEMPLATES: Record<string, Render> = {
  'welcome-client': (_p, name) => ({
    subject: 'Welcome to Migraine Massage',
    text: `Hi ${name},\n\nBefore your first booking we will ask a few questions about your headaches. They keep every session safe for you.\n`,
  }),
  'welcome-therapist': (_p, name) => ({
    subject: 'Welcome: your therapist application',
    text: `Hi ${name},\n\nComplete your application (license, insurance, credentials, service area) and submit it for review.\n`,
  }),
};

/**
 * Services enqueue a template name and a payload. Known templates render
 * here; any other payload is expected to carry its own plain-words
 * `subject` and `text`.
 */
export function renderNotification(
  template: string,
  payload: Record<string, unknown>,
  name: string,
): Omit<OutgoingMessage, 'to'> {
  const known = TEMPLATES[template];
  if (known) return known(payload, name);
  const subject = typeof payload.subject === 'string' ? payload.subject : template.replaceAll('-', ' ');
  const text = typeof payload.text === 'string' ? payload.text : subject;
  return { subject, text };
}
