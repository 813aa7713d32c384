/** The kinds of position, by the name a positions row gives (`spot` when it gives none). */
import type { Position } from '../../input/types';
import type { Exposure, ExposureTerms, PositionKind, PriceAt } from '../exposure';
import { spot } from './spot';
import { v2 } from './v2';
import { v3 } from './v3';

/** Each kind's module, by its name: a new kind is one module and one line here. */
const KINDS: { readonly [K in Position['kind']]: PositionKind<Extract<Position, { kind: K }>> } = {
  spot,
  v2,
  v3,
};

/** The kind of this name. @throws RangeError for a name the positions parser would not accept */
export function positionKind(name: string): PositionKind {
  if (!Object.hasOwn(KINDS, name)) throw new RangeError(`unknown position kind ${name}`);
  // The row's kind selects the module, so the module receives rows of its own kind only.
  return KINDS[name as Position['kind']] as PositionKind;
}

/** Position `p` at the valuation date: its kind's resolve. */
export function resolveExposure(p: Position, priceAt: PriceAt, terms: ExposureTerms): Exposure {
  return positionKind(p.kind).resolve(p, priceAt, terms);
}
