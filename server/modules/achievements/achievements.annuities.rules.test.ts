import { describe, expect, it } from 'vitest';
import { officialWorkdayCalendar } from '../../../common/calendar.js';
import { annuityRemindersDue } from './achievements.annuities.js';

describe('annuity reminders (pure)', () => {
  it('reminds at the tightest threshold reached, counting to the working day the due date rolls to', () => {
    const due = annuityRemindersDue(
      [
        { filingId: 'national-day', nextAnnuityDue: '2026-10-01' }, // holiday: payable 2026-10-08
        { filingId: 'far', nextAnnuityDue: '2026-12-31' },
        { filingId: 'near', nextAnnuityDue: '2026-08-25' },
        { filingId: 'past', nextAnnuityDue: '2026-08-01' },
      ],
      '2026-08-20',
      officialWorkdayCalendar,
    );
    expect(due).toEqual([
      { filingId: 'national-day', dueOn: '2026-10-01', payableBy: '2026-10-08', daysLeft: 49, threshold: 60 },
      { filingId: 'near', dueOn: '2026-08-25', payableBy: '2026-08-25', daysLeft: 5, threshold: 15 },
    ]);
  });
});
