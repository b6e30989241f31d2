// `npm run bench` entry: loads tsx so the harness (and the Cograde packages it seeds with) run as TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./src/run.ts');
