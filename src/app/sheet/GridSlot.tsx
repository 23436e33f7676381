// The one place the page chooses its grid component.
import type { JSX } from 'solid-js';
import type { GridProps } from '../grid';
import { PlaceholderGrid } from './PlaceholderGrid';

export function GridSlot(props: GridProps): JSX.Element {
  return <PlaceholderGrid {...props} />;
}
