#!/usr/bin/env node
// Runs the TypeScript CLI directly (Node 20 cannot strip types itself).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../server/main.ts');
runCli();
