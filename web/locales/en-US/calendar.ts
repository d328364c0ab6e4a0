import type zh from '../zh-CN/calendar';

const calendar: typeof zh = {
  title: 'Working calendar',
  intro:
    'Due dates that fall on a non-working day roll to the next working day. The built-in calendar holds the public holidays and make-up working days published by the State Council; here you add or correct whether a given day is a working day.',
  add: 'New override',
  edit: 'Edit override',
  fields: {
    day: 'Day',
    isWorkday: 'Working day?',
    name: 'Note',
  },
  placeholders: {
    name: 'e.g. National Day, or National Day make-up working day',
  },
  validation: {
    dayRequired: 'Choose a day',
    nameRequired: 'Enter a note',
  },
  workday: 'Working day',
  holiday: 'Day off',
  deleteConfirm: 'Delete the override for {day}? The built-in calendar applies again.',
  saved: 'Override for {day} saved',
  deleted: 'Override for {day} deleted',
  knownYears: 'Years covered by the built-in calendar: {years}',
  nextYearMissing: 'The built-in calendar has no holidays for {year} yet. Once the State Council publishes them, enter the {year} holidays and make-up days here, or upgrade the calendar data.',
};

export default calendar;
