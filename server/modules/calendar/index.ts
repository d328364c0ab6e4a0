/** The calendar module's surface: what other modules may use. Everything else is private to it. */
export { loadCalendar } from './calendar.service.js';
