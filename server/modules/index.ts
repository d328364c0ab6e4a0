import type { FastifyPluginAsync } from 'fastify';
import { authRoutes } from './auth/auth.routes.js';
import { homeRoutes } from './home/home.routes.js';
import { orgsRoutes } from './orgs/orgs.routes.js';
import { referenceRoutes } from './reference/reference.routes.js';
import { usersRoutes } from './users/users.routes.js';

/** Every module's routes, mounted under /api/v1. */
export const apiModules = [authRoutes, orgsRoutes, usersRoutes, referenceRoutes, homeRoutes] as FastifyPluginAsync[];
