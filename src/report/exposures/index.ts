/** The kinds of position, by the name a positions row gives (`spot` when it gives none). */
import type { PositionKind } from '../exposure';
import { spot } from './spot';

const KINDS: readonly PositionKind[] = [spot];

/** The kind of this name. @throws RangeError for a name the positions parser would not accept */
export function positionKind(name: string): PositionKind {
  const kind = KINDS.find((k) => k.name === name);
  if (kind === undefined) throw new RangeError(`unknown position kind ${name}`);
  return kind;
}
