import { z } from 'zod';
import { type Reason, reasons } from './reasons.ts';

export const reasonSchema = z.enum(Object.keys(reasons) as [Reason, ...Reason[]]);
