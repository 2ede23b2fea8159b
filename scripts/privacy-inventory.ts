import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { privacyDeclarations } from '../src/plenum.js';
import { renderInventory } from '../src/privacy/inventory.js';

// `npm run docs:privacy`: regenerate docs/privacy-inventory.md from the declarations.
const file = path.resolve(import.meta.dirname, '../docs/privacy-inventory.md');
writeFileSync(file, renderInventory(privacyDeclarations));
console.log(`Wrote ${path.relative(process.cwd(), file)}`);
