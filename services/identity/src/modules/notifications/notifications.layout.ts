/** What a template says, independent of the format it goes out in. */
export interface MessageContent {
  subject: string;
  /** Opening paragraphs, after the greeting. */
  intro: string[];
  /** The facts that matter, as label/value rows ("When", "Tuesday 8 December, 9:00 AM EST"). */
  facts?: [label: string, value: string][];
  /** A titled list (instructions, limits, modifications). */
  lists?: { title: string; items: string[] }[];
  /** Closing paragraphs: what to do next. */
  outro?: string[];
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** One layout for every template: a plain-text part and an HTML part that say the same thing. */
export function layout(content: MessageContent, greeting: string, lang: string): RenderedMessage {
  const facts = content.facts ?? [];
  const lists = (content.lists ?? []).filter((l) => l.items.length > 0);
  const outro = content.outro ?? [];

  const text = [
    greeting,
    '',
    ...content.intro.flatMap((p) => [p, '']),
    ...(facts.length > 0 ? [...facts.map(([k, v]) => `${k}: ${v}`), ''] : []),
    ...lists.flatMap((l) => [l.title, ...l.items.map((i) => `- ${i}`), '']),
    ...outro.flatMap((p) => [p, '']),
  ].join('\n');

  const e = escapeHtml;
  const html = [
    `<!doctype html><html lang="${e(lang)}"><head><meta charset="utf-8"><title>${e(content.subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.5;color:#222">',
    `<p>${e(greeting)}</p>`,
    ...content.intro.map((p) => `<p>${e(p)}</p>`),
    facts.length > 0
      ? `<table role="presentation">${facts
          .map(([k, v]) => `<tr><th align="left" style="padding-right:1em">${e(k)}</th><td>${e(v)}</td></tr>`)
          .join('')}</table>`
      : '',
    ...lists.map(
      (l) =>
        `<p><strong>${e(l.title)}</strong></p><ul>${l.items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`,
    ),
    ...outro.map((p) => `<p>${e(p)}</p>`),
    '</body></html>',
  ].join('\n');

  return { subject: content.subject, text, html };
}
