#!/usr/bin/env node
// The `kiemphieu` command: src/cli.ts, run through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
