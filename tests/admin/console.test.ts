import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, signUp, startStack, TestClock } from '../harness/index.ts';
import {
  clientWithCard,
  emit,
  onboardedTherapist,
  requestBooking,
  toBookingId,
  waitForPayment,
} from '../payments/helpers.ts';
import {
  approveApplication,
  createAdmin,
  fillApplication,
  gqlOk,
  signUpTherapist,
  transition,
  uploadDocument,
  uuidOf,
} from '../screening/support/screening.ts';

// The admin console in Debian's Chromium against the whole stack: the
// gateway serves the freshly built console at /admin, exactly as in
// production. Every clock the services read is the test clock; the
// browser's own clock decides nothing the assertions check.
const root = resolve(import.meta.dirname, '../..');
const artifacts = resolve(import.meta.dirname, 'artifacts');
const clock = new TestClock('2026-11-23T15:00:00.000Z');
const TODAY = '2026-11-23';
const ZONE = 'America/New_York';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
let adminLogin: { email: string; password: string };

const SAVED = "sessionStorage.getItem('mm-admin-session')";
const shot = (name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  const outDir = mkdtempSync(join(tmpdir(), 'mm-admin-console-'));
  const built = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { cwd: join(root, 'apps/admin'), encoding: 'utf8', timeout: 120_000 },
  );
  if (built.status !== 0) throw new Error(`vite build failed: ${built.stderr}${built.stdout}`);

  stack = await startStack({
    now: clock.now,
    workers: true,
    env: { ADMIN_CONSOLE_DIR: outDir, DOCUMENT_STORAGE_DIR: mkdtempSync(join(tmpdir(), 'mm-admin-docs-')) },
  });
  base = await stack.gateway.listen({ host: '127.0.0.1', port: 0 });

  // Admins come from an operator command; here: an account promoted in the database.
  const admin = await signUp(stack, 'CLIENT', { fullName: 'Ada Admin' });
  await stack.prisma.user.update({ where: { id: uuidOf(admin.id) }, data: { role: 'ADMIN' } });
  adminLogin = { email: admin.email, password: admin.password };

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    timezoneId: ZONE,
    locale: 'en-US',
  });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.close();
});

