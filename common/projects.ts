/** The projects module's closed vocabularies, shared by server and web (no zod here: the web bundle imports these values). */

export const PROJECT_STATUSES = ['active', 'accepted', 'allocated'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const COST_CATEGORIES = ['equipment', 'materials', 'testing', 'fuel_power', 'travel_meeting', 'publication', 'labour', 'consultancy', 'outsourcing', 'other'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];
export const ALLOCATION_FORMS = ['cash', 'cash_and_technology'] as const;
export type AllocationForm = (typeof ALLOCATION_FORMS)[number];
export const ALLOCATION_TAKES = ['cash', 'shares'] as const;
export type AllocationTakes = (typeof ALLOCATION_TAKES)[number];
