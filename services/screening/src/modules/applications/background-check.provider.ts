import type { BackgroundCheckStatus } from '@mm/db';

/**
 * Background checks (criminal record, identity) go through a provider. The
 * default is manual: submission opens a PENDING check and an admin records
 * the result they obtained elsewhere. An automated provider (Checkr,
 * Certn, …) would return its own reference and report results by webhook;
 * `acceptsManualResults` tells the API whether an admin may type one in.
 */
export interface BackgroundCheckProvider {
  readonly name: string;
  readonly acceptsManualResults: boolean;
  /** Starts a check for a submitted application. */
  initiate(input: {
    applicationId: string;
    therapistId: string;
    legalName: string | null;
  }): Promise<{ status: BackgroundCheckStatus; reference: string | null }>;
}

export class ManualBackgroundCheckProvider implements BackgroundCheckProvider {
  readonly name = 'manual';
  readonly acceptsManualResults = true;

  async initiate(): Promise<{ status: BackgroundCheckStatus; reference: string | null }> {
    return { status: 'PENDING', reference: null };
  }
}
