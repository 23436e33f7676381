#!/usr/bin/env node
// `npx selaras …`: the command line (check, import, export, users). Runs the
// TypeScript sources through tsx so there is no separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');