async function signIn(email: string, password: string) {
  await page.goto(`${base}/admin/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Clicks a decision button inside `scope`, types the reason and confirms. */
async function decide(scope: ReturnType<Page['locator']>, label: string, reason: string) {
  await scope.getByRole('button', { name: label, exact: true }).click();
  await scope.getByLabel(new RegExp(`^Reason for “${label}”`)).fill(reason);
  await scope.getByRole('button', { name: `Confirm ${label.toLowerCase()}` }).click();
}

describe('the admin console', () => {
  it('refuses a non-admin clearly, and signs them out', async () => {
    const therapist = await signUp(stack, 'THERAPIST');
    await signIn(therapist.email, therapist.password);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('This console is for admins only');
    await shot('01-sign-in-refused');
    expect(await page.evaluate(SAVED)).toBeNull();
  });

  it('vets a new therapist: claim, open a document, reject one item, approve the rest; the therapist becomes bookable', async () => {
    const therapist = await signUpTherapist(stack);
    await fillApplication(stack, therapist, { credentials: [{ kind: 'CRANIOSACRAL_TRAINING' }] });
    expect((await transition(stack, therapist, therapist.applicationId, 'SUBMIT')).errors).toBeUndefined();

    await signIn(adminLogin.email, adminLogin.password);
    await page.getByRole('heading', { name: 'Vetting queue' }).waitFor();
    const claim = page.getByRole('button', { name: 'Claim Maria Gonzalez' });
    await claim.waitFor();
    await shot('02-vetting-queue');
    await claim.click();

    await page.getByRole('heading', { name: /Maria Gonzalez/ }).waitFor();
    await page.getByText('IN REVIEW', { exact: true }).first().waitFor();

    // The license opens inline through a short-lived signed link (no header).
    const license = page.getByRole('listitem', { name: /^License LMT/ });
    const [pdf] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/documents/signed/')),
      license.getByRole('button', { name: /^Open document/ }).click(),
    ]);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    // Chromium hands the PDF to its viewer; the same link fetched again gives the bytes.
    const bytes = await page.request.get(pdf.url());
    expect((await bytes.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await shot('03-application-document');

    await decide(
      page.getByRole('listitem', { name: /^Credential craniosacral/ }),
      'Reject',
      'Certificate issuer could not be confirmed',
    );
    await page
      .getByRole('listitem', { name: /^Credential craniosacral/ })
      .getByText('REJECTED', { exact: true })
      .waitFor();
    await decide(license, 'Verify', 'Checked with the NY board');
    await license.getByText('VERIFIED', { exact: true }).waitFor();
    const insurance = page.getByRole('listitem', { name: /^Insurance HPSO/ });
    await decide(insurance, 'Verify', 'Policy confirmed with the carrier');
    await insurance.getByText('VERIFIED', { exact: true }).waitFor();

    const check = page.getByRole('form', { name: 'Record background check' });
    await check.getByLabel('Reference').fill('BG-77');
    await check.getByLabel('Reason (required)').fill('County and federal search clear');
    await check.getByRole('button', { name: 'Record background check' }).click();
    await page.getByText('via manual, reference BG-77').waitFor();

    await decide(
      page.locator('section', { hasText: 'Review' }).first(),
      'Approve application',
      'All documents verified',
    );
    await page
      .getByRole('heading', { name: /Maria Gonzalez/ })
      .getByText('APPROVED', { exact: true })
      .waitFor();

    const bookable = page.getByRole('form', { name: 'Bookable check' });
    await bookable.getByLabel('Session date').fill(TODAY);
    await bookable.getByLabel('Modality').selectOption('SWEDISH');
    await bookable.getByRole('button', { name: 'Check bookable' }).click();
    await bookable.getByText('Bookable', { exact: true }).waitFor();
    await page.getByRole('cell', { name: 'application.approve' }).waitFor();
    await shot('04-application-approved');

    const row = await stack.prisma.therapistApplication.findUniqueOrThrow({
      where: { id: uuidOf(therapist.applicationId) },
      include: { credentials: true, licenses: true },
    });
    expect(row.status).toBe('APPROVED');
    expect(row.credentials.map((c) => [c.status, c.reviewReason])).toEqual([
      ['REJECTED', 'Certificate issuer could not be confirmed'],
    ]);
    expect(row.licenses.map((l) => l.status)).toEqual(['VERIFIED']);
    const opened = await stack.prisma.auditEntry.count({
      where: { action: 'document.viewed', entityId: row.id },
    });
    // The browser's open and the test's second fetch of the same link.
    expect(opened).toBe(2);
  });

  it('keeps working when the access token has expired: parallel requests share one refresh', async () => {
    const before = JSON.parse((await page.evaluate<string | null>(SAVED)) ?? 'null');
    // An access token the gateway refuses, as an expired one is, with the real refresh token.
    const stale = JSON.stringify({ ...before, accessToken: 'expired.token.value' });
    await page.evaluate(`sessionStorage.setItem('mm-admin-session', ${JSON.stringify(stale)})`);
    await page.reload(); // the application page loads two queries at once
    await page.getByRole('heading', { name: /Maria Gonzalez/ }).waitFor();
    await page.getByRole('cell', { name: 'application.approve' }).waitFor();
    const after = JSON.parse((await page.evaluate<string | null>(SAVED)) ?? 'null');
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken).not.toBe('expired.token.value');
    // Had two requests each spent the old refresh token, rotation would have
    // ended every session of this sign-in: the next page would ask to sign in.
    await page.goto(`${base}/admin/?status=APPROVED`);
    await page.getByRole('link', { name: 'Maria Gonzalez' }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(0);
  });

  it('reviews the credential types a client sees on a profile, each with its expiry, also after approval', async () => {
    const therapist = await signUpTherapist(stack);
    await fillApplication(stack, therapist, {
      credentials: [
        { kind: 'BOARD_CERTIFICATION', issuer: 'NCBTMB' },
        { kind: 'PROFESSIONAL_MEMBERSHIP', issuer: 'AMTA', expiresOn: '2027-06-30' },
        { kind: 'MIGRAINE_TRAINING', issuer: 'Headache Care Institute', expiresOn: '2026-12-31' },
      ],
    });
    await gqlOk(
      stack,
      `mutation($input: UpdateTherapistApplicationInput!) { updateTherapistApplication(input: $input) { application { id } } }`,
      { input: { legalName: 'Lena Park' } },
      therapist,
    );
    expect((await transition(stack, therapist, therapist.applicationId, 'SUBMIT')).errors).toBeUndefined();

    await page.goto(`${base}/admin/`);
    await page.getByRole('button', { name: 'Claim Lena Park' }).click();
    await page.getByRole('heading', { name: /Lena Park/ }).waitFor();
    const board = page.getByRole('listitem', { name: 'Credential board certification' });
    const membership = page.getByRole('listitem', { name: 'Credential professional membership' });
    const training = page.getByRole('listitem', { name: 'Credential migraine or headache training' });
    await board.getByText('Issuer NCBTMB · Does not expire').waitFor();
    await membership.getByText('Issuer AMTA · Expires 2027-06-30').waitFor();
    await training.getByText('Issuer Headache Care Institute · Expires 2026-12-31').waitFor();
    await shot('04b-credential-review');

    await decide(membership, 'Verify', 'Membership confirmed in the AMTA directory');
    await membership.getByText('VERIFIED', { exact: true }).waitFor();
    await decide(training, 'Reject', 'Certificate does not name the course hours');
    await training.getByText('REJECTED', { exact: true }).waitFor();
    await training.getByText(/^Decision: Certificate does not name the course hours/).waitFor();
    await decide(board, 'Verify', 'Checked with NCBTMB');
    await board.getByText('VERIFIED', { exact: true }).waitFor();
    const reviewed = await stack.prisma.credential.findMany({
      where: { applicationId: uuidOf(therapist.applicationId) },
      orderBy: { kind: 'asc' },
    });
    expect(reviewed.map((c) => [c.kind, c.status, c.expiresOn?.toISOString().slice(0, 10) ?? null])).toEqual([
      ['BOARD_CERTIFICATION', 'VERIFIED', null],
      ['MIGRAINE_TRAINING', 'REJECTED', '2026-12-31'],
      ['PROFESSIONAL_MEMBERSHIP', 'VERIFIED', '2027-06-30'],
    ]);

    // Approved therapist adds a training later: it waits on the live application for one admin decision.
    const live = await signUpTherapist(stack);
    await approveApplication(stack, live, await createAdmin(stack), await fillApplication(stack, live));
    await gqlOk(
      stack,
      `mutation($input: AddCredentialInput!) { addCredential(input: $input) { credential { id } } }`,
      {
        input: {
          kind: 'MIGRAINE_TRAINING',
          issuer: 'Headache Care Institute',
          expiresOn: '2027-11-30',
          documentId: await uploadDocument(stack, live, 'CREDENTIAL'),
        },
      },
      live,
    );
    await page.goto(`${base}/admin/applications/${live.applicationId}`);
    const added = page.getByRole('listitem', { name: 'Credential migraine or headache training' });
    await added.getByText('Issuer Headache Care Institute · Expires 2027-11-30').waitFor();
    await added.getByText('PENDING', { exact: true }).waitFor();
    await decide(added, 'Verify', 'Course certificate checked with the institute');
    await added.getByText('VERIFIED', { exact: true }).waitFor();
    await page.getByRole('cell', { name: 'credential.verified' }).first().waitFor();
    await shot('04c-credential-after-approval');
    const app = await stack.prisma.therapistApplication.findUniqueOrThrow({
      where: { id: uuidOf(live.applicationId) },
      include: { credentials: true },
    });
    expect(app.status).toBe('APPROVED');
    expect(app.credentials.map((c) => [c.status, c.reviewReason])).toEqual([
      ['VERIFIED', 'Course certificate checked with the institute'],
    ]);
  });

  it('resolves an over-pressure incident with notes', async () => {
    // The row the booking service writes when a client reports pressure above the cap.
    const incidentId = randomUUID();
    await stack.prisma.overPressureIncident.create({
      data: {
        id: incidentId,
        bookingId: randomUUID(),
        reportId: randomUUID(),
        clientId: randomUUID(),
        therapistId: randomUUID(),
        agreedCap: 4,
        reportedMax: 8,
        createdAt: clock.now(),
      },
    });
    await page.goto(`${base}/admin/safety`);
    const incident = page.getByRole('listitem', {
      name: `Incident ${Buffer.from(`OverPressureIncident:${incidentId}`).toString('base64url')}`,
    });
    await page.getByRole('heading', { name: 'Trust and safety' }).waitFor();
    await shot('05-trust-and-safety');
    await incident.waitFor();
    await incident.getByRole('button', { name: 'Assign to me' }).click();
    await incident.getByText(/^Assigned to you since/).waitFor();
    await incident.getByLabel('Note').fill('Left a voicemail for the client');
    await incident.getByRole('button', { name: 'Add note' }).click();
    await incident.getByText(/you: Left a voicemail for the client$/).waitFor();
    await incident.getByRole('button', { name: 'Resolve incident' }).click();
    await incident
      .getByLabel(/^Resolution notes/)
      .fill('Called the client; therapist coached on pressure scale');
    await incident.getByRole('button', { name: 'Confirm resolve incident' }).click();
    await eventually(
      async () =>
        (await stack.prisma.overPressureIncident.findUnique({ where: { id: incidentId } }))?.status ===
        'RESOLVED',
      'the incident resolved',
    );
    const resolved = await stack.prisma.overPressureIncident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(resolved.resolution).toBe('Called the client; therapist coached on pressure scale');
    const work = await stack.prisma.safetyCaseEntry.findMany({
      where: { subjectId: incidentId },
      orderBy: { createdAt: 'asc' },
    });
    expect(work.map((w) => [w.kind, w.body])).toEqual([
      ['ASSIGN', null],
      ['NOTE', 'Left a voicemail for the client'],
    ]);
  });

  it('refunds part of a captured payment, never above what was charged', async () => {
    const client = await clientWithCard(stack);
    const therapist = await onboardedTherapist(stack);
    const bookingId = await requestBooking(stack, client, {
      now: clock.now(),
      subtotal: 12_000,
      platformFee: 3_000,
    });
    await waitForPayment(stack, client.accessToken, bookingId, (p) => p.status === 'HELD', 'the hold');
    const startsAt = new Date(clock.now().getTime() + 48 * 3_600_000).toISOString();
    await emit(stack, 'booking.confirmed', {
      bookingId,
      clientId: client.uuid,
      therapistId: therapist.uuid,
      kind: 'SESSION',
      startsAt,
    });
    await emit(stack, 'booking.completed', {
      bookingId,
      clientId: client.uuid,
      therapistId: therapist.uuid,
      kind: 'SESSION',
      startsAt,
      completedAt: clock.now().toISOString(),
      durationMinutes: 60,
      selfCareCap: 3,
    });
    await waitForPayment(stack, client.accessToken, bookingId, (p) => p.status === 'CAPTURED', 'the capture');

    await page.goto(`${base}/admin/bookings`);
    await page.getByLabel('Booking ID').fill(toBookingId(bookingId));
    await page.getByRole('button', { name: 'Find booking' }).click();
    const refund = page.getByRole('form', { name: 'Refund' });
    await refund.waitFor();
    await refund.getByLabel(/^Amount/).fill('120.01');
    await refund.getByLabel('Reason').fill('Session ended early');
    await refund.getByRole('button', { name: 'Refund' }).click();
    await refund.getByText('At most 120.00 can be refunded.').waitFor();
    await refund.getByLabel(/^Amount/).fill('25.00');
    await refund.getByRole('button', { name: 'Refund' }).click();
    await expect.poll(() => page.getByTestId('refunded').textContent()).toBe('$25.00');
    await shot('06-bookings-and-money');

    const refunds = await stack.prisma.refund.findMany({ where: { bookingId } });
    expect(refunds.map((r) => r.amount)).toEqual([2_500]);
  });

  it('expiry watch and the queue on a tablet, with visible keyboard focus', async () => {
    await page.goto(`${base}/admin/expiry`);
    await page.getByRole('heading', { name: 'Expiry watch' }).waitFor();
    await page.getByRole('button', { name: '7 days' }).click();
    await page
      .getByText(/within 7 days/)
      .first()
      .waitFor();
    await shot('07-expiry-watch');

    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${base}/admin/?status=APPROVED`);
    await page.getByRole('link', { name: 'Maria Gonzalez' }).first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).toBe('solid');
    await shot('08-queue-tablet');
  });
});
