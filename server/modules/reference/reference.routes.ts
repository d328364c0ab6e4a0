import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DISTRICTS } from '../../../common/districts.js';
import { FIELDS } from '../../../common/taxonomy.js';

const Subfield = z.object({ code: z.string(), zh: z.string(), en: z.string() });
const Field = Subfield.extend({ subfields: z.array(Subfield) });

/** Reference data every page needs: districts and the technology-field taxonomy. Public. */
export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/districts',
    {
      config: { access: { public: true } },
      schema: { tags: ['reference'], summary: 'Qingdao districts and the regions outside it', response: { 200: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })) } },
    },
    async () => DISTRICTS.map((d) => ({ code: d.code, zh: d.zh, en: d.en })),
  );

  app.get(
    '/taxonomy/fields',
    {
      config: { access: { public: true } },
      schema: { tags: ['reference'], summary: 'Technology fields and subfields', response: { 200: z.object({ fields: z.array(Field) }) } },
    },
    async () => ({ fields: [...FIELDS] }),
  );
};
