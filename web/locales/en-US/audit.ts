import type zh from '../zh-CN/audit';

const audit: typeof zh = {
  title: 'Audit log',
  intro: 'Every change made on the platform, administrators’ changes included, with the content before and after.',
  entityFilter: 'Entity',
  entityPlaceholder: 'All entities, or a type such as organisation',
  fields: {
    at: 'Time',
    actor: 'By',
    action: 'Action',
    entity: 'Entity',
    entityId: 'Entity id',
  },
  diff: {
    field: 'Field',
    before: 'Before',
    after: 'After',
    noChanges: 'No field changed',
    absent: '(none)',
  },
  system: 'System',
};

export default audit;
