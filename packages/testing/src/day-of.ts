import { type DayOfAnswers, emptyDayOfAnswers } from '@mm/safety';

/** The `RecordDayOfCheckInput` of a check that passes: nothing to report, nothing changed, cap 5 agreed. */
export type DayOfCheckInput = Omit<DayOfAnswers, 'updatedIntake' | 'agreedPressureCap'> & {
  bookingId: string;
  changedSinceIntake: boolean;
  agreedPressureCap: number;
};

/** The one passing day-of check input; a test that varies it spreads its change over this. */
export function passingDayOfCheck(bookingId: string): DayOfCheckInput {
  const { updatedIntake: _, agreedPressureCap: __, ...nothingToReport } = emptyDayOfAnswers();
  return { bookingId, ...nothingToReport, changedSinceIntake: false, agreedPressureCap: 5 };
}
